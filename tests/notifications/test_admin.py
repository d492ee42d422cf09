"""Staff's outbox in admin: filters, search, read-only content, and resending."""

import pytest
from django.contrib.auth.models import Permission

from notifications.models import Notification
from tests.factories import StaffEditorFactory
from tests.notifications.factories import (
    FailedNotificationFactory,
    NotificationFactory,
    SentNotificationFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/notifications/notification/"


def resend(client, rows):
    return client.post(
        CHANGELIST,
        {"action": "resend", "_selected_action": [row.pk for row in rows]},
        follow=True,
    )


def test_the_outbox_lists_rows_and_filters_by_kind_status_and_recipient(admin_client):
    FailedNotificationFactory(kind="jobs.approved", to_email="dana@example.com", subject="Live!")
    SentNotificationFactory(kind="pages.contact", to_email="desk@example.com", subject="Hello")

    html = admin_client.get(CHANGELIST).content.decode()
    assert "Live!" in html and "Hello" in html

    for query in ["?status__exact=failed", "?kind=jobs.approved", "?q=dana@"]:
        html = admin_client.get(CHANGELIST + query).content.decode()
        assert "Live!" in html and "Hello" not in html, query


def test_a_row_shows_its_content_read_only(admin_client):
    row = FailedNotificationFactory(body_html="<p onclick='x()'>Hi <b>there</b></p>")

    response = admin_client.get(f"{CHANGELIST}{row.pk}/change/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "SMTPException: connection refused" in html
    assert "&lt;p onclick=" in html  # shown as source, never rendered
    assert 'name="subject"' not in html  # nothing is editable
    assert admin_client.get(CHANGELIST + "add/").status_code == 403


def test_staff_resend_a_failed_row(admin_client, mailoutbox, django_capture_on_commit_callbacks):
    failed = FailedNotificationFactory(subject="Try again")
    waiting = NotificationFactory(subject="Already waiting")

    with django_capture_on_commit_callbacks(execute=True):
        response = resend(admin_client, [failed])

    assert "1 emails queued to be sent again." in response.content.decode()
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.last_error) == (
        Notification.Status.SENT,
        1,
        "",
    )
    assert sorted(m.subject for m in mailoutbox) == ["Already waiting", "Try again"]
    assert Notification.objects.get(pk=waiting.pk).status == Notification.Status.SENT


def test_resend_is_refused_for_view_only_staff(client, mailoutbox):
    viewer = StaffEditorFactory()
    viewer.user_permissions.add(Permission.objects.get(codename="view_notification"))
    client.force_login(viewer)
    failed = FailedNotificationFactory()

    assert client.get(CHANGELIST).status_code == 200
    html = client.get(CHANGELIST).content.decode()
    assert 'value="resend"' not in html
    response = resend(client, [failed])

    assert Notification.objects.get(pk=failed.pk).status == Notification.Status.FAILED
    assert mailoutbox == []
    assert response.status_code == 200  # the changelist again: the action does not exist for them
