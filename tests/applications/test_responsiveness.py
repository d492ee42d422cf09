"""Company responsiveness: the precomputed figures, where they show, and going on notice and
off it again (with the publish refusal it brings)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications import no_ghosting
from applications.models import Application, Stage
from applications.responsiveness import ON_NOTICE_KIND, companies_refresh_responsiveness
from employers.models import Company
from infra.refusals import Refusal
from jobs import services as job_services
from notifications.models import Notification
from tests.applications.deadline_factories import (
    AnsweredApplicationFactory,
    ApplicationFactory,
    OverdueApplicationFactory,
)
from tests.factories import CompanyFactory, JobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


def days_ago(n):
    return timezone.now() - timedelta(days=n)


def refreshed(company) -> Company:
    companies_refresh_responsiveness()
    return Company.objects.get(pk=company.pk)


@pytest.fixture
def job(company):
    return PublishedJobFactory(company=company)


def answered(job, *, submitted_days_ago, after_hours, **fields):
    return AnsweredApplicationFactory(
        job=job,
        submitted_at=days_ago(submitted_days_ago),
        answered_after=timedelta(hours=after_hours),
        **fields,
    )


# The figures -----------------------------------------------------------------------------


def test_rate_and_median_count_matured_applications_of_the_last_90_days(job, company):
    answered(job, submitted_days_ago=20, after_hours=10)
    answered(job, submitted_days_ago=20, after_hours=30)
    answered(job, submitted_days_ago=20, after_hours=50)
    answered(job, submitted_days_ago=20, after_hours=24 * 9)  # late (deadline 7 days)
    OverdueApplicationFactory(job=job)  # matured at its deadline, unanswered: not on time
    ApplicationFactory(job=job)  # deadline ahead, unanswered: not matured yet
    answered(job, submitted_days_ago=120, after_hours=5)  # outside the window

    company = refreshed(company)

    assert company.matured_applications_90d == 5
    assert company.response_rate_90d == 60  # 3 of 5
    assert company.median_response_hours_90d == 40  # of 10, 30, 50, 216
    assert company.shows_responsiveness
    assert company.response_time_label == "about 2 days"
    assert company.responsiveness_updated_at is not None


def test_an_early_answer_matures_at_once_and_a_rate_rounds_down(job, company):
    for _ in range(2):
        answered(job, submitted_days_ago=1, after_hours=2)
    OverdueApplicationFactory(job=job)

    company = refreshed(company)

    assert company.matured_applications_90d == 3
    assert company.response_rate_90d == 66  # 2 of 3, rounded down
    assert not company.shows_responsiveness  # fewer than 5 matured


def test_figures_are_hidden_below_five_matured_applications(job, company):
    for _ in range(4):
        answered(job, submitted_days_ago=10, after_hours=3)

    company = refreshed(company)

    assert company.matured_applications_90d == 4
    assert not company.shows_responsiveness


def test_withdrawn_before_the_deadline_owes_nothing_and_is_left_out(job, company):
    answered(job, submitted_days_ago=10, after_hours=3)
    OverdueApplicationFactory(job=job, stage=Stage.WITHDRAWN, closed_at=days_ago(7))

    company = refreshed(company)

    assert (company.matured_applications_90d, company.response_rate_90d) == (1, 100)


def test_a_position_closed_answer_before_the_deadline_counts_on_time(job, company):
    waiting = ApplicationFactory(job=job, submitted_at=days_ago(2))
    job_services.job_close(job=job)
    no_ghosting.ended_jobs_answer_applicants()

    company = refreshed(company)

    waiting.refresh_from_db()
    assert waiting.answered_on_time
    assert (company.matured_applications_90d, company.response_rate_90d) == (1, 100)


def test_companies_without_applications_are_refreshed_to_nothing(company):
    other = CompanyFactory()

    assert companies_refresh_responsiveness() >= 2
    other.refresh_from_db()
    assert other.matured_applications_90d == 0
    assert other.response_rate_90d is None
    assert not other.is_on_notice


def test_refreshing_some_companies_leaves_the_others(job, company):
    other = CompanyFactory()
    answered(job, submitted_days_ago=3, after_hours=3)

    assert companies_refresh_responsiveness(company_ids=[other.pk]) == 1

    company.refresh_from_db()
    assert company.responsiveness_updated_at is None


def test_the_refresh_is_one_statement_whatever_the_number_of_companies(
    django_assert_num_queries,
):
    for _ in range(5):
        AnsweredApplicationFactory(job=PublishedJobFactory())

    with django_assert_num_queries(3):  # savepoint, the UPDATE, release
        companies_refresh_responsiveness()


# On notice and off again -----------------------------------------------------------------


def going_on_notice(job):
    """Five matured in 30 days, two on time (40%), two of the late ones still unanswered."""
    answered(job, submitted_days_ago=20, after_hours=5)
    answered(job, submitted_days_ago=20, after_hours=5)
    answered(job, submitted_days_ago=20, after_hours=24 * 8)
    return OverdueApplicationFactory.create_batch(2, job=job)


def test_a_company_goes_on_notice_and_off_it_once_its_overdue_applications_are_answered(
    job, company, employer_owner
):
    overdue = going_on_notice(job)
    # Verified, with room in its plan: nothing but the notice stands in the way.
    Company.objects.filter(pk=company.pk).update(plan="professional", is_verified=True)
    draft = JobFactory(company=company)

    company = refreshed(company)
    assert company.is_on_notice
    assert (company.on_time_rate_30d, company.matured_applications_30d) == (40, 5)
    assert company.overdue_applications == 2
    since = company.on_notice_since

    # It cannot publish, and is told why and where to go.
    with pytest.raises(Refusal) as refusal:
        job_services.job_publish(job=draft)
    assert refusal.value.code == "on_notice"
    assert refusal.value.link == "/dashboard/applicants/"
    assert "overdue" in refusal.value.message

    # A later refresh keeps the date it went on notice.
    assert refreshed(company).on_notice_since == since

    # One answered: still one overdue, still on notice.
    Application.objects.filter(pk=overdue[0].pk).update(
        first_response_at=timezone.now(), stage=Stage.NOT_SELECTED
    )
    assert refreshed(company).is_on_notice
    # All answered (late, so the rate stays low): off notice, and it can publish again.
    Application.objects.filter(pk=overdue[1].pk).update(
        first_response_at=timezone.now(), stage=Stage.REVIEWING
    )
    company = refreshed(company)
    assert not company.is_on_notice
    assert company.on_time_rate_30d == 40
    assert job_services.job_publish(job=draft).status == "published"


def test_a_company_goes_off_notice_when_its_rate_recovers(job, company):
    going_on_notice(job)
    assert refreshed(company).is_on_notice

    # A month of on-time answers later, the late ones have left the 30-day window.
    with time_machine.travel(timezone.now() + timedelta(days=35)):
        for _ in range(5):
            answered(job, submitted_days_ago=3, after_hours=4)
        company = refreshed(company)

    assert company.on_time_rate_30d == 100
    assert not company.is_on_notice


def test_a_low_rate_with_fewer_than_five_matured_is_not_on_notice(job, company):
    answered(job, submitted_days_ago=20, after_hours=24 * 8)
    OverdueApplicationFactory.create_batch(3, job=job)

    company = refreshed(company)

    assert company.on_time_rate_30d == 0
    assert not company.is_on_notice


def test_the_rate_threshold_is_the_setting(job, company, settings):
    going_on_notice(job)
    settings.NO_GHOSTING_MIN_RATE = 40

    assert not refreshed(company).is_on_notice  # 40% is not below 40%


def test_the_team_is_emailed_once_when_the_company_goes_on_notice(
    job, company, employer_owner, employer_recruiter
):
    going_on_notice(job)

    refreshed(company)
    refreshed(company)

    keys = Notification.objects.filter(kind=ON_NOTICE_KIND).values_list("key", flat=True)
    assert len(keys) == 2  # one per team member
    assert all(key.startswith(f"{ON_NOTICE_KIND}:company:{company.pk}:since:") for key in keys)


def test_the_dashboard_tells_a_company_on_notice_why_and_what_to_do(
    client, job, company, employer_owner
):
    going_on_notice(job)
    refreshed(company)
    client.force_login(employer_owner)

    html = client.get(reverse("employers:dashboard")).content.decode()

    assert "Your company is on notice" in html
    assert "you cannot publish new jobs" in html
    assert 'href="/dashboard/applicants/"' in html
    assert "2 overdue" in html  # the deadline badge


def test_the_deadline_badge_counts_due_soon_and_overdue_on_the_jobs_list(
    client, job, company, employer_recruiter
):
    ApplicationFactory(job=job, submitted_at=days_ago(5))  # due in 2 days
    ApplicationFactory(job=job)  # due in 7 days: not yet
    OverdueApplicationFactory(job=job)
    AnsweredApplicationFactory(job=job, submitted_at=days_ago(5))
    client.force_login(employer_recruiter)

    html = client.get(reverse("jobs_dashboard:list")).content.decode()

    assert "1 overdue" in html
    assert "1 due within 3 days" in html


def test_publishing_from_the_dashboard_on_notice_shows_the_reason(
    client, job, company, employer_owner
):
    going_on_notice(job)
    refreshed(company)
    draft = JobFactory(company=company)
    client.force_login(employer_owner)

    response = client.post(
        reverse("jobs_dashboard:publish", args=[draft.pk]),
        {"next": reverse("jobs_dashboard:list")},
        follow=True,
    )

    draft.refresh_from_db()
    assert draft.status == "draft"
    assert "is on notice under our No-Ghosting Policy" in response.content.decode()


def test_staff_filter_companies_on_notice_in_admin(client, job, company, admin_user):
    going_on_notice(job)
    refreshed(company)
    CompanyFactory(name="Calm Clinic")
    client.force_login(admin_user)

    html = client.get("/admin/employers/company/?on_notice=yes").content.decode()

    assert "Lakeside Health" in html and "Calm Clinic" not in html
    assert "On notice" in html


# Where the figures show ------------------------------------------------------------------


@pytest.fixture
def responsive_company(company, job):
    for hours in (20, 30, 40, 50, 60):
        answered(job, submitted_days_ago=15, after_hours=hours)
    return refreshed(company)


def test_company_page_and_job_page_show_the_responsiveness_card(client, responsive_company, job):
    company_page = client.get(responsive_company.get_absolute_url()).content.decode()
    job_page = client.get(job.get_absolute_url()).content.decode()

    for html in (company_page, job_page):
        assert "How Lakeside Health answers" in html
        assert "<strong>100%</strong>" in html
        assert "About 2 days" in html


def test_a_company_with_too_few_answers_shows_no_figures(client, company, job):
    html = client.get(job.get_absolute_url()).content.decode()

    assert "Not enough answered applications yet" in html


def test_search_results_and_the_company_list_show_the_badge_without_a_query_per_result(
    client, responsive_company
):
    search = client.get(reverse("jobs:search")).content.decode()
    companies = client.get(reverse("companies:list")).content.decode()

    assert "Answers about 2 days" in search
    assert "Answers about 2 days" in companies

    def queries(url):
        cache.clear()  # measure the uncached page each time
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    before = (queries(reverse("jobs:search")), queries(reverse("companies:list")))
    for _ in range(4):
        other = CompanyFactory()
        for hours in (5, 6, 7, 8, 9):
            answered(PublishedJobFactory(company=other), submitted_days_ago=15, after_hours=hours)
    companies_refresh_responsiveness()

    assert (queries(reverse("jobs:search")), queries(reverse("companies:list"))) == before
    cache.clear()  # the broad search's counts are cached for a while
    search = client.get(reverse("jobs:search")).content.decode()
    assert search.count("Answers within a day") >= 4


def test_a_company_below_the_rate_shows_its_rate_in_amber(client, job, company):
    going_on_notice(job)
    refreshed(company)

    html = client.get(reverse("companies:list")).content.decode()

    assert "Answers on time: 40%" in html
