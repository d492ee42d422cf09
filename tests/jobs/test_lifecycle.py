"""The job lifecycle: the employer's actions, expiry and the "expires in 3 days" email."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from config.celery import app as celery_app
from jobs import services, tasks
from jobs.models import Job
from notifications.delivery import deliver_due
from notifications.models import Notification
from tests.factories import (
    ClosedJobFactory,
    ExpiredJobFactory,
    JobFactory,
    PublishedJobFactory,
)

pytestmark = pytest.mark.django_db

S = Job.Status


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def act(client, job, action, **data):
    return client.post(f"/dashboard/jobs/{job.pk}/{action}/", data, follow=True)


def state(job):
    return Job.objects.filter(pk=job.pk).values(
        "status", "published_at", "expires_at", "closed_at", "title"
    )[0]


@pytest.fixture
def owner(client, employer_owner):
    client.force_login(employer_owner)
    return employer_owner


# Employer actions --------------------------------------------------------------------------


def test_pause_hides_a_published_job_and_resume_brings_it_back(client, owner, company):
    job = PublishedJobFactory(company=company)
    expires_at = job.expires_at

    paused = act(client, job, "pause")
    assert Job.objects.get(pk=job.pk).status == S.PAUSED
    assert "is paused" in messages_of(paused)[0]

    resumed = act(client, job, "resume")
    job.refresh_from_db()
    assert job.status == S.PUBLISHED and job.expires_at == expires_at
    assert "is live until" in messages_of(resumed)[0]


def test_resume_after_the_listing_period_ended_is_refused(client, owner, company):
    job = PublishedJobFactory(
        company=company, status=S.PAUSED, expires_at=timezone.now() - timedelta(minutes=1)
    )

    response = act(client, job, "resume")

    assert Job.objects.get(pk=job.pk).status == S.PAUSED
    assert "Renew it to publish it" in messages_of(response)[0]


def test_recruiters_run_the_lifecycle_too(client, company, employer_recruiter):
    job = PublishedJobFactory(company=company)
    client.force_login(employer_recruiter)

    for action, status in [("pause", S.PAUSED), ("resume", S.PUBLISHED), ("close", S.CLOSED)]:
        act(client, job, action)
        assert Job.objects.get(pk=job.pk).status == status


def test_close_records_when(client, owner, company):
    job = PublishedJobFactory(company=company)

    with time_machine.travel("2026-05-01 12:00:00Z", tick=False):
        response = act(client, job, "close")

    job.refresh_from_db()
    assert job.status == S.CLOSED
    assert job.closed_at == datetime(2026, 5, 1, 12, tzinfo=UTC)
    assert "is closed" in messages_of(response)[0]


def test_renew_extends_a_live_job_by_thirty_days_from_its_current_end(client, owner, company):
    job = PublishedJobFactory(company=company)
    expires_at = job.expires_at

    act(client, job, "renew")

    job.refresh_from_db()
    assert job.status == S.PUBLISHED
    assert job.expires_at == expires_at + timedelta(days=30)


def test_renew_reopens_an_expired_job_for_thirty_days_from_now(client, owner, company):
    with time_machine.travel("2026-06-10 09:00:00Z", tick=False):
        job = ExpiredJobFactory(company=company)
        client.force_login(owner)
        response = act(client, job, "renew")

    job.refresh_from_db()
    assert job.status == S.PUBLISHED
    assert job.expires_at == datetime(2026, 7, 10, 9, tzinfo=UTC)
    assert "renewed and live until July 10, 2026" in messages_of(response)[0]


def test_renew_of_a_paused_job_keeps_it_paused(client, owner, company):
    job = PublishedJobFactory(company=company, status=S.PAUSED)

    response = act(client, job, "renew")

    assert Job.objects.get(pk=job.pk).status == S.PAUSED
    assert "stays paused" in messages_of(response)[0]


def test_duplicate_makes_a_fresh_draft_copy(client, owner, company, employer_recruiter):
    job = ClosedJobFactory(company=company, title="Coder", is_featured=True, review_note="x")
    client.force_login(employer_recruiter)

    response = client.post(f"/dashboard/jobs/{job.pk}/duplicate/")

    copy = Job.objects.exclude(pk=job.pk).get()
    assert response.status_code == 302
    assert response["Location"] == f"/dashboard/jobs/{copy.pk}/edit/"
    assert copy.title == "Coder (copy)"
    assert copy.status == S.DRAFT
    assert copy.company == company and copy.created_by == employer_recruiter
    assert (copy.published_at, copy.expires_at, copy.closed_at) == (None, None, None)
    assert copy.is_featured is False and copy.review_note == ""
    assert (copy.description, copy.pay_min, copy.required_credentials) == (
        job.description,
        job.pay_min,
        job.required_credentials,
    )
    assert Job.objects.get(pk=job.pk).status == S.CLOSED


def test_duplicate_of_a_long_title_still_fits(client, owner, company):
    job = JobFactory(company=company, title="N" * 160)

    act(client, job, "duplicate")

    copy = Job.objects.exclude(pk=job.pk).get()
    assert len(copy.title) == 160 and copy.title.endswith(" (copy)")


def test_delete_removes_a_draft_and_returns_to_the_list(client, owner, company):
    job = JobFactory(company=company, title="Unwanted")

    response = client.post(
        f"/dashboard/jobs/{job.pk}/delete/", {"next": f"/dashboard/jobs/{job.pk}/"}
    )

    assert not Job.objects.filter(pk=job.pk).exists()
    assert response["Location"] == "/dashboard/jobs/"


def test_action_returns_to_the_page_it_was_posted_from(client, owner, company):
    job = PublishedJobFactory(company=company)

    response = client.post(f"/dashboard/jobs/{job.pk}/pause/", {"next": "/dashboard/"})

    assert response["Location"] == "/dashboard/"


def test_action_never_redirects_off_site(client, owner, company):
    job = PublishedJobFactory(company=company)

    response = client.post(f"/dashboard/jobs/{job.pk}/pause/", {"next": "https://evil.example/"})

    assert response["Location"] == f"/dashboard/jobs/{job.pk}/"


WRONG_STATES = [
    ("publish", PublishedJobFactory, "Only a draft can be published"),
    ("publish", ClosedJobFactory, "Only a draft can be published"),
    ("pause", JobFactory, "Only a published job can be paused, and this job is draft."),
    ("pause", ExpiredJobFactory, "Only a published job can be paused"),
    ("resume", PublishedJobFactory, "Only a paused job can be resumed"),
    ("resume", JobFactory, "Only a paused job can be resumed"),
    ("close", JobFactory, "nothing to close: delete it instead"),
    ("close", ClosedJobFactory, "A job that is closed cannot be closed."),
    ("renew", JobFactory, "Only published, paused or expired jobs can be renewed"),
    ("renew", ClosedJobFactory, "Only published, paused or expired jobs can be renewed"),
    ("delete", PublishedJobFactory, "Only drafts can be deleted"),
    ("delete", ClosedJobFactory, "Only drafts can be deleted"),
]


@pytest.mark.parametrize(
    ("action", "factory", "message"),
    WRONG_STATES,
    ids=[f"{a}-{f.__name__}" for a, f, _ in WRONG_STATES],
)
def test_action_from_the_wrong_state_is_refused_and_changes_nothing(
    client, owner, company, action, factory, message
):
    job = factory(company=company)
    before = state(job)

    response = act(client, job, action)

    assert response.status_code == 200
    assert message in messages_of(response)[0]
    assert state(job) == before
    assert Job.objects.count() == 1


def test_pending_review_job_cannot_be_published_again(client, owner, company):
    job = JobFactory(company=company, status=S.PENDING_REVIEW)

    response = act(client, job, "publish")

    assert "this job is pending review" in messages_of(response)[0]
    assert Job.objects.get(pk=job.pk).status == S.PENDING_REVIEW


def test_each_state_shows_only_its_actions(client, owner, company):
    draft = JobFactory(company=company)
    live = PublishedJobFactory(company=company)

    draft_html = client.get(f"/dashboard/jobs/{draft.pk}/").content.decode()
    live_html = client.get(f"/dashboard/jobs/{live.pk}/").content.decode()

    for action in ["publish", "duplicate", "delete"]:
        assert f"/{draft.pk}/{action}/" in draft_html
    for action in ["pause", "resume", "close", "renew"]:
        assert f"/{draft.pk}/{action}/" not in draft_html
    for action in ["pause", "close", "renew", "duplicate"]:
        assert f"/{live.pk}/{action}/" in live_html
    for action in ["publish", "resume", "delete"]:
        assert f"/{live.pk}/{action}/" not in live_html


# Expiry ------------------------------------------------------------------------------------


def test_expiry_task_expires_published_jobs_past_their_date_only(company):
    overdue = PublishedJobFactory(company=company, expires_at=timezone.now() - timedelta(hours=1))
    live = PublishedJobFactory(company=company)
    paused = PublishedJobFactory(
        company=company, status=S.PAUSED, expires_at=timezone.now() - timedelta(hours=1)
    )
    draft = JobFactory(company=company)

    assert tasks.expire_overdue_jobs.delay().get() == 1

    assert Job.objects.get(pk=overdue.pk).status == S.EXPIRED
    assert Job.objects.get(pk=live.pk).status == S.PUBLISHED
    assert Job.objects.get(pk=paused.pk).status == S.PAUSED
    assert Job.objects.get(pk=draft.pk).status == S.DRAFT
    assert tasks.expire_overdue_jobs() == 0  # idempotent


def test_jobs_expire_once_the_clock_passes_their_date(company):
    job = PublishedJobFactory(company=company)

    with time_machine.travel(job.expires_at - timedelta(minutes=1)):
        tasks.expire_overdue_jobs()
    assert Job.objects.get(pk=job.pk).status == S.PUBLISHED

    with time_machine.travel(job.expires_at + timedelta(minutes=1)):
        tasks.expire_overdue_jobs()
    assert Job.objects.get(pk=job.pk).status == S.EXPIRED


def test_expiry_is_one_query_whatever_the_number_of_jobs(company, django_assert_num_queries):
    PublishedJobFactory.create_batch(
        5, company=company, expires_at=timezone.now() - timedelta(days=1)
    )

    with django_assert_num_queries(1):
        assert tasks.expire_overdue_jobs() == 5


def test_lifecycle_tasks_are_scheduled_in_beat():
    schedule = {entry["task"] for entry in celery_app.conf.beat_schedule.values()}

    assert {"jobs.tasks.expire_overdue_jobs", "jobs.tasks.send_expiry_reminders"} <= schedule


# "Expires in 3 days" reminder --------------------------------------------------------------


def reminders(mailoutbox):
    """The reminder emails delivered so far; delivery runs now (in the travelled time, where
    the outbox rows were written)."""
    deliver_due()
    return [m for m in mailoutbox if "expires on" in m.subject]


def test_reminder_goes_to_the_whole_team_three_days_before_expiry_with_a_renew_link(
    company, employer_owner, employer_recruiter, other_employer, mailoutbox, settings
):
    settings.SITE_URL = "https://healthcareers.example"
    job = PublishedJobFactory(company=company, title="Night Nurse")

    with time_machine.travel(job.expires_at - timedelta(days=3, hours=1)):
        assert tasks.send_expiry_reminders() == 0
    with time_machine.travel(job.expires_at - timedelta(days=3) + timedelta(minutes=5)):
        assert tasks.send_expiry_reminders.delay().get() == 2  # one row per team member
        emails = reminders(mailoutbox)

    assert sorted(email.to[0] for email in emails) == [
        "owner@lakeside.example",
        "recruiter@lakeside.example",
    ]
    email = emails[0]
    assert "Night Nurse" in email.subject
    renew_link = f"https://healthcareers.example/dashboard/jobs/{job.pk}/"
    assert renew_link in email.body
    assert "on Lakeside Health's hiring team" in email.body  # why they got it
    html, mime = email.alternatives[0]
    assert mime == "text/html" and f'href="{renew_link}"' in html
    row = Notification.objects.filter(kind="jobs.expiry_reminder").first()
    assert row.about == job
    assert row.key.startswith(f"jobs.expiry_reminder:job:{job.pk}:expires:")


def test_reminder_is_sent_once_when_the_task_runs_again(company, employer_owner, mailoutbox):
    job = PublishedJobFactory(company=company)

    with time_machine.travel(job.expires_at - timedelta(days=2)):
        assert tasks.send_expiry_reminders() == 1
        assert tasks.send_expiry_reminders() == 0
        assert len(reminders(mailoutbox)) == 1
    with time_machine.travel(job.expires_at - timedelta(days=1)):
        assert tasks.send_expiry_reminders() == 0
        assert len(reminders(mailoutbox)) == 1


def test_overlapping_runs_that_both_saw_the_job_write_one_row(
    company, employer_owner, mailoutbox, monkeypatch
):
    """Two sweeps that both found the job due before either wrote: the unique key decides."""
    job = PublishedJobFactory(company=company)
    real_queue = services.queue_notifications
    held = []
    monkeypatch.setattr(services, "queue_notifications", held.append)

    with time_machine.travel(job.expires_at - timedelta(days=2)):
        services.jobs_queue_expiry_reminders()
        services.jobs_queue_expiry_reminders()  # the first one's rows are not written yet
        first, second = held
        assert real_queue(first) == 1
        assert real_queue(second) == 0
        assert len(reminders(mailoutbox)) == 1
    assert Notification.objects.count() == 1


def test_renewing_makes_the_reminder_due_again_for_the_new_period(
    client, company, employer_owner, mailoutbox
):
    job = PublishedJobFactory(company=company)
    with time_machine.travel(job.expires_at - timedelta(days=2)):
        tasks.send_expiry_reminders()
        assert len(reminders(mailoutbox)) == 1
        client.force_login(employer_owner)  # a session started now, not 4 weeks ago
        client.post(f"/dashboard/jobs/{job.pk}/renew/")
        assert tasks.send_expiry_reminders() == 0  # 32 days left now
    job.refresh_from_db()

    with time_machine.travel(job.expires_at - timedelta(days=2)):
        assert tasks.send_expiry_reminders() == 1
        assert len(reminders(mailoutbox)) == 2


def test_no_reminder_for_jobs_that_are_not_live(company, employer_owner, mailoutbox):
    soon = timezone.now() + timedelta(days=1)
    PublishedJobFactory(company=company, status=S.PAUSED, expires_at=soon)
    ClosedJobFactory(company=company, expires_at=soon)
    JobFactory(company=company, status=S.PENDING_REVIEW, expires_at=soon)
    ExpiredJobFactory(company=company)

    assert tasks.send_expiry_reminders() == 0
    assert reminders(mailoutbox) == []


def test_a_failed_send_is_retried_and_does_not_hold_up_the_other_reminders(
    company, employer_owner, mailoutbox, settings
):
    job = PublishedJobFactory(company=company)
    other = PublishedJobFactory(company=company)
    with time_machine.travel(job.expires_at - timedelta(days=2)):
        assert tasks.send_expiry_reminders() == 2
        settings.EMAIL_BACKEND = "tests.test_contact.BrokenMailServer"
        Notification.objects.filter(about_id=other.pk).update(
            next_attempt_at=timezone.now() + timedelta(minutes=1)
        )
        assert deliver_due() == {"sent": 0, "retry": 1, "failed": 0}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(job.expires_at - timedelta(days=2) + timedelta(minutes=5)):
        assert len(reminders(mailoutbox)) == 2
        assert tasks.send_expiry_reminders() == 0  # nothing is written twice


def test_reminder_sweep_queries_do_not_grow_per_due_job(
    company, employer_owner, django_assert_max_num_queries
):
    PublishedJobFactory.create_batch(
        6, company=company, expires_at=timezone.now() + timedelta(days=1)
    )
    tasks.send_expiry_reminders()  # warms the content-type and site caches
    Notification.objects.all().delete()

    # Jobs, teams, keys already written, one INSERT (plus its savepoint).
    with django_assert_max_num_queries(6):
        assert tasks.send_expiry_reminders() == 6
