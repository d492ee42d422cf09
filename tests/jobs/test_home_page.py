"""The home page's job listings: counts, featured and newest jobs, popular professions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from jobs.choices import Profession
from tests.factories import ClosedJobFactory, CompanyFactory, JobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


def test_home_counts_open_jobs_and_the_companies_hiring(client):
    hiring = CompanyFactory()
    PublishedJobFactory.create_batch(2, company=hiring)
    PublishedJobFactory()
    ClosedJobFactory()
    JobFactory()

    html = client.get("/").content.decode()

    assert "<dt>Open jobs</dt><dd>3</dd>" in html
    assert "<dt>Companies hiring</dt><dd>2</dd>" in html
    assert "See all 3 open jobs" in html


def test_home_shows_featured_jobs_then_the_newest_others(client):
    now = timezone.now()
    featured = PublishedJobFactory(title="Featured Dosimetrist", is_featured=True)
    for n in range(8):
        PublishedJobFactory(title=f"Newest {n}", published_at=now - timedelta(hours=n + 1))
    ClosedJobFactory(title="Closed Featured", is_featured=True)

    response = client.get("/")

    assert response.context["featured_jobs"] == [featured]
    assert [job.title for job in response.context["newest_jobs"]] == [
        f"Newest {n}" for n in range(6)
    ]
    html = response.content.decode()
    assert html.count("Featured Dosimetrist") == 1
    assert "Closed Featured" not in html


def test_home_lists_popular_professions_linking_to_their_searches(client):
    PublishedJobFactory.create_batch(3, profession=Profession.MEDICAL_CODER)
    PublishedJobFactory(profession=Profession.PHARMACIST)

    html = client.get("/").content.decode()

    assert (
        '<a href="/jobs/?profession=medical_coder"><span class="profession-links__name">'
        'Medical Coder</span> <span class="profession-links__count">3 open jobs</span></a>'
    ) in html
    assert html.index("Medical Coder</span>") < html.index("Pharmacist</span>")


def test_home_search_box_submits_to_job_search(client):
    html = client.get("/").content.decode()

    assert '<form class="search-box" method="get" action="/jobs/"' in html


@pytest.mark.parametrize("count", [3, 30])
def test_home_page_costs_the_same_queries_whatever_the_number_of_jobs(
    client, django_assert_max_num_queries, count
):
    for n in range(count):
        PublishedJobFactory(company=CompanyFactory(), is_featured=n % 2 == 0)

    # Stats and professions (cached afterwards), featured, newest, the company count.
    with django_assert_max_num_queries(5):
        client.get("/")
    with django_assert_max_num_queries(3):
        client.get("/")
