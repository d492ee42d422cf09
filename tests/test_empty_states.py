"""Empty states say what to do next, with a link to do it."""

import pytest

from tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db


def page_html(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_no_applications_sends_the_candidate_to_find_jobs(client, candidate):
    html = page_html(client, candidate, "/me/applications/")

    assert "No applications yet" in html and 'href="/jobs/">Find Jobs</a>' in html


def test_no_saved_jobs_sends_the_candidate_to_find_jobs(client, candidate):
    html = page_html(client, candidate, "/me/saved/")

    assert "No saved jobs yet" in html and 'href="/jobs/">Find Jobs</a>' in html


def test_no_alerts_says_how_to_make_one(client, candidate):
    html = page_html(client, candidate, "/me/alerts/")

    assert "Email me jobs like these" in html and 'href="/jobs/">Find Jobs</a>' in html


def test_no_jobs_invites_the_employer_to_post_one(client, employer_owner):
    html = page_html(client, employer_owner, "/dashboard/jobs/")

    assert "No jobs yet" in html and 'href="/dashboard/jobs/new/">Post a Job</a>' in html


def test_no_applicants_invites_the_employer_to_post_a_job(client, employer_owner):
    html = page_html(client, employer_owner, "/dashboard/applicants/")

    assert "No applicants yet" in html
    assert 'href="/dashboard/jobs/new/">Post a Job</a>' in html


def test_no_applicants_to_one_job_links_to_the_job(client, employer_owner, company):
    job = PublishedJobFactory(company=company)

    html = page_html(client, employer_owner, f"/dashboard/jobs/{job.pk}/applicants/")

    assert "No applicants yet" in html
    assert f'href="/dashboard/jobs/{job.pk}/">See the job</a>' in html


def test_no_matching_applicants_offers_to_show_all(client, employer_owner):
    html = page_html(client, employer_owner, "/dashboard/applicants/?stage=interview")

    assert "No applicants match" in html
    assert 'href="/dashboard/applicants/">Show all applicants</a>' in html


def test_find_candidates_with_no_results_offers_to_widen_the_search(
    client, company, employer_owner
):
    company.plan, company.is_verified = "professional", True
    company.save()

    html = page_html(client, employer_owner, "/candidates/?q=zzzqqq")

    assert "No visible profiles match. Try fewer filters or a wider radius." in html
    assert 'href="/candidates/">Clear the filters</a>' in html
