"""Job search at /jobs/: text, facets with counts, radius, "Did you mean", sorting, pages, htmx."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jobs.choices import EmploymentType, PayPeriod, Profession, Shift, WorkplaceType
from jobs.gazetteer import parse_location
from jobs.models import Job, SearchTerm
from jobs.suggestions import refresh_search_terms, search_terms_refresh, spelling_suggestion
from tests.factories import (
    ClosedJobFactory,
    CompanyFactory,
    ExpiredJobFactory,
    JobFactory,
    PublishedJobFactory,
)

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)


def job_at(where: str, **fields) -> Job:
    """A live job placed where the gazetteer puts `where` ("City, ST" or a ZIP code)."""
    place = parse_location(where)
    return PublishedJobFactory(
        city=place.city,
        state=place.state,
        zip_code=place.zip_code,
        latitude=place.latitude,
        longitude=place.longitude,
        **fields,
    )


def remote_job(**fields) -> Job:
    return PublishedJobFactory(
        workplace_type=WorkplaceType.REMOTE,
        city="",
        state="",
        zip_code="",
        latitude=None,
        longitude=None,
        **fields,
    )


def search(client, **params):
    response = client.get("/jobs/", params)
    assert response.status_code == 200
    return response


def titles(response) -> list[str]:
    return [job.title for job in response.context["results"].jobs]


def facet(response, name) -> dict[str, int]:
    group = next(g for g in response.context["results"].facets if g.name == name)
    return {option.value: option.count for option in group.options}


# Text ------------------------------------------------------------------------------------


def test_a_title_match_outranks_a_description_match(client):
    PublishedJobFactory(
        title="Patient Access Representative",
        description="<p>Work beside our dosimetrist and physicists.</p>",
    )
    PublishedJobFactory(title="Medical Dosimetrist", specialty="Radiation oncology")

    response = search(client, q="dosimetrist")

    assert titles(response) == ["Medical Dosimetrist", "Patient Access Representative"]
    assert response.context["sort"] == "relevance"


def test_a_specialty_match_outranks_a_description_match(client):
    PublishedJobFactory(title="Staff Nurse A", description="<p>Some oncology patients.</p>")
    PublishedJobFactory(title="Staff Nurse B", specialty="Oncology")

    assert titles(search(client, q="oncology")) == ["Staff Nurse B", "Staff Nurse A"]


def test_text_search_takes_websearch_syntax(client):
    PublishedJobFactory(title="Remote Medical Coder", profession=Profession.MEDICAL_CODER)
    PublishedJobFactory(title="Inpatient Medical Coder", profession=Profession.MEDICAL_CODER)
    PublishedJobFactory(title="Medical Assistant", profession=Profession.MEDICAL_ASSISTANT)

    assert sorted(titles(search(client, q="medical coder -remote"))) == ["Inpatient Medical Coder"]
    assert titles(search(client, q='"medical assistant"')) == ["Medical Assistant"]


def test_text_search_ignores_accents(client):
    PublishedJobFactory(title="Enfermera pediátrica bilingual nurse")

    assert titles(search(client, q="pediatrica")) == ["Enfermera pediátrica bilingual nurse"]


def test_featured_job_comes_first_among_equally_relevant_ones(client):
    PublishedJobFactory(title="Charge Nurse", published_at=timezone.now())
    PublishedJobFactory(
        title="Charge Nurse", is_featured=True, published_at=timezone.now() - timedelta(days=5)
    )

    jobs = search(client, q="charge nurse").context["results"].jobs

    assert [job.is_featured for job in jobs] == [True, False]


# Only live jobs --------------------------------------------------------------------------


def test_drafts_reviews_paused_closed_and_expired_jobs_never_appear(client):
    PublishedJobFactory(title="Live Respiratory Therapist")
    JobFactory(title="Draft Respiratory Therapist")
    JobFactory(title="Pending Respiratory Therapist", status=Job.Status.PENDING_REVIEW)
    PublishedJobFactory(title="Paused Respiratory Therapist", status=Job.Status.PAUSED)
    ClosedJobFactory(title="Closed Respiratory Therapist")
    ExpiredJobFactory(title="Expired Respiratory Therapist")
    # Still marked published, but past its date: the expiry sweep has not run yet.
    PublishedJobFactory(
        title="Overdue Respiratory Therapist", expires_at=timezone.now() - timedelta(minutes=1)
    )

    for params in [{}, {"q": "respiratory therapist"}, {"sort": "pay"}]:
        response = search(client, **params)
        assert titles(response) == ["Live Respiratory Therapist"]
        assert response.context["results"].total == 1
        assert sum(facet(response, "profession").values()) == 1


# Facets ----------------------------------------------------------------------------------


@pytest.fixture
def mixed_jobs(db):
    PublishedJobFactory.create_batch(
        3, employment_type=EmploymentType.FULL_TIME, shift=Shift.NIGHT, required_credentials=["rn"]
    )
    PublishedJobFactory.create_batch(
        2, employment_type=EmploymentType.PER_DIEM, shift=Shift.DAY, required_credentials=["bls"]
    )
    PublishedJobFactory(
        employment_type=EmploymentType.PART_TIME,
        shift=Shift.NIGHT,
        profession=Profession.MEDICAL_CODER,
        required_credentials=["cpc", "bls"],
    )


def test_facet_counts_count_the_matching_jobs(client, mixed_jobs):
    response = search(client)

    assert response.context["results"].total == 6
    assert facet(response, "employment_type") == {"full_time": 3, "part_time": 1, "per_diem": 2}
    assert facet(response, "shift") == {"day": 2, "night": 4}
    assert facet(response, "profession") == {"registered_nurse": 5, "medical_coder": 1}
    assert facet(response, "credential") == {"bls": 3, "rn": 3, "cpc": 1}


def test_a_facet_filters_and_other_groups_count_within_it(client, mixed_jobs):
    response = search(client, shift="night")

    assert response.context["results"].total == 4
    assert {job.shift for job in response.context["results"].jobs} == {"night"}
    assert facet(response, "employment_type") == {"full_time": 3, "part_time": 1}
    # A group's own counts ignore its selection: the day-shift jobs are still one click away.
    assert facet(response, "shift") == {"day": 2, "night": 4}


def test_values_of_one_facet_are_alternatives_and_groups_combine(client, mixed_jobs):
    either = search(client, employment_type=["full_time", "part_time"])
    both = search(client, employment_type=["per_diem", "part_time"], shift="night")

    assert either.context["results"].total == 4
    assert both.context["results"].total == 1
    # A selected value stays on screen (to be unticked) even when nothing matches it.
    assert facet(both, "employment_type") == {"full_time": 3, "part_time": 1, "per_diem": 0}


def test_credential_filter_finds_jobs_requiring_it(client, mixed_jobs):
    response = search(client, credential="cpc")

    assert [job.required_credentials for job in response.context["results"].jobs] == [
        ["cpc", "bls"]
    ]
    assert facet(response, "credential")["bls"] == 3


def test_minimum_pay_compares_hourly_and_yearly_pay_on_a_yearly_basis(client):
    PublishedJobFactory(
        title="Hourly 30", pay_min=25, pay_max=30, pay_period=PayPeriod.HOUR
    )  # $62,400 a year
    PublishedJobFactory(
        title="Hourly 60", pay_min=50, pay_max=60, pay_period=PayPeriod.HOUR
    )  # $124,800
    PublishedJobFactory(
        title="Salary 90k", pay_min=80_000, pay_max=90_000, pay_period=PayPeriod.YEAR
    )

    assert sorted(titles(search(client, min_pay=75_000))) == ["Hourly 60", "Salary 90k"]
    assert titles(search(client, min_pay=100_000)) == ["Hourly 60"]
    assert sorted(titles(search(client, min_pay=29, pay_period="hour"))) == [
        "Hourly 30",
        "Hourly 60",
        "Salary 90k",
    ]
    assert sorted(titles(search(client, min_pay=40, pay_period="hour"))) == [
        "Hourly 60",
        "Salary 90k",
    ]
    counts = facet(search(client), "min_pay")
    assert counts["50000"] == 3 and counts["75000"] == 2 and counts["100000"] == 1
    assert counts["200000"] == 0


def test_posted_within_keeps_the_recent_jobs(client):
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        PublishedJobFactory(title="Today", published_at=now - timedelta(hours=2))
        PublishedJobFactory(title="Two days", published_at=now - timedelta(days=2))
        PublishedJobFactory(title="Ten days", published_at=now - timedelta(days=10))

        assert titles(search(client, posted_within=1)) == ["Today"]
        assert titles(search(client, posted_within=3)) == ["Today", "Two days"]
        counts = facet(search(client, posted_within=1), "posted_within")
    assert counts == {"": 0, "1": 1, "3": 2, "7": 2, "30": 3}


def test_the_form_shows_the_search_it_ran(client, mixed_jobs):
    html = search(client, q="nurse", shift="night", min_pay=50000).content.decode()

    assert 'id="f-shift-night" checked' in html
    assert 'id="f-min_pay-50000" checked' in html
    assert 'name="q" value="nurse"' in html


def test_unknown_filter_values_are_ignored_not_errors(client, mixed_jobs):
    response = search(
        client, shift=["moon", "night"], radius="7", page="abc", sort="cheapest", min_pay="lots"
    )

    assert response.context["results"].total == 4
    assert response.context["sort"] == "date"


# Location --------------------------------------------------------------------------------


@pytest.fixture
def colorado_jobs(db):
    job_at("Denver, CO", title="Denver Nurse")
    job_at("Boulder, CO", title="Boulder Nurse")
    job_at("Colorado Springs, CO", title="Colorado Springs Nurse")
    job_at("Houston, TX", title="Houston Nurse")


def test_radius_search_finds_the_jobs_near_a_city(client, colorado_jobs):
    near = search(client, location="Denver, CO", radius=25)
    wide = search(client, location="Denver, CO", radius=100)

    assert sorted(titles(near)) == ["Boulder Nurse", "Denver Nurse"]
    assert sorted(titles(wide)) == ["Boulder Nurse", "Colorado Springs Nurse", "Denver Nurse"]
    assert "within 25 miles of Denver, CO" in near.content.decode()


def test_radius_defaults_to_25_miles(client, colorado_jobs):
    assert sorted(titles(search(client, location="Denver, Colorado"))) == [
        "Boulder Nurse",
        "Denver Nurse",
    ]


def test_a_zip_code_works_as_the_location(client, colorado_jobs):
    assert titles(search(client, location="80903", radius=10)) == ["Colorado Springs Nurse"]


def test_result_cards_show_the_distance(client, colorado_jobs):
    response = search(client, location="Denver, CO", radius=25)

    boulder = next(j for j in response.context["results"].jobs if j.title == "Boulder Nurse")
    assert 23 < boulder.distance < 25
    assert "24 mi away" in response.content.decode()


def test_remote_jobs_join_a_location_search_only_when_remote_is_ticked(client, colorado_jobs):
    remote_job(title="Remote Anywhere Coder")
    remote_job(title="Remote Colorado Coder", remote_states=["CO", "UT"])
    remote_job(title="Remote Texas Coder", remote_states=["TX"])

    located = search(client, location="Denver, CO")
    with_remote = search(client, location="Denver, CO", workplace_type=["onsite", "remote"])
    only_remote = search(client, location="Denver, CO", workplace_type="remote")

    assert sorted(titles(located)) == ["Boulder Nurse", "Denver Nurse"]
    assert facet(located, "workplace_type") == {"onsite": 2, "hybrid": 0, "remote": 2}
    assert sorted(titles(with_remote)) == [
        "Boulder Nurse",
        "Denver Nurse",
        "Remote Anywhere Coder",
        "Remote Colorado Coder",
    ]
    assert sorted(titles(only_remote)) == ["Remote Anywhere Coder", "Remote Colorado Coder"]


def test_a_location_search_with_remote_says_how_many_are_near_and_how_many_remote(
    client, colorado_jobs
):
    remote_job(title="Remote Anywhere Coder")
    remote_job(title="Remote Colorado Coder", remote_states=["CO", "UT"])
    remote_job(title="Remote Texas Coder", remote_states=["TX"])

    response = search(
        client, location="Denver, CO", radius=25, workplace_type=["onsite", "hybrid", "remote"]
    )

    results = response.context["results"]
    assert (results.total, results.remote_total, results.nearby_total) == (4, 2, 2)
    count = " ".join(response.content.decode().split("result-count", 1)[1].split())
    assert (
        "<strong>4</strong> jobs: 2 within 25 miles of Denver, CO and 2 remote "
        "(open to people in CO)" in count
    )
    # Remote jobs are not "within 25 miles" of anything: their cards say Remote, no distance.
    places = re.findall(r'job-card__place">(.*?)</p>', response.content.decode())
    assert sorted(places)[-2:] == ["Remote", "Remote"]
    assert sum("mi away" in place for place in places) == 2


def test_remote_filter_without_location_finds_every_remote_job(client, colorado_jobs):
    remote_job(title="Remote Texas Coder", remote_states=["TX"])

    assert titles(search(client, workplace_type="remote")) == ["Remote Texas Coder"]


@pytest.mark.parametrize(
    ("location", "message"),
    [
        ("Atlantis, ZZ", "We couldn&#x27;t find"),
        ("00000", "We don&#x27;t know the ZIP code 00000."),
        ("8020", "A ZIP code has five digits."),
        ("Denver", "Enter the city and state as"),
    ],
)
def test_an_unknown_location_is_explained_and_the_rest_of_the_search_runs(
    client, colorado_jobs, location, message
):
    response = search(client, location=location, q="nurse")

    html = response.content.decode()
    assert message in html
    assert 'aria-invalid="true" aria-describedby="search-location-error"' in html
    assert 'role="alert"' in html
    assert len(titles(response)) == 4  # not limited to a place


# Did you mean ----------------------------------------------------------------------------


def test_a_misspelt_query_that_finds_nothing_shows_the_corrected_results(client):
    PublishedJobFactory(title="Medical Dosimetrist", profession=Profession.DOSIMETRIST)
    PublishedJobFactory(title="Radiation Therapist", profession=Profession.RADIATION_THERAPIST)
    search_terms_refresh()

    response = search(client, q="dosimetrst")

    results = response.context["results"]
    assert titles(response) == ["Medical Dosimetrist"]
    assert results.corrected_from == "dosimetrst"
    assert results.suggestion == "dosimetrist"
    html = " ".join(response.content.decode().split())
    assert "Showing results for" in html
    assert (
        '<a href="/jobs/?q=dosimetrist" data-hx-get="/jobs/?q=dosimetrist"><strong>dosimetrist'
        in html
    )
    assert 'Search instead for <a href="/jobs/?q=dosimetrst&amp;verbatim=1"' in html
    assert "for “dosimetrist”" in html  # the count says what the results are


def test_search_instead_searches_the_words_as_typed(client):
    PublishedJobFactory(title="Medical Dosimetrist")
    search_terms_refresh()

    response = search(client, q="dosimetrst", verbatim="1")

    assert response.context["results"].total == 0
    assert response.context["results"].corrected_from == ""
    html = response.content.decode()
    assert "Showing results for" not in html
    assert "Did you mean" in html


def test_a_misspelt_query_that_finds_a_few_gets_did_you_mean(client):
    PublishedJobFactory(title="Medical Dosimetrist", profession=Profession.DOSIMETRIST)
    PublishedJobFactory(title="Treatment Planner", description="<p>Our dosimetrst team.</p>")
    search_terms_refresh()

    response = search(client, q="dosimetrst")

    assert titles(response) == ["Treatment Planner"]
    assert response.context["results"].suggestion == "dosimetrist"
    html = response.content.decode()
    assert "Did you mean" in html
    assert "Showing results for" not in html
    assert 'href="/jobs/?q=dosimetrist"' in html


def test_did_you_mean_corrects_only_the_misspelt_words(db):
    PublishedJobFactory(title="Night Shift Radiation Therapist")
    search_terms_refresh()

    assert spelling_suggestion("radiaton therapist nights") == "radiation therapist nights"
    assert spelling_suggestion("radiation therapist") is None
    assert spelling_suggestion("xqzv") is None
    assert spelling_suggestion("") is None


def test_a_query_with_enough_results_gets_no_suggestion(client):
    PublishedJobFactory.create_batch(3, title="Medical Dosimetrist")
    search_terms_refresh()

    assert search(client, q="dosimetrist").context["results"].suggestion is None


def test_the_vocabulary_follows_the_live_jobs(db):
    job = PublishedJobFactory(title="Sonographer Vascular", specialty="Echocardiography")
    ExpiredJobFactory(title="Phlebotomist")
    search_terms_refresh()
    assert set(SearchTerm.objects.values_list("word", flat=True)) == {
        "sonographer",
        "vascular",
        "echocardiography",
    }

    job.status = Job.Status.CLOSED
    job.save()
    PublishedJobFactory(title="Sonographer", specialty="")
    PublishedJobFactory(title="Sonographer", specialty="")
    refresh_search_terms.delay()  # the periodic task, run eagerly in tests
    refresh_search_terms.delay()  # and idempotent

    assert dict(SearchTerm.objects.values_list("word", "job_count")) == {"sonographer": 2}


# Sorting and pages -----------------------------------------------------------------------


def test_sort_by_pay_puts_the_best_paid_first(client):
    PublishedJobFactory(title="Middle", pay_min=40, pay_max=50, pay_period=PayPeriod.HOUR)
    PublishedJobFactory(title="Top", pay_min=150_000, pay_max=180_000, pay_period=PayPeriod.YEAR)
    PublishedJobFactory(title="Low", pay_min=20, pay_max=24, pay_period=PayPeriod.HOUR)

    assert titles(search(client, sort="pay")) == ["Top", "Middle", "Low"]


def test_without_a_query_the_newest_jobs_come_first(client):
    now = timezone.now()
    PublishedJobFactory(title="Older", published_at=now - timedelta(days=3))
    PublishedJobFactory(title="Newer", published_at=now - timedelta(hours=1))

    response = search(client)

    assert titles(response) == ["Newer", "Older"]
    assert response.context["sort"] == "date"


def test_results_come_twenty_to_a_page_with_page_links(client):
    now = timezone.now()
    for n in range(45):
        PublishedJobFactory(title=f"Job {n:02}", published_at=now - timedelta(minutes=n))

    first = search(client, shift="day")
    third = search(client, shift="day", page=3)
    beyond = search(client, shift="day", page=99)

    assert titles(first) == [f"Job {n:02}" for n in range(20)]
    assert titles(third) == [f"Job {n:02}" for n in range(40, 45)]
    assert titles(beyond) == titles(third)
    html = first.content.decode()
    assert 'href="/jobs/?shift=day&amp;page=2"' in html
    assert 'href="/jobs/?shift=day&amp;page=3"' in html
    assert "page 1 of 3" in html
    assert 'rel="next"' in html and 'rel="prev"' not in html


# The page itself --------------------------------------------------------------------------


def test_htmx_request_gets_only_the_results_partial(client, mixed_jobs):
    response = client.get("/jobs/", {"shift": "night"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<header" not in html
    assert html.count('<article class="job-card') == 4
    assert 'id="facets" data-hx-swap-oob="true"' in html
    assert 'id="result-count" data-hx-swap-oob="innerHTML"' in html
    assert "HX-Request" in response["Vary"]


def test_htmx_request_from_a_link_also_refreshes_the_search_bar(client, mixed_jobs):
    from_form = client.get(
        "/jobs/", {"q": "nurse"}, headers={"HX-Request": "true", "HX-Trigger": "job-search"}
    )
    from_link = client.get("/jobs/", {"q": "nurse"}, headers={"HX-Request": "true"})

    assert 'id="search-bar"' not in from_form.content.decode()
    assert 'id="search-bar" data-hx-swap-oob="true"' in from_link.content.decode()


def test_the_full_page_is_a_working_form_without_javascript(client, mixed_jobs):
    html = search(client).content.decode()

    assert '<form id="job-search" class="job-search" method="get" action="/jobs/"' in html
    assert '<button class="button button--primary search-bar__submit" type="submit">' in html
    assert 'hx-push-url="true"' in html
    assert 'role="status" aria-live="polite"' in html
    assert '<details class="filters" id="filters">' in html
    assert not INLINE_SCRIPT.findall(html)


def test_result_card_shows_title_company_place_pay_badges_and_age(client):
    job = job_at(
        "Denver, CO",
        title="Night ICU Nurse",
        company=CompanyFactory(name="Front Range Health", is_verified=True),
        shift=Shift.NIGHT,
        employment_type=EmploymentType.PER_DIEM,
        is_featured=True,
        pay_min=Decimal("45"),
        pay_max=Decimal("61.50"),
        published_at=timezone.now() - timedelta(days=3, hours=1),
    )

    html = search(client).content.decode()

    assert f'<a href="{job.get_absolute_url()}">Night ICU Nurse</a>' in html
    assert "Front Range Health" in html and "Verified" in html
    assert "Denver, CO" in html
    assert '<strong class="badge badge--pay">$45–$61.50/hr</strong>' in html
    for badge in ["Featured", "Per diem", "Night shift"]:
        assert f">{badge}</li>" in html
    assert "Posted 3 days ago" in html


def test_an_empty_search_suggests_what_to_try(client, colorado_jobs):
    html = search(
        client, q="nurse", location="Denver, CO", radius=10, shift="weekends"
    ).content.decode()

    assert "No jobs match this search yet" in html
    assert "Search within 100 miles" in html
    assert "Include remote jobs" in html
    assert 'href="/jobs/?q=nurse"' in html  # remove all filters
    assert "Create a free candidate account" in html


@pytest.mark.parametrize("count", [3, 30])
def test_search_costs_the_same_queries_whatever_the_number_of_results(
    client, django_assert_max_num_queries, count
):
    for n in range(count):
        job_at("Denver, CO", title=f"Medical Coder {n}", company=CompanyFactory())

    search(client, q="warm")  # reads the vocabulary into the cache
    # The newest matches of the jobs' heads, then of the whole jobs (a narrow query), the
    # newest jobs the facets count, the facet counts, the page.
    with django_assert_max_num_queries(5):
        response = search(client, q="medical coder", location="Denver, CO", shift="day")
    assert len(titles(response)) == min(count, 20)
    # A search that finds nothing looks for a spelling suggestion and runs it.
    with django_assert_max_num_queries(9):
        search(client, q="medical codr", location="Denver, CO")


def test_query_count_does_not_grow_with_results(client):
    def queries(**params):
        with CaptureQueriesContext(connection) as captured:
            search(client, **params)
        return len(captured)

    for n in range(3):
        job_at("Denver, CO", title=f"Coder {n}")
    search(client, q="warm")  # reads the vocabulary into the cache
    few = queries(q="coder", location="Denver, CO")
    for n in range(25):
        job_at("Boulder, CO", title=f"Coder {n}", company=CompanyFactory())
    assert queries(q="coder", location="Denver, CO") == few


def test_counts_of_a_search_without_text_or_place_are_shared_briefly(
    client, mixed_jobs, django_assert_num_queries
):
    search(client, shift="night")
    search(client, q="warm")  # reads the vocabulary into the cache

    with django_assert_num_queries(1):  # the page of results only
        response = search(client, shift="night")
    assert response.context["results"].total == 4
    with django_assert_num_queries(4):  # a text search always counts afresh
        search(client, q="nurse", shift="night")
