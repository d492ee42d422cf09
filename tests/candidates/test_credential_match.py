"""Credential match: the card on job pages, and the "jobs I qualify for" search filter."""

import pytest

from candidates.selectors import qualifications_of
from tests.candidates.factories import (
    CertificationFactory,
    CompactLicenseFactory,
    ExpiredLicenseFactory,
    LicenseFactory,
    ProfileFactory,
)
from tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db


def test_job_page_shows_held_and_missing_credentials(client, candidate):
    profile = ProfileFactory(user=candidate)
    LicenseFactory(profile=profile, state="CO")
    job = PublishedJobFactory(required_credentials=["rn", "bls", "acls"], license_states=["CO"])
    client.force_login(candidate)
    response = client.get(job.get_absolute_url())
    match = response.context["match"]
    held = {r.label: r.held for r in match.credentials + match.states}
    assert held == {
        "RN license": True,
        "BLS": False,
        "ACLS": False,
        "License in Colorado": True,
    }
    html = response.content.decode()
    assert "Your credentials" in html and "2 requirements still to meet" in html


def test_an_expired_license_does_not_count_and_says_so(client, candidate):
    ExpiredLicenseFactory(profile=ProfileFactory(user=candidate), state="TX")
    job = PublishedJobFactory(required_credentials=["rn"], license_states=["TX"])
    client.force_login(candidate)
    html = client.get(job.get_absolute_url()).content.decode()
    assert "Yours has expired" in html
    assert "You meet every requirement" not in html


def test_a_multistate_nurse_license_covers_compact_states_only():
    license = CompactLicenseFactory(state="CO")
    qualifications = qualifications_of(license.profile.user)
    assert {"CO", "TX", "UT"} <= qualifications.states
    assert "CA" not in qualifications.states and "NY" not in qualifications.states


def test_no_card_for_guests_employers_or_candidates_without_profile(
    client, candidate, employer_owner
):
    job = PublishedJobFactory(required_credentials=["rn"], license_states=["CO"])
    assert client.get(job.get_absolute_url()).context["match"] is None
    client.force_login(candidate)
    assert client.get(job.get_absolute_url()).context["match"] is None
    client.force_login(employer_owner)
    assert client.get(job.get_absolute_url()).context["match"] is None


def test_the_match_costs_a_fixed_number_of_queries(client, candidate, django_assert_num_queries):
    profile = ProfileFactory(user=candidate)
    job = PublishedJobFactory(required_credentials=["rn", "bls"], license_states=["CO", "UT"])
    client.force_login(candidate)
    client.get(job.get_absolute_url())  # warm caches (site, content types)

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            client.get(job.get_absolute_url())
        return len(queries)

    few = count()
    for state in ["CO", "UT", "TX", "WA", "OR"]:
        LicenseFactory(profile=profile, state=state)
        CertificationFactory(profile=profile)
    assert count() <= few  # more items, no more queries


def test_jobs_i_qualify_for_keeps_only_covered_jobs(client, candidate):
    profile = ProfileFactory(user=candidate)
    LicenseFactory(profile=profile, state="CO")
    CertificationFactory(profile=profile, credential="bls")
    covered = PublishedJobFactory(
        title="Covered", required_credentials=["rn", "bls"], license_states=["CO"]
    )
    no_acls = PublishedJobFactory(title="Needs ACLS", required_credentials=["rn", "acls"])
    wrong_state = PublishedJobFactory(
        title="Texas", required_credentials=["rn"], license_states=["TX"]
    )
    open_to_all = PublishedJobFactory(title="No requirements", required_credentials=[])
    client.force_login(candidate)

    every = {job.pk for job in client.get("/jobs/").context["results"].jobs}
    assert {covered.pk, no_acls.pk, wrong_state.pk, open_to_all.pk} <= every
    response = client.get("/jobs/?qualify=1")
    shown = {job.pk for job in response.context["results"].jobs}
    assert shown == {covered.pk, open_to_all.pk}
    assert response.context["results"].total == 2
    html = response.content.decode()
    assert 'name="qualify"' in html and "Jobs I qualify for" in html


def test_the_qualify_filter_is_ignored_for_guests(client):
    PublishedJobFactory(required_credentials=["rn"])
    response = client.get("/jobs/?qualify=1")
    assert response.context["results"].total == 1
    assert 'name="qualify"' not in response.content.decode()
