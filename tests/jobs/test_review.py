"""The staff review queue in Django admin, and readers' job reports."""

from datetime import timedelta

import pytest
from django.utils import timezone

from jobs.models import Job, JobReport
from tests.factories import JobFactory, PublishedJobFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/jobs/job/"
S = Job.Status


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True, email="admin@example.com"))
    return client


@pytest.fixture
def pending(company, employer_owner, employer_recruiter):
    return JobFactory(company=company, status=S.PENDING_REVIEW, title="ICU Nurse")


def run_action(admin_client, action, jobs, **extra):
    data = {"action": action, "_selected_action": [job.pk for job in jobs], **extra}
    return admin_client.post(CHANGELIST, data, follow=True)


def team_mail(mailoutbox):
    return [m for m in mailoutbox if "owner@lakeside.example" in m.to]


def test_review_queue_filter_lists_only_jobs_waiting_for_review(admin_client, pending, company):
    PublishedJobFactory(company=company, title="Live Coder")

    html = admin_client.get(CHANGELIST + "?queue=pending").content.decode()

    assert "ICU Nurse" in html and "Live Coder" not in html
    assert "Waiting for review" in html


def test_job_changelist_filters_and_searches(admin_client, pending):
    for query in ["?status__exact=pending_review", "?company__is_verified__exact=0", "?q=ICU"]:
        response = admin_client.get(CHANGELIST + query)
        assert response.status_code == 200
        assert "ICU Nurse" in response.content.decode()
    assert "ICU Nurse" not in admin_client.get(CHANGELIST + "?q=pharmacist").content.decode()


def test_approve_publishes_for_thirty_days_and_emails_the_team(
    admin_client, pending, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://healthcareers.example"
    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(admin_client, "approve", [pending])

    pending.refresh_from_db()
    assert pending.status == S.PUBLISHED
    assert pending.expires_at - pending.published_at == timedelta(days=30)
    assert "1 job(s) published" in response.content.decode()
    # One email per team member, each with its own outbox row.
    assert sorted(email.to[0] for email in mailoutbox) == [
        "owner@lakeside.example",
        "recruiter@lakeside.example",
    ]
    email = mailoutbox[0]
    assert email.subject == "Your job “ICU Nurse” is live on healthcareers"
    assert f"https://healthcareers.example/dashboard/jobs/{pending.pk}/" in email.body
    assert "ICU Nurse" in email.alternatives[0][0]
    assert "you are on Lakeside Health's hiring team" in email.alternatives[0][0]


def test_approve_skips_jobs_that_are_not_waiting(
    admin_client, company, employer_owner, mailoutbox, django_capture_on_commit_callbacks
):
    draft = JobFactory(company=company, title="Half-written")

    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(admin_client, "approve", [draft])

    assert Job.objects.get(pk=draft.pk).status == S.DRAFT
    assert "Only jobs waiting for review can be approved" in response.content.decode()
    assert mailoutbox == []


def test_send_back_first_asks_for_a_reason(admin_client, pending):
    response = run_action(admin_client, "send_back", [pending])

    html = response.content.decode()
    assert "Send jobs back to the employer" in html
    assert '<textarea name="reason"' in html
    assert f'name="_selected_action" value="{pending.pk}"' in html
    assert Job.objects.get(pk=pending.pk).status == S.PENDING_REVIEW


def test_send_back_without_a_reason_is_refused(admin_client, pending, mailoutbox):
    response = run_action(admin_client, "send_back", [pending], apply="yes", reason="  ")

    assert "This field is required" in response.content.decode()
    assert Job.objects.get(pk=pending.pk).status == S.PENDING_REVIEW
    assert mailoutbox == []


def test_send_back_returns_a_draft_and_emails_the_reason_to_the_team(
    admin_client, pending, other_employer, mailoutbox, django_capture_on_commit_callbacks
):
    reason = "Please give the real pay range: $1–$2 per hour is not the pay for an ICU nurse."

    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(admin_client, "send_back", [pending], apply="yes", reason=reason)

    pending.refresh_from_db()
    assert pending.status == S.DRAFT
    assert pending.review_note == reason
    assert "1 job(s) sent back" in response.content.decode()
    assert sorted(email.to[0] for email in mailoutbox) == [
        "owner@lakeside.example",
        "recruiter@lakeside.example",
    ]
    email = mailoutbox[0]
    assert "ICU Nurse" in email.subject
    assert reason in email.body
    html, mime = email.alternatives[0]
    assert mime == "text/html"
    assert "$1–$2 per hour" in html


def test_employer_sees_the_reason_and_resubmitting_clears_it(
    admin_client, client, pending, employer_owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run_action(admin_client, "send_back", [pending], apply="yes", reason="Add the shift hours.")
    client.force_login(employer_owner)

    html = client.get(f"/dashboard/jobs/{pending.pk}/").content.decode()
    assert "Our staff sent this job back to you" in html and "Add the shift hours." in html

    client.post(f"/dashboard/jobs/{pending.pk}/publish/")
    pending.refresh_from_db()
    assert pending.status == S.PENDING_REVIEW and pending.review_note == ""


def test_editors_without_job_permissions_cannot_open_the_queue(client, staff_editor):
    client.force_login(staff_editor)

    assert client.get(CHANGELIST).status_code == 403


# Reports -----------------------------------------------------------------------------------


def test_unresolved_reports_filter_and_mark_resolved(admin_client, company):
    job = PublishedJobFactory(company=company, title="Too good to be true")
    open_report = JobReport.objects.create(job=job, reason=JobReport.Reason.SCAM)
    done = JobReport.objects.create(
        job=job, reason=JobReport.Reason.FILLED, resolved_at=timezone.now()
    )

    html = admin_client.get("/admin/jobs/jobreport/?resolved=no").content.decode()
    assert f"/admin/jobs/jobreport/{open_report.pk}/change/" in html
    assert f"/admin/jobs/jobreport/{done.pk}/change/" not in html

    admin_client.post(
        "/admin/jobs/jobreport/",
        {"action": "mark_resolved", "_selected_action": [open_report.pk]},
    )
    open_report.refresh_from_db()
    assert open_report.resolved_at is not None
