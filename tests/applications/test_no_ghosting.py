"""The No-Ghosting sweeps: reminders 3 days and 1 day before the deadline, the breach at it, and
"position closed" answers when a job ends; each exactly once, with the clock moved."""

from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from kombu.exceptions import OperationalError

from applications import no_ghosting, tasks
from applications.models import Application, ApplicationEvent, Stage
from applications.responsiveness import companies_refresh_responsiveness
from config.celery import app as celery_app
from employers.models import Company
from jobs import services as job_services
from jobs.models import Job
from notifications import tasks as notification_tasks
from notifications.models import Notification
from tests.applications.deadline_factories import (
    AnsweredApplicationFactory,
    ApplicationFactory,
    OverdueApplicationFactory,
)
from tests.factories import ExpiredJobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db

TEAM = ["owner@lakeside.example", "recruiter@lakeside.example"]


@pytest.fixture
def team(employer_owner, employer_recruiter):
    return [employer_owner, employer_recruiter]


@pytest.fixture
def job(company):
    return PublishedJobFactory(company=company, title="Night Charge Nurse")


def keys(kind: str) -> list[str]:
    return sorted(Notification.objects.filter(kind=kind).values_list("key", flat=True))


def events(application, kind) -> int:
    return ApplicationEvent.objects.filter(application=application, kind=kind).count()


def sweep_at(moment):
    with time_machine.travel(moment, tick=False):
        return tasks.no_ghosting_sweep.delay().get()


def test_sweeps_are_scheduled_in_beat():
    schedule = {entry["task"] for entry in celery_app.conf.beat_schedule.values()}

    assert {
        "applications.tasks.no_ghosting_sweep",
        "applications.tasks.refresh_responsiveness",
    } <= schedule


def test_unanswered_application_gets_both_reminders_then_the_breach_each_once(
    team, job, company, candidate
):
    application = ApplicationFactory(job=job, candidate=candidate)
    deadline = application.respond_by
    # Five earlier applications, all answered on time: the company shows 100% until the breach.
    for _ in range(5):
        AnsweredApplicationFactory(job=job, submitted_at=deadline - timedelta(days=20))

    # Four days before: nothing due yet.
    assert sweep_at(deadline - timedelta(days=4))["reminders_3d"] == 0
    # Inside the 3-day window: the 3-day reminder, once, however often the sweep runs.
    assert sweep_at(deadline - timedelta(days=3) + timedelta(minutes=5))["reminders_3d"] == 1
    assert sweep_at(deadline - timedelta(days=2))["reminders_3d"] == 0
    assert keys(no_ghosting.REMINDER_3D_KIND) == [
        f"no_ghosting.reminder_3d:application:{application.pk}:to:{email}" for email in TEAM
    ]
    assert keys(no_ghosting.REMINDER_1D_KIND) == []
    # Inside the last day: the 1-day reminder, once.
    assert sweep_at(deadline - timedelta(hours=23))["reminders_1d"] == 1
    assert sweep_at(deadline - timedelta(hours=2))["reminders_1d"] == 0
    assert len(keys(no_ghosting.REMINDER_1D_KIND)) == 2
    assert events(application, ApplicationEvent.Kind.REMINDER) == 2
    assert keys(no_ghosting.BREACH_KIND) == []

    with time_machine.travel(deadline - timedelta(minutes=1), tick=False):
        companies_refresh_responsiveness()
    company.refresh_from_db()
    assert (company.response_rate_90d, company.matured_applications_90d) == (100, 5)

    # At the deadline: the breach, recorded once, and the candidate's notice, once.
    assert sweep_at(deadline + timedelta(minutes=1))["breaches"] == 1
    assert sweep_at(deadline + timedelta(hours=5))["breaches"] == 0
    application.refresh_from_db()
    assert application.breached_at is not None
    assert keys(no_ghosting.BREACH_KIND) == [
        f"no_ghosting.breach:application:{application.pk}:to:candidate@example.com"
    ]
    assert events(application, ApplicationEvent.Kind.BREACH) == 1
    # Reminders were not sent again either.
    assert len(keys(no_ghosting.REMINDER_3D_KIND)) == len(keys(no_ghosting.REMINDER_1D_KIND)) == 2

    with time_machine.travel(deadline + timedelta(hours=6), tick=False):
        companies_refresh_responsiveness()
    company.refresh_from_db()
    assert (company.response_rate_90d, company.matured_applications_90d) == (83, 6)


def test_reminder_email_goes_to_each_team_member_with_the_deadline_and_a_link(
    team, job, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://healthcareers.example"
    application = ApplicationFactory(job=job, candidate__full_name="Ada Quinn")

    with (
        time_machine.travel(application.respond_by - timedelta(days=2), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        tasks.no_ghosting_sweep()

    assert sorted(m.to[0] for m in mailoutbox) == TEAM
    email = mailoutbox[0]
    assert email.subject == "3 days left to answer Ada Quinn for “Night Charge Nurse”"
    assert "https://healthcareers.example/dashboard/applicants/" in email.body
    assert application.respond_by.strftime("%B") in email.body


def test_breach_notice_tells_the_candidate_with_up_to_three_similar_open_jobs(
    team, job, company, candidate, mailoutbox, django_capture_on_commit_callbacks
):
    application = OverdueApplicationFactory(job=job, candidate=candidate)
    similar = [PublishedJobFactory(title=f"Similar RN role {n}") for n in range(4)]
    ExpiredJobFactory(title="Expired RN role")

    with django_capture_on_commit_callbacks(execute=True):
        assert no_ghosting.breaches_record() == 1

    [email] = mailoutbox
    assert email.to == ["candidate@example.com"]
    assert "Lakeside Health has not answered" in email.subject
    listed = [job.title for job in similar if job.title in email.body]
    assert len(listed) == 3
    assert "Expired RN role" not in email.body
    html, _ = email.alternatives[0]
    assert "Similar open jobs" in html
    breach = ApplicationEvent.objects.get(application=application, kind="breach")
    assert breach.visible_to_candidate


def test_answered_withdrawn_and_closed_applications_get_no_reminder_or_breach(team, job):
    AnsweredApplicationFactory(job=job, submitted_at=timezone.now() - timedelta(days=8))
    OverdueApplicationFactory(job=job, stage=Stage.WITHDRAWN)
    OverdueApplicationFactory(job=job, stage=Stage.POSITION_CLOSED)
    due_soon = ApplicationFactory(job=job, submitted_at=timezone.now() - timedelta(days=5))
    AnsweredApplicationFactory(job=job, submitted_at=due_soon.submitted_at)

    result = no_ghosting.sweep()

    assert result == {"position_closed": 0, "breaches": 0, "reminders_1d": 0, "reminders_3d": 1}
    assert Notification.objects.filter(about_id=due_soon.pk).count() == 2


def test_employer_can_still_answer_after_the_breach_and_it_counts_late(team, job, company):
    for _ in range(4):
        AnsweredApplicationFactory(job=job, submitted_at=timezone.now() - timedelta(days=20))
    late = OverdueApplicationFactory(job=job)
    no_ghosting.breaches_record()

    # The apply flow's stage change sets first_response_at; here, directly.
    Application.objects.filter(pk=late.pk).update(
        first_response_at=timezone.now(), stage=Stage.REVIEWING
    )
    companies_refresh_responsiveness()

    company.refresh_from_db()
    assert company.matured_applications_90d == 5
    assert company.response_rate_90d == 80  # 4 of 5 on time: the late answer counts late
    late.refresh_from_db()
    assert late.breached_at is not None  # the record stays


def test_a_stale_three_day_reminder_is_not_sent_once_a_day_is_left(team, job):
    application = ApplicationFactory(job=job)

    # The sweep did not run during the 3-day window (say the beat was down for two days).
    result = sweep_at(application.respond_by - timedelta(hours=20))

    assert (result["reminders_3d"], result["reminders_1d"]) == (0, 1)


# "Position closed" answers ---------------------------------------------------------------


def test_closing_a_job_answers_all_its_unanswered_applicants_once(
    team, job, company, mailoutbox, django_capture_on_commit_callbacks
):
    waiting = [ApplicationFactory(job=job), ApplicationFactory(job=job, stage=Stage.VIEWED)]
    overdue = OverdueApplicationFactory(job=job)
    interviewing = AnsweredApplicationFactory(job=job, stage=Stage.INTERVIEW)
    other_job = ApplicationFactory(job=PublishedJobFactory(company=company))

    job_services.job_close(job=job)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.no_ghosting_sweep()["position_closed"] == 3
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.no_ghosting_sweep()["position_closed"] == 0

    for application in [*waiting, overdue]:
        application.refresh_from_db()
        assert application.stage == Stage.POSITION_CLOSED
        assert application.closed_at is not None
        assert application.first_response_at == application.closed_at
        assert events(application, ApplicationEvent.Kind.STAGE) == 1
        assert application.breached_at is None  # answered before the breach sweep saw it
    assert len(mailoutbox) == 3
    assert {m.to[0] for m in mailoutbox} == {a.candidate.email for a in [*waiting, overdue]}
    assert all("is no longer open" in m.subject for m in mailoutbox)
    # Those already answered are the team's to settle; other jobs are untouched.
    interviewing.refresh_from_db()
    other_job.refresh_from_db()
    assert interviewing.stage == Stage.INTERVIEW
    assert other_job.stage == Stage.SUBMITTED


def test_a_job_past_its_expiry_date_answers_its_applicants_even_before_the_expiry_sweep(
    team, company
):
    job = PublishedJobFactory(company=company)
    application = ApplicationFactory(job=job)

    with time_machine.travel(job.expires_at + timedelta(minutes=1), tick=False):
        assert Job.objects.get(pk=job.pk).status == Job.Status.PUBLISHED
        assert no_ghosting.ended_jobs_answer_applicants() == 1

    application.refresh_from_db()
    assert application.stage == Stage.POSITION_CLOSED


def test_applicants_of_an_expired_job_get_the_answer(team, company):
    application = ApplicationFactory(job=ExpiredJobFactory(company=company))

    assert no_ghosting.ended_jobs_answer_applicants() == 1
    application.refresh_from_db()
    assert application.stage == Stage.POSITION_CLOSED


def test_applicants_of_a_paused_job_keep_waiting_for_an_answer(team, company):
    job = PublishedJobFactory(company=company, status=Job.Status.PAUSED)
    application = OverdueApplicationFactory(job=job)

    result = no_ghosting.sweep()

    assert result["position_closed"] == 0
    assert result["breaches"] == 1  # still owed an answer: the deadline holds
    application.refresh_from_db()
    assert application.stage == Stage.SUBMITTED


# Exactly once: retries, dead workers, Redis down, set-based SQL ---------------------------


def test_a_sweep_killed_mid_run_leaves_nothing_behind_and_the_retry_sends_once(team, job):
    application = OverdueApplicationFactory(job=job)

    with (
        mock.patch.object(
            no_ghosting, "queue_notifications", side_effect=RuntimeError("worker killed")
        ),
        pytest.raises(RuntimeError),
    ):
        no_ghosting.breaches_record()
    application.refresh_from_db()
    assert application.breached_at is None
    assert events(application, ApplicationEvent.Kind.BREACH) == 0

    # The task is retried (acks_late: the broker hands it out again), then runs again on beat.
    assert tasks.no_ghosting_sweep()["breaches"] == 1
    assert tasks.no_ghosting_sweep()["breaches"] == 0
    assert len(keys(no_ghosting.BREACH_KIND)) == 1
    assert events(application, ApplicationEvent.Kind.BREACH) == 1


def test_the_outbox_key_alone_stops_a_second_breach_notice(team, job):
    application = OverdueApplicationFactory(job=job)
    no_ghosting.breaches_record()
    # Even if the claim were lost (a restored backup, a hand edit), the outbox key holds.
    Application.objects.filter(pk=application.pk).update(breached_at=None)

    no_ghosting.breaches_record()

    assert len(keys(no_ghosting.BREACH_KIND)) == 1


def test_a_sweep_after_redis_was_down_sends_everything_that_fell_due(
    team, job, candidate, mailoutbox, django_capture_on_commit_callbacks
):
    reminded = ApplicationFactory(job=job)
    breached = ApplicationFactory(
        job=job, candidate=candidate, submitted_at=reminded.submitted_at - timedelta(days=3)
    )
    down_from = reminded.respond_by - timedelta(days=3, hours=1)

    # Redis is down: beat cannot enqueue the sweep, so none runs while the work falls due.
    with (
        mock.patch("celery.app.task.Task.delay", side_effect=OperationalError("no broker")),
        time_machine.travel(down_from, tick=False),
        pytest.raises(OperationalError),
    ):
        tasks.no_ghosting_sweep.delay()
    assert Notification.objects.count() == 0

    # Redis is back an hour after the 3-day point and after the other deadline passed.
    later = reminded.respond_by - timedelta(days=3) + timedelta(hours=1)
    assert breached.respond_by < later
    with time_machine.travel(later, tick=False), django_capture_on_commit_callbacks(execute=True):
        result = tasks.no_ghosting_sweep.delay().get()

    assert result["breaches"] == 1 and result["reminders_3d"] == 1
    assert sorted(m.to[0] for m in mailoutbox) == sorted([*TEAM, "candidate@example.com"])


def test_mail_written_while_redis_was_down_is_delivered_by_the_next_run(
    team, job, mailoutbox, django_capture_on_commit_callbacks
):
    OverdueApplicationFactory(job=job)
    with (
        mock.patch("celery.app.task.Task.delay", side_effect=OperationalError("no broker")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert no_ghosting.breaches_record() == 1  # written; its delivery could not queue
    assert mailoutbox == []

    notification_tasks.deliver_due()  # the beat's minute run

    assert len(mailoutbox) == 1


def test_breach_sweep_queries_do_not_grow_with_the_applications(team, job, company):
    def queries_for(n):
        for _ in range(n):
            OverdueApplicationFactory(job=job)
        with CaptureQueriesContext(connection) as captured:
            assert no_ghosting.breaches_record() == n
        return len(captured)

    queries_for(1)  # warms the content-type cache
    assert queries_for(2) == queries_for(9)


def test_the_partial_index_on_respond_by_serves_the_sweeps(team, job):
    ApplicationFactory.create_batch(3, job=job)
    due = no_ghosting.awaiting_answer().filter(respond_by__lte=timezone.now())
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = due.explain()

    assert "application_awaiting_answer" in plan


def test_company_figures_exist_after_the_tasks_run(team, job, company):
    for _ in range(5):
        AnsweredApplicationFactory(job=job, submitted_at=timezone.now() - timedelta(days=10))

    assert tasks.refresh_responsiveness() >= 1
    assert tasks.refresh_company_responsiveness(company.pk) == 1

    assert Company.objects.get(pk=company.pk).shows_responsiveness
