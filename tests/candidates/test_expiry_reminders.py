"""Emails 60 and 14 days before a license or certification expires: once each, moved by the
clock (time-machine)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings

from candidates.services import CREDENTIAL_EXPIRY_KIND, credentials_queue_expiry_reminders
from notifications.models import Notification
from tests.candidates.factories import CertificationFactory, LicenseFactory, ProfileFactory

pytestmark = pytest.mark.django_db

START = datetime(2027, 1, 4, 9, 0, tzinfo=ZoneInfo(settings.TIME_ZONE))


def reminders():
    return list(
        Notification.objects.filter(kind=CREDENTIAL_EXPIRY_KIND)
        .order_by("pk")
        .values_list("key", flat=True)
    )


def test_a_license_is_reminded_once_at_60_and_once_at_14_days(candidate):
    with time_machine.travel(START, tick=False) as clock:
        license = LicenseFactory(
            profile=ProfileFactory(user=candidate), expires_on=(START + timedelta(days=90)).date()
        )
        assert credentials_queue_expiry_reminders() == 0  # 90 days out: too early
        clock.move_to(START + timedelta(days=30))  # 60 days left
        assert credentials_queue_expiry_reminders() == 1
        assert credentials_queue_expiry_reminders() == 0
        clock.move_to(START + timedelta(days=50))  # 40 days left: already reminded
        assert credentials_queue_expiry_reminders() == 0
        clock.move_to(START + timedelta(days=76))  # 14 days left
        assert credentials_queue_expiry_reminders() == 1
        clock.move_to(START + timedelta(days=80))
        assert credentials_queue_expiry_reminders() == 0
        clock.move_to(START + timedelta(days=95))  # expired: nothing more
        assert credentials_queue_expiry_reminders() == 0
    keys = reminders()
    assert len(keys) == 2
    assert f"license:{license.pk}:days:60:" in keys[0]
    assert f"license:{license.pk}:days:14:" in keys[1]
    row = Notification.objects.filter(kind=CREDENTIAL_EXPIRY_KIND).order_by("pk").first()
    assert row.to_email == candidate.email
    assert "RN" in row.subject and "60 days" in row.subject
    assert "/me/profile/" in row.body_text and "/me/profile/" in row.body_html


def test_a_renewed_certification_is_reminded_again_for_its_new_date(candidate):
    with time_machine.travel(START, tick=False) as clock:
        cert = CertificationFactory(
            profile=ProfileFactory(user=candidate),
            credential="acls",
            expires_on=(START + timedelta(days=10)).date(),
        )
        assert credentials_queue_expiry_reminders() == 1  # entered late: only the 14-day one
        cert.expires_on = (START + timedelta(days=740)).date()
        cert.save()
        clock.move_to(START + timedelta(days=690))
        assert credentials_queue_expiry_reminders() == 1
    assert [key.split(":days:")[1][:2] for key in reminders()] == ["14", "60"]


def test_reminders_of_many_candidates_go_out_in_one_run(django_assert_max_num_queries):
    with time_machine.travel(START, tick=False):
        for _ in range(5):
            LicenseFactory(expires_on=(START + timedelta(days=30)).date())
            CertificationFactory(expires_on=(START + timedelta(days=7)).date())
        with django_assert_max_num_queries(14):
            assert credentials_queue_expiry_reminders() == 10
