"""Pay insights at /pay/: figures precomputed from recent postings, recomputed here from the
postings themselves; charts and tables; few queries; links from job pages and the sitemap."""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from html import unescape

import pytest
from django.utils import timezone

from jobs.choices import HOURS_PER_YEAR
from jobs.models import Job, PaySummary
from jobs.pay_insights import pay_summary_refresh
from jobs.tasks import refresh_pay_summary
from tests.articles.factories import CareerGuideFactory
from tests.factories import ClosedJobFactory, ExpiredJobFactory, JobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db

CENT = Decimal("0.01")


def percentile_cont(values, fraction):
    """Postgres' percentile_cont: linear interpolation between the ordered values."""
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def yearly(job) -> float:
    midpoint = float((job.pay_min + job.pay_max) / 2)
    return midpoint * HOURS_PER_YEAR if job.pay_period == "hour" else midpoint


def money_round(value: float) -> Decimal:
    return Decimal(repr(value)).quantize(CENT, ROUND_HALF_UP)


@pytest.fixture
def postings(db):
    colorado = [
        PublishedJobFactory(pay_min=Decimal(low), pay_max=Decimal(low + 10), experience_level=level)
        for low, level in [(38, "mid"), (40, "mid"), (44, "senior"), (50, "senior"), (35, "entry")]
    ]
    colorado.append(
        ClosedJobFactory(
            pay_min=Decimal("90000"),
            pay_max=Decimal("100000"),
            pay_period="year",
            published_at=timezone.now() - timedelta(days=200),
        )
    )
    colorado.append(ExpiredJobFactory(pay_min=Decimal("41"), pay_max=Decimal("47")))
    washington = [
        PublishedJobFactory(
            city="Seattle", state="WA", zip_code="98101", pay_min=Decimal(55), pay_max=Decimal(60)
        )
        for _ in range(2)
    ]
    remote = [
        PublishedJobFactory(
            workplace_type="remote",
            city="",
            state="",
            zip_code="",
            pay_min=Decimal("45"),
            pay_max=Decimal("52"),
        )
    ]
    # Not counted: never public, or older than a year.
    JobFactory(pay_min=Decimal("10"), pay_max=Decimal("11"))
    JobFactory(status=Job.Status.PENDING_REVIEW, pay_min=Decimal("10"), pay_max=Decimal("11"))
    ClosedJobFactory(
        pay_min=Decimal("10"),
        pay_max=Decimal("11"),
        published_at=timezone.now() - timedelta(days=400),
    )
    return {"CO": colorado, "WA": washington, "remote": remote}


def expected(jobs):
    values = [yearly(job) for job in jobs]
    return {
        "postings": len(values),
        **{
            f"yearly_{name}": money_round(percentile_cont(values, fraction))
            for name, fraction in [("p25", 0.25), ("median", 0.5), ("p75", 0.75)]
        },
        **{
            f"hourly_{name}": money_round(percentile_cont(values, fraction) / HOURS_PER_YEAR)
            for name, fraction in [("p25", 0.25), ("median", 0.5), ("p75", 0.75)]
        },
    }


def summary(**lookup) -> dict:
    row = PaySummary.objects.get(profession="registered_nurse", **lookup)
    return {key: getattr(row, key) for key in expected(Job.objects.all()[:1])}


def test_the_refresh_figures_match_a_recomputation_from_the_postings(postings):
    written = refresh_pay_summary()

    everyone = postings["CO"] + postings["WA"] + postings["remote"]
    assert summary(state="", experience_level="") == expected(everyone)
    assert summary(state="CO", experience_level="") == expected(postings["CO"])
    assert summary(state="WA", experience_level="") == expected(postings["WA"])
    seniors = [job for job in everyone if job.experience_level == "senior"]
    assert summary(state="", experience_level="senior") == expected(seniors)
    assert summary(state="CO", experience_level="senior") == expected(seniors)
    # Remote jobs count nationally, never as a state of their own.
    assert not PaySummary.objects.filter(state="", experience_level="", postings=1).exists()
    assert written == PaySummary.objects.count()


def test_a_second_refresh_replaces_the_figures(postings):
    pay_summary_refresh()
    Job.objects.filter(state="WA").delete()
    pay_summary_refresh()
    assert not PaySummary.objects.filter(state="WA").exists()


def test_the_profession_page_has_charts_and_tables_and_hides_small_figures(client, postings):
    pay_summary_refresh()
    html = unescape(client.get("/pay/registered-nurse/").content.decode())
    co = PaySummary.objects.get(profession="registered_nurse", state="CO", experience_level="")
    assert '<svg viewBox="0 0' in html and 'role="img"' in html
    assert "<caption>Registered Nurse pay by state</caption>" in html
    assert f"${co.hourly_median:,.2f}".replace(".00", "") in html
    assert '<a href="/pay/registered-nurse/co/">Colorado</a>' in html
    # Washington has 2 postings: counted, not shown.
    assert "Washington</th>" in html
    assert "Fewer than 5 postings: not shown" in html
    assert '<a href="/pay/registered-nurse/wa/">' not in html


def test_pages_cost_the_same_few_queries_whatever_the_number_of_postings(
    client, postings, django_assert_max_num_queries
):
    pay_summary_refresh()
    for url in ["/pay/", "/pay/registered-nurse/", "/pay/registered-nurse/co/"]:
        with django_assert_max_num_queries(3):
            assert client.get(url).status_code == 200
    PublishedJobFactory.create_batch(30, state="WA", city="Seattle", zip_code="98101")
    pay_summary_refresh()
    for url in ["/pay/", "/pay/registered-nurse/", "/pay/registered-nurse/wa/"]:
        with django_assert_max_num_queries(3):
            assert client.get(url).status_code == 200


def test_the_state_page_shows_the_state_and_national_figures(client, postings):
    pay_summary_refresh()
    html = unescape(client.get("/pay/registered-nurse/co/").content.decode())
    assert "Registered Nurse pay in Colorado" in html
    assert "From 7 postings in the last 365 days" in html
    assert "Across the US" in html
    assert client.get("/pay/registered-nurse/CO/").status_code == 301
    assert client.get("/pay/registered-nurse/zz/").status_code == 404
    assert client.get("/pay/astronaut/").status_code == 404


def test_the_index_lists_each_profession_with_its_postings(client, postings):
    pay_summary_refresh()
    html = unescape(client.get("/pay/?unit=year").content.decode())
    assert '<a href="/pay/registered-nurse/">Registered Nurse</a>' in html
    assert "Charts show <strong>yearly</strong> pay" in html


def test_the_job_page_compares_its_pay_with_the_state_median(client, postings):
    pay_summary_refresh()
    job = postings["CO"][0]
    html = unescape(client.get(job.get_absolute_url()).content.decode())
    assert "The middle of this range, $43/hr, is" in html
    assert "the Colorado median for the role" in html
    assert 'href="/pay/registered-nurse/co/">Pay in Colorado</a>' in html
    seattle = postings["WA"][0]
    assert "median for the role" not in client.get(seattle.get_absolute_url()).content.decode()


def test_the_sitemap_lists_the_pay_pages_with_figures(client, postings, settings):
    pay_summary_refresh()
    xml = client.get("/sitemap.xml?section=pay").content.decode()
    assert f"<loc>{settings.SITE_URL}/pay/</loc>" in xml
    assert f"<loc>{settings.SITE_URL}/pay/registered-nurse/co/</loc>" in xml
    assert "/pay/registered-nurse/wa/" not in xml


def test_a_career_guide_links_to_its_professions_pay_page(client):
    guide = CareerGuideFactory(profession="registered_nurse")
    html = unescape(client.get(guide.get_absolute_url()).content.decode())
    assert (
        '<a href="/pay/registered-nurse/">Registered Nurse pay by state and experience</a>' in html
    )
