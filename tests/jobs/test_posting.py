"""Posting a job from the employer dashboard: the form, preview, publish, edit and who may do it."""

import html as html_lib
import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine

from jobs.models import Job
from tests.factories import (
    ClosedJobFactory,
    CompanyFactory,
    EmployerUserFactory,
    ExpiredJobFactory,
    JobFactory,
    MembershipFactory,
    PublishedJobFactory,
)

pytestmark = pytest.mark.django_db

DESCRIPTION = (
    "Join our 24-bed medical ICU as a night-shift registered nurse. You care for two patients, "
    "with a charge nurse, intensivists on site and a rapid-response team a call away."
)
NEW = "/dashboard/jobs/new/"


def job_data(**overrides) -> dict:
    data = {
        "title": "Registered Nurse, ICU (nights)",
        "profession": "registered_nurse",
        "specialty": "Medical ICU",
        "facility_type": "hospital",
        "employment_type": "full_time",
        "shift": "night",
        "experience_level": "mid",
        "workplace_type": "onsite",
        "city": "Denver",
        "state": "CO",
        "zip_code": "80202",
        "pay_min": "42",
        "pay_max": "58.50",
        "pay_period": "hour",
        "sign_on_bonus": "5000",
        "required_credentials": ["rn", "bls"],
        "preferred_credentials": ["ccrn"],
        "license_states": ["CO"],
        "visa_sponsorship": "on",
        "benefits": ["health", "pto", "tuition"],
        "description": DESCRIPTION,
        "apply_method": "on_site",
        "apply_url": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def field_error(page: str, field: str) -> str:
    match = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', page, re.S)
    assert match, f"no error shown for {field}"
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", match.group(1))).strip()


@pytest.fixture
def verified(company):
    company.is_verified = True
    company.save()
    return company


# Creating ----------------------------------------------------------------------------------


def test_new_job_form_has_fieldsets_with_legends_and_labelled_fields(client, employer_owner):
    client.force_login(employer_owner)

    response = client.get(NEW)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Post a Job</h1>" in html
    for legend in ["The role", "Where", "Pay", "Credentials and licenses", "How candidates apply"]:
        assert f"<legend>{legend}</legend>" in html
    assert '<label for="id_pay_min">Minimum pay</label>' in html
    assert "<legend>Required credentials</legend>" in html
    assert 'href="/static/css/dashboard.css"' in html


def test_owner_saves_a_draft_with_every_field(client, employer_owner, company):
    client.force_login(employer_owner)

    response = client.post(NEW, job_data())

    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/dashboard/jobs/{job.pk}/"
    assert job.company == company
    assert job.created_by == employer_owner
    assert job.status == Job.Status.DRAFT
    assert job.published_at is None and job.expires_at is None
    assert (job.title, job.profession, job.shift) == (
        "Registered Nurse, ICU (nights)",
        "registered_nurse",
        "night",
    )
    assert (job.city, job.state, job.zip_code) == ("Denver", "CO", "80202")
    assert (job.latitude, job.longitude) == pytest.approx((39.7491, -104.9946))
    assert (job.pay_min, job.pay_max, job.pay_period) == (Decimal("42"), Decimal("58.5"), "hour")
    assert job.sign_on_bonus == Decimal("5000")
    assert job.required_credentials == ["rn", "bls"]
    assert job.preferred_credentials == ["ccrn"]
    assert job.license_states == ["CO"]
    assert job.visa_sponsorship is True
    assert job.benefits == ["health", "pto", "tuition"]
    assert job.description == f"<p>{DESCRIPTION}</p>"
    assert job.apply_method == Job.ApplyMethod.ON_SITE


def test_recruiter_posts_for_the_company_too(client, employer_recruiter, company):
    client.force_login(employer_recruiter)

    client.post(NEW, job_data())

    assert Job.objects.get().company == company


def test_preview_shows_every_field_as_candidates_will_see_it(client, employer_owner):
    client.force_login(employer_owner)
    client.post(NEW, job_data(apply_method="external", apply_url="https://careers.example.org/1"))
    job = Job.objects.get()

    response = client.get(f"/dashboard/jobs/{job.pk}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Your draft is saved" in html
    for text in [
        "Registered Nurse, ICU (nights)",
        "Lakeside Health",
        "Denver, CO",
        "$42–$58.50/hr",
        "$5,000 sign-on bonus",
        "Medical ICU",
        "Night shift",
        "Full-time",
        "RN license, BLS",
        "CCRN",
        "Colorado",
        "Tuition reimbursement",
        "https://careers.example.org/1",
        DESCRIPTION,
    ]:
        assert text in html, text
    assert 'class="status status--draft"' in html


def test_verified_company_publishes_for_thirty_days(client, employer_owner, verified):
    client.force_login(employer_owner)
    client.post(NEW, job_data())
    job = Job.objects.get()

    with time_machine.travel("2026-03-02 15:00:00Z", tick=False):
        response = client.post(f"/dashboard/jobs/{job.pk}/publish/", follow=True)

    job.refresh_from_db()
    assert job.status == Job.Status.PUBLISHED
    assert job.published_at == datetime(2026, 3, 2, 15, tzinfo=UTC)
    assert job.expires_at == job.published_at + timedelta(days=30)
    assert "“Registered Nurse, ICU (nights)” is live until April 1, 2026." in messages_of(response)


def test_unverified_company_publish_goes_to_staff_review(client, employer_owner):
    client.force_login(employer_owner)
    client.post(NEW, job_data())
    job = Job.objects.get()

    response = client.post(f"/dashboard/jobs/{job.pk}/publish/", follow=True)

    job.refresh_from_db()
    assert job.status == Job.Status.PENDING_REVIEW
    assert job.published_at is None and job.expires_at is None
    message = messages_of(response)[-1]
    assert "sent for review" in message and "staff" in message


def test_unverified_company_sees_submit_for_review_instead_of_publish(client, employer_owner):
    job = JobFactory(company=employer_owner.membership.company)
    client.force_login(employer_owner)

    html = client.get(f"/dashboard/jobs/{job.pk}/").content.decode()

    assert re.search(r">\s*Submit for review\s*<span", html)
    assert not re.search(r">\s*Publish\s*<span", html)


def test_verified_company_sees_publish(client, employer_owner, verified):
    job = JobFactory(company=verified)
    client.force_login(employer_owner)

    html = client.get(f"/dashboard/jobs/{job.pk}/").content.decode()

    assert re.search(r">\s*Publish\s*<span", html)
    assert "Submit for review" not in html


# Location ----------------------------------------------------------------------------------


def test_city_and_state_without_zip_get_the_city_coordinates(client, employer_owner):
    client.force_login(employer_owner)

    client.post(NEW, job_data(city="Springfield", state="IL", zip_code=""))

    job = Job.objects.get()
    assert (job.city, job.state, job.zip_code) == ("Springfield", "IL", "")
    assert job.latitude == pytest.approx(39.79, abs=0.05)
    assert job.longitude == pytest.approx(-89.65, abs=0.05)


def test_zip_alone_fills_in_city_and_state(client, employer_owner):
    client.force_login(employer_owner)

    client.post(NEW, job_data(city="", state="", zip_code="80202"))

    job = Job.objects.get()
    assert (job.city, job.state, job.zip_code) == ("Denver", "CO", "80202")


def test_zip_with_city_uses_zip_coordinates_and_keeps_the_city(client, employer_owner):
    client.force_login(employer_owner)

    client.post(NEW, job_data(city="Lower Downtown", state="CO", zip_code="80202"))

    job = Job.objects.get()
    assert (job.city, job.state) == ("Lower Downtown", "CO")
    assert (job.latitude, job.longitude) == pytest.approx((39.7491, -104.9946))


def test_hybrid_job_needs_a_location_too(client, employer_owner):
    client.force_login(employer_owner)

    response = client.post(NEW, job_data(workplace_type="hybrid", city="", state="", zip_code=""))

    assert response.status_code == 400
    assert "Enter the city and state, or the ZIP code" in field_error(
        response.content.decode(), "city"
    )


def test_remote_job_keeps_its_states_and_no_place(client, employer_owner):
    client.force_login(employer_owner)

    client.post(
        NEW,
        job_data(
            workplace_type="remote",
            remote_states=["TX", "FL"],
            city="Denver",
            state="CO",
            zip_code="80202",
        ),
    )

    job = Job.objects.get()
    assert job.remote_states == ["TX", "FL"]
    assert (job.city, job.state, job.zip_code, job.latitude, job.longitude) == (
        "",
        "",
        "",
        None,
        None,
    )


def test_onsite_job_ignores_remote_states(client, employer_owner):
    client.force_login(employer_owner)

    client.post(NEW, job_data(remote_states=["TX"]))

    assert Job.objects.get().remote_states == []


# Refusals: clear field errors, nothing saved, nothing typed lost ----------------------------

REFUSALS = [
    ("missing minimum pay", {"pay_min": ""}, "pay_min", "Enter the minimum pay"),
    ("missing maximum pay", {"pay_max": ""}, "pay_max", "Enter the maximum pay"),
    ("missing pay period", {"pay_period": ""}, "pay_period", "per hour or per year"),
    ("zero pay", {"pay_min": "0"}, "pay_min", "above zero"),
    (
        "minimum above maximum",
        {"pay_min": "60", "pay_max": "50"},
        "pay_max",
        "must be at least the minimum ($60)",
    ),
    (
        "a salary entered per hour",
        {"pay_min": "85000", "pay_max": "95000", "pay_period": "hour"},
        "pay_period",
        "$95,000 per hour looks like a yearly salary",
    ),
    (
        "an hourly rate entered per year",
        {"pay_min": "38", "pay_max": "52", "pay_period": "year"},
        "pay_period",
        "$38 per year looks like an hourly rate",
    ),
    ("negative bonus", {"sign_on_bonus": "-5"}, "sign_on_bonus", "above zero"),
    (
        "unknown city",
        {"city": "Atlantis", "state": "CO", "zip_code": ""},
        "city",
        "We couldn't find Atlantis, CO",
    ),
    ("city without a state", {"state": "", "zip_code": ""}, "state", "Choose the state"),
    ("four-digit ZIP", {"zip_code": "1234"}, "zip_code", "exactly five digits"),
    ("unknown ZIP", {"zip_code": "99999"}, "zip_code", "We don't know the ZIP code 99999"),
    ("letters in the ZIP", {"zip_code": "8020a"}, "zip_code", "exactly five digits"),
    ("ZIP in another state", {"state": "TX"}, "zip_code", "is in CO, not TX"),
    (
        "external apply without a URL",
        {"apply_method": "external", "apply_url": ""},
        "apply_url",
        "Enter the web address where candidates apply",
    ),
    (
        "javascript: apply URL",
        {"apply_method": "external", "apply_url": "javascript:alert(document.cookie)"},
        "apply_url",
        "starts with https://",
    ),
    (
        "ftp apply URL",
        {"apply_method": "external", "apply_url": "ftp://files.example.org/apply"},
        "apply_url",
        "starts with https://",
    ),
    ("short description", {"description": "Great job!"}, "description", "at least 100"),
    (
        "description that is only markup",
        {"description": "<script>" + "x" * 200 + "</script><p> </p>"},
        "description",
        "(you have 0)",
    ),
    ("missing title", {"title": ""}, "title", "Enter the job title"),
    ("missing profession", {"profession": ""}, "profession", "Choose the profession"),
    ("unknown profession", {"profession": "wizard"}, "profession", "Select a valid choice"),
]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [r[1:] for r in REFUSALS],
    ids=[r[0] for r in REFUSALS],
)
def test_bad_input_is_refused_with_a_field_error_and_nothing_is_lost(
    client, employer_owner, overrides, field, message
):
    client.force_login(employer_owner)
    data = job_data(**overrides)

    response = client.post(NEW, data)

    assert response.status_code == 400
    assert not Job.objects.exists()
    html = response.content.decode()
    assert message in field_error(html, field)
    assert f'href="#id_{field}"' in html  # the summary at the top links to the field
    # What they typed is still there.
    assert 'value="Registered Nurse, ICU (nights)"' in html or field == "title"
    assert "Join our 24-bed medical ICU" in html or field == "description"


@pytest.mark.parametrize("field", ["pay_min", "zip_code", "apply_url"])
def test_invalid_text_input_is_marked_and_described_by_its_error(client, employer_owner, field):
    client.force_login(employer_owner)
    bad = {"pay_min": "abc", "zip_code": "1234", "apply_url": "javascript:alert(1)"}[field]

    html = client.post(NEW, job_data(apply_method="external", **{field: bad})).content.decode()

    tag = re.search(rf'<input[^>]*id="id_{field}"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in tag
    assert f"id_{field}_error" in re.search(r'aria-describedby="([^"]*)"', tag).group(1)


def test_choice_list_errors_are_tied_to_their_fieldset(client, employer_owner):
    client.force_login(employer_owner)

    html = client.post(NEW, job_data(pay_period="")).content.decode()

    fieldset = re.search(r'<fieldset[^>]*id="id_pay_period"[^>]*>', html).group(0)
    assert "id_pay_period_error" in fieldset


# Description sanitizing --------------------------------------------------------------------


def test_script_and_event_handlers_are_stripped_from_the_description_on_save(
    client, employer_owner
):
    client.force_login(employer_owner)
    dirty = (
        f'<p onclick="steal()">{DESCRIPTION}</p><script>alert("x")</script>'
        '<a href="javascript:alert(1)">apply</a><img src=x onerror="alert(2)">'
        '<style>body{display:none}</style><h3 style="color:red">Benefits</h3>'
    )

    client.post(NEW, job_data(description=dirty))

    saved = Job.objects.get().description
    assert saved == f'<p>{DESCRIPTION}</p><a rel="nofollow noopener">apply</a><h3>Benefits</h3>'
    html = client.get(f"/dashboard/jobs/{Job.objects.get().pk}/").content.decode()
    assert "steal()" not in html and "alert(" not in html and "onerror" not in html


def test_description_links_get_nofollow(client, employer_owner):
    client.force_login(employer_owner)

    client.post(
        NEW,
        job_data(description=f'<p>{DESCRIPTION} <a href="https://example.org/unit">Unit</a></p>'),
    )

    assert '<a href="https://example.org/unit" rel="nofollow noopener">Unit</a>' in (
        Job.objects.get().description
    )


# Editing -----------------------------------------------------------------------------------


def test_editing_a_published_job_keeps_it_published_and_sanitizes_again(
    client, employer_recruiter, verified
):
    job = PublishedJobFactory(company=verified)
    published_at, expires_at = job.published_at, job.expires_at
    client.force_login(employer_recruiter)

    response = client.post(
        f"/dashboard/jobs/{job.pk}/edit/",
        job_data(title="Charge Nurse, ICU", description=f"<p>{DESCRIPTION}<script>x()</script>"),
        follow=True,
    )

    job.refresh_from_db()
    assert job.title == "Charge Nurse, ICU"
    assert job.status == Job.Status.PUBLISHED
    assert (job.published_at, job.expires_at) == (published_at, expires_at)
    assert job.description == f"<p>{DESCRIPTION}</p>"
    assert messages_of(response) == ["Your changes are saved."]


@pytest.mark.parametrize("factory", [PublishedJobFactory, ExpiredJobFactory])
def test_unverified_company_edits_to_a_live_job_go_back_through_review(
    client, employer_owner, company, factory
):
    job = factory(company=company)
    client.force_login(employer_owner)

    response = client.post(f"/dashboard/jobs/{job.pk}/edit/", job_data(), follow=True)

    job.refresh_from_db()
    assert job.status == Job.Status.PENDING_REVIEW
    assert job.title == "Registered Nurse, ICU (nights)"
    assert "hidden until they review the changes" in messages_of(response)[0]


def test_editing_a_draft_keeps_it_a_draft(client, employer_owner, company):
    job = JobFactory(company=company)
    client.force_login(employer_owner)

    client.post(f"/dashboard/jobs/{job.pk}/edit/", job_data())

    job.refresh_from_db()
    assert job.status == Job.Status.DRAFT
    assert job.title == "Registered Nurse, ICU (nights)"


def test_edit_form_starts_with_the_jobs_values(client, employer_owner, company):
    job = JobFactory(company=company, required_credentials=["rn", "acls"], pay_min=Decimal("40"))
    client.force_login(employer_owner)

    html = client.get(f"/dashboard/jobs/{job.pk}/edit/").content.decode()

    assert f'value="{job.title}"' in html
    assert re.search(r'<input[^>]*name="required_credentials" value="acls"[^>]*checked', html)
    assert 'value="40.00"' in html


def test_bad_edit_changes_nothing_and_keeps_the_typed_values(client, employer_owner, company):
    job = PublishedJobFactory(company=company)
    title = job.title
    client.force_login(employer_owner)

    response = client.post(
        f"/dashboard/jobs/{job.pk}/edit/", job_data(title="New title", pay_max="1")
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="New title"' in html
    assert f"<h1>{title}</h1>" in html
    job.refresh_from_db()
    assert job.title == title and job.status == Job.Status.PUBLISHED


def test_closed_job_cannot_be_edited(client, employer_owner, company):
    job = ClosedJobFactory(company=company)
    client.force_login(employer_owner)

    get = client.get(f"/dashboard/jobs/{job.pk}/edit/", follow=True)
    post = client.post(f"/dashboard/jobs/{job.pk}/edit/", job_data(title="Reopened"), follow=True)

    assert "A closed job cannot be edited. Duplicate it to post it again." in messages_of(get)
    assert "A closed job cannot be edited" in messages_of(post)[0]
    job.refresh_from_db()
    assert job.title != "Reopened" and job.status == Job.Status.CLOSED


# The job list and the dashboard ------------------------------------------------------------


def test_job_list_shows_the_companys_jobs_with_counts_and_filters_by_status(
    client, employer_owner, company, other_employer
):
    PublishedJobFactory(company=company, title="Night Nurse")
    JobFactory(company=company, title="Draft Coder")
    JobFactory(company=other_employer.membership.company, title="Summit Secret")
    client.force_login(employer_owner)

    everything = client.get("/dashboard/jobs/").content.decode()
    published = client.get("/dashboard/jobs/?status=published").content.decode()

    assert "Night Nurse" in everything and "Draft Coder" in everything
    assert "Summit Secret" not in everything
    assert re.search(r'aria-current="page">All <span class="count">2</span>', everything)
    assert "Night Nurse" in published and "Draft Coder" not in published
    assert re.search(r'aria-current="page">Published <span class="count">1</span>', published)


def test_unknown_status_filter_shows_everything(client, employer_owner, company):
    JobFactory(company=company, title="Draft Coder")
    client.force_login(employer_owner)

    assert "Draft Coder" in client.get("/dashboard/jobs/?status=bogus").content.decode()


def test_job_list_queries_do_not_grow_with_the_number_of_jobs(
    client, employer_owner, company, django_assert_max_num_queries
):
    PublishedJobFactory.create_batch(3, company=company)
    client.force_login(employer_owner)
    client.get("/dashboard/jobs/")  # warm up: session, user
    with django_assert_max_num_queries(12) as few:
        client.get("/dashboard/jobs/")
    PublishedJobFactory.create_batch(20, company=company)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/dashboard/jobs/")

    assert response.content.decode().count('class="status status--published"') == 23


def test_htmx_filter_returns_just_the_list(client, employer_owner, company):
    PublishedJobFactory(company=company, title="Night Nurse")
    client.force_login(employer_owner)

    response = client.get("/dashboard/jobs/?status=published", headers={"HX-Request": "true"})

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="job-list"')
    assert "Night Nurse" in html and "<html" not in html


def test_empty_job_list_invites_to_post(client, employer_owner):
    client.force_login(employer_owner)

    html = client.get("/dashboard/jobs/").content.decode()

    assert "No jobs yet" in html and 'href="/dashboard/jobs/new/"' in html


def test_dashboard_home_lists_jobs_with_status_dates_counts_and_actions(
    client, employer_owner, company
):
    with time_machine.travel("2026-03-02 15:00:00Z"):
        live = PublishedJobFactory(company=company, title="Night Nurse")
    draft = JobFactory(company=company, title="Draft Coder")
    client.force_login(employer_owner)

    with time_machine.travel("2026-03-05 15:00:00Z"):
        html = client.get("/dashboard/").content.decode()

    assert "Night Nurse" in html and "Draft Coder" in html
    assert "Mar 2, 2026" in html and "Apr 1, 2026" in html
    assert re.search(r'status-counts__n">1</span> Published', html)
    assert re.search(r'status-counts__n">1</span> Drafts', html)
    assert f'action="/dashboard/jobs/{live.pk}/pause/"' in html
    assert f'action="/dashboard/jobs/{draft.pk}/publish/"' in html
    assert f'action="/dashboard/jobs/{draft.pk}/pause/"' not in html
    assert 'href="/dashboard/jobs/new/"' in html


def test_post_a_job_sends_employers_to_the_new_job_form(client, employer_recruiter):
    client.force_login(employer_recruiter)

    response = client.get("/post-a-job/")

    assert response.status_code == 302
    assert response["Location"] == NEW


# Who may do what ---------------------------------------------------------------------------

ACTIONS = ["publish", "pause", "resume", "close", "renew", "duplicate", "delete"]


def job_urls(pk: int) -> list[str]:
    return [f"/dashboard/jobs/{pk}/", f"/dashboard/jobs/{pk}/edit/"] + [
        f"/dashboard/jobs/{pk}/{action}/" for action in ACTIONS
    ]


def test_another_companys_employer_gets_404_on_every_job_url(
    client, company, employer_owner, other_employer
):
    job = PublishedJobFactory(company=company)
    client.force_login(other_employer)

    for url in job_urls(job.pk):
        assert client.post(url, job_data(title="Hijacked")).status_code == 404, url
    for url in job_urls(job.pk)[:2]:
        assert client.get(url).status_code == 404, url
    # Actions answer GET with 405 before looking the job up: the same for every id.
    for action in ACTIONS:
        assert client.get(f"/dashboard/jobs/{job.pk}/{action}/").status_code == 405

    job.refresh_from_db()
    assert job.status == Job.Status.PUBLISHED and job.title != "Hijacked"
    assert Job.objects.count() == 1


def test_unknown_job_is_a_404(client, employer_owner):
    client.force_login(employer_owner)

    assert client.get("/dashboard/jobs/999999/").status_code == 404


def test_candidate_gets_403_everywhere(client, candidate, company):
    job = JobFactory(company=company)
    client.force_login(candidate)

    for url in ["/dashboard/jobs/", NEW, *job_urls(job.pk)]:
        assert client.get(url).status_code == 403, url
        assert client.post(url, job_data()).status_code == 403, url
    assert Job.objects.count() == 1


def test_guest_is_sent_to_sign_in_everywhere(client, company):
    job = JobFactory(company=company)

    for url in ["/dashboard/jobs/", NEW, *job_urls(job.pk)]:
        for response in [client.get(url), client.post(url, job_data())]:
            assert response.status_code == 302, url
            assert response["Location"] == f"/accounts/login/?next={url}"
    assert Job.objects.count() == 1


def test_employer_without_a_company_cannot_post(client, company):
    job = JobFactory(company=company)
    client.force_login(EmployerUserFactory())

    assert client.get("/dashboard/jobs/").status_code == 403
    assert client.post(NEW, job_data()).status_code == 403
    assert client.get(f"/dashboard/jobs/{job.pk}/").status_code == 404


@pytest.mark.parametrize("action", ACTIONS)
def test_actions_refuse_get(client, employer_owner, company, action):
    job = (
        PublishedJobFactory(company=company) if action != "delete" else JobFactory(company=company)
    )
    client.force_login(employer_owner)

    response = client.get(f"/dashboard/jobs/{job.pk}/{action}/")

    assert response.status_code == 405
    assert Job.objects.get(pk=job.pk).status == job.status
    assert Job.objects.count() == 1


def test_a_recruiter_of_another_company_with_the_same_role_still_gets_404(client, company):
    job = JobFactory(company=company)
    stranger = MembershipFactory(company=CompanyFactory(is_verified=True)).user
    client.force_login(stranger)

    assert client.post(f"/dashboard/jobs/{job.pk}/publish/").status_code == 404
    assert Job.objects.get(pk=job.pk).status == Job.Status.DRAFT


def test_dashboard_home_and_job_page_queries_do_not_grow_with_jobs(
    client, employer_owner, company, django_assert_max_num_queries
):
    job = PublishedJobFactory(company=company)
    client.force_login(employer_owner)
    client.get("/dashboard/")
    with django_assert_max_num_queries(15) as home:
        client.get("/dashboard/")
    with django_assert_max_num_queries(10):
        assert client.get(f"/dashboard/jobs/{job.pk}/").status_code == 200
    PublishedJobFactory.create_batch(8, company=company)
    JobFactory.create_batch(4, company=company)

    with django_assert_max_num_queries(len(home.captured_queries)):
        response = client.get("/dashboard/")

    assert response.content.decode().count('class="status status--') == 10  # the 10 newest
    assert "All 13 jobs" in response.content.decode()
