"""Plan quotas: what counts as an active or featured job, and the refusal with its upgrade path."""

import pytest

from employers.plans import ENTERPRISE, FREE, PLANS, PROFESSIONAL, get_plan, plans_above
from employers.quotas import can_search_candidates
from jobs.quotas import can_feature_another_job, can_publish_another_job
from tests.factories import (
    ClosedJobFactory,
    CompanyFactory,
    ExpiredJobFactory,
    JobFactory,
    PublishedJobFactory,
)

pytestmark = pytest.mark.django_db


def on_plan(plan):
    return CompanyFactory(name="Lakeside Health", plan=plan)


def test_plans_are_defined_once_with_the_agreed_limits():
    assert [p.key for p in PLANS.values()] == [FREE, PROFESSIONAL, ENTERPRISE]
    free, pro, enterprise = PLANS.values()
    assert (free.max_active_jobs, free.max_featured_jobs, free.candidate_search) == (1, 0, False)
    assert (pro.max_active_jobs, pro.max_featured_jobs, pro.monthly_candidate_contacts) == (
        10,
        2,
        50,
    )
    assert enterprise.max_active_jobs is None and enterprise.max_featured_jobs is None
    assert [p.price_label for p in PLANS.values()] == ["Free", "$299 / month, invoiced", "Custom"]


def test_new_companies_start_on_free():
    assert CompanyFactory().plan == FREE


def test_plans_above_and_unknown_keys():
    assert [p.key for p in plans_above(FREE)] == [PROFESSIONAL, ENTERPRISE]
    assert plans_above(ENTERPRISE) == []
    assert get_plan("retired-plan").key == FREE


def test_free_company_may_publish_its_first_job():
    company = on_plan(FREE)

    check = can_publish_another_job(company)

    assert check.allowed and bool(check)
    assert (check.used, check.limit) == (0, 1)
    assert check.message == ""


def test_free_company_with_a_live_job_gets_the_quota_message():
    company = on_plan(FREE)
    PublishedJobFactory(company=company)

    check = can_publish_another_job(company)

    assert not check
    assert check.used == 1 and check.limit == 1
    assert check.message == (
        "Your Free plan includes 1 active job at a time, and Lakeside Health has 1. Pause or "
        "close a job first, or upgrade to Professional for 10 active jobs."
    )
    assert check.upgrade_url == "/pricing/#plans"


def test_jobs_waiting_for_review_count_as_active():
    company = on_plan(FREE)
    JobFactory(company=company, status="pending_review")

    assert not can_publish_another_job(company)


@pytest.mark.parametrize(
    "factory",
    [
        JobFactory,  # draft
        ExpiredJobFactory,
        ClosedJobFactory,
        lambda company: JobFactory(company=company, status="paused"),
    ],
)
def test_drafts_paused_closed_and_expired_jobs_do_not_count(factory):
    company = on_plan(FREE)
    factory(company=company)

    assert can_publish_another_job(company)


def test_a_published_job_past_its_expiry_date_does_not_count(time_machine):
    company = on_plan(FREE)
    job = PublishedJobFactory(company=company)

    time_machine.move_to(job.expires_at)

    assert can_publish_another_job(company)


def test_other_companies_jobs_do_not_count():
    company = on_plan(FREE)
    PublishedJobFactory.create_batch(3)

    assert can_publish_another_job(company)


def test_the_job_being_published_can_be_excluded_from_the_count():
    company = on_plan(FREE)
    waiting = JobFactory(company=company, status="pending_review")

    assert not can_publish_another_job(company)
    assert can_publish_another_job(company, excluding_job=waiting)


def test_professional_allows_ten_active_jobs():
    company = on_plan(PROFESSIONAL)
    PublishedJobFactory.create_batch(9, company=company)
    assert can_publish_another_job(company)

    PublishedJobFactory(company=company)
    check = can_publish_another_job(company)

    assert not check
    assert "Your Professional plan includes 10 active jobs at a time" in check.message
    assert check.message.endswith("or upgrade to Enterprise for unlimited jobs.")


def test_enterprise_is_unlimited():
    company = on_plan(ENTERPRISE)
    PublishedJobFactory.create_batch(25, company=company)

    check = can_publish_another_job(company)

    assert check and check.limit is None and check.used == 25


def test_a_company_over_its_limit_after_a_downgrade_is_refused_too():
    company = on_plan(FREE)
    PublishedJobFactory.create_batch(4, company=company)

    check = can_publish_another_job(company)

    assert not check and check.used == 4


def test_free_plan_cannot_feature_jobs():
    company = on_plan(FREE)

    check = can_feature_another_job(company)

    assert not check
    assert check.message == (
        "Featured jobs are not part of the Free plan: upgrade to Professional for 2 featured jobs."
    )
    assert check.upgrade_url == "/pricing/#plans"


def test_professional_features_two_live_jobs():
    company = on_plan(PROFESSIONAL)
    first = PublishedJobFactory(company=company, is_featured=True)
    ExpiredJobFactory(company=company, is_featured=True)  # no longer live: not counted
    assert can_feature_another_job(company)

    PublishedJobFactory(company=company, is_featured=True)
    check = can_feature_another_job(company)

    assert not check and check.used == 2
    assert "Unfeature a job first, or upgrade to Enterprise" in check.message
    assert can_feature_another_job(company, excluding_job=first)


def test_enterprise_features_without_limit():
    company = on_plan(ENTERPRISE)
    PublishedJobFactory.create_batch(5, company=company, is_featured=True)

    assert can_feature_another_job(company)


def test_candidate_search_follows_the_plan():
    assert not can_search_candidates(on_plan(FREE))
    pro = can_search_candidates(CompanyFactory(plan=PROFESSIONAL))
    assert pro and pro.limit == 50
    assert can_search_candidates(CompanyFactory(plan=ENTERPRISE)).limit is None


def test_quota_checks_use_a_constant_number_of_queries(django_assert_num_queries):
    company = on_plan(PROFESSIONAL)
    PublishedJobFactory.create_batch(10, company=company, is_featured=True)

    with django_assert_num_queries(1):
        can_publish_another_job(company)
    with django_assert_num_queries(1):
        can_feature_another_job(company)
