"""My applications: the stage as the candidate sees it, the countdown, the timeline, withdraw."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from applications.models import Application, Stage
from tests.applications.factories import (
    AnsweredApplicationFactory,
    ApplicationFactory,
    OverdueApplicationFactory,
)

pytestmark = pytest.mark.django_db


def detail_url(application):
    return reverse("applications:detail", args=[application.pk])


def test_my_applications_lists_each_with_its_stage_and_countdown(client, candidate, company):
    from tests.factories import PublishedJobFactory

    fresh = ApplicationFactory(candidate=candidate, job=PublishedJobFactory(company=company))
    AnsweredApplicationFactory(candidate=candidate, job=PublishedJobFactory(company=company))
    OverdueApplicationFactory(candidate=candidate, job=PublishedJobFactory(company=company))
    ApplicationFactory()  # someone else's
    client.force_login(candidate)

    with time_machine.travel(fresh.submitted_at + timedelta(days=4, hours=1)):
        page = client.get(reverse("applications:list")).content.decode()

    assert page.count('class="card application-card"') == 3
    assert "Answer due in 2 days" in page
    assert "Interview" in page and "Answered" in page
    assert "Answer overdue since" in page


def test_the_countdown_counts_down_to_the_deadline(client, candidate, application):
    client.force_login(candidate)

    with time_machine.travel(application.respond_by - timedelta(days=3, hours=2)):
        assert "Answer due in 3 days" in client.get(detail_url(application)).content.decode()
    with time_machine.travel(application.respond_by - timedelta(hours=5)):
        assert "Answer due in 5 hours" in client.get(detail_url(application)).content.decode()
    with time_machine.travel(application.respond_by + timedelta(days=1)):
        page = client.get(detail_url(application)).content.decode()
    due = timezone.localtime(application.respond_by)
    assert f"Answer overdue since {due:%b} {due.day}" in page


def test_the_timeline_shows_what_the_candidate_may_see(client, candidate, application):
    application.events.create(kind="submitted", stage="submitted")
    application.events.create(kind="reminder", visible_to_candidate=False, body="Team reminded")
    application.events.create(kind="stage", stage="interview", body="Come on Tuesday")
    client.force_login(candidate)

    page = client.get(detail_url(application)).content.decode()

    assert "Application sent" in page and "Come on Tuesday" in page
    assert "Team reminded" not in page


def test_withdraw_closes_the_application(client, candidate, application):
    client.force_login(candidate)
    url = reverse("applications:withdraw", args=[application.pk])

    assert client.get(url).status_code == 405
    response = client.post(url)

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == Stage.WITHDRAWN and application.closed_at is not None
    assert application.events.filter(kind="withdrawn").exists()
    assert "Withdrawn" in client.get(detail_url(application)).content.decode()


def test_a_closed_application_cannot_be_withdrawn(client, candidate, job):
    application = ApplicationFactory(candidate=candidate, job=job, stage=Stage.NOT_SELECTED)
    client.force_login(candidate)

    response = client.post(reverse("applications:withdraw", args=[application.pk]))

    assert response.status_code == 302
    assert Application.objects.get(pk=application.pk).stage == Stage.NOT_SELECTED


def test_the_confirmation_page_is_the_candidates_own(client, application):
    from tests.factories import CandidateFactory

    client.force_login(CandidateFactory())

    assert client.get(reverse("applications:submitted", args=[application.pk])).status_code == 404


def test_every_stage_has_the_candidates_label():
    assert [stage.label for stage in Stage] == [
        "Submitted", "Viewed", "In review", "Interview", "Offer", "Hired", "Not selected",
        "Withdrawn", "Position closed",
    ]  # fmt: skip
