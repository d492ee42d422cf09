"""Feeds for machines: RSS of the newest jobs, our XML feed, and the formats Indeed,
ZipRecruiter and LinkedIn (limited listings) take.

Every feed is written from one data model, `feed_item(job)`, built from the same values the job
page and its JSON-LD show, so no feed can say something else. Only live jobs (published, not
expired), each feed in one query whatever its length, read at request time: a job closed or
expired (by the beat task) is gone from every feed at once.
"""

import io
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import rfc2822_date
from django.utils.html import format_html
from django.utils.xmlutils import SimplerXMLGenerator
from django.views.decorators.http import require_safe

from infra.feeds import XMLSafeRssFeed
from infra.text import strip_control_characters
from jobs.choices import SCHEMA_EMPLOYMENT_TYPE, STATE_NAMES, EmploymentType, PayPeriod
from jobs.models import Job
from jobs.presenters import job_description_html
from jobs.sanitize import visible_text

RSS_ITEMS = 50
AGGREGATOR_JOB_TYPES = {
    EmploymentType.FULL_TIME: "fulltime",
    EmploymentType.PART_TIME: "parttime",
    EmploymentType.CONTRACT: "contract",
    EmploymentType.PER_DIEM: "perdiem",
    EmploymentType.TEMPORARY: "temporary",
    EmploymentType.INTERNSHIP: "internship",
}


# LinkedIn's job types (limited listings).
LINKEDIN_JOB_TYPES = {
    EmploymentType.FULL_TIME: "FULL_TIME",
    EmploymentType.PART_TIME: "PART_TIME",
    EmploymentType.CONTRACT: "CONTRACT",
    EmploymentType.PER_DIEM: "PART_TIME",
    EmploymentType.TEMPORARY: "TEMPORARY",
    EmploymentType.INTERNSHIP: "INTERNSHIP",
}
LINKEDIN_MIN_DESCRIPTION = 100


def absolute(path: str) -> str:
    return settings.SITE_URL + path


@dataclass(frozen=True)
class FeedItem:
    """What every feed says about a job, taken from what its page and JSON-LD say."""

    reference: str
    title: str
    url: str  # the job page
    apply_url: str  # where the page's apply button goes
    company: str
    city: str
    state: str
    postal_code: str
    country: str
    is_remote: bool
    workplace: str  # "On-site", "Hybrid", "Remote"
    location: str  # as the page writes it
    description_html: str  # sanitized, as the page shows it
    salary: str  # as the page writes it, "$38–$52/hr"
    pay_min: str
    pay_max: str
    pay_unit: str  # "HOUR" or "YEAR", as the JSON-LD's unitText
    posted: datetime
    valid_through: datetime
    updated: datetime
    employment_type: str  # schema.org, as the JSON-LD
    job_type: str  # Indeed's and ZipRecruiter's
    category: str
    experience: str

    @property
    def long_description_html(self) -> str:
        """The description with at least LINKEDIN_MIN_DESCRIPTION characters of text: a short
        one (saved before the form's minimum) gets the job's summary in front."""
        if len(visible_text(self.description_html)) >= LINKEDIN_MIN_DESCRIPTION:
            return self.description_html
        summary = format_html(
            "<p>{} at {}: {}, {}, {}. The full posting and how to apply: {}</p>",
            self.title,
            self.company,
            self.salary,
            self.category,
            self.location,
            self.url,
        )
        return summary + self.description_html


def _amount(value) -> str:
    return f"{value.normalize():f}"


def feed_item(job: Job) -> FeedItem:
    """The one feed model of a job (`job.company` loaded)."""
    url = absolute(job.get_absolute_url())
    return FeedItem(
        reference=str(job.pk),
        title=job.title,
        url=url,
        apply_url=job.apply_url if job.apply_method == Job.ApplyMethod.EXTERNAL else url,
        company=job.company.name,
        city=job.city,
        state=job.state,
        postal_code=job.zip_code,
        country="US",
        is_remote=job.is_remote,
        workplace=job.get_workplace_type_display(),
        location=job.location_label,
        description_html=str(job_description_html(job)),
        salary=job.pay_label,
        pay_min=_amount(job.pay_min),
        pay_max=_amount(job.pay_max),
        pay_unit="HOUR" if job.pay_period == PayPeriod.HOUR else "YEAR",
        posted=job.published_at,
        valid_through=job.expires_at,
        updated=job.updated_at,
        employment_type=SCHEMA_EMPLOYMENT_TYPE[job.employment_type],
        job_type=AGGREGATOR_JOB_TYPES[job.employment_type],
        category=job.get_profession_display(),
        experience=job.get_experience_level_display(),
    )


def live_jobs():
    return Job.objects.published().with_company().order_by("-published_at", "-pk")


class LatestJobsFeed(Feed):
    # A stray control character in a title or company name must not break the whole feed.
    feed_type = XMLSafeRssFeed
    title = "healthcareers: the newest healthcare jobs"
    description = "The newest healthcare jobs on healthcareers, each with its pay range."

    def link(self):
        return absolute(reverse("jobs:search"))

    def feed_url(self):
        return absolute(reverse("jobs:rss"))

    def items(self):
        return [feed_item(job) for job in live_jobs()[:RSS_ITEMS]]

    def item_title(self, item):
        return f"{item.title}, {item.company} ({item.location})"

    def item_description(self, item):
        summary = format_html(
            "<p><strong>{}</strong> · {} · {}</p>", item.salary, item.category, item.location
        )
        # Sanitized again as it is written: a row saved another way must not reach readers raw.
        return summary + item.description_html

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.posted

    def item_updateddate(self, item):
        return item.updated

    def item_author_name(self, item):
        return item.company

    def item_categories(self, item):
        return [item.category]


class AggregatorXMLGenerator(SimplerXMLGenerator):
    def text_element(self, name, text):
        # A stray control character must not break the whole feed.
        self.addQuickElement(name, strip_control_characters(str(text or "")))

    def cdata_element(self, name, text):
        text = strip_control_characters(str(text or ""))
        self.startElement(name, {})
        # ignorableWhitespace writes its argument verbatim: the one way to emit a CDATA section.
        # "]]>" inside the text is split so it cannot end the section early.
        self.ignorableWhitespace("<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>")
        self.endElement(name)


# One writer per format: (xml, item) -> the <job> element. --------------------------------


def write_our_job(xml, item: FeedItem):
    """/jobs/feed.xml, our own format (Indeed's fields, text except the description)."""
    xml.text_element("title", item.title)
    xml.text_element("date", rfc2822_date(item.posted))
    xml.text_element("referencenumber", item.reference)
    xml.text_element("url", item.url)
    xml.text_element("company", item.company)
    xml.text_element("city", item.city)
    xml.text_element("state", item.state)
    xml.text_element("postalcode", item.postal_code)
    xml.text_element("country", item.country)
    xml.cdata_element("description", item.description_html)
    xml.text_element("salary", item.salary)
    xml.text_element("jobtype", item.job_type)
    xml.text_element("category", item.category)
    if item.is_remote:
        xml.text_element("remotetype", "Fully remote")
    xml.text_element("expirationdate", rfc2822_date(item.valid_through))


def _indeed_style_fields(item: FeedItem) -> list[tuple[str, str]]:
    """The fields Indeed and ZipRecruiter share, in their order."""
    return [
        ("title", item.title),
        ("date", rfc2822_date(item.posted)),
        ("referencenumber", item.reference),
        ("url", item.url),
        ("company", item.company),
        ("city", item.city),
        ("state", item.state),
        ("country", item.country),
        ("postalcode", item.postal_code),
        ("description", item.description_html),
        ("salary", item.salary),
        ("jobtype", item.job_type),
        ("category", item.category),
    ]


def write_indeed_job(xml, item: FeedItem):
    """Indeed's XML feed: every value in CDATA."""
    fields = _indeed_style_fields(item) + [
        ("experience", item.experience),
        ("expirationdate", rfc2822_date(item.valid_through)),
    ]
    for name, value in fields:
        xml.cdata_element(name, value)
    if item.is_remote:
        xml.cdata_element("remotetype", "Fully remote")


def write_ziprecruiter_job(xml, item: FeedItem):
    """ZipRecruiter's XML feed: <source> of <job>, text in CDATA, pay as numbers too."""
    for name, value in _indeed_style_fields(item):
        xml.cdata_element(name, value)
    xml.text_element("compensation_min", item.pay_min)
    xml.text_element("compensation_max", item.pay_max)
    xml.text_element("compensation_interval", "hourly" if item.pay_unit == "HOUR" else "yearly")
    xml.text_element("compensation_currency", "USD")
    if item.is_remote:
        xml.cdata_element("remote", "Fully remote")


def write_linkedin_job(xml, item: FeedItem):
    """LinkedIn limited listings: partnerJobId, applyUrl, a description of at least 100
    characters, the pay as a salary range."""
    location = (
        "United States" if item.is_remote else ", ".join(p for p in (item.city, item.state) if p)
    )
    for name, value in [
        ("partnerJobId", item.reference),
        ("company", item.company),
        ("title", item.title),
        ("description", item.long_description_html),
        ("applyUrl", item.apply_url),
        ("location", location),
        ("city", item.city),
        ("state", STATE_NAMES.get(item.state, "")),
        ("country", item.country),
        ("postalCode", item.postal_code),
        ("workplaceTypes", item.workplace),
        ("jobtype", LINKEDIN_JOB_TYPES_BY_SCHEMA[item.employment_type]),
        ("listDate", item.posted.isoformat()),
        ("expirationDate", item.valid_through.isoformat()),
    ]:
        xml.cdata_element(name, value)
    xml.startElement("salaries", {})
    xml.startElement("salary", {})
    for end, amount in [("highEnd", item.pay_max), ("lowEnd", item.pay_min)]:
        xml.startElement(end, {})
        xml.text_element("amount", amount)
        xml.text_element("currencyCode", "USD")
        xml.endElement(end)
    xml.text_element("period", "HOURLY" if item.pay_unit == "HOUR" else "YEARLY")
    xml.text_element("type", "BASE_SALARY")
    xml.endElement("salary")
    xml.endElement("salaries")


LINKEDIN_JOB_TYPES_BY_SCHEMA = {
    SCHEMA_EMPLOYMENT_TYPE[kind]: value for kind, value in LINKEDIN_JOB_TYPES.items()
}

# /jobs/feeds/<partner>.xml: the job writer of each aggregator's format.
PARTNER_FEEDS = {
    "indeed": write_indeed_job,
    "ziprecruiter": write_ziprecruiter_job,
    "linkedin": write_linkedin_job,
}


def feed_xml(jobs, write_job=write_our_job, chunk_size=200):
    """A feed document, yielded in pieces so a long feed streams instead of piling up."""
    buffer = io.StringIO()
    xml = AggregatorXMLGenerator(buffer, "utf-8")
    xml.startDocument()
    xml.startElement("source", {})
    xml.text_element("publisher", "healthcareers")
    xml.text_element("publisherurl", absolute("/"))
    xml.text_element("lastBuildDate", rfc2822_date(timezone.now()))
    for n, job in enumerate(jobs.iterator(chunk_size=chunk_size), start=1):
        xml.startElement("job", {})
        write_job(xml, feed_item(job))
        xml.endElement("job")
        if n % chunk_size == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    xml.endElement("source")
    xml.endDocument()
    yield buffer.getvalue()


def aggregator_xml(jobs, chunk_size=200):
    """Our own XML feed (/jobs/feed.xml)."""
    return feed_xml(jobs, write_our_job, chunk_size=chunk_size)


def _xml_response(pieces):
    return StreamingHttpResponse(pieces, content_type="application/xml; charset=utf-8")


@require_safe
def aggregator_feed(request):
    return _xml_response(aggregator_xml(live_jobs()))


@require_safe
def partner_feed(request, partner):
    """/jobs/feeds/<partner>.xml: Indeed, ZipRecruiter, LinkedIn."""
    if partner not in PARTNER_FEEDS:
        raise Http404
    return _xml_response(feed_xml(live_jobs(), PARTNER_FEEDS[partner]))
