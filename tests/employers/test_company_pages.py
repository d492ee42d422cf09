"""The public company page and the Company List (search, filters, htmx, query counts)."""

import re

import pytest

from employers.choices import FacilityType
from employers.models import Company, CompanyLocation
from employers.sitemaps import CompanySitemap
from jobs.counts import job_counts_refresh
from tests.factories import (
    ClosedJobFactory,
    CompanyFactory,
    ExpiredJobFactory,
    JobFactory,
    PublishedJobFactory,
)

pytestmark = pytest.mark.django_db


def located(company, *places):
    for index, (city, state) in enumerate(places):
        CompanyLocation.objects.create(company=company, city=city, state=state, position=index)
    return company


def names_in(html: str) -> list[str]:
    return re.findall(r'<h2><a href="/companies/[^"]+/">([^<]+)</a></h2>', html)


# The company page --------------------------------------------------------------------------


def test_company_page_shows_the_profile(client, company):
    company.about = "<p>A <strong>teaching</strong> hospital.</p>"
    company.website = "https://lakeside.example.org"
    company.facility_type = FacilityType.HOSPITAL
    company.size = "501-1000"
    company.benefits = ["Tuition reimbursement"]
    company.save()
    located(company, ("Madison", "WI"))

    response = client.get("/companies/lakeside-health/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Lakeside Health</h1>" in html
    assert "<p>A <strong>teaching</strong> hospital.</p>" in html
    assert (
        '<a class="link-external" href="https://lakeside.example.org" '
        'rel="nofollow noopener noreferrer">lakeside.example.org</a>'
    ) in html
    assert "<span>Hospital</span>" in html
    assert "501–1,000 employees" in html
    assert "<li>Madison, Wisconsin</li>" in html
    assert "<li>Tuition reimbursement</li>" in html


def test_verified_company_shows_the_badge_and_unverified_does_not(client, company):
    html = client.get("/companies/lakeside-health/").content.decode()
    assert "Verified by healthcareers" not in html

    company.is_verified = True
    company.save()

    html = client.get("/companies/lakeside-health/").content.decode()
    assert "Verified by healthcareers" in html


def test_company_page_lists_only_its_open_jobs(client, company):
    PublishedJobFactory(company=company, title="Night Charge Nurse")
    JobFactory(company=company, title="Draft Role")
    ExpiredJobFactory(company=company, title="Expired Role")
    ClosedJobFactory(company=company, title="Closed Role")
    PublishedJobFactory(title="Someone Else's Job")

    html = client.get("/companies/lakeside-health/").content.decode()

    assert "Night Charge Nurse" in html
    for title in ["Draft Role", "Expired Role", "Closed Role", "Someone Else"]:
        assert title not in html
    assert "1 open job<" in html


def test_company_page_paginates_open_jobs(client, company):
    PublishedJobFactory.create_batch(21, company=company)

    first = client.get("/companies/lakeside-health/").content.decode()
    second = client.get("/companies/lakeside-health/?page=2").content.decode()

    assert first.count("<li>\n                  <div>") == 20
    assert "Page 1 of 2" in first
    assert second.count("<li>\n                  <div>") == 1


def test_company_without_jobs_says_so(client, company):
    html = client.get("/companies/lakeside-health/").content.decode()

    assert "Lakeside Health has no open jobs right now." in html


def test_unknown_company_is_a_404(client):
    assert client.get("/companies/no-such-company/").status_code == 404


def test_own_team_gets_a_link_to_edit_the_profile(client, employer_recruiter, other_employer):
    client.force_login(employer_recruiter)
    assert "Edit the company profile" in client.get("/companies/lakeside-health/").content.decode()

    client.force_login(other_employer)
    assert (
        "Edit the company profile" not in client.get("/companies/lakeside-health/").content.decode()
    )


@pytest.mark.parametrize("jobs", [1, 30])
def test_company_page_query_count_does_not_grow_with_jobs(
    client, company, django_assert_max_num_queries, jobs
):
    PublishedJobFactory.create_batch(jobs, company=company)

    with django_assert_max_num_queries(4):
        client.get("/companies/lakeside-health/")


def test_a_large_company_page_pages_over_the_newest_jobs_and_takes_its_total_from_the_summary(
    client, company, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr("employers.company_views.JOBS_PER_PAGE", 2)
    monkeypatch.setattr("employers.company_views.JOB_PAGES_SHOWN", 2)
    PublishedJobFactory.create_batch(5, company=company)
    job_counts_refresh()

    with django_assert_max_num_queries(5):
        html = client.get("/companies/lakeside-health/?page=2").content.decode()

    assert "5 open jobs<" in html
    assert "Page 2 of 2 (the newest 4 jobs;" in html
    # Past the pages shown: the last one shown, not a deep OFFSET.
    assert "Page 2 of 2" in client.get("/companies/lakeside-health/?page=3").content.decode()


# The Company List --------------------------------------------------------------------------


@pytest.fixture
def directory(db):
    """Four companies in different states, types and hiring situations."""
    lakeside = located(
        CompanyFactory(name="Lakeside Health", is_verified=True, facility_type="hospital"),
        ("Madison", "WI"),
        ("Green Bay", "WI"),
    )
    PublishedJobFactory.create_batch(2, company=lakeside)
    summit = located(
        CompanyFactory(name="Summit Clinics", facility_type="clinic"), ("Denver", "CO")
    )
    ExpiredJobFactory(company=summit)
    coding = CompanyFactory(name="Northfield Coding", facility_type="remote_coding_company")
    PublishedJobFactory(company=coding)
    located(
        CompanyFactory(name="Lakeshore Imaging", facility_type="imaging_center"), ("Austin", "TX")
    )
    job_counts_refresh()  # the live-job counts the Company List reads (beat keeps them)
    return lakeside


def test_company_list_shows_every_company_with_open_job_counts(client, directory):
    html = client.get("/companies/").content.decode()

    assert names_in(html) == [
        "Lakeshore Imaging",
        "Lakeside Health",
        "Northfield Coding",
        "Summit Clinics",
    ]
    assert "4 companies" in html
    assert "2 open jobs<span" in html
    assert "1 open job<span" in html
    assert "No open jobs right now" in html  # Summit's only job expired
    assert "Madison, WI and 1 more location" in html


def test_company_list_marks_verified_companies(client, directory):
    html = client.get("/companies/").content.decode()

    assert html.count("badge--verified") == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=lake", ["Lakeshore Imaging", "Lakeside Health"]),
        ("q=LAKESIDE", ["Lakeside Health"]),
        ("facility_type=clinic", ["Summit Clinics"]),
        ("state=WI", ["Lakeside Health"]),
        ("hiring=on", ["Lakeside Health", "Northfield Coding"]),
        ("q=lake&hiring=on", ["Lakeside Health"]),
        ("state=TX&hiring=on", []),
    ],
)
def test_company_list_search_and_filters(client, directory, query, expected):
    html = client.get(f"/companies/?{query}").content.decode()

    assert names_in(html) == expected
    if not expected:
        assert "No company matches these filters." in html


def test_state_filter_offers_only_states_with_companies(client, directory):
    html = client.get("/companies/").content.decode()

    options = re.findall(r'<option value="([A-Z]{2})"', html)
    assert options == ["CO", "TX", "WI"]


def test_invalid_filter_values_are_ignored(client, directory):
    response = client.get("/companies/?facility_type=spaceship&state=ZZ&page=99")

    assert response.status_code == 200
    assert len(names_in(response.content.decode())) == 4


def test_company_list_paginates(client):
    CompanyFactory.create_batch(25)

    first = client.get("/companies/").content.decode()
    second = client.get("/companies/?page=2").content.decode()

    assert len(names_in(first)) == 20
    assert len(names_in(second)) == 5
    assert "Page 1 of 2" in first
    assert 'href="?page=2"' in first


def test_pagination_links_keep_the_filters(client):
    CompanyFactory.create_batch(22, name="Lakeview Clinic")

    html = client.get("/companies/?q=lakeview").content.decode()

    assert 'href="?q=lakeview&amp;page=2"' in html


def test_htmx_request_gets_only_the_results_partial(client, directory):
    response = client.get("/companies/?q=lake", headers={"HX-Request": "true"})

    html = response.content.decode()
    assert "<html" not in html
    assert names_in(html) == ["Lakeshore Imaging", "Lakeside Health"]
    assert (
        '<p id="results-count" data-hx-swap-oob="innerHTML">2 companies match your search</p>'
        in html
    )
    assert response["Vary"] and "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_full_page(client, directory):
    response = client.get(
        "/companies/?q=lake",
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )

    assert "<html" in response.content.decode()


def test_full_page_form_works_without_javascript(client, directory):
    html = client.get("/companies/").content.decode()

    assert '<form class="filters" method="get" action="/companies/"' in html
    assert 'data-hx-get="/companies/"' in html
    assert 'hx-push-url="true"' in html
    assert '<button type="submit" class="button button--primary">Search</button>' in html
    assert '<label for="id_q">Company name</label>' in html


def test_company_list_query_count_is_constant(client, django_assert_num_queries):
    def build(n):
        for company in CompanyFactory.create_batch(n):
            located(company, ("Madison", "WI"), ("Denver", "CO"))
            PublishedJobFactory(company=company)
        job_counts_refresh()

    build(3)
    with django_assert_num_queries(4) as few:
        assert len(client.get("/companies/?hiring=on").context["page"].object_list) == 3
    build(17)
    with django_assert_num_queries(4) as many:
        assert len(client.get("/companies/?hiring=on").context["page"].object_list) == 20

    assert len(few.captured_queries) == len(many.captured_queries)


# Sitemap -----------------------------------------------------------------------------------


def test_company_sitemap_lists_every_company_page(directory):
    sitemap = CompanySitemap()

    urls = sorted(sitemap.location(item) for item in sitemap.items())

    slugs = Company.objects.values_list("slug", flat=True)
    assert urls == sorted(f"/companies/{slug}/" for slug in slugs)
    assert len(urls) == 4
    assert all(sitemap.lastmod(item) for item in sitemap.items())
