"""kill -9 of a Celery worker in the middle of a job-alert run, of a No-Ghosting sweep and of an
outbox delivery: after a restart (and beat's next ticks) every email is delivered, and none
twice. Emails are counted at the mail backend, one .eml file per message sent, by Message-ID
(one per outbox row)."""

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from applications.models import Application, Stage
from candidates.models import JobAlert, JobAlertDelivery
from notifications.models import Notification
from tests.factories import ClosedJobFactory, CompanyFactory, PublishedJobFactory
from tests.faults.processes import message_ids_in, notification_pk, wait_for
from tests.notifications.factories import NotificationFactory

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

ALERTS = 600  # three chunks (app_settings.JOB_ALERTS_CHUNK_SIZE 250): each its own transaction
APPLICANTS = 600  # three batches (applications/no_ghosting.py BATCH 200)
S = Notification.Status


def kill_when(worker, condition, *, what: str) -> None:
    """kill -9 the worker as soon as `condition` holds (polled every 10 ms)."""
    wait_for(condition, timeout=120, interval=0.01, what=what)
    worker.kill()


def until_done(beat, task: str, done, *, what: str) -> None:
    """Beat's next ticks: send `task` again every few seconds until `done` holds."""
    for _ in range(20):
        beat.send(task)
        try:
            wait_for(done, timeout=4, interval=0.1, what=what)
            return
        except AssertionError:
            continue
    raise AssertionError(f"never {what}")


def delivered(mail_dir) -> Counter:
    return Counter(notification_pk(mid) for mid in message_ids_in(mail_dir))


def all_sent(kind: str, expected: int):
    rows = Notification.objects.filter(kind=kind)
    return lambda: rows.count() == expected and not rows.exclude(status=S.SENT).exists()


def test_a_worker_killed_mid_alert_run_sends_every_alert_once_after_restart(
    start_worker, beat, mail_dir, capsys
):
    now = timezone.now()
    for _ in range(3):
        PublishedJobFactory(published_at=now - timedelta(minutes=10))
    JobAlert.objects.bulk_create(
        JobAlert(
            email=f"alert{i}@faults.example",
            query_string="",
            label="All jobs",
            frequency=JobAlert.Frequency.INSTANT,
            confirmed_at=now - timedelta(days=1),
            last_run_at=now - timedelta(hours=1),
        )
        for i in range(ALERTS)
    )
    digests = Notification.objects.filter(kind="alerts.digest")
    worker = start_worker()

    beat.send("candidates.tasks.run_job_alerts")
    kill_when(worker, lambda: 0 < digests.count() < ALERTS, what="the first chunk to commit")
    at_kill = digests.count()
    assert 0 < at_kill < ALERTS, "the kill did not land in the middle of the run"

    start_worker()
    until_done(
        beat,
        "candidates.tasks.run_job_alerts",
        lambda: digests.count() == ALERTS,
        what="every alert ran",
    )
    until_done(
        beat,
        "notifications.tasks.deliver_due",
        all_sent("alerts.digest", ALERTS),
        what="every digest was sent",
    )

    copies = delivered(mail_dir)
    assert len(copies) == ALERTS and set(copies) == set(digests.values_list("pk", flat=True))
    assert max(copies.values()) == 1
    # Each alert listed each job once, whichever run sent it.
    assert JobAlertDelivery.objects.count() == 3 * ALERTS
    with capsys.disabled():
        print(
            f"\nAlert run killed after {at_kill} of {ALERTS} digests were written; after the "
            f"restart: {len(copies)} delivered, {sum(copies.values()) - len(copies)} "
            f"duplicated, {ALERTS - len(copies)} lost"
        )


def test_a_worker_killed_mid_no_ghosting_sweep_answers_every_applicant_once_after_restart(
    start_worker, beat, mail_dir, capsys
):
    company = CompanyFactory()
    jobs = [ClosedJobFactory(company=company) for _ in range(APPLICANTS // 200)]
    users = User.objects.bulk_create(
        User(
            email=f"applicant{i}@faults.example",
            full_name=f"Applicant {i}",
            role=User.Role.CANDIDATE,
            password="!",
        )
        for i in range(APPLICANTS)
    )
    Application.objects.bulk_create(
        Application(job=jobs[i % len(jobs)], company=company, candidate=user)
        for i, user in enumerate(users)
    )
    answers = Notification.objects.filter(kind="no_ghosting.position_closed")
    worker = start_worker()

    beat.send("applications.tasks.no_ghosting_sweep")
    kill_when(worker, lambda: 0 < answers.count() < APPLICANTS, what="the first batch")
    at_kill = answers.count()
    assert 0 < at_kill < APPLICANTS, "the kill did not land in the middle of the sweep"
    # What was claimed is exactly what was written: a batch commits whole or not at all.
    closed = Application.objects.filter(stage=Stage.POSITION_CLOSED).count()
    assert closed == at_kill

    start_worker()
    until_done(
        beat,
        "applications.tasks.no_ghosting_sweep",
        lambda: answers.count() == APPLICANTS,
        what="every applicant was answered",
    )
    until_done(
        beat,
        "notifications.tasks.deliver_due",
        all_sent("no_ghosting.position_closed", APPLICANTS),
        what="every answer was sent",
    )

    copies = delivered(mail_dir)
    assert len(copies) == APPLICANTS and max(copies.values()) == 1
    assert Application.objects.filter(stage=Stage.POSITION_CLOSED).count() == APPLICANTS
    with capsys.disabled():
        print(
            f"\nNo-Ghosting sweep killed after {at_kill} of {APPLICANTS} answers were "
            f"written; after the restart: {len(copies)} delivered, "
            f"{sum(copies.values()) - len(copies)} duplicated, {APPLICANTS - len(copies)} lost"
        )


def test_a_worker_killed_mid_delivery_loses_nothing_and_resends_at_most_the_one_in_flight(
    start_worker, beat, mail_dir, capsys
):
    """Between the mail server's "queued" and the row's "sent" there is a moment no outbox can
    close: a worker killed there sends that one message again once its lease runs out, with the
    same Message-ID. Every other claimed row was not sent and goes out once."""
    rows = NotificationFactory.create_batch(200)
    worker = start_worker()

    beat.send("notifications.tasks.deliver_due")
    kill_when(worker, lambda: 10 < len(list(mail_dir.glob("*.eml"))) < 150, what="some sends")
    at_kill = len(delivered(mail_dir))

    start_worker()
    until_done(
        beat,
        "notifications.tasks.deliver_due",
        all_sent(rows[0].kind, len(rows)),
        what="every row was sent",
    )
    copies = delivered(mail_dir)
    duplicated = sum(copies.values()) - len(copies)
    assert set(copies) == {row.pk for row in rows}, "an email was lost"
    assert duplicated <= 1, copies.most_common(3)
    with capsys.disabled():
        print(
            f"\nDelivery killed after {at_kill} of {len(rows)} emails; after the restart: "
            f"{len(copies)} delivered, {duplicated} sent twice (same Message-ID), 0 lost"
        )
