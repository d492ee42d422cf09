"""A task travels through real Redis to a real Celery worker process and does its work."""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

from config.celery import app as celery_app
from notifications.models import Notification
from pages.models import ContactMessage
from pages.services import contact_message_submit
from tests.factories import StaffEditorFactory

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def database_url_of_test_database() -> str:
    """The suite's DATABASE_URL, pointed at the test database pytest-django created."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


@pytest.fixture
def celery_worker_process(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_ENV": "test",
        "DATABASE_URL": database_url_of_test_database(),
        "EMAIL_FILE_DIR": str(tmp_path / "mail"),
    }
    env.pop("EMAIL_URL", None)
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "solo",
         "--without-mingle", "--without-gossip", "-l", "info"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    yield tmp_path / "mail"
    worker.terminate()
    try:
        output, _ = worker.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()
        output, _ = worker.communicate()
    print(output)


@pytest.fixture
def publish_to_broker():
    """The suite runs tasks eagerly; this test sends them to Redis for real."""
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = True


def test_contact_notification_is_delivered_from_the_outbox_by_a_real_worker(
    celery_worker_process, publish_to_broker
):
    StaffEditorFactory(email="staff-inbox@example.com")

    contact_message_submit(
        name="Avery Jones",
        email="avery@example.com",
        topic=ContactMessage.Topic.EMPLOYER,
        message="We are a clinic in Ohio and would like to post three nursing roles.",
    )

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        row = Notification.objects.get()
        mails = list(celery_worker_process.glob("*.eml"))
        if row.status == Notification.Status.SENT and mails:
            break
        time.sleep(0.25)
    assert row.status == Notification.Status.SENT, "the worker never delivered the outbox row"
    assert len(mails) == 1
    raw = mails[0].read_text()
    assert "staff-inbox@example.com" in raw
    assert "Contact form: I'm hiring from Avery Jones" in raw
