import re

import pytest

from notifications.models import Notification

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_after_each_request")]


def test_signup_confirmation_email_has_text_and_html_parts_with_the_same_link(client, mailoutbox):
    client.post(
        "/accounts/signup/candidate/",
        {
            "full_name": "Ada Obi",
            "email": "ada@example.com",
            "password1": "Night-shift-ICU-2026",
            "password2": "Night-shift-ICU-2026",
        },
    )
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    text_link = re.search(r"http://testserver/accounts/confirm-email/\S+/", message.body).group(0)
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{text_link}"' in html
    assert "Confirm my email" in html
    assert "someone signed up on healthcareers with this address" in message.body
    assert "someone signed up on healthcareers with this address" in html
    row = Notification.objects.get()
    assert (row.kind, row.status) == ("account.email_confirmation_signup", "sent")
    assert row.user.email == "ada@example.com"


def test_password_reset_email_has_an_html_part(client, candidate, mailoutbox):
    client.post("/accounts/password/reset/", {"email": candidate.email})
    assert len(mailoutbox) == 1
    html, _ = mailoutbox[0].alternatives[0]
    assert "Choose a new password" in html
    assert "/accounts/password/reset/key/" in html
    assert "a password reset was asked for candidate@example.com" in mailoutbox[0].body
    assert Notification.objects.get().kind == "account.password_reset_key"


def test_account_emails_are_stored_even_when_the_broker_is_down(
    client, candidate, mailoutbox, monkeypatch
):
    from notifications.tasks import deliver_due

    def broker_down(*args, **kwargs):
        raise OSError("Connection refused")

    monkeypatch.setattr(deliver_due, "delay", broker_down)

    response = client.post("/accounts/password/reset/", {"email": candidate.email})

    assert response.status_code == 302
    assert mailoutbox == []
    assert Notification.objects.get().status == Notification.Status.PENDING
