"""How the team hears of new applications: each member's choice, and the daily digest."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from applications import tasks
from config.celery import app as celery_app
from employers.models import Membership
from notifications.models import Notification
from tests.applications.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

DIGEST = "applications.daily_digest"


def test_a_member_chooses_the_daily_digest_on_the_team_page(client, employer_recruiter):
    client.force_login(employer_recruiter)
    url = reverse("employers:application_emails")

    assert client.get(url).status_code == 405
    client.post(url, {"application_emails": "daily_digest"})
    refused = client.post(url, {"application_emails": "hourly"})

    assert refused.status_code == 302
    membership = Membership.objects.get(user=employer_recruiter)
    assert membership.application_emails == "daily_digest"
    assert "One daily digest" in client.get(reverse("employers:team")).content.decode()


def test_the_digest_lists_yesterdays_applications_once_per_member_and_day(
    job, employer_owner, employer_recruiter, other_employer
):
    Membership.objects.filter(user__in=[employer_recruiter, other_employer]).update(
        application_emails="daily_digest"
    )
    today = timezone.localdate()
    yesterday_noon = timezone.make_aware(
        timezone.datetime.combine(today - timedelta(days=1), timezone.datetime.min.time())
    ) + timedelta(hours=12)
    ApplicationFactory(job=job, submitted_at=yesterday_noon)
    ApplicationFactory(job=job, submitted_at=yesterday_noon + timedelta(hours=1))
    ApplicationFactory(job=job)  # today: tomorrow's digest

    assert tasks.send_daily_digests() == 1
    assert tasks.send_daily_digests() == 0

    [row] = Notification.objects.filter(kind=DIGEST)
    assert row.to_email == "recruiter@lakeside.example"
    assert "2 new applications" in row.subject
    assert today.isoformat() in row.key

    with time_machine.travel(timezone.now() + timedelta(days=1)):
        assert tasks.send_daily_digests() == 1  # today's one application, tomorrow


def test_no_digest_on_a_day_without_applications(job, employer_recruiter):
    Membership.objects.filter(user=employer_recruiter).update(application_emails="daily_digest")

    assert tasks.send_daily_digests() == 0


def test_the_digest_is_on_the_beat_schedule():
    schedule = {entry["task"] for entry in celery_app.conf.beat_schedule.values()}
    assert "applications.tasks.send_daily_digests" in schedule
