# The two commands of the README: `make run` and `make test`. Everything else here serves them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
PORT ?= 8000

.PHONY: run test test-faults install browser lint format clean bench

run: $(INSTALLED)
	PORT=$(PORT) $(BIN)/python scripts/devstack.py run

# Extra pytest arguments: make test ARGS="-k contact -x"
test: $(INSTALLED) browser
	$(BIN)/python scripts/devstack.py test $(ARGS)

# Failure drills (tests/faults/): Redis stopped and hung, Celery workers killed mid-sweep,
# PostgreSQL restarted, a failing mail server; and a wapiti scan of the running app.
test-faults: $(INSTALLED)
	$(BIN)/python scripts/devstack.py pytest -p no:cacheprovider -m faults tests/faults $(ARGS)

install: $(INSTALLED)

$(INSTALLED): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "healthcareers needs Python 3.11 or newer (found " + sys.version.split()[0] + ")")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==0.13.9"
	$(BIN)/uv pip sync --quiet --python $(BIN)/python requirements.lock
	touch $(INSTALLED)

# Browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
browser:
	@bash scripts/ensure-chromium.sh

# The benchmark (bench/run.py): its own database under var/bench/, reused while unchanged.
# make bench SCALE=100000 for a smaller one.
SCALE ?= 1000000
bench: $(INSTALLED)
	SCALE=$(SCALE) $(BIN)/python -m bench.run

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerate the lock files after changing dependencies in pyproject.toml (dev+prod, prod only).
lock: $(INSTALLED)
	$(BIN)/uv pip compile --quiet pyproject.toml --extra dev --python-version 3.11 -o requirements.lock
	$(BIN)/uv pip compile --quiet pyproject.toml --python-version 3.11 -o requirements-prod.lock

clean:
	rm -rf $(VENV) var
