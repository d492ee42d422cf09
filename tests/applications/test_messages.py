"""The thread between the hiring team and the candidate: each message emails the other side."""

import pytest
from django.urls import reverse

from applications.models import Application
from tests.applications.factories import WithdrawnApplicationFactory

pytestmark = pytest.mark.django_db


def test_an_employer_message_emails_the_candidate_and_counts_as_a_response(
    client, application, employer_recruiter, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(employer_recruiter)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("applications_dashboard:message", args=[application.pk]),
            {"body": "Are you free for a call on Monday?"},
        )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.first_response_at is not None
    assert application.stage == "submitted"  # a message answers without moving the stage
    [email] = mailoutbox
    assert email.to == ["candidate@example.com"]
    assert "Are you free for a call on Monday?" in email.body
    assert reverse("applications:detail", args=[application.pk]) in email.body

    client.force_login(application.candidate)
    page = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert "Are you free for a call on Monday?" in page


def test_a_candidate_message_emails_the_whole_team_and_is_not_a_response(
    client, application, candidate, employer_owner, employer_recruiter, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    client.force_login(candidate)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("applications:message", args=[application.pk]),
            {"body": "Monday works."},
        )

    assert Application.objects.get(pk=application.pk).first_response_at is None
    assert sorted(address for m in mailoutbox for address in m.to) == [
        "owner@lakeside.example",
        "recruiter@lakeside.example",
    ]
    link = reverse("applications_dashboard:applicant", args=[application.pk])
    assert all(link in m.body for m in mailoutbox)

    client.force_login(employer_owner)
    page = client.get(link).content.decode()
    assert "Monday works." in page


def test_an_empty_message_is_refused(client, candidate, application):
    client.force_login(candidate)

    client.post(reverse("applications:message", args=[application.pk]), {"body": "  "})

    assert not application.events.filter(kind="message").exists()


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("  ", "Write a message before sending it."),
        ("x" * 5_001, "at most 5000 characters"),
        ("Hello\x00there", "Null characters are not allowed."),
    ],
)
def test_a_refused_candidate_message_says_why(client, candidate, application, body, reason):
    # It used to say "Write a message before sending it." whatever was wrong with it.
    client.force_login(candidate)

    response = client.post(
        reverse("applications:message", args=[application.pk]), {"body": body}, follow=True
    )

    shown = [str(message) for message in response.context["messages"]]
    assert any(reason in message for message in shown), shown
    assert not application.events.filter(kind="message").exists()


def test_a_candidate_cannot_message_a_withdrawn_application(client, candidate, job):
    application = WithdrawnApplicationFactory(candidate=candidate, job=job)
    client.force_login(candidate)

    client.post(reverse("applications:message", args=[application.pk]), {"body": "Hello?"})

    assert not application.events.filter(kind="message").exists()


def test_another_company_cannot_message_the_applicant(client, application, other_employer):
    client.force_login(other_employer)

    response = client.post(
        reverse("applications_dashboard:message", args=[application.pk]), {"body": "Hi"}
    )

    assert response.status_code == 404
    assert not application.events.exists()


def _messages(response):
    return [str(m) for m in response.context["messages"]]


@pytest.mark.parametrize("side", ["candidate", "team"])
def test_message_posts_are_rate_limited_per_user(
    client, application, candidate, employer_recruiter, settings, side
):
    settings.APPLICATION_MESSAGE_RATE_LIMIT = "2/h"
    user, url = (
        (candidate, reverse("applications:message", args=[application.pk]))
        if side == "candidate"
        else (employer_recruiter, reverse("applications_dashboard:message", args=[application.pk]))
    )
    client.force_login(user)
    for n in range(2):
        client.post(url, {"body": f"Message {n}"})

    response = client.post(url, {"body": "One too many"}, follow=True)

    assert "a lot of messages in the last hour" in _messages(response)[-1]
    bodies = list(application.events.filter(kind="message").values_list("body", flat=True))
    assert sorted(bodies) == ["Message 0", "Message 1"]


def test_one_users_message_limit_does_not_stop_another(
    client, application, candidate, employer_recruiter, settings
):
    settings.APPLICATION_MESSAGE_RATE_LIMIT = "1/h"
    client.force_login(candidate)
    client.post(reverse("applications:message", args=[application.pk]), {"body": "First"})
    client.post(reverse("applications:message", args=[application.pk]), {"body": "Blocked"})

    client.force_login(employer_recruiter)
    response = client.post(
        reverse("applications_dashboard:message", args=[application.pk]), {"body": "Answer"}
    )

    assert response.status_code == 302
    bodies = set(application.events.filter(kind="message").values_list("body", flat=True))
    assert bodies == {"First", "Answer"}
