"""The home page's job listings: counts, featured and newest jobs, popular professions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from jobs.choices import Profession
from jobs.counts import job_counts_refresh
from tests.factories import ClosedJobFactory, CompanyFactory, JobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


def test_home_counts_open_jobs_and_the_companies_hiring(client):
    hiring = CompanyFactory()
    PublishedJobFactory.create_batch(2, company=hiring)
    PublishedJobFactory()
    ClosedJobFactory()
    JobFactory()
    job_counts_refresh()  # what beat does every two minutes

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
    job_counts_refresh()

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

    job_counts_refresh()

    # Open jobs, companies hiring and professions (the summaries), featured, newest, the
    # company count: the same six whatever the jobs, with no cache to miss.
    with django_assert_max_num_queries(6):
        response = client.get("/")
    assert response.context["open_jobs"] == count


def test_home_counts_follow_a_job_going_live_and_away_through_the_services(
    client, django_capture_on_commit_callbacks
):
    """The services queue the refresh of the job's company and profession (eagerly here):
    the counts follow without waiting for beat."""
    from jobs.services import job_close, job_publish

    job = JobFactory(company=CompanyFactory(is_verified=True))
    job_counts_refresh()
    with django_capture_on_commit_callbacks(execute=True):
        job_publish(job=job)
    assert client.get("/").context["open_jobs"] == 1
    assert client.get("/").context["companies_hiring"] == 1

    with django_capture_on_commit_callbacks(execute=True):
        job_close(job=job)
    assert client.get("/").context["open_jobs"] == 0
    assert client.get("/").context["companies_hiring"] == 0


def test_job_counts_refresh_leaves_out_expired_and_unpublished_jobs_and_zeroes_empty_rows():
    from jobs.models import CompanyJobCount, ProfessionJobCount

    company = CompanyFactory()
    live = PublishedJobFactory(company=company, profession=Profession.PHARMACIST)
    PublishedJobFactory(company=company, expires_at=timezone.now() - timedelta(minutes=1))
    JobFactory(company=company)
    job_counts_refresh()
    assert CompanyJobCount.objects.get(company=company).live_jobs == 1
    assert ProfessionJobCount.objects.get(profession=Profession.PHARMACIST).live_jobs == 1

    live.delete()
    job_counts_refresh(company_id=company.pk, profession=Profession.PHARMACIST)
    assert CompanyJobCount.objects.get(company=company).live_jobs == 0
    assert ProfessionJobCount.objects.get(profession=Profession.PHARMACIST).live_jobs == 0
