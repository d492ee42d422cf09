"""Applying from the job page: resumes checked by content, one application per job, live jobs
only, required screening answers, the confirmation and the emails."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from applications.models import Application, ApplicationEvent, Resume, ScreeningQuestion, Stage
from employers.models import Membership
from jobs.models import Job
from notifications.models import Notification
from tests.applications.factories import (
    ApplicationFactory,
    ResumeFactory,
    ScreeningQuestionFactory,
)
from tests.applications.helpers import docx_bytes, docx_upload, pdf_upload
from tests.factories import (
    ClosedJobFactory,
    ExpiredJobFactory,
    JobFactory,
    PublishedJobFactory,
)

pytestmark = pytest.mark.django_db


def apply_url(job):
    return reverse("apply:job", args=[job.slug])


def apply(client, job, **data):
    data.setdefault("cover_letter", "")
    return client.post(apply_url(job), data)


def test_candidate_applies_with_an_uploaded_pdf_and_sees_the_respond_by_date(
    client, candidate, job, employer_owner, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.NO_GHOSTING_RESPONSE_DAYS = 7
    client.force_login(candidate)

    with django_capture_on_commit_callbacks(execute=True):
        response = apply(client, job, resume_file=pdf_upload(), cover_letter="Five years med-surg.")

    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("applications:submitted", args=[application.pk])
    assert application.job == job and application.company == job.company
    assert application.stage == Stage.SUBMITTED
    assert application.cover_letter == "Five years med-surg."
    assert application.respond_by - application.submitted_at == timedelta(days=7)
    assert list(application.events.values_list("kind", flat=True)) == ["submitted"]
    resume = application.resume
    assert resume.owner == candidate and resume.is_default and resume.format == "pdf"
    assert resume.original_name == "My resume.pdf"
    assert "My resume" not in resume.file.name and resume.file.name.endswith(".pdf")

    page = client.get(response["Location"])
    due = application.respond_by.astimezone(timezone.get_current_timezone())
    assert f"{due:%A, %B} {due.day}, {due.year}" in page.content.decode()

    to_candidate = [m for m in mailoutbox if m.to == ["candidate@example.com"]]
    to_team = [m for m in mailoutbox if m.to == ["owner@lakeside.example"]]
    assert len(to_candidate) == 1 and f"{due:%B} {due.day}, {due.year}" in to_candidate[0].body
    assert len(to_team) == 1 and "Casey Candidate" in to_team[0].subject


def test_a_digest_member_gets_no_email_per_application(
    client, candidate, job, employer_owner, employer_recruiter
):
    Membership.objects.filter(user=employer_recruiter).update(
        application_emails=Membership.ApplicationEmails.DAILY_DIGEST
    )
    client.force_login(candidate)
    apply(client, job, resume_file=pdf_upload())

    rows = Notification.objects.filter(kind="applications.new_application")
    assert list(rows.values_list("to_email", flat=True)) == ["owner@lakeside.example"]


def test_a_second_application_to_the_same_job_is_refused_with_a_link_to_the_first(
    client, candidate, job
):
    first = ApplicationFactory(job=job, candidate=candidate)
    client.force_login(candidate)

    response = apply(client, job, resume_file=pdf_upload())

    assert Application.objects.count() == 1
    assert response.status_code == 302
    assert response["Location"] == reverse("applications:detail", args=[first.pk])
    page = client.get(response["Location"])
    assert "You already applied to this job" in page.content.decode()


def test_the_service_refuses_a_second_application_too(candidate, job):
    from applications.services import application_submit
    from infra.refusals import Refusal

    first = ApplicationFactory(job=job, candidate=candidate)
    with pytest.raises(Refusal) as refused:
        application_submit(job=job, candidate=candidate, resume=first.resume)
    assert refused.value.code == "already_applied"
    assert refused.value.link == reverse("applications:detail", args=[first.pk])


def test_a_non_pdf_renamed_pdf_is_refused(client, candidate, job):
    client.force_login(candidate)
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
    response = apply(
        client, job, resume_file=SimpleUploadedFile("resume.pdf", png, "application/pdf")
    )

    assert response.status_code == 400
    assert "PDF or a Word (DOCX) file" in response.content.decode()
    assert not Application.objects.exists() and not Resume.objects.exists()


def test_a_file_that_only_starts_like_a_pdf_is_refused(client, candidate, job):
    client.force_login(candidate)
    response = apply(client, job, resume_file=pdf_upload(content=b"%PDF-1.7 then nothing at all"))

    assert response.status_code == 400
    assert "Your resume PDF looks damaged" in response.content.decode()


def test_a_6_mb_file_is_refused_before_the_body_is_read(client, candidate, job):
    client.force_login(candidate)
    big = pdf_upload(content=b"%PDF-1.4\n" + b"0" * (6 * 1024 * 1024))

    response = apply(client, job, resume_file=big)

    assert response.status_code == 413
    assert "at most 5.0\xa0MB" in response.content.decode()
    assert not Application.objects.exists() and not Resume.objects.exists()


def test_the_upload_handler_stops_a_file_past_the_limit(client, candidate, job, settings):
    # Small limit: the body (within the allowance for form fields) passes the length check,
    # and the handler stops reading the file part once it is past the limit.
    settings.RESUME_MAX_BYTES = 1000
    client.force_login(candidate)

    response = apply(client, job, resume_file=pdf_upload(content=b"%PDF-1.4\n" + b"0" * 5000))

    assert response.status_code == 413
    assert not Application.objects.exists()


def test_a_docx_resume_is_accepted_and_stored_as_docx(client, candidate, job):
    client.force_login(candidate)
    response = apply(client, job, resume_file=docx_upload(name="cv.pdf"))

    assert response.status_code == 302
    resume = Resume.objects.get()
    assert resume.format == "docx" and resume.file.name.endswith(".docx")


def test_a_zip_that_is_not_a_word_file_is_refused(client, candidate, job):
    client.force_login(candidate)
    content = docx_bytes({"hello.txt": b"hi"})
    response = apply(client, job, resume_file=docx_upload(content=content))

    assert response.status_code == 400
    assert not Resume.objects.exists()


def test_a_zip_bomb_dressed_as_docx_is_refused(client, candidate, job):
    client.force_login(candidate)
    content = docx_bytes(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"<w:document/>",
            "word/media/filler.bin": b"\x00" * (60 * 1024 * 1024),
        }
    )
    response = apply(client, job, resume_file=docx_upload(content=content))

    assert response.status_code == 400
    assert "cannot be read safely" in response.content.decode()


def test_a_candidate_applies_with_a_saved_resume(client, candidate, job):
    saved = ResumeFactory(owner=candidate)
    client.force_login(candidate)

    page = client.get(apply_url(job))
    assert saved.original_name in page.content.decode()
    response = apply(client, job, resume=saved.pk)

    assert response.status_code == 302
    assert Application.objects.get().resume == saved
    assert Resume.objects.count() == 1


def test_someone_elses_resume_cannot_be_chosen(client, candidate, job):
    ResumeFactory(owner=candidate)
    theirs = ResumeFactory()
    client.force_login(candidate)

    response = apply(client, job, resume=theirs.pk)

    assert response.status_code == 400
    assert not Application.objects.exists()


def test_an_application_needs_a_resume(client, candidate, job):
    client.force_login(candidate)
    response = apply(client, job)

    assert response.status_code == 400
    assert "upload one" in response.content.decode()


def test_an_uploaded_resume_joins_the_saved_ones_without_taking_the_default(client, candidate, job):
    saved = ResumeFactory(owner=candidate)
    client.force_login(candidate)
    apply(client, job, resume_file=pdf_upload(name="New.pdf"))

    new = Resume.objects.get(original_name="New.pdf")
    assert not new.is_default and Resume.objects.get(pk=saved.pk).is_default


def test_required_screening_answers_are_enforced_and_kept(client, candidate, job):
    license_question = ScreeningQuestionFactory(job=job)
    shift = ScreeningQuestionFactory(
        job=job, prompt="Which shift?", kind=ScreeningQuestion.Kind.CHOICE,
        choices=["Days", "Nights"],
    )  # fmt: skip
    note = ScreeningQuestionFactory(
        job=job, prompt="Earliest start date", kind=ScreeningQuestion.Kind.TEXT, required=False
    )
    client.force_login(candidate)

    refused = apply(client, job, resume_file=pdf_upload(), **{f"q_{shift.pk}": "Nights"})
    assert refused.status_code == 400
    assert not Application.objects.exists()

    response = apply(
        client, job, resume_file=pdf_upload(),
        **{f"q_{license_question.pk}": "Yes", f"q_{shift.pk}": "Nights"},
    )  # fmt: skip
    assert response.status_code == 302
    answers = dict(Application.objects.get().answers.values_list("prompt", "answer"))
    assert answers == {license_question.prompt: "Yes", "Which shift?": "Nights"}
    assert note.prompt not in answers


def test_a_choice_outside_the_list_is_refused(client, candidate, job):
    shift = ScreeningQuestionFactory(
        job=job, prompt="Which shift?", kind=ScreeningQuestion.Kind.CHOICE,
        choices=["Days", "Nights"],
    )  # fmt: skip
    client.force_login(candidate)

    response = apply(client, job, resume_file=pdf_upload(), **{f"q_{shift.pk}": "Weekends"})

    assert response.status_code == 400


@pytest.mark.parametrize(
    "make_job",
    [
        ClosedJobFactory,
        ExpiredJobFactory,
        lambda **kw: JobFactory(status=Job.Status.PAUSED, **kw),
        # Published, but its date passed before the sweep marked it expired.
        lambda **kw: PublishedJobFactory(expires_at=timezone.now() - timedelta(minutes=1), **kw),
    ],
    ids=["closed", "expired", "paused", "past_its_date"],
)
def test_jobs_that_are_not_live_take_no_applications(client, candidate, company, make_job):
    job = make_job(company=company)
    client.force_login(candidate)

    page = client.get(apply_url(job))
    response = apply(client, job, resume_file=pdf_upload())

    assert page.status_code == 302 and page["Location"] == job.get_absolute_url()
    assert response.status_code == 302
    assert not Application.objects.exists()


def test_the_service_refuses_a_closed_job(candidate, company):
    from applications.services import application_submit
    from infra.refusals import Refusal

    job = ClosedJobFactory(company=company)
    with pytest.raises(Refusal) as refused:
        application_submit(job=job, candidate=candidate, resume=ResumeFactory(owner=candidate))
    assert refused.value.code == "job_not_open"


def test_a_guest_signs_in_and_comes_back_to_the_job(client, job):
    response = client.get(apply_url(job))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert f"next={job.get_absolute_url()}" in response["Location"]


def test_the_job_page_offers_sign_up_and_sign_in_with_a_way_back(client, job):
    page = client.get(job.get_absolute_url()).content.decode()

    assert f"/accounts/signup/candidate/?next={job.get_absolute_url()}" in page
    assert f"/accounts/login/?next={job.get_absolute_url()}" in page


def test_an_employer_cannot_apply(client, employer_owner, job):
    client.force_login(employer_owner)

    assert client.get(apply_url(job)).status_code == 403


def test_the_job_page_links_to_the_apply_form_then_to_the_application(client, candidate, job):
    client.force_login(candidate)
    assert apply_url(job) in client.get(job.get_absolute_url()).content.decode()

    application = ApplicationFactory(job=job, candidate=candidate)
    page = client.get(job.get_absolute_url()).content.decode()
    assert reverse("applications:detail", args=[application.pk]) in page
    assert "See your application" in page


def test_an_external_job_is_marked_outside_the_policy_and_its_clicks_counted(client, company):
    job = PublishedJobFactory(
        company=company, apply_method=Job.ApplyMethod.EXTERNAL,
        apply_url="https://careers.lakeside.example/jobs/42",
    )  # fmt: skip
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Outside the No-Ghosting Policy" in page

    click = reverse("jobs:external_apply", args=[job.slug])
    assert client.get(click).status_code == 405
    response = client.post(click)
    client.post(click)

    assert response.status_code == 302
    assert response["Location"] == "https://careers.lakeside.example/jobs/42"
    assert Job.objects.get(pk=job.pk).external_apply_clicks == 2


def test_an_on_site_job_counts_no_external_click(client, job):
    response = client.post(reverse("jobs:external_apply", args=[job.slug]))

    assert response["Location"] == job.get_absolute_url()
    assert Job.objects.get(pk=job.pk).external_apply_clicks == 0


def test_an_external_job_takes_no_application_here(client, candidate, company):
    job = PublishedJobFactory(
        company=company, apply_method=Job.ApplyMethod.EXTERNAL, apply_url="https://x.example/"
    )
    client.force_login(candidate)

    apply(client, job, resume_file=pdf_upload())

    assert not Application.objects.exists()


def test_the_submitted_event_is_visible_to_the_candidate(client, candidate, job):
    client.force_login(candidate)
    apply(client, job, resume_file=pdf_upload())

    event = ApplicationEvent.objects.get()
    assert event.kind == "submitted" and event.visible_to_candidate
