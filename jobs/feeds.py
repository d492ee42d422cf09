"""Feeds for machines: RSS of the newest jobs, and the XML feed job aggregators take.

Only live jobs (published, not expired), each feed in one query whatever its length.
"""

import io

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import rfc2822_date
from django.utils.html import format_html
from django.utils.xmlutils import SimplerXMLGenerator
from django.views.decorators.http import require_safe

from infra.feeds import XMLSafeRssFeed
from infra.text import strip_control_characters
from jobs.choices import EmploymentType
from jobs.models import Job
from jobs.sanitize import sanitize_description

RSS_ITEMS = 50
AGGREGATOR_JOB_TYPES = {
    EmploymentType.FULL_TIME: "fulltime",
    EmploymentType.PART_TIME: "parttime",
    EmploymentType.CONTRACT: "contract",
    EmploymentType.PER_DIEM: "perdiem",
    EmploymentType.TEMPORARY: "temporary",
    EmploymentType.INTERNSHIP: "internship",
}


def absolute(path: str) -> str:
    return settings.SITE_URL + path


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
        return Job.objects.published().with_company().order_by("-published_at", "-pk")[:RSS_ITEMS]

    def item_title(self, job):
        return f"{job.title}, {job.company.name} ({job.location_label})"

    def item_description(self, job):
        summary = format_html(
            "<p><strong>{}</strong> · {} · {}</p>",
            job.pay_label,
            job.get_employment_type_display(),
            job.location_label,
        )
        # Sanitized again as it is written: a row saved another way must not reach readers raw.
        return summary + sanitize_description(job.description)

    def item_link(self, job):
        return absolute(job.get_absolute_url())

    def item_pubdate(self, job):
        return job.published_at

    def item_updateddate(self, job):
        return job.updated_at

    def item_author_name(self, job):
        return job.company.name

    def item_categories(self, job):
        return [job.get_profession_display()]


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


def aggregator_xml(jobs, chunk_size=200):
    """The feed document, yielded in pieces so a long feed streams instead of piling up."""
    buffer = io.StringIO()
    xml = AggregatorXMLGenerator(buffer, "utf-8")
    xml.startDocument()
    xml.startElement("source", {})
    xml.text_element("publisher", "healthcareers")
    xml.text_element("publisherurl", absolute("/"))
    xml.text_element("lastBuildDate", rfc2822_date(timezone.now()))
    for n, job in enumerate(jobs.iterator(chunk_size=chunk_size), start=1):
        xml.startElement("job", {})
        xml.text_element("title", job.title)
        xml.text_element("date", rfc2822_date(job.published_at))
        xml.text_element("referencenumber", job.pk)
        xml.text_element("url", absolute(job.get_absolute_url()))
        xml.text_element("company", job.company.name)
        xml.text_element("city", job.city)
        xml.text_element("state", job.state)
        xml.text_element("postalcode", job.zip_code)
        xml.text_element("country", "US")
        xml.cdata_element("description", sanitize_description(job.description))
        xml.text_element("salary", job.pay_label)
        xml.text_element("jobtype", AGGREGATOR_JOB_TYPES[job.employment_type])
        xml.text_element("category", job.get_profession_display())
        if job.is_remote:
            xml.text_element("remotetype", "Fully remote")
        xml.text_element("expirationdate", rfc2822_date(job.expires_at))
        xml.endElement("job")
        if n % chunk_size == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    xml.endElement("source")
    xml.endDocument()
    yield buffer.getvalue()


@require_safe
def aggregator_feed(request):
    jobs = Job.objects.published().with_company().order_by("-published_at", "-pk")
    return StreamingHttpResponse(
        aggregator_xml(jobs), content_type="application/xml; charset=utf-8"
    )
