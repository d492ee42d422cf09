"""A paused or expired featured job is not counted; coming back live, it must fit the plan's
featured places again (the review passed the limit by pause, feature another, resume)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from employers.plans import PROFESSIONAL
from jobs import services
from jobs.models import Job
from tests.factories import ExpiredJobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def professional(company):
    """Two featured places."""
    company.is_verified = True
    company.plan = PROFESSIONAL
    company.save()
    return company


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def featured_count(company) -> int:
    return (
        Job.objects.filter(company=company, is_featured=True)
        .exclude(status=Job.Status.PAUSED)
        .count()
    )


def test_pause_feature_another_resume_cannot_pass_the_featured_limit(
    client, employer_owner, professional
):
    first, second, third = PublishedJobFactory.create_batch(3, company=professional)
    client.force_login(employer_owner)
    for job in (first, second):
        client.post(f"/dashboard/jobs/{job.pk}/feature/")
    client.post(f"/dashboard/jobs/{first.pk}/pause/")
    client.post(f"/dashboard/jobs/{third.pk}/feature/")

    response = client.post(f"/dashboard/jobs/{first.pk}/resume/", follow=True)

    first.refresh_from_db()
    # Live again (candidates can apply), but not featured: both places are taken.
    assert first.status == Job.Status.PUBLISHED
    assert not first.is_featured
    assert featured_count(professional) == 2
    message = messages_of(response)[-1]
    assert "is live again but no longer featured" in message
    assert "Your Professional plan includes 2 featured jobs at a time" in message
    assert 'href="/pricing/#plans"' in message


def test_resumed_featured_job_stays_featured_when_there_is_room(professional):
    job = PublishedJobFactory(company=professional, is_featured=True)
    services.job_pause(job=job)

    resumed = services.job_resume(job=job)

    assert resumed.status == Job.Status.PUBLISHED
    assert resumed.is_featured


def test_renewing_an_expired_featured_job_cannot_pass_the_featured_limit(
    client, employer_owner, professional
):
    expired = ExpiredJobFactory(company=professional, is_featured=True)
    PublishedJobFactory.create_batch(2, company=professional, is_featured=True)
    client.force_login(employer_owner)

    response = client.post(f"/dashboard/jobs/{expired.pk}/renew/", follow=True)

    expired.refresh_from_db()
    assert expired.status == Job.Status.PUBLISHED
    assert expired.expires_at > timezone.now() + timedelta(days=29)
    assert not expired.is_featured
    assert featured_count(professional) == 2
    assert "no longer featured" in messages_of(response)[-1]


def test_renewing_a_live_featured_job_keeps_it_featured(professional):
    job = PublishedJobFactory(company=professional, is_featured=True)
    PublishedJobFactory(company=professional, is_featured=True)

    assert services.job_renew(job=job).is_featured
