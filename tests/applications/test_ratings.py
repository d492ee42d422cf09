"""Process ratings: only the applicant, once, after the final answer; averages from 5 on."""

import pytest
from django.urls import reverse

from applications.models import ProcessRating, Stage
from applications.ratings import application_rate, can_rate
from applications.responsiveness import companies_refresh_responsiveness
from infra.refusals import Refusal
from tests.applications.deadline_factories import (
    AnsweredApplicationFactory,
    NotSelectedApplicationFactory,
    ProcessRatingFactory,
)
from tests.factories import CandidateFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished(candidate, company):
    return NotSelectedApplicationFactory(
        job=PublishedJobFactory(company=company), candidate=candidate
    )


def rate(client, application, **data):
    return client.post(
        reverse("no_ghosting:rate", args=[application.pk]),
        {"speed": "4", "communication": "2", "comment": "", **data},
    )


def test_the_applicant_rates_the_process_after_the_final_answer(client, candidate, finished):
    client.force_login(candidate)

    response = rate(client, finished, comment="  Clear, but slow to schedule.  ")

    assert response.status_code == 302
    assert response["Location"] == f"/me/applications/{finished.pk}/"
    rating = ProcessRating.objects.get(application=finished)
    assert (rating.speed, rating.communication) == (4, 2)
    assert rating.company_id == finished.company_id
    assert rating.comment == "Clear, but slow to schedule."
    assert rating.comment_status == ProcessRating.Status.PENDING  # staff moderate it


def test_a_rating_without_a_comment_needs_no_moderation(candidate, finished):
    rating = application_rate(application=finished, candidate=candidate, speed=5, communication=5)

    assert rating.comment_status == ProcessRating.Status.APPROVED


def test_an_applicant_rates_only_once(client, candidate, finished):
    client.force_login(candidate)
    rate(client, finished)

    response = rate(client, finished, speed="1", next=f"/me/applications/{finished.pk}/")

    assert response.status_code == 302
    assert ProcessRating.objects.get(application=finished).speed == 4
    with pytest.raises(Refusal) as refusal:
        application_rate(application=finished, candidate=candidate, speed=1, communication=1)
    assert refusal.value.code == "already_rated"


@pytest.mark.parametrize("stage", [Stage.REVIEWING, Stage.INTERVIEW, Stage.WITHDRAWN])
def test_no_rating_before_the_final_answer(candidate, company, stage):
    application = AnsweredApplicationFactory(candidate=candidate, stage=stage)

    with pytest.raises(Refusal) as refusal:
        application_rate(application=application, candidate=candidate, speed=3, communication=3)

    assert refusal.value.code == "not_final"
    assert not can_rate(application, candidate)


@pytest.mark.parametrize("stage", [Stage.HIRED, Stage.NOT_SELECTED, Stage.POSITION_CLOSED])
def test_every_final_answer_can_be_rated(candidate, stage):
    application = NotSelectedApplicationFactory(candidate=candidate, stage=stage)

    assert can_rate(application, candidate)
    application_rate(application=application, candidate=candidate, speed=3, communication=3)


def test_someone_else_cannot_rate_an_application(client, finished):
    other = CandidateFactory()
    client.force_login(other)

    assert rate(client, finished).status_code == 404
    with pytest.raises(Refusal):
        application_rate(application=finished, candidate=other, speed=5, communication=5)
    assert not ProcessRating.objects.exists()


def test_the_company_cannot_rate_itself(client, employer_owner, finished):
    client.force_login(employer_owner)

    # Employers cannot reach candidates' pages at all.
    assert rate(client, finished).status_code == 403
    assert not ProcessRating.objects.exists()


@pytest.mark.parametrize("data", [{"speed": "0"}, {"communication": "6"}, {"speed": ""}])
def test_scores_must_be_from_one_to_five(client, candidate, finished, data):
    client.force_login(candidate)

    response = rate(client, finished, **data)

    assert response.status_code == 302
    assert not ProcessRating.objects.exists()


def test_rating_is_a_post(client, candidate, finished):
    client.force_login(candidate)

    assert client.get(reverse("no_ghosting:rate", args=[finished.pk])).status_code == 405


def test_the_company_page_shows_the_averages_only_from_five_ratings_on(client, company):
    job = PublishedJobFactory(company=company)
    for speed in (5, 4, 4, 3):
        ProcessRatingFactory(application__job=job, speed=speed, communication=5)
    # Enough answered applications for the figures to show at all.
    companies_refresh_responsiveness()

    company.refresh_from_db()
    assert company.rating_count == 4
    assert not company.shows_ratings

    ProcessRatingFactory(application__job=job, speed=2, communication=4)
    companies_refresh_responsiveness()
    company.refresh_from_db()
    assert company.shows_ratings
    assert str(company.rating_speed_avg) == "3.60"
    html = client.get(company.get_absolute_url()).content.decode()
    assert "3.6 / 5" in html and "4.8 / 5" in html and "from 5 ratings" in html


def test_the_company_page_shows_only_comments_staff_approved(client, company):
    job = PublishedJobFactory(company=company)
    for n in range(5):
        ProcessRatingFactory(
            application__job=job, comment=f"Approved comment {n}", comment_status="approved"
        )
    ProcessRatingFactory(application__job=job, comment="Waiting comment")
    ProcessRatingFactory(
        application__job=job, comment="Rejected comment", comment_status="rejected"
    )
    companies_refresh_responsiveness()

    html = client.get(company.get_absolute_url()).content.decode()

    assert "What applicants say" in html
    assert html.count("Approved comment") == 3  # the newest three
    assert "Waiting comment" not in html and "Rejected comment" not in html


def test_the_rating_form_include_shows_for_a_final_answer_and_thanks_after(
    client, candidate, finished
):
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    request = RequestFactory().get(f"/me/applications/{finished.pk}/")
    request.user = candidate
    html = render_to_string(
        "applications/_rating_form.html", {"application": finished}, request=request
    )
    assert f'action="/me/applications/{finished.pk}/rate/"' in html
    assert 'name="speed"' in html and 'name="communication"' in html

    application_rate(application=finished, candidate=candidate, speed=4, communication=3)
    finished.refresh_from_db()
    html = render_to_string(
        "applications/_rating_form.html", {"application": finished}, request=request
    )
    assert "You rated it 4/5 for speed" in html


def test_staff_moderate_comments_in_admin(client, admin_user, finished, candidate):
    rating = application_rate(
        application=finished, candidate=candidate, speed=3, communication=3, comment="Kind."
    )
    client.force_login(admin_user)

    assert "Kind." in client.get("/admin/applications/processrating/").content.decode()
    client.post(
        "/admin/applications/processrating/",
        {"action": "approve_comments", "_selected_action": [rating.pk]},
    )

    rating.refresh_from_db()
    assert rating.comment_status == ProcessRating.Status.APPROVED
