"""A candidate reports "never heard back" on an application past its deadline; staff see it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Application, Stage
from applications.no_ghosting import application_report_never_heard_back
from infra.refusals import Refusal
from tests.applications.deadline_factories import (
    AnsweredApplicationFactory,
    ApplicationFactory,
    BreachedApplicationFactory,
)
from tests.factories import CandidateFactory

pytestmark = pytest.mark.django_db


def report(client, application):
    return client.post(reverse("no_ghosting:never_heard_back", args=[application.pk]))


def test_candidate_reports_never_hearing_back_after_the_deadline(client, candidate):
    application = BreachedApplicationFactory(candidate=candidate)
    client.force_login(candidate)

    response = report(client, application)

    assert response.status_code == 302
    assert response["Location"] == f"/me/applications/{application.pk}/"
    application.refresh_from_db()
    assert application.never_heard_back_at is not None


def test_staff_see_the_reports_in_admin(client, candidate, admin_user):
    reported = BreachedApplicationFactory(candidate=candidate, job__title="Reported role")
    BreachedApplicationFactory(job__title="Unreported role")
    application_report_never_heard_back(application=reported, candidate=candidate)
    client.force_login(admin_user)

    html = client.get("/admin/applications/neverheardbackreport/").content.decode()

    assert "Reported role" in html and "Unreported role" not in html


def test_no_report_before_the_deadline(client, candidate):
    application = ApplicationFactory(candidate=candidate)
    client.force_login(candidate)

    response = report(client, application)

    assert response.status_code == 302  # back to the page, with the reason
    application.refresh_from_db()
    assert application.never_heard_back_at is None
    with pytest.raises(Refusal) as refusal:
        application_report_never_heard_back(application=application, candidate=candidate)
    assert refusal.value.code == "deadline_not_passed"


def test_no_report_once_the_employer_answered(candidate):
    application = AnsweredApplicationFactory(
        candidate=candidate,
        submitted_at=timezone.now() - timedelta(days=10),
        answered_after=timedelta(days=9),
    )

    with pytest.raises(Refusal) as refusal:
        application_report_never_heard_back(application=application, candidate=candidate)
    assert refusal.value.code == "answered"


def test_no_report_on_a_withdrawn_application(candidate):
    application = BreachedApplicationFactory(candidate=candidate, stage=Stage.WITHDRAWN)

    with pytest.raises(Refusal) as refusal:
        application_report_never_heard_back(application=application, candidate=candidate)
    assert refusal.value.code == "not_waiting"


def test_a_report_is_made_once(candidate):
    application = BreachedApplicationFactory(candidate=candidate)
    application_report_never_heard_back(application=application, candidate=candidate)
    first = Application.objects.get(pk=application.pk).never_heard_back_at

    with pytest.raises(Refusal) as refusal:
        application_report_never_heard_back(application=application, candidate=candidate)

    assert refusal.value.code == "already_reported"
    assert Application.objects.get(pk=application.pk).never_heard_back_at == first


def test_another_candidate_cannot_report_it(client, candidate):
    application = BreachedApplicationFactory(candidate=candidate)
    client.force_login(CandidateFactory())

    assert report(client, application).status_code == 404
    application.refresh_from_db()
    assert application.never_heard_back_at is None


def test_reporting_is_a_post(client, candidate):
    application = BreachedApplicationFactory(candidate=candidate)
    client.force_login(candidate)

    url = reverse("no_ghosting:never_heard_back", args=[application.pk])
    assert client.get(url).status_code == 405


def test_the_report_include_shows_only_past_the_deadline(candidate):
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    request = RequestFactory().get("/me/applications/")
    request.user = candidate
    waiting = ApplicationFactory(candidate=candidate)
    overdue = BreachedApplicationFactory(candidate=candidate)

    def render(application):
        return render_to_string(
            "applications/_never_heard_back.html", {"application": application}, request=request
        )

    assert "never-heard-back" not in render(waiting)
    assert f'action="/me/applications/{overdue.pk}/never-heard-back/"' in render(overdue)
