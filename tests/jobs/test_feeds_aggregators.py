"""Every feed (RSS, ours, Indeed, ZipRecruiter, LinkedIn) read the way aggregators read it
(feedparser, lxml) and checked against the job page and its JSON-LD: the same title, pay,
location, dates and apply URL; closed and expired jobs gone from all of them."""

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from email.utils import parsedate_to_datetime

import feedparser
import pytest
import time_machine
from django.utils import timezone
from lxml import etree, html

from jobs import services
from jobs.choices import WorkplaceType
from jobs.feeds import LINKEDIN_MIN_DESCRIPTION
from jobs.sanitize import visible_text
from jobs.tasks import expire_overdue_jobs
from tests.factories import CompanyFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db

XML_FEEDS = ["/jobs/feed.xml", "/jobs/feeds/indeed.xml", "/jobs/feeds/ziprecruiter.xml"]
LINKEDIN = "/jobs/feeds/linkedin.xml"
EVERY_FEED = ["/jobs/feed/", *XML_FEEDS, LINKEDIN]


@pytest.fixture
def jobs(db):
    return [
        PublishedJobFactory(
            title="ICU Nurse & Charge <Nights>",
            company=CompanyFactory(name="A&B Health"),
            published_at=timezone.now() - timedelta(hours=3),
        ),
        PublishedJobFactory(
            title="Remote Risk Adjustment Coder",
            profession="medical_coder",
            workplace_type=WorkplaceType.REMOTE,
            remote_states=["TX"],
            city="",
            state="",
            zip_code="",
            pay_min=Decimal("62000"),
            pay_max=Decimal("78500"),
            pay_period="year",
            apply_method="external",
            apply_url="https://careers.example.org/jobs/1234",
            employment_type="contract",
        ),
        PublishedJobFactory(
            title="Physical Therapist",
            workplace_type=WorkplaceType.HYBRID,
            city="Seattle",
            state="WA",
            zip_code="98101",
            pay_min=Decimal("45.50"),
            pay_max=Decimal("45.50"),
            published_at=timezone.now() - timedelta(days=2),
        ),
    ]


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def job_page(client, url: str) -> dict:
    """What the job page shows, and its JSON-LD."""
    path = url.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path)
    assert response.status_code == 200
    tree = html.fromstring(response.content)
    # An external job's page names where its apply button (a click-counting POST) leads.
    apply = tree.xpath('//section[@id="apply"]//*[@class="job-apply__destination"]/text()')
    canonical = tree.xpath('//link[@rel="canonical"]/@href')[0]
    posting = json.loads(tree.xpath('//script[@type="application/ld+json"]/text()')[0])
    return {
        "title": tree.xpath("//h1")[0].text_content().strip(),
        "pay": tree.xpath('//p[@class="job-pay__amount"]')[0].text_content().strip(),
        "apply_url": apply[0] if apply and apply[0].startswith("http") else canonical,
        "url": canonical,
        "jsonld": posting,
    }


def ld_date(value: str) -> datetime:
    return datetime.fromisoformat(value)


def same_second(a: datetime, b: datetime) -> bool:
    return a.astimezone(UTC).replace(microsecond=0) == b.astimezone(UTC).replace(microsecond=0)


def xml_jobs(client, path):
    root = etree.fromstring(body(client.get(path)))
    assert root.tag == "source"
    return root.findall("job")


def address(posting) -> tuple[str, str, str]:
    place = posting.get("jobLocation", {}).get("address", {})
    return (
        place.get("addressLocality", ""),
        place.get("addressRegion", ""),
        place.get("postalCode", ""),
    )


def test_rss_read_by_feedparser_matches_the_job_pages(client, jobs):
    feed = feedparser.parse(client.get("/jobs/feed/").content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == len(jobs)
    for entry in feed.entries:
        page = job_page(client, entry.link)
        posting = page["jsonld"]
        assert entry.link == page["url"] == posting["url"]
        company = posting["hiringOrganization"]["name"]
        assert entry.title.startswith(f"{page['title']}, {company} (")
        assert page["pay"] in entry.summary
        published = datetime(*entry.published_parsed[:6], tzinfo=UTC)
        assert same_second(published, ld_date(posting["datePosted"]))


@pytest.mark.parametrize("path", XML_FEEDS)
def test_xml_feeds_read_by_lxml_match_the_job_pages(client, jobs, path):
    posted = xml_jobs(client, path)
    assert len(posted) == len(jobs)
    for element in posted:
        page = job_page(client, element.findtext("url"))
        posting = page["jsonld"]
        assert element.findtext("title") == page["title"] == posting["title"]
        assert element.findtext("referencenumber") == posting["identifier"]["value"]
        assert element.findtext("url") == page["url"] == posting["url"]
        assert element.findtext("company") == posting["hiringOrganization"]["name"]
        assert element.findtext("salary") == page["pay"]
        located = (
            element.findtext("city"),
            element.findtext("state"),
            element.findtext("postalcode"),
        )
        assert located == address(posting)
        if posting.get("jobLocationType") == "TELECOMMUTE":
            assert element.findtext("remotetype") or element.findtext("remote")
        assert same_second(
            parsedate_to_datetime(element.findtext("date")), ld_date(posting["datePosted"])
        )
        if expires := element.findtext("expirationdate"):
            assert same_second(parsedate_to_datetime(expires), ld_date(posting["validThrough"]))
        if path.endswith("ziprecruiter.xml"):
            value = posting["baseSalary"]["value"]
            assert Decimal(element.findtext("compensation_min")) == Decimal(str(value["minValue"]))
            assert Decimal(element.findtext("compensation_max")) == Decimal(str(value["maxValue"]))
            unit = {"HOUR": "hourly", "YEAR": "yearly"}[value["unitText"]]
            assert element.findtext("compensation_interval") == unit


def test_indeed_and_ziprecruiter_keep_every_value_in_cdata(client, jobs):
    for path in ["/jobs/feeds/indeed.xml", "/jobs/feeds/ziprecruiter.xml"]:
        raw = body(client.get(path)).decode()
        assert "<title><![CDATA[ICU Nurse & Charge <Nights>]]></title>" in raw
        assert "<company><![CDATA[A&B Health]]></company>" in raw


def test_linkedin_limited_listings_match_the_job_pages(client, jobs):
    posted = xml_jobs(client, LINKEDIN)
    assert len(posted) == len(jobs)
    for element in posted:
        reference = element.findtext("partnerJobId")
        job = next(job for job in jobs if str(job.pk) == reference)
        page = job_page(client, "http://x" + job.get_absolute_url())
        posting = page["jsonld"]
        assert element.findtext("title") == page["title"] == posting["title"]
        assert element.findtext("applyUrl") == page["apply_url"]
        assert element.findtext("company") == posting["hiringOrganization"]["name"]
        assert len(visible_text(element.findtext("description"))) >= LINKEDIN_MIN_DESCRIPTION
        assert ld_date(element.findtext("listDate")) == ld_date(posting["datePosted"])
        assert ld_date(element.findtext("expirationDate")) == ld_date(posting["validThrough"])
        assert (element.findtext("city") or "") == address(posting)[0]
        assert (element.findtext("postalCode") or "") == address(posting)[2]
        value = posting["baseSalary"]["value"]
        salary = element.find("salaries/salary")
        assert Decimal(salary.findtext("lowEnd/amount")) == Decimal(str(value["minValue"]))
        assert Decimal(salary.findtext("highEnd/amount")) == Decimal(str(value["maxValue"]))
        assert salary.findtext("period") == {"HOUR": "HOURLY", "YEAR": "YEARLY"}[value["unitText"]]
    remote = next(e for e in posted if e.findtext("applyUrl").startswith("https://careers"))
    assert remote.findtext("workplaceTypes") == "Remote"
    assert remote.findtext("jobtype") == "CONTRACT"


def test_a_short_old_description_is_lengthened_for_linkedin(client):
    PublishedJobFactory(description="<p>Short.</p>")
    element = xml_jobs(client, LINKEDIN)[0]
    text = visible_text(element.findtext("description"))
    assert len(text) >= LINKEDIN_MIN_DESCRIPTION and text.endswith("Short.")


def test_control_characters_are_stripped_from_every_feed(client):
    PublishedJobFactory(title="Nurse\x0b Nights\x01", description="<p>Care\x0c for patients.</p>")
    for path in EVERY_FEED:
        raw = body(client.get(path))
        assert b"\x0b" not in raw and b"\x01" not in raw and b"\x0c" not in raw, path
        etree.fromstring(raw)  # well-formed


def titles(client, path) -> list[str]:
    if path == "/jobs/feed/":
        return [entry.title for entry in feedparser.parse(client.get(path).content).entries]
    return [job.findtext("title") for job in xml_jobs(client, path)]


def test_a_closed_job_is_gone_from_every_feed(client, jobs, company):
    nurse = jobs[0]
    services.job_close(job=nurse)
    for path in EVERY_FEED:
        listed = titles(client, path)
        assert len(listed) == len(jobs) - 1, path
        assert not any(title.startswith(nurse.title) for title in listed), path


def test_an_expired_job_is_gone_from_every_feed_after_the_beat_run(client, jobs):
    with time_machine.travel(jobs[0].expires_at + timedelta(minutes=1)):
        expire_overdue_jobs()
        for path in EVERY_FEED:
            assert titles(client, path) == [], path


def test_an_unknown_partner_feed_is_a_404(client):
    assert client.get("/jobs/feeds/monster.xml").status_code == 404
