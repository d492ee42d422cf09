"""Machine-readable pages: RSS, the aggregator XML feed, the sitemap and robots.txt."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from jobs.choices import EmploymentType, WorkplaceType
from jobs.feeds import aggregator_xml
from jobs.models import Job
from tests.factories import (
    ClosedJobFactory,
    CompanyFactory,
    ExpiredJobFactory,
    JobFactory,
    PublishedJobFactory,
)

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def jobs(db):
    live = [
        PublishedJobFactory(title="Live Coder", published_at=timezone.now() - timedelta(days=1)),
        PublishedJobFactory(title="Newest Nurse", published_at=timezone.now()),
    ]
    JobFactory(title="Draft Job")
    JobFactory(title="Pending Job", status=Job.Status.PENDING_REVIEW)
    ClosedJobFactory(title="Closed Job")
    ExpiredJobFactory(title="Expired Job")
    PublishedJobFactory(title="Paused Job", status=Job.Status.PAUSED)
    PublishedJobFactory(title="Overdue Job", expires_at=timezone.now() - timedelta(minutes=5))
    return live


def parse_xml(data):
    return ET.fromstring(data)  # noqa: S314 - our own documents, checked for well-formedness


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


# RSS -------------------------------------------------------------------------------------


def test_rss_lists_the_newest_live_jobs(client, jobs, settings):
    response = client.get("/jobs/feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = parse_xml(response.content).find("channel")
    items = channel.findall("item")
    assert [item.findtext("title").split(",")[0] for item in items] == [
        "Newest Nurse",
        "Live Coder",
    ]
    newest = jobs[1]
    assert items[0].findtext("link") == settings.SITE_URL + newest.get_absolute_url()
    assert "<strong>$38–$52/hr</strong>" in items[0].findtext("description")
    assert channel.findtext("link") == settings.SITE_URL + "/jobs/"


def test_rss_holds_at_most_fifty_jobs_in_one_query(client, django_assert_max_num_queries):
    PublishedJobFactory.create_batch(55)

    with django_assert_max_num_queries(2):  # the jobs, and the Site (then cached)
        response = client.get("/jobs/feed/")

    assert len(parse_xml(response.content).find("channel").findall("item")) == 50


# The aggregator feed ---------------------------------------------------------------------


def test_aggregator_feed_is_valid_xml_with_the_fields_aggregators_take(client, jobs, settings):
    response = client.get("/jobs/feed.xml")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    source = parse_xml(body(response))
    assert source.tag == "source"
    assert source.findtext("publisher") == "healthcareers"
    posted = source.findall("job")
    assert [job.findtext("title") for job in posted] == ["Newest Nurse", "Live Coder"]
    first, job = posted[0], jobs[1]
    assert first.findtext("referencenumber") == str(job.pk)
    assert first.findtext("url") == settings.SITE_URL + job.get_absolute_url()
    assert first.findtext("company") == job.company.name
    assert (first.findtext("city"), first.findtext("state")) == ("Denver", "CO")
    assert (first.findtext("postalcode"), first.findtext("country")) == ("80202", "US")
    assert first.findtext("salary") == "$38–$52/hr"
    assert first.findtext("jobtype") == "fulltime"
    assert first.findtext("description") == job.description
    assert first.findtext("date")


def test_aggregator_feed_escapes_text_and_keeps_the_description_in_cdata(client):
    PublishedJobFactory(
        title="Coder & Biller <Remote>",
        company=CompanyFactory(name="A&B Health"),
        description="<p>Tricky ]]> text &amp; more\x0b</p>",
        employment_type=EmploymentType.PER_DIEM,
        workplace_type=WorkplaceType.REMOTE,
    )

    raw = body(client.get("/jobs/feed.xml")).decode()

    assert "<title>Coder &amp; Biller &lt;Remote&gt;</title>" in raw
    # The description is sanitized as it is written, which escapes the stray "]]>" too.
    assert "<![CDATA[<p>Tricky ]]&gt; text &amp; more</p>]]>" in raw
    job = parse_xml(raw).find("job")
    assert job.findtext("description") == "<p>Tricky ]]&gt; text &amp; more</p>"
    assert job.findtext("company") == "A&B Health"
    assert job.findtext("jobtype") == "perdiem"
    assert job.findtext("remotetype") == "Fully remote"


def test_aggregator_feed_streams_in_pieces_from_one_query(django_assert_num_queries):
    PublishedJobFactory.create_batch(7, company=CompanyFactory())

    with django_assert_num_queries(1):
        pieces = list(aggregator_xml(Job.objects.published().with_company(), chunk_size=3))

    assert len(pieces) == 3  # two full chunks, then the rest and the closing tag
    assert len(parse_xml("".join(pieces)).findall("job")) == 7


# Sitemap and robots.txt ------------------------------------------------------------------


def test_sitemap_index_points_at_each_section(client, jobs, settings):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    root = parse_xml(response.content)
    locations = [loc.text for loc in root.findall("s:sitemap/s:loc", SITEMAP_NS)]
    assert locations == [
        f"{settings.SITE_URL}/sitemap.xml?section=pages",
        f"{settings.SITE_URL}/sitemap.xml?section=jobs",
        f"{settings.SITE_URL}/sitemap.xml?section=companies",
        f"{settings.SITE_URL}/sitemap.xml?section=pay",
        f"{settings.SITE_URL}/sitemap.xml?section=blog",
        f"{settings.SITE_URL}/sitemap.xml?section=articles",
    ]


def test_sitemap_lists_the_company_pages_on_the_site_url(client, jobs, settings):
    listed = parse_xml(client.get("/sitemap.xml", {"section": "companies"}).content)

    locations = {loc.text for loc in listed.findall("s:url/s:loc", SITEMAP_NS)}
    assert f"{settings.SITE_URL}/companies/{jobs[0].company.slug}/" in locations


def test_sitemap_lists_the_static_pages_and_only_live_jobs(client, jobs, settings):
    pages = parse_xml(client.get("/sitemap.xml", {"section": "pages"}).content)
    listed = parse_xml(client.get("/sitemap.xml", {"section": "jobs"}).content)

    assert [loc.text for loc in pages.findall("s:url/s:loc", SITEMAP_NS)] == [
        f"{settings.SITE_URL}/",
        f"{settings.SITE_URL}/jobs/",
        f"{settings.SITE_URL}/no-ghosting/",
        f"{settings.SITE_URL}/contact/",
    ]
    assert sorted(loc.text for loc in listed.findall("s:url/s:loc", SITEMAP_NS)) == sorted(
        settings.SITE_URL + job.get_absolute_url() for job in jobs
    )
    assert all(url.find("s:lastmod", SITEMAP_NS) is not None for url in listed)


def test_an_unknown_sitemap_section_or_page_is_a_404(client, jobs):
    assert client.get("/sitemap.xml", {"section": "nope"}).status_code == 404
    assert client.get("/sitemap.xml", {"section": "jobs", "p": "9"}).status_code == 404


def test_sitemap_costs_the_same_queries_whatever_the_number_of_jobs(
    client, django_assert_max_num_queries
):
    PublishedJobFactory.create_batch(30)

    # The Site (then cached), the count of jobs, the page of jobs.
    with django_assert_max_num_queries(3):
        client.get("/sitemap.xml", {"section": "jobs"})
    with django_assert_max_num_queries(4):  # a count per paginated section, the pay pages
        client.get("/sitemap.xml")


def test_robots_txt_keeps_crawlers_out_of_private_areas_and_names_the_sitemap(client, settings):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ["/dashboard/", "/account/", "/accounts/", "/admin/", "/me/"]:
        assert f"Disallow: {path}" in lines
    assert "Disallow: /jobs/" not in lines
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in lines
