"""Fixtures of the fault tests (`make test-faults`): real Redis, gunicorn and Celery worker
processes around the test database, each started here and stopped by its own pid."""

import os
from urllib.parse import urlsplit, urlunsplit

import pytest
from celery import Celery
from django.db import connection

from config.celery import app as celery_app
from tests.faults.processes import CeleryWorker, RedisServer, WebServer


def database_url_of_test_database() -> str:
    """The suite's DATABASE_URL, pointed at the test database pytest-django created."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


@pytest.fixture(autouse=True)
def _tasks_not_eager():
    """The suite runs tasks in-process; here the app's own processes run them. What this test
    process happens to queue goes to the suite's Redis, which no worker reads."""
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = True


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path / "redis")
    server.start()
    yield server
    server.thaw()
    server.stop()


@pytest.fixture
def mail_dir(tmp_path):
    return tmp_path / "mail"


@pytest.fixture
def app_env(redis_server, mail_dir, tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.faults.app_settings",
        "DJANGO_ENV": "test",
        "DATABASE_URL": database_url_of_test_database(),
        "REDIS_URL": redis_server.url,
        "EMAIL_FILE_DIR": str(mail_dir),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        # A killed worker's claim on outbox rows runs out in seconds, not 10 minutes; the first
        # retry of a failed send comes after 1 s (then 2, 4...).
        "NOTIFICATIONS_LEASE_SECONDS": "4",
        "NOTIFICATIONS_RETRY_BASE_SECONDS": "1",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("EMAIL_URL", None)
    return env


@pytest.fixture
def web(app_env, tmp_path):
    server = WebServer(app_env, tmp_path)
    server.start()
    yield server
    server.stop()
    print(server.output()[-4000:])


@pytest.fixture
def start_worker(app_env, tmp_path):
    """start_worker(**env) -> a running CeleryWorker (stopped after the test)."""
    workers = []

    def start(**extra_env):
        worker = CeleryWorker({**app_env, **extra_env}, tmp_path)
        workers.append(worker)
        worker.start()
        return worker

    yield start
    for worker in workers:
        worker.stop()


class Beat:
    """Sends the periodic tasks to the fault Redis, as celery beat does on its schedule (beat's
    own schedule is per minute: too slow to wait for in a test)."""

    def __init__(self, broker_url: str):
        self.app = Celery("faults-beat", broker=broker_url)
        self.app.conf.broker_connection_retry_on_startup = False

    def send(self, *names: str) -> None:
        for name in names:
            self.app.send_task(name)

    def close(self) -> None:
        self.app.close()


@pytest.fixture
def beat(redis_server):
    sender = Beat(redis_server.url)
    yield sender
    sender.close()
