import re

import pytest


@pytest.mark.django_db
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


@pytest.mark.django_db
def test_password_reset_email_has_an_html_part(client, candidate, mailoutbox):
    client.post("/accounts/password/reset/", {"email": candidate.email})
    assert len(mailoutbox) == 1
    html, _ = mailoutbox[0].alternatives[0]
    assert "Choose a new password" in html
    assert "/accounts/password/reset/key/" in html
