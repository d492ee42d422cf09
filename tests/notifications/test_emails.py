"""Every email the product sends goes through the outbox and reaches each recipient with a text
and an HTML part, the site's name, one action, and a footer saying why they got it."""

from datetime import timedelta

import pytest
import time_machine

from articles.services import comment_submit
from employers.plans import PROFESSIONAL
from employers.services import invitation_create, upgrade_request_submit
from jobs import services as job_services
from jobs.models import Job
from notifications.delivery import deliver_due
from notifications.models import Notification
from pages.services import contact_message_submit
from tests.articles.factories import PublishedArticleFactory
from tests.factories import JobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db

WHY = "You got this email because"


def delivered(mailoutbox, kind):
    deliver_due()
    rows = Notification.objects.filter(kind=kind)
    assert rows.exists(), kind
    assert {row.status for row in rows} == {Notification.Status.SENT}
    addresses = {row.to_email for row in rows}
    messages = [m for m in mailoutbox if m.to[0] in addresses and m.subject == rows[0].subject]
    assert len(messages) == rows.count()
    for message in messages:
        assert len(message.to) == 1  # one row, one recipient
        (html, mime), *_ = message.alternatives
        assert mime == "text/html"
        for part in (message.body, html):
            assert WHY in part, (kind, part)
            assert "healthcareers" in part
        assert "Or paste this link into your browser" in html  # the one action, as a button
    return sorted(addresses)


@pytest.fixture(autouse=True)
def _staff_inbox(settings):
    settings.STAFF_NOTIFICATION_EMAILS = ["desk@example.com"]


def test_contact_message(mailoutbox):
    contact_message_submit(name="Jo", email="jo@example.com", topic="other", message="Hi there!")

    assert delivered(mailoutbox, "pages.contact") == ["desk@example.com"]


def test_invitation(company, employer_owner, mailoutbox):
    invitation_create(company=company, invited_by=employer_owner, email="new@example.com")

    assert delivered(mailoutbox, "employers.invitation") == ["new@example.com"]


def test_upgrade_request_to_staff_and_its_confirmation(company, employer_owner, mailoutbox):
    upgrade_request_submit(company=company, requested_by=employer_owner, plan=PROFESSIONAL)

    assert delivered(mailoutbox, "employers.upgrade_request_staff") == ["desk@example.com"]
    assert delivered(mailoutbox, "employers.upgrade_request_confirmation") == [
        "owner@lakeside.example"
    ]


def test_comment_to_the_editors(staff_editor, mailoutbox):
    comment_submit(
        article=PublishedArticleFactory(), body="Helpful!", name="Pat", email="pat@example.com"
    )

    assert delivered(mailoutbox, "articles.new_comment") == ["editor@example.com"]


def test_job_approved_and_sent_back_to_the_whole_team(
    company, employer_owner, employer_recruiter, mailoutbox
):
    team = ["owner@lakeside.example", "recruiter@lakeside.example"]
    job = JobFactory(company=company, status=Job.Status.PENDING_REVIEW)

    job_services.job_send_back(job=job, reason="Add the pay range.")
    assert delivered(mailoutbox, "jobs.sent_back") == team

    Job.objects.filter(pk=job.pk).update(status=Job.Status.PENDING_REVIEW)
    job_services.job_approve(job=job)
    assert delivered(mailoutbox, "jobs.approved") == team


def test_a_second_send_back_is_a_second_email(company, employer_owner, mailoutbox):
    job = JobFactory(company=company, status=Job.Status.PENDING_REVIEW)
    job_services.job_send_back(job=job, reason="Add the pay range.")
    Job.objects.filter(pk=job.pk).update(status=Job.Status.PENDING_REVIEW)
    job_services.job_send_back(job=job, reason="And the shift.")

    assert Notification.objects.filter(kind="jobs.sent_back").count() == 2


def test_expiry_reminder(company, employer_owner, mailoutbox):
    job = PublishedJobFactory(company=company)

    with time_machine.travel(job.expires_at - timedelta(days=2)):
        job_services.jobs_queue_expiry_reminders()
        assert delivered(mailoutbox, "jobs.expiry_reminder") == ["owner@lakeside.example"]
