"""Plan quotas where the action happens: publishing, resuming, renewing, approving, featuring."""

from datetime import timedelta

import pytest
from django.utils import timezone

from employers.plans import ENTERPRISE, PROFESSIONAL
from infra.refusals import Refusal
from jobs import services
from jobs.models import Job
from tests.factories import ExpiredJobFactory, JobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def verified(company):
    company.is_verified = True
    company.save()
    return company


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_free_company_cannot_publish_a_second_job_and_is_shown_the_plans(
    client, employer_owner, verified
):
    PublishedJobFactory(company=verified)
    draft = JobFactory(company=verified)
    client.force_login(employer_owner)

    response = client.post(f"/dashboard/jobs/{draft.pk}/publish/", follow=True)

    draft.refresh_from_db()
    assert draft.status == Job.Status.DRAFT
    [message] = messages_of(response)
    assert "Your Free plan includes 1 active job at a time" in message
    assert "upgrade to Professional" in message
    assert 'href="/pricing/' in message


def test_unverified_free_company_cannot_queue_a_second_job_for_review(
    client, employer_owner, company
):
    JobFactory(company=company, status=Job.Status.PENDING_REVIEW)
    draft = JobFactory(company=company)
    client.force_login(employer_owner)

    client.post(f"/dashboard/jobs/{draft.pk}/publish/")

    draft.refresh_from_db()
    assert draft.status == Job.Status.DRAFT


def test_closing_a_job_frees_its_place(client, employer_owner, verified):
    live = PublishedJobFactory(company=verified)
    draft = JobFactory(company=verified)
    client.force_login(employer_owner)

    client.post(f"/dashboard/jobs/{live.pk}/close/")
    client.post(f"/dashboard/jobs/{draft.pk}/publish/")

    draft.refresh_from_db()
    assert draft.status == Job.Status.PUBLISHED


def test_professional_company_publishes_up_to_ten_jobs(verified):
    verified.plan = PROFESSIONAL
    verified.save()
    PublishedJobFactory.create_batch(9, company=verified)
    tenth, eleventh = JobFactory(company=verified), JobFactory(company=verified)

    assert services.job_publish(job=tenth).status == Job.Status.PUBLISHED
    with pytest.raises(Refusal, match="Professional plan includes 10"):
        services.job_publish(job=eleventh)


def test_enterprise_company_has_no_job_limit(verified):
    verified.plan = ENTERPRISE
    verified.save()
    PublishedJobFactory.create_batch(12, company=verified)
    assert services.job_publish(job=JobFactory(company=verified)).status == Job.Status.PUBLISHED


def test_resuming_a_paused_job_is_refused_when_the_plan_is_full(verified):
    paused = PublishedJobFactory(company=verified, status=Job.Status.PAUSED)
    PublishedJobFactory(company=verified)
    with pytest.raises(Refusal):
        services.job_resume(job=paused)
    paused.refresh_from_db()
    assert paused.status == Job.Status.PAUSED


def test_renewing_an_expired_job_is_refused_when_the_plan_is_full(verified):
    expired = ExpiredJobFactory(company=verified)
    PublishedJobFactory(company=verified)
    before = expired.expires_at
    with pytest.raises(Refusal):
        services.job_renew(job=expired)
    expired.refresh_from_db()
    assert (expired.status, expired.expires_at) == (Job.Status.EXPIRED, before)


def test_renewing_the_only_live_job_is_allowed_on_the_free_plan(verified):
    live = PublishedJobFactory(company=verified)
    renewed = services.job_renew(job=live)
    assert renewed.expires_at > timezone.now() + timedelta(days=30)


def test_staff_approval_is_refused_when_the_plan_is_full(company):
    pending = JobFactory(company=company, status=Job.Status.PENDING_REVIEW)
    PublishedJobFactory(company=company)
    with pytest.raises(Refusal):
        services.job_approve(job=pending)


def test_free_plan_cannot_feature_jobs(client, employer_owner, verified):
    live = PublishedJobFactory(company=verified)
    client.force_login(employer_owner)

    response = client.post(f"/dashboard/jobs/{live.pk}/feature/", follow=True)

    live.refresh_from_db()
    assert not live.is_featured
    assert "Featured jobs are not part of the Free plan" in messages_of(response)[0]


def test_professional_plan_features_two_jobs_and_unfeaturing_frees_a_place(
    client, employer_recruiter, verified
):
    verified.plan = PROFESSIONAL
    verified.save()
    first, second, third = PublishedJobFactory.create_batch(3, company=verified)
    client.force_login(employer_recruiter)

    for job in (first, second, third):
        client.post(f"/dashboard/jobs/{job.pk}/feature/")
    assert list(Job.objects.filter(is_featured=True).order_by("pk")) == [first, second]

    client.post(f"/dashboard/jobs/{first.pk}/unfeature/")
    client.post(f"/dashboard/jobs/{third.pk}/feature/")
    assert set(Job.objects.filter(is_featured=True)) == {second, third}


def test_closing_a_featured_job_stops_featuring_it(verified):
    verified.plan = ENTERPRISE
    verified.save()
    job = PublishedJobFactory(company=verified, is_featured=True)
    assert not services.job_close(job=job).is_featured


def test_featuring_is_post_only_and_limited_to_the_own_company(
    client, employer_owner, other_employer, verified
):
    job = PublishedJobFactory(company=verified)
    client.force_login(employer_owner)
    assert client.get(f"/dashboard/jobs/{job.pk}/feature/").status_code == 405
    client.force_login(other_employer)
    assert client.post(f"/dashboard/jobs/{job.pk}/feature/").status_code == 404
    job.refresh_from_db()
    assert not job.is_featured
