"""Spam jobs: readers may report a job that never answered, and a company whose jobs keep being
reported has its new jobs held for staff review (jobs/reports.py)."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from employers.plans import PROFESSIONAL
from jobs.models import Job, JobReport
from jobs.reports import JobReportForm
from tests.factories import JobFactory, PublishedJobFactory, UserFactory

pytestmark = pytest.mark.django_db

S = Job.Status


def report(job, n=1, **fields):
    for _ in range(n):
        JobReport.objects.create(job=job, reason=JobReport.Reason.NEVER_ANSWERED, **fields)


@pytest.fixture
def verified(company, employer_owner):
    company.is_verified = True
    company.plan = PROFESSIONAL  # room for the reported job and the new one
    company.save()
    return company


def publish(client, employer_owner, job):
    client.force_login(employer_owner)
    response = client.post(f"/dashboard/jobs/{job.pk}/publish/", follow=True)
    job.refresh_from_db()
    return [str(m) for m in response.context["messages"]]


def test_report_form_offers_never_answered():
    form = JobReportForm(data={"report-reason": "never_answered", "report-details": ""})

    assert form.is_valid(), form.errors
    assert "never heard back" in form.fields["reason"].widget.render("r", "")


def test_verified_company_with_repeated_reports_goes_to_review_with_reason(
    client, verified, employer_owner, settings
):
    settings.JOB_REPORTS_HOLD_THRESHOLD = 3
    report(PublishedJobFactory(company=verified), 3)
    job = JobFactory(company=verified)

    messages = publish(client, employer_owner, job)

    assert job.status == S.PENDING_REVIEW and job.published_at is None
    assert "sent for review" in messages[-1] and "reported" in messages[-1]


def test_verified_company_below_threshold_publishes_directly(
    client, verified, employer_owner, settings
):
    settings.JOB_REPORTS_HOLD_THRESHOLD = 3
    other = PublishedJobFactory(company=verified)
    report(other, 2)
    report(other, 5, resolved_at=timezone.now())  # staff dealt with these
    report(PublishedJobFactory(), 5)  # another company's jobs

    job = JobFactory(company=verified)
    publish(client, employer_owner, job)

    assert job.status == S.PUBLISHED


def test_reports_older_than_thirty_days_no_longer_hold(client, verified, employer_owner, settings):
    settings.JOB_REPORTS_HOLD_THRESHOLD = 3
    with time_machine.travel(timezone.now() - timedelta(days=31)):
        report(PublishedJobFactory(company=verified), 3)

    job = JobFactory(company=verified)
    publish(client, employer_owner, job)

    assert job.status == S.PUBLISHED


def test_staff_see_open_reports_in_company_admin(client, verified, settings):
    settings.JOB_REPORTS_HOLD_THRESHOLD = 3
    report(PublishedJobFactory(company=verified), 3)
    client.force_login(UserFactory(is_staff=True, is_superuser=True, email="a@example.com"))

    html = client.get("/admin/employers/company/").content.decode()

    assert "open reports (30 days)" in html.lower()
    assert "new jobs held for review" in html
