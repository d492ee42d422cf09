"""State pay-transparency rules: seeded as data, applied by the posting form and publishing,
and live jobs a later rule catches out listed on the team's dashboard."""

from datetime import date, timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.utils import timezone

from infra.refusals import Refusal
from jobs import services
from jobs.models import Job, PayTransparencyRule
from jobs.pay_rules import applicable_rules
from jobs.selectors import jobs_out_of_pay_rules
from tests.factories import JobFactory, PublishedJobFactory
from tests.jobs.test_posting import NEW, field_error, job_data

pytestmark = pytest.mark.django_db

SEEDED = {"CO", "CA", "WA", "NY", "HI", "DC", "MD", "MN", "IL", "NJ", "VT", "MA"}
COLORADO = "Colorado's Equal Pay for Equal Work Act"


@pytest.fixture
def verified(company):
    company.is_verified = True
    company.save()
    return company


def test_the_migration_seeds_a_rule_with_its_source_for_each_state_with_a_law():
    rules = PayTransparencyRule.objects.all()
    assert {rule.state for rule in rules} == SEEDED
    colorado = rules.get(state="CO")
    assert colorado.effective_date == date(2021, 1, 1)
    assert colorado.source_url.startswith("https://cdle.colorado.gov/")
    assert colorado.requires_range and colorado.requires_benefits and colorado.applies_to_remote
    assert all("staff should verify" in rule.notes for rule in rules)


def test_a_job_falls_under_its_work_state_and_a_remote_job_under_every_state_it_is_open_to():
    onsite = applicable_rules(workplace_type="onsite", state="CO")
    assert [a.rule.state for a in onsite] == ["CO"]
    assert onsite[0].why == "the job is in Colorado"
    assert applicable_rules(workplace_type="onsite", state="TX") == []
    remote = applicable_rules(workplace_type="remote", remote_states=["TX", "WA"])
    assert [a.rule.state for a in remote] == ["WA"]
    assert "remote and open to hires in Washington" in remote[0].why
    anywhere = applicable_rules(workplace_type="remote", remote_states=[])
    assert {a.rule.state for a in anywhere} == SEEDED


def test_a_rule_not_yet_in_effect_does_not_apply():
    PayTransparencyRule.objects.filter(state="CO").update(
        effective_date=timezone.localdate() + timedelta(days=10)
    )
    assert applicable_rules(workplace_type="onsite", state="CO") == []


def test_up_to_pay_in_colorado_is_refused_naming_the_rule(client, employer_owner):
    client.force_login(employer_owner)
    response = client.post(NEW, job_data(pay_min="", pay_max="60"))

    assert response.status_code == 400
    error = field_error(response.content.decode(), "pay_min")
    assert COLORADO in error
    assert "Enter the minimum pay too" in error
    assert "“up to $60/hr” is not one" in error
    assert not Job.objects.exists()


def test_open_ended_pay_in_colorado_is_refused(client, employer_owner):
    client.force_login(employer_owner)
    response = client.post(NEW, job_data(pay_min="45", pay_max=""))
    error = field_error(response.content.decode(), "pay_max")
    assert "Enter the maximum pay too" in error and "“$45/hr+” is open-ended" in error


def test_colorado_asks_for_the_benefits_texas_does_not(client, employer_owner):
    client.force_login(employer_owner)
    response = client.post(NEW, job_data(benefits=[]))
    assert COLORADO in field_error(response.content.decode(), "benefits")

    client.post(NEW, job_data(benefits=[], city="Austin", state="TX", zip_code="78701"))
    assert Job.objects.get().benefits == []


def test_a_remote_job_open_to_washington_is_checked_against_washington(client, employer_owner):
    client.force_login(employer_owner)
    data = job_data(workplace_type="remote", remote_states=["WA", "TX"], pay_min="", pay_max="60")
    response = client.post(NEW, data)
    assert "Washington's Equal Pay and Opportunities Act" in field_error(
        response.content.decode(), "pay_min"
    )


def test_outside_any_rule_a_missing_minimum_is_still_refused(client, employer_owner):
    client.force_login(employer_owner)
    response = client.post(NEW, job_data(pay_min="", city="Austin", state="TX", zip_code="78701"))
    assert field_error(response.content.decode(), "pay_min") == (
        "Enter the minimum pay. Every job shows its pay range."
    )


def test_a_rule_with_a_ratio_caps_the_maximum(client, employer_owner):
    PayTransparencyRule.objects.filter(state="CO").update(max_ratio=Decimal("1.5"))
    client.force_login(employer_owner)
    response = client.post(NEW, job_data(pay_min="40", pay_max="70"))
    error = field_error(response.content.decode(), "pay_max")
    assert "at most 1.5 × the minimum" in error
    assert "lower the maximum to $60 or raise the minimum to $46.67" in error

    client.post(NEW, job_data(pay_min="40", pay_max="60"))
    assert Job.objects.get().pay_max == Decimal("60")


def test_the_form_explains_which_rule_applies_and_why(client, employer_owner, company):
    client.force_login(employer_owner)
    job = JobFactory(company=company)
    html = unescape(client.get(f"/dashboard/jobs/{job.pk}/edit/").content.decode())
    assert f"{COLORADO} applies because the job is in Colorado" in html

    blank = client.get(NEW).content.decode()
    assert "Jobs in CA, CO, DC" in blank


def test_publishing_refuses_a_job_a_rule_forbids_and_names_the_rule(company, verified):
    job = JobFactory(company=company, benefits=[])
    with pytest.raises(Refusal) as refusal:
        services.job_publish(job=job)
    assert refusal.value.code == "pay_rule"
    assert COLORADO in refusal.value.message
    job.refresh_from_db()
    assert job.status == Job.Status.DRAFT


def test_live_jobs_caught_out_by_a_later_rule_are_listed_for_their_team_not_unpublished(
    client, employer_owner, company, django_assert_max_num_queries
):
    old = PublishedJobFactory(
        company=company, benefits=[], published_at=timezone.now() - timedelta(days=3)
    )
    PublishedJobFactory(company=company)  # complies
    PublishedJobFactory(benefits=[])  # another company's

    with django_assert_max_num_queries(2):
        caught = jobs_out_of_pay_rules(company)
    assert [job for job, _ in caught] == [old]

    client.force_login(employer_owner)
    html = unescape(client.get("/dashboard/jobs/").content.decode())
    assert "1 live job to update for state pay laws" in html
    assert COLORADO in html
    old.refresh_from_db()
    assert old.status == Job.Status.PUBLISHED
