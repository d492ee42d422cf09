"""The employer's pipeline: who may see an applicant and their resume, opening marks viewed,
stage changes answer the candidate, bulk "not selected", notes, CSV export, questions."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from applications import selectors
from applications.models import (
    Application,
    ApplicationEvent,
    ApplicationNote,
    ScreeningQuestion,
    Stage,
)
from notifications.models import Notification
from tests.applications.factories import (
    AnsweredApplicationFactory,
    ApplicationFactory,
    OverdueApplicationFactory,
    WithdrawnApplicationFactory,
)
from tests.applications.helpers import docx_upload
from tests.factories import CandidateFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


def applicant_url(application, name="applicant"):
    return reverse(f"applications_dashboard:{name}", args=[application.pk])


# Who may see what ----------------------------------------------------------------------------


def test_another_companys_employer_gets_404_for_the_resume_and_the_applicant(
    client, application, other_employer
):
    client.force_login(other_employer)

    assert client.get(applicant_url(application, "resume")).status_code == 404
    assert client.get(applicant_url(application)).status_code == 404
    assert Application.objects.get(pk=application.pk).viewed_at is None


def test_a_recruiter_of_the_company_downloads_the_resume_as_an_attachment(
    client, application, employer_recruiter
):
    client.force_login(employer_recruiter)

    response = client.get(applicant_url(application, "resume"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_docx_resume_is_served_with_its_own_type(client, candidate, job, employer_owner):
    from applications.services import resume_add

    resume = resume_add(owner=candidate, upload=docx_upload(), file_format="docx")
    application = ApplicationFactory(job=job, candidate=candidate, resume=resume)
    client.force_login(employer_owner)

    response = client.get(applicant_url(application, "resume"))

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_resumes_are_never_under_a_public_media_url(client, application, settings):
    resume = application.resume
    assert not str(resume.file.path).startswith(str(settings.MEDIA_ROOT))
    assert client.get(f"{settings.MEDIA_URL}{resume.file.name}").status_code == 404


def test_a_candidate_cannot_fetch_another_candidates_application(client, application):
    someone_else = CandidateFactory()
    client.force_login(someone_else)

    assert client.get(reverse("applications:detail", args=[application.pk])).status_code == 404
    response = client.post(reverse("applications:withdraw", args=[application.pk]))
    assert response.status_code == 404
    assert Application.objects.get(pk=application.pk).stage == Stage.SUBMITTED


def test_a_candidate_gets_403_on_the_pipeline(client, candidate, application):
    client.force_login(candidate)

    assert client.get(applicant_url(application, "resume")).status_code == 403
    assert client.get(reverse("applications_dashboard:inbox")).status_code == 403


# Opening an applicant ----------------------------------------------------------------------


def test_opening_an_applicant_marks_it_viewed_once_and_is_not_a_response(
    client, application, employer_owner
):
    client.force_login(employer_owner)

    client.get(applicant_url(application))
    client.get(applicant_url(application))

    application.refresh_from_db()
    assert application.stage == Stage.VIEWED and application.viewed_at is not None
    assert application.first_response_at is None
    assert application.events.filter(kind="viewed").count() == 1
    assert not Notification.objects.filter(kind__startswith="applications.stage").exists()


def test_opening_an_answered_applicant_keeps_its_stage(client, job, employer_owner):
    application = AnsweredApplicationFactory(job=job, viewed_at=None)
    client.force_login(employer_owner)

    client.get(applicant_url(application))

    assert Application.objects.get(pk=application.pk).stage == Stage.INTERVIEW


# Stage changes ------------------------------------------------------------------------------


def test_the_stage_form_is_prefilled_per_stage_and_not_selected_is_respectful(
    client, application, employer_owner
):
    client.force_login(employer_owner)

    interview = client.get(applicant_url(application) + "?move=interview").content.decode()
    declined = client.get(applicant_url(application) + "?move=not_selected").content.decode()

    assert "invite you to an interview" in interview
    assert "Thank you for your interest" in declined
    assert "not a judgement of your skills" in declined


def test_a_stage_change_emails_the_candidate_and_sets_first_response_at(
    client, application, employer_owner, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(employer_owner)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            applicant_url(application, "move"),
            {"stage": "interview", "message": "Can you come in on Tuesday?"},
        )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == Stage.INTERVIEW
    first = application.first_response_at
    assert first is not None
    event = application.events.get(kind="stage")
    assert event.body == "Can you come in on Tuesday?" and event.author == employer_owner
    [email] = [m for m in mailoutbox if m.to == ["candidate@example.com"]]
    assert "Interview" in email.subject and "Can you come in on Tuesday?" in email.body
    assert reverse("applications:detail", args=[application.pk]) in email.body

    client.post(applicant_url(application, "move"), {"stage": "offer", "message": "Offer!"})
    application.refresh_from_db()
    assert application.stage == Stage.OFFER and application.first_response_at == first


def test_a_late_answer_still_counts_as_a_response(client, job, employer_owner):
    application = OverdueApplicationFactory(job=job)
    client.force_login(employer_owner)

    client.post(applicant_url(application, "move"), {"stage": "reviewing", "message": "Sorry."})

    application.refresh_from_db()
    assert application.first_response_at > application.respond_by
    assert application.answered_on_time is False


def test_a_final_stage_records_closed_at(client, application, employer_owner):
    client.force_login(employer_owner)

    client.post(applicant_url(application, "move"), {"stage": "not_selected", "message": "No."})

    application.refresh_from_db()
    assert application.stage == Stage.NOT_SELECTED and application.closed_at is not None


def test_a_withdrawn_application_cannot_move(client, job, employer_owner):
    application = WithdrawnApplicationFactory(job=job)
    client.force_login(employer_owner)

    response = client.post(
        applicant_url(application, "move"), {"stage": "interview", "message": "Hi"}
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == Stage.WITHDRAWN and application.first_response_at is None


def test_a_stage_outside_the_response_stages_is_refused(client, application, employer_owner):
    client.force_login(employer_owner)

    response = client.post(applicant_url(application, "move"), {"stage": "hacked", "message": "x"})

    assert response.status_code == 400
    assert Application.objects.get(pk=application.pk).stage == Stage.SUBMITTED


def test_bulk_not_selected_answers_each_with_one_message_and_skips_others(
    client, job, employer_owner, other_employer
):
    first, second = ApplicationFactory(job=job), ApplicationFactory(job=job)
    withdrawn = WithdrawnApplicationFactory(job=job)
    theirs = ApplicationFactory(job=PublishedJobFactory(company=other_employer.membership.company))
    client.force_login(employer_owner)

    response = client.post(
        reverse("applications_dashboard:bulk_not_selected"),
        {
            "application": [first.pk, second.pk, withdrawn.pk, theirs.pk],
            "message": "Thank you, we went another way.",
        },
    )

    assert response.status_code == 302
    stages = dict(Application.objects.values_list("pk", "stage"))
    assert stages[first.pk] == stages[second.pk] == Stage.NOT_SELECTED
    assert stages[withdrawn.pk] == Stage.WITHDRAWN
    assert stages[theirs.pk] == Stage.SUBMITTED
    assert Notification.objects.filter(kind="applications.stage_changed").count() == 2


# Notes, the list, export ----------------------------------------------------------------------


def test_private_notes_are_never_shown_to_the_candidate(
    client, application, employer_owner, candidate
):
    client.force_login(employer_owner)
    client.post(applicant_url(application, "note"), {"body": "Strong ICU background"})
    assert ApplicationNote.objects.get().author == employer_owner

    client.force_login(candidate)
    page = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert "Strong ICU background" not in page


def test_the_pipeline_lists_unanswered_first_with_counts(client, job, employer_owner):
    answered = AnsweredApplicationFactory(
        job=job, candidate=CandidateFactory(full_name="Ann Answered")
    )
    waiting = OverdueApplicationFactory(
        job=job, candidate=CandidateFactory(full_name="Wes Waiting")
    )
    client.force_login(employer_owner)

    page = client.get(reverse("applications_dashboard:job", args=[job.pk])).content.decode()

    assert page.index("Wes Waiting") < page.index("Ann Answered")
    assert "Answer overdue since" in page
    assert answered and waiting


def test_the_inbox_filters_by_answered_stage_and_job(client, company, employer_owner):
    nurse_job = PublishedJobFactory(company=company, title="Night Nurse")
    coder_job = PublishedJobFactory(company=company, title="Coder")
    ApplicationFactory(job=nurse_job, candidate=CandidateFactory(full_name="Nia Nurse"))
    AnsweredApplicationFactory(job=coder_job, candidate=CandidateFactory(full_name="Cody Coder"))
    client.force_login(employer_owner)
    inbox = reverse("applications_dashboard:inbox")

    unanswered = client.get(inbox, {"answered": "unanswered"}).content.decode()
    by_job = client.get(inbox, {"job": coder_job.pk}).content.decode()
    by_stage = client.get(inbox, {"stage": "interview"}).content.decode()

    assert "Nia Nurse" in unanswered and "Cody Coder" not in unanswered
    assert "Cody Coder" in by_job and "Nia Nurse" not in by_job
    assert "Cody Coder" in by_stage and "Nia Nurse" not in by_stage


def test_the_inbox_shows_only_the_companys_applicants(client, application, other_employer):
    client.force_login(other_employer)

    page = client.get(reverse("applications_dashboard:inbox")).content.decode()

    assert application.candidate.get_full_name() not in page


def test_csv_export_guards_against_formula_injection(client, job, employer_owner):
    ApplicationFactory(job=job, candidate=CandidateFactory(full_name='=HYPERLINK("http://x")'))
    client.force_login(employer_owner)

    response = client.get(reverse("applications_dashboard:job_export", args=[job.pk]))

    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Candidate"
    assert rows[1][0] == '\'=HYPERLINK("http://x")'


def test_csv_export_of_the_inbox_follows_its_filters(client, company, employer_owner):
    job = PublishedJobFactory(company=company)
    ApplicationFactory(job=job, candidate=CandidateFactory(full_name="Nia Nurse"))
    AnsweredApplicationFactory(job=job, candidate=CandidateFactory(full_name="Cody Coder"))
    client.force_login(employer_owner)

    response = client.get(reverse("applications_dashboard:inbox_export"), {"answered": "answered"})

    body = response.content.decode()
    assert "Cody Coder" in body and "Nia Nurse" not in body


def test_the_dashboard_and_job_list_show_new_and_unanswered_counts(client, job, employer_owner):
    ApplicationFactory(job=job)
    ApplicationFactory(job=job)
    client.force_login(employer_owner)

    home = client.get(reverse("employers:dashboard")).content.decode()
    jobs = client.get(reverse("jobs_dashboard:list")).content.decode()

    assert "New (not opened)" in home
    assert "2 new" in jobs and "2 unanswered" in jobs


# Screening questions ------------------------------------------------------------------------


def test_the_team_adds_and_removes_screening_questions(client, job, employer_recruiter):
    client.force_login(employer_recruiter)
    url = reverse("applications_dashboard:questions", args=[job.pk])

    client.post(
        url,
        {
            "prompt": "Which shift?",
            "kind": "choice",
            "choices_text": "Days\nNights",
            "required": "on",
        },
    )
    client.post(url, {"prompt": "Any BLS?", "kind": "yes_no"})
    refused = client.post(url, {"prompt": "Pick one", "kind": "choice", "choices_text": "Only"})

    assert refused.status_code == 400
    shift, bls = ScreeningQuestion.objects.filter(job=job)
    assert shift.choices == ["Days", "Nights"] and shift.required and shift.position == 1
    assert bls.choices == [] and not bls.required and bls.position == 2

    delete = reverse("applications_dashboard:question_delete", args=[job.pk, bls.pk])
    assert client.get(delete).status_code == 405
    client.post(delete)
    assert list(ScreeningQuestion.objects.values_list("prompt", flat=True)) == ["Which shift?"]


def test_another_company_cannot_touch_the_questions(client, job, other_employer):
    client.force_login(other_employer)

    url = reverse("applications_dashboard:questions", args=[job.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"prompt": "x", "kind": "yes_no"}).status_code == 404
    assert not ScreeningQuestion.objects.exists()


def test_viewed_is_visible_to_the_candidate_on_the_timeline(
    client, application, employer_owner, candidate
):
    client.force_login(employer_owner)
    client.get(applicant_url(application))
    assert ApplicationEvent.objects.get(kind="viewed").visible_to_candidate

    client.force_login(candidate)
    page = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert "Viewed by the hiring team" in page


def test_htmx_filtering_gets_only_the_applicant_list(client, job, employer_owner):
    ApplicationFactory(job=job, candidate=CandidateFactory(full_name="Nia Nurse"))
    client.force_login(employer_owner)

    response = client.get(
        reverse("applications_dashboard:inbox"), {"answered": "unanswered"}, HTTP_HX_REQUEST="true"
    )

    page = response.content.decode()
    assert page.lstrip().startswith('<div id="applicant-list">')
    assert "Nia Nurse" in page and "<html" not in page


def test_the_pipeline_and_my_applications_use_a_constant_number_of_queries(
    client, job, company, candidate, employer_owner, django_assert_max_num_queries
):
    def pages():
        client.force_login(employer_owner)
        with django_assert_max_num_queries(18) as employer_pages:
            client.get(reverse("applications_dashboard:job", args=[job.pk]))
        client.force_login(candidate)
        with django_assert_max_num_queries(12) as candidate_pages:
            client.get(reverse("applications:list"))
        return len(employer_pages), len(candidate_pages)

    ApplicationFactory(job=job)
    ApplicationFactory(job=PublishedJobFactory(company=company), candidate=candidate)
    few = pages()
    for _ in range(5):
        ApplicationFactory(job=job)
        ApplicationFactory(job=PublishedJobFactory(company=company), candidate=candidate)
    many = pages()

    assert many == few


def test_the_inbox_pages_waiting_applicants_by_deadline_then_the_others_newest_first(
    client, company, employer_owner, monkeypatch
):
    monkeypatch.setattr("applications.dashboard_views.APPLICANTS_PER_PAGE", 2)
    now = timezone.now()
    job = PublishedJobFactory(company=company)
    for n, days in enumerate([3, 1, 2]):
        ApplicationFactory(
            job=job,
            candidate=CandidateFactory(full_name=f"Waiting {n}"),
            respond_by=now + timedelta(days=days),
        )
    for n, days in enumerate([5, 4]):
        AnsweredApplicationFactory(
            job=job,
            candidate=CandidateFactory(full_name=f"Answered {n}"),
            submitted_at=now - timedelta(days=days),
        )
    client.force_login(employer_owner)

    def names(page):
        response = client.get(reverse("applications_dashboard:inbox"), {"page": page})
        return [a.candidate.full_name for a in response.context["applicants"]]

    assert names(1) == ["Waiting 1", "Waiting 2"]
    assert names(2) == ["Waiting 0", "Answered 1"]
    assert names(3) == ["Answered 0"]
    assert names(1) + names(2) + names(3) == [
        a.candidate.full_name
        for a in selectors.pipeline(company)  # the single-query order, for reference
    ]


@pytest.mark.parametrize("size", [1, 30])
def test_the_inbox_costs_the_same_queries_whatever_the_applicants_and_jobs(
    client, company, employer_owner, django_assert_max_num_queries, monkeypatch, size
):
    monkeypatch.setattr("applications.dashboard_views.JOB_CHOICES", 5)
    jobs = PublishedJobFactory.create_batch(size, company=company)
    for n in range(size):
        ApplicationFactory(job=jobs[n])
    client.force_login(employer_owner)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("applications_dashboard:inbox"))

    # The Job filter offers the newest few jobs, not every one of them.
    assert len(response.context["filters"].fields["job"].choices) == 1 + min(size, 5)
    # An older job asked for by the filter is still accepted.
    asked = client.get(reverse("applications_dashboard:inbox"), {"job": jobs[0].pk})
    assert [a.job_id for a in asked.context["applicants"]] == [jobs[0].pk]


def test_the_stage_tab_counts_are_exact_per_stage_and_for_each_tab(
    client, company, employer_owner, monkeypatch
):
    # stage_counts groups by stage over the covering index; on small data every count it
    # gives must equal a plain count of the rows, and a stage tab pages with its own counts.
    monkeypatch.setattr("applications.dashboard_views.APPLICANTS_PER_PAGE", 2)
    job = PublishedJobFactory(company=company)
    other_job = PublishedJobFactory(company=company)
    ApplicationFactory.create_batch(2, job=job)
    ApplicationFactory(job=other_job, stage=Stage.VIEWED)
    # In review but never answered: still owed an answer.
    ApplicationFactory(job=job, stage=Stage.REVIEWING)
    AnsweredApplicationFactory.create_batch(2, job=job)
    WithdrawnApplicationFactory(job=other_job)
    ApplicationFactory(job=PublishedJobFactory())  # another company's
    client.force_login(employer_owner)

    counts = selectors.stage_counts(company)
    job_counts = selectors.stage_counts(company, job=job)

    mine = Application.objects.filter(company=company)
    for stage in Stage:
        assert counts[stage.value] == mine.filter(stage=stage).count()
        assert counts["unanswered_by_stage"][stage.value] == (
            mine.filter(selectors.UNANSWERED_Q, stage=stage).count()
        )
    assert counts["all"] == 7 == mine.count()
    assert counts["unanswered"] == 4 == mine.filter(selectors.UNANSWERED_Q).count()
    assert (job_counts["all"], job_counts["unanswered"]) == (5, 3)
    assert job_counts[Stage.INTERVIEW] == 2 and job_counts[Stage.VIEWED] == 0

    inbox = reverse("applications_dashboard:inbox")
    submitted = client.get(inbox, {"stage": Stage.SUBMITTED})
    interview = client.get(inbox, {"stage": Stage.INTERVIEW, "page": 1})
    assert submitted.context["page"].paginator.count == 2
    assert interview.context["page"].paginator.count == 2
    assert {a.stage for a in interview.context["applicants"]} == {Stage.INTERVIEW}
