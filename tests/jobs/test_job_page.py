"""The public job page: facts, JobPosting JSON-LD, 301/404/410, apply, similar jobs, reports."""

import json
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from jobs.choices import (
    Benefit,
    EmploymentType,
    PayPeriod,
    Profession,
    Shift,
    WorkplaceType,
)
from jobs.models import Job, JobReport
from tests.factories import (
    ClosedJobFactory,
    CompanyFactory,
    ExpiredJobFactory,
    JobFactory,
    PublishedJobFactory,
)

pytestmark = pytest.mark.django_db

JSONLD_RE = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def jsonld(response) -> dict:
    scripts = JSONLD_RE.findall(response.content.decode())
    assert len(scripts) == 1
    return json.loads(scripts[0])


@pytest.fixture
def job(db):
    return PublishedJobFactory(
        title="ICU Registered Nurse",
        company=CompanyFactory(name="Front Range Health", is_verified=True),
        specialty="Intensive care",
        employment_type=EmploymentType.FULL_TIME,
        shift=Shift.NIGHT,
        city="Denver",
        state="CO",
        zip_code="80202",
        pay_min=Decimal("42.00"),
        pay_max=Decimal("58.50"),
        pay_period=PayPeriod.HOUR,
        sign_on_bonus=Decimal("10000"),
        required_credentials=["rn", "bls"],
        preferred_credentials=["ccrn"],
        license_states=["CO"],
        visa_sponsorship=True,
        benefits=[Benefit.HEALTH, Benefit.TUITION],
        description="<p>Care for critically ill adults &amp; their families.</p>",
    )


def test_job_page_shows_the_facts_pay_and_company(client, job):
    response = client.get(job.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>ICU Registered Nurse</h1>" in html
    assert "$42–$58.50/hr" in html
    assert "Front Range Health" in html and "Verified employer" in html
    for fact in [
        "Intensive care",
        "Night shift",
        "Full-time",
        "Denver, CO 80202",
        "RN license, BLS",
        "CCRN",
        "Colorado",
        "Health insurance, Tuition reimbursement",
        "$10,000",
    ]:
        assert fact in html, fact
    assert "<dt>Visa sponsorship</dt><dd>Yes</dd>" in html
    assert "<p>Care for critically ill adults &amp; their families.</p>" in html
    assert f'<link rel="canonical" href="http://127.0.0.1:8000{job.get_absolute_url()}">' in html


def test_job_posting_json_ld_carries_the_required_and_recommended_fields(client, job, settings):
    data = jsonld(client.get(job.get_absolute_url()))

    assert data["@context"] == "https://schema.org/"
    assert data["@type"] == "JobPosting"
    assert data["title"] == "ICU Registered Nurse"
    assert data["description"] == "<p>Care for critically ill adults &amp; their families.</p>"
    assert data["datePosted"] == job.published_at.isoformat()
    assert data["validThrough"] == job.expires_at.isoformat()
    assert data["employmentType"] == "FULL_TIME"
    assert data["hiringOrganization"] == {"@type": "Organization", "name": "Front Range Health"}
    assert data["jobLocation"] == {
        "@type": "Place",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Denver",
            "addressRegion": "CO",
            "postalCode": "80202",
            "addressCountry": "US",
        },
    }
    assert "jobLocationType" not in data
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "USD",
        "value": {
            "@type": "QuantitativeValue",
            "minValue": 42,
            "maxValue": 58.5,
            "unitText": "HOUR",
        },
    }
    assert data["identifier"] == {
        "@type": "PropertyValue",
        "name": "Front Range Health",
        "value": str(job.pk),
    }
    assert data["directApply"] is True
    assert data["url"] == settings.SITE_URL + job.get_absolute_url()


def test_json_ld_names_the_company_website_when_it_has_one(client):
    company = CompanyFactory(name="Front Range Health", website="https://frontrange.example")
    job = PublishedJobFactory(company=company)

    organization = jsonld(client.get(job.get_absolute_url()))["hiringOrganization"]

    assert organization == {
        "@type": "Organization",
        "name": "Front Range Health",
        "sameAs": "https://frontrange.example",
    }


def test_json_ld_of_a_remote_job_names_where_the_hire_may_live(client):
    job = PublishedJobFactory(
        workplace_type=WorkplaceType.REMOTE,
        remote_states=["CO", "TX"],
        city="",
        state="",
        zip_code="",
        latitude=None,
        longitude=None,
        employment_type=EmploymentType.CONTRACT,
        pay_min=60_000,
        pay_max=75_000,
        pay_period=PayPeriod.YEAR,
        apply_method=Job.ApplyMethod.EXTERNAL,
        apply_url="https://careers.example.com/jobs/42",
    )

    response = client.get(job.get_absolute_url())
    data = jsonld(response)

    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == [
        {"@type": "State", "name": "Colorado"},
        {"@type": "State", "name": "Texas"},
    ]
    assert "jobLocation" not in data
    assert data["employmentType"] == "CONTRACTOR"
    assert data["baseSalary"]["value"]["unitText"] == "YEAR"
    assert data["directApply"] is False
    html = response.content.decode()
    assert "Colorado, Texas" in html
    # A POST that counts the click, then redirects to the employer's site.
    assert f'action="/jobs/{job.slug}/apply-elsewhere/"' in html
    assert "Outside the No-Ghosting Policy" in html


def test_a_remote_job_open_anywhere_requires_the_country(client):
    job = PublishedJobFactory(workplace_type=WorkplaceType.REMOTE, remote_states=[])

    data = jsonld(client.get(job.get_absolute_url()))

    assert data["applicantLocationRequirements"] == [{"@type": "Country", "name": "US"}]


def test_json_ld_cannot_close_its_script_element(client):
    job = PublishedJobFactory(
        title="Nurse </script><script>alert(1)</script>",
        company=CompanyFactory(name="A & B <Clinic>"),
    )

    response = client.get(job.get_absolute_url())

    html = response.content.decode()
    script = JSONLD_RE.findall(html)[0]
    assert "</script" not in script and "<" not in script and "&" not in script
    data = jsonld(response)
    assert data["title"] == "Nurse </script><script>alert(1)</script>"
    assert data["hiringOrganization"]["name"] == "A & B <Clinic>"
    assert "<script>alert(1)" not in html


def test_description_is_cleaned_again_when_shown(client, job):
    # A row written around the form (an import, a manual fix) must still render safely.
    Job.objects.filter(pk=job.pk).update(
        description='<p onclick="steal()">Hi</p><script>alert(1)</script><img src=x onerror=y>'
    )

    response = client.get(job.get_absolute_url())

    html = response.content.decode()
    assert "<p>Hi</p>" in html
    assert "alert(1)" not in html and "onclick" not in html and "onerror" not in html
    assert jsonld(response)["description"] == "<p>Hi</p>"


# Addresses -------------------------------------------------------------------------------


def test_a_wrong_or_old_slug_redirects_permanently_to_the_canonical_url(client, job):
    response = client.get(f"/jobs/old-title-{job.pk}/")

    assert response.status_code == 301
    assert response["Location"] == job.get_absolute_url()
    assert client.get(f"/jobs/{job.pk}/").status_code == 301


@pytest.mark.parametrize(
    "path", ["/jobs/no-number/", "/jobs/nurse-999999/", "/jobs/nurse-99999999999999999999/"]
)
def test_an_unknown_job_is_a_404(client, job, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("status", [Job.Status.DRAFT, Job.Status.PENDING_REVIEW])
def test_drafts_and_jobs_in_review_are_a_404_for_the_public(client, status, candidate):
    job = JobFactory(status=status)

    assert client.get(job.get_absolute_url()).status_code == 404
    client.force_login(candidate)
    assert client.get(job.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "make_gone",
    [
        lambda: ExpiredJobFactory(),
        lambda: ClosedJobFactory(),
        lambda: PublishedJobFactory(status=Job.Status.PAUSED),
        lambda: PublishedJobFactory(expires_at=timezone.now() - timedelta(hours=1)),
    ],
    ids=["expired", "closed", "paused", "published-but-past-its-date"],
)
def test_a_job_that_is_gone_answers_410_with_similar_open_jobs_and_no_json_ld(client, make_gone):
    gone = make_gone()
    PublishedJobFactory(title="Open Nurse Job", profession=gone.profession)
    PublishedJobFactory(title="Open Coder Job", profession=Profession.MEDICAL_CODER)

    response = client.get(gone.get_absolute_url())

    assert response.status_code == 410
    html = response.content.decode()
    assert "This job is no longer open" in html
    assert "Open Nurse Job" in html and "Open Coder Job" not in html
    assert "application/ld+json" not in html
    assert '<meta name="robots" content="noindex">' in html


# Apply -----------------------------------------------------------------------------------


def test_a_guest_is_asked_to_sign_up_or_sign_in_to_apply(client, job):
    html = client.get(job.get_absolute_url()).content.decode()

    next_param = f"?next={job.get_absolute_url()}"
    assert f'href="/accounts/signup/candidate/{next_param}">Create a free account to apply' in html
    assert f'href="/accounts/login/{next_param}">Sign in</a>' in html


def test_a_candidate_is_offered_the_apply_form(client, job, candidate):
    client.force_login(candidate)

    html = client.get(job.get_absolute_url()).content.decode()

    assert f'href="/jobs/{job.slug}/apply/">Apply now</a>' in html
    assert "opens soon" not in html
    assert "Create a free account to apply" not in html


def test_an_employer_is_told_candidates_apply_here(client, job, employer_owner):
    client.force_login(employer_owner)

    html = client.get(job.get_absolute_url()).content.decode()

    assert "You are signed in with an employer account." in html


# Similar jobs and sharing ----------------------------------------------------------------


def test_similar_jobs_are_open_jobs_of_the_same_profession_nearest_first(client, job):
    PublishedJobFactory(
        title="Boulder Nurse", city="Boulder", state="CO", latitude=40.0153, longitude=-105.2538
    )
    PublishedJobFactory(
        title="Houston Nurse", city="Houston", state="TX", latitude=29.76, longitude=-95.37
    )
    PublishedJobFactory(title="Denver Coder", profession=Profession.MEDICAL_CODER)
    ClosedJobFactory(title="Closed Denver Nurse")

    similar = client.get(job.get_absolute_url()).context["similar_jobs"]

    assert [j.title for j in similar] == ["Boulder Nurse", "Houston Nurse"]


def test_share_links_point_at_the_canonical_url(client, job, settings):
    html = client.get(job.get_absolute_url()).content.decode()

    url = settings.SITE_URL + job.get_absolute_url()
    encoded = url.replace(":", "%3A").replace("/", "%2F")
    assert f"https://www.linkedin.com/sharing/share-offsite/?url={encoded}" in html
    assert "https://x.com/intent/post?text=ICU%20Registered%20Nurse%20at%20Front" in html
    assert (
        f"mailto:?subject=ICU%20Registered%20Nurse%20at%20Front%20Range%20Health&amp;body={encoded}"
        in html
    )
    assert f'<input type="text" id="job-link" value="{url}" readonly>' in html


@pytest.mark.parametrize("similar_count", [3, 30])
def test_job_page_costs_the_same_queries_whatever_the_similar_jobs(
    client, job, django_assert_max_num_queries, similar_count
):
    for _ in range(similar_count):
        PublishedJobFactory(company=CompanyFactory())

    # The job with its company, the similar jobs, the state median (jobs/pay_insights.py).
    with django_assert_max_num_queries(3):
        response = client.get(job.get_absolute_url())
    assert len(response.context["similar_jobs"]) == min(similar_count, 4)


# Report this job -------------------------------------------------------------------------


def report(client, job, **data):
    return client.post(
        f"/jobs/{job.slug}/report/",
        {f"report-{key}": value for key, value in data.items()},
    )


def test_a_guest_reports_a_job_to_the_staff_queue(client, job):
    response = report(
        client, job, reason="scam", details="Asks for a fee.", reporter_email="a@example.com"
    )

    assert response.status_code == 302
    assert response["Location"] == job.get_absolute_url()
    saved = JobReport.objects.get()
    assert (saved.job, saved.reason, saved.details) == (job, "scam", "Asks for a fee.")
    assert saved.reporter is None and saved.reporter_email == "a@example.com"
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Thank you for your report." in page


def test_a_signed_in_reader_is_recorded_as_the_reporter(client, job, candidate):
    client.force_login(candidate)

    report(client, job, reason="filled")

    saved = JobReport.objects.get()
    assert saved.reporter == candidate and saved.reporter_email == candidate.email


def test_a_report_needs_a_reason_and_keeps_what_was_typed(client, job):
    response = report(client, job, reason="bogus", details="Odd pay.")

    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-invalid="true"' in html and "Select a valid choice" in html
    assert "Odd pay." in html
    assert '<details class="job-report" id="report" open>' in html
    assert not JobReport.objects.exists()


def test_reporting_is_refused_on_get(client, job):
    assert client.get(f"/jobs/{job.slug}/report/").status_code == 405


def test_reports_are_rate_limited_per_ip_address(client, job):
    for _ in range(5):
        assert report(client, job, reason="other").status_code == 302

    response = report(client, job, reason="other", details="Sixth")

    assert response.status_code == 429
    assert "several reports in a short time" in response.content.decode()
    assert JobReport.objects.count() == 5


def test_a_closed_job_cannot_be_reported(client):
    closed = ClosedJobFactory()

    response = report(client, closed, reason="scam")

    assert response.status_code == 302
    assert not JobReport.objects.exists()
    assert report(client, JobFactory(), reason="scam").status_code == 404


def test_similar_jobs_for_many_jobs_agree_with_similar_to_one_at_a_time(
    django_assert_max_num_queries,
):
    """The sweeps' batch (one LATERAL walk of the nearest-jobs index) and the job page's
    similar_to give the same jobs in the same order, remote jobs included."""
    from jobs.selectors import similar_jobs_for

    places = [("Denver", "CO", 39.74, -104.99), ("Boulder", "CO", 40.01, -105.27),
              ("Houston", "TX", 29.76, -95.37), ("Austin", "TX", 30.27, -97.74),
              ("Miami", "FL", 25.76, -80.19)]  # fmt: skip
    jobs = [
        PublishedJobFactory(city=city, state=state, latitude=lat, longitude=lng)
        for city, state, lat, lng in places * 2
    ]
    # Several remote jobs of one profession: each one's newest others leave itself out.
    jobs += [
        PublishedJobFactory(workplace_type=WorkplaceType.REMOTE, latitude=None) for _ in range(6)
    ]
    jobs.append(PublishedJobFactory(profession=Profession.PHARMACIST))

    with django_assert_max_num_queries(2 + 2 * 2):  # the walk, its jobs; 2 per profession
        batch = similar_jobs_for(jobs, 4)

    for job in jobs:
        one = Job.objects.published().with_company().similar_to(job, 4)
        assert [o.pk for o in batch[job.pk]] == [o.pk for o in one]
    assert batch[jobs[-1].pk] == []  # the only pharmacist job
    # A memo kept across calls (a sweep's batches) walks each profession's newest jobs once.
    memo = {}
    similar_jobs_for(jobs, 4, memo=memo)
    with django_assert_max_num_queries(2):
        again = similar_jobs_for(jobs, 4, memo=memo)
    assert {pk: [o.pk for o in found] for pk, found in again.items()} == {
        pk: [o.pk for o in found] for pk, found in batch.items()
    }


@pytest.mark.parametrize("others", [1, 30])
def test_similar_jobs_are_the_nearest_ones_whatever_the_number_of_jobs(others):
    """Bounded (a K-nearest walk of the index) but exact: the nearest are found among many."""
    denver = PublishedJobFactory(city="Denver", state="CO", latitude=39.74, longitude=-104.99)
    for n in range(others):
        PublishedJobFactory(city="Miami", state="FL", latitude=25.76 + n / 100, longitude=-80.19)
    near = PublishedJobFactory(city="Boulder", state="CO", latitude=40.01, longitude=-105.27)

    similar = Job.objects.published().similar_to(denver, 4)

    assert similar[0] == near
    assert len(similar) == min(others + 1, 4)


def test_absolute_urls_of_many_jobs_are_each_jobs_own():
    jobs = [PublishedJobFactory(title=title) for title in ("ICU Nurse", "Night RN, 3x12", "É")]
    assert Job.absolute_urls(jobs) == {job.pk: job.get_absolute_url() for job in jobs}
