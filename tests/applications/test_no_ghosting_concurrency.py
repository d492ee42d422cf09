"""Two No-Ghosting sweeps at the same moment, in two threads with their own connections and
transactions: each application is claimed by one of them only, and each email written once."""

import threading
from unittest import mock

import pytest
from django.db import connection

from applications import no_ghosting
from applications.models import ApplicationEvent
from notifications.models import Notification
from tests.applications.deadline_factories import ApplicationFactory, OverdueApplicationFactory
from tests.factories import ClosedJobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db(transaction=True)


def run_in_two_threads(sweep, *, meet_in):
    """Run `sweep` in two threads that meet at `meet_in` (a function of no_ghosting), so that
    the first holds its claimed rows, uncommitted, while the second looks for due work."""
    barrier = threading.Barrier(2, timeout=10)
    real = getattr(no_ghosting, meet_in)
    met = threading.local()

    def meeting(*args, **kwargs):
        if not getattr(met, "done", False):
            met.done = True
            barrier.wait()
        return real(*args, **kwargs)

    results, errors = [], []

    def work():
        try:
            results.append(sweep())
        except Exception as error:  # surfaced below
            errors.append(error)
        finally:
            connection.close()

    with mock.patch.object(no_ghosting, meet_in, side_effect=meeting):
        threads = [threading.Thread(target=work) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(20)
    assert not errors, errors
    return sorted(results)


@pytest.fixture
def job(company, employer_owner, employer_recruiter):
    return PublishedJobFactory(company=company)


def test_two_overlapping_breach_sweeps_record_each_breach_once(job):
    applications = OverdueApplicationFactory.create_batch(4, job=job)

    results = run_in_two_threads(no_ghosting.breaches_record, meet_in="_claimed")

    assert results == [0, 4]  # the second skipped the rows the first held
    assert Notification.objects.filter(kind=no_ghosting.BREACH_KIND).count() == 4
    assert ApplicationEvent.objects.filter(kind="breach").count() == 4
    assert all(a.__class__.objects.get(pk=a.pk).breached_at for a in applications)


def test_two_overlapping_reminder_sweeps_remind_each_team_once(job):
    from datetime import timedelta

    from django.utils import timezone

    ApplicationFactory.create_batch(3, job=job, submitted_at=timezone.now() - timedelta(days=5))

    results = run_in_two_threads(
        lambda: no_ghosting.reminders_send(no_ghosting.REMINDER_3D_KIND), meet_in="_claimed"
    )

    assert results == [0, 3]
    # Three applications, two team members each.
    assert Notification.objects.filter(kind=no_ghosting.REMINDER_3D_KIND).count() == 6


def test_two_overlapping_closing_sweeps_answer_each_applicant_once(company, employer_owner):
    job = ClosedJobFactory(company=company)
    ApplicationFactory.create_batch(3, job=job)

    results = run_in_two_threads(no_ghosting.ended_jobs_answer_applicants, meet_in="_claimed")

    assert results == [0, 3]
    assert Notification.objects.filter(kind=no_ghosting.POSITION_CLOSED_KIND).count() == 3


def test_two_whole_sweeps_started_together_send_each_email_once(job):
    OverdueApplicationFactory.create_batch(2, job=job)
    ApplicationFactory.create_batch(2, job=job)
    barrier = threading.Barrier(2, timeout=10)
    errors = []

    def work():
        try:
            barrier.wait()
            no_ghosting.sweep()
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)

    assert not errors, errors
    assert Notification.objects.filter(kind=no_ghosting.BREACH_KIND).count() == 2
    assert ApplicationEvent.objects.filter(kind="breach").count() == 2
