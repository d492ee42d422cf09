"""Ranking people trust (the formula in jobs/search.py) and the bounds on a search's work."""

from datetime import timedelta

import pytest
from django.utils import timezone

from jobs import search as job_search
from jobs.choices import Profession
from tests.factories import CompanyFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


def titles(client, **params) -> list[str]:
    response = client.get("/jobs/", params)
    assert response.status_code == 200
    return [job.title for job in response.context["results"].jobs]


def test_nurses_rank_above_nursing_assistants_for_nurse(client):
    PublishedJobFactory(
        title="Certified Nursing Assistant", profession=Profession.CERTIFIED_NURSING_ASSISTANT
    )
    PublishedJobFactory(title="Staff Nurse", profession=Profession.REGISTERED_NURSE)
    PublishedJobFactory(
        title="Licensed Practical Nurse", profession=Profession.LICENSED_PRACTICAL_NURSE
    )

    ranked = titles(client, q="nurse")

    assert ranked[-1] == "Certified Nursing Assistant"
    assert set(ranked[:2]) == {"Staff Nurse", "Licensed Practical Nurse"}


def test_an_exact_phrase_ranks_above_scattered_words(client):
    now = timezone.now()
    PublishedJobFactory(
        title="Nurse, Charge of Education Programs", specialty="Education", published_at=now
    )
    PublishedJobFactory(
        title="Charge Nurse", specialty="Telemetry", published_at=now - timedelta(days=3)
    )

    assert titles(client, q="charge nurse")[0] == "Charge Nurse"


def test_a_featured_job_is_lifted_among_equals_but_never_above_a_far_better_match(client):
    now = timezone.now()
    PublishedJobFactory(
        title="Unit Secretary",
        profession=Profession.HEALTHCARE_ADMINISTRATOR,
        specialty="Front desk",
        description="<p>Support our dosimetrist.</p>",
        is_featured=True,
        published_at=now,
    )
    PublishedJobFactory(
        title="Medical Dosimetrist",
        profession=Profession.DOSIMETRIST,
        published_at=now - timedelta(days=5),
    )
    PublishedJobFactory(
        title="Medical Dosimetrist",
        profession=Profession.DOSIMETRIST,
        is_featured=True,
        published_at=now - timedelta(days=9),
        specialty="Brachytherapy",
    )

    ranked = [(j.title, j.is_featured) for j in job_search.JobSearch(q="dosimetrist").run().jobs]

    assert ranked == [
        ("Medical Dosimetrist", True),  # featured wins among the equally good
        ("Medical Dosimetrist", False),
        ("Unit Secretary", True),  # but stays below the jobs that are about it
    ]


def test_recency_breaks_ties(client):
    now = timezone.now()
    for days, title in [(3, "Older Coder"), (1, "Newer Coder"), (2, "Middle Coder")]:
        PublishedJobFactory(
            title=title,
            profession=Profession.MEDICAL_CODER,
            specialty="",
            published_at=now - timedelta(days=days),
        )

    assert titles(client, q="coder") == ["Newer Coder", "Middle Coder", "Older Coder"]


def test_a_broad_search_counts_up_to_the_cap_and_estimates_its_facets(client, monkeypatch):
    monkeypatch.setattr(job_search, "COUNT_CAP", 5)
    monkeypatch.setattr(job_search, "FACET_SAMPLE", 5)
    monkeypatch.setattr(job_search, "CANDIDATES", 5)
    company = CompanyFactory()
    PublishedJobFactory.create_batch(8, title="Staff Nurse", company=company)

    response = client.get("/jobs/", {"q": "nurse"})

    results = response.context["results"]
    assert results.total == 5
    assert results.total_is_capped
    assert results.counts_are_estimates
    html = response.content.decode()
    assert "<strong>5+</strong> jobs" in html
    assert '<span class="visually-hidden">about </span>' in html
    assert len(results.jobs) == 5


def test_a_narrow_search_counts_exactly(client):
    PublishedJobFactory.create_batch(3, title="Radiation Therapist", company=CompanyFactory())

    results = client.get("/jobs/", {"q": "radiation therapist"}).context["results"]

    assert results.total == 3
    assert not results.total_is_capped
    assert not results.counts_are_estimates
    assert {o.value: o.count for o in results.facets[0].options} == {"registered_nurse": 3}
