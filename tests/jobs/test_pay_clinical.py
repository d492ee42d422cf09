"""Clinical pay: shift differentials and contract/travel pay on the form, the job page, the
JSON-LD and the search filters."""

import json
import re
from decimal import Decimal
from html import unescape

import pytest

from jobs.models import Job
from tests.factories import PublishedJobFactory
from tests.jobs.test_posting import NEW, field_error, job_data

pytestmark = pytest.mark.django_db

TRAVEL = {
    "employment_type": "contract",
    "contract_weeks": "13",
    "guaranteed_hours": "36",
    "taxable_hourly_rate": "30",
    "housing_stipend_weekly": "1200",
    "meals_stipend_weekly": "350",
    "weekly_gross": "2630",
    "cancellation_policy": "Two shifts per contract may be cancelled without pay.",
}


def jsonld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_differentials_and_travel_pay_are_saved_from_the_form(client, employer_owner):
    client.force_login(employer_owner)
    data = job_data(night_differential="4.50", night_differential_unit="usd_hour", **TRAVEL)
    response = client.post(NEW, data)
    assert response.status_code == 302
    job = Job.objects.get()
    assert (job.night_differential, job.night_differential_unit) == (Decimal("4.5"), "usd_hour")
    assert (job.contract_weeks, job.guaranteed_hours) == (13, 36)
    assert job.weekly_gross == Decimal("2630")
    assert job.is_travel_contract


def test_a_differential_needs_its_unit_and_a_percentage_is_at_most_100(client, employer_owner):
    client.force_login(employer_owner)
    page = client.post(NEW, job_data(weekend_differential="3")).content.decode()
    assert "dollars an hour or a percentage" in field_error(page, "weekend_differential_unit")
    page = client.post(
        NEW, job_data(evening_differential="150", evening_differential_unit="percent")
    ).content.decode()
    assert "at most 100%" in field_error(page, "evening_differential")


def test_contract_fields_are_refused_on_a_full_time_job(client, employer_owner):
    client.force_login(employer_owner)
    page = client.post(NEW, job_data(contract_weeks="13")).content.decode()
    assert "for contract and travel jobs" in field_error(page, "contract_weeks")
    assert not Job.objects.exists()


def test_weekly_gross_must_be_the_taxable_pay_plus_the_stipends(client, employer_owner):
    client.force_login(employer_owner)
    page = client.post(NEW, job_data(**(TRAVEL | {"weekly_gross": "3000"}))).content.decode()
    error = field_error(page, "weekly_gross")
    assert "The parts add up to $2,630 a week" in error


def test_the_job_page_and_its_jsonld_show_the_clinical_pay(client):
    job = PublishedJobFactory(
        employment_type="contract",
        night_differential=Decimal("4.5"),
        night_differential_unit="usd_hour",
        weekend_differential=Decimal("10"),
        weekend_differential_unit="percent",
        contract_weeks=13,
        guaranteed_hours=36,
        weekly_gross=Decimal("2630"),
        taxable_hourly_rate=Decimal("30"),
        housing_stipend_weekly=Decimal("1200"),
        meals_stipend_weekly=Decimal("350"),
        cancellation_policy="Two shifts per contract may be cancelled without pay.",
    )
    html = unescape(client.get(job.get_absolute_url()).content.decode())
    for text in [
        "Night differential",
        "+$4.50/hr",
        "+10% of base pay",
        "13 weeks, 36 guaranteed hours a week",
        "$2,630 a week",
        "$30/hr",
        "$1,200 a week",
        "$350 a week",
        "Two shifts per contract may be cancelled without pay.",
    ]:
        assert text in html, text
    posting = jsonld(html)
    assert posting["workHours"] == "13 weeks, 36 guaranteed hours a week"
    assert posting["incentiveCompensation"] == (
        "Night differential +$4.50/hr; Weekend differential +10% of base pay; "
        "Weekly gross pay $2,630 a week; Taxable rate $30/hr; Housing stipend $1,200 a week; "
        "Meals stipend $350 a week"
    )


def test_a_job_without_clinical_pay_has_none_in_its_jsonld(client):
    posting = jsonld(client.get(PublishedJobFactory().get_absolute_url()).content.decode())
    assert "incentiveCompensation" not in posting and "workHours" not in posting


def test_search_filters_night_differentials_and_travel_contracts(client):
    night = PublishedJobFactory(
        title="Night Nurse", night_differential=Decimal("5"), night_differential_unit="usd_hour"
    )
    travel = PublishedJobFactory(
        title="Travel Nurse", employment_type="contract", contract_weeks=13
    )
    PublishedJobFactory(title="Day Nurse")
    PublishedJobFactory(title="Contract without length", employment_type="contract")

    def titles(query):
        return [job.title for job in client.get(f"/jobs/?{query}").context["results"].jobs]

    assert titles("night_differential=1") == [night.title]
    assert titles("travel=1") == [travel.title]
    assert len(titles("")) == 4
    page = client.get("/jobs/?travel=1").content.decode()
    assert 'id="f-travel" checked' in page
