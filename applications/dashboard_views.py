"""The employer's pipeline under /dashboard/: the inbox of every job, one job's applicants, an
applicant's page (answers, resume, notes, messages, stage changes), CSV export and screening
questions."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.models import User
from applications import pipeline_actions, selectors, services
from applications.applicant_csv import write_applicants
from applications.forms import (
    BulkNotSelectedForm,
    MessageForm,
    NoteForm,
    PipelineFilterForm,
    ScreeningQuestionForm,
    StageForm,
)
from applications.models import RESPONSE_STAGES, PipelineAction, ScreeningQuestion, Stage
from applications.permissions import get_application_for_employer
from applications.stage_messages import default_message
from applications.uploads import CONTENT_TYPES
from applications.views import message_over_limit
from infra.refusals import on_refusal_redirect
from jobs.models import Job
from jobs.permissions import get_company_for_employer, get_job_for_employer

employer_required = role_required(User.Role.EMPLOYER)
APPLICANTS_PER_PAGE = 50
JOB_CHOICES = 50


def applicant_url(application) -> str:
    return reverse("applications_dashboard:applicant", args=[application.pk])


def job_choices(request, company) -> list[Job]:
    """The inbox's Job filter: the company's newest JOB_CHOICES jobs, and the one asked for if
    it is older (a company with 100,000 jobs must not render them all in a select)."""
    jobs = Job.objects.for_company(company).only("pk", "title")
    # Newest by id (ids are handed out in creation order): a backward walk of the primary key
    # stops after JOB_CHOICES rows, where -created_at sorted every job of the company (660 ms for
    # 145,000 jobs at 1M).
    newest = list(jobs.order_by("-pk")[:JOB_CHOICES])
    asked = request.GET.get("job", "")
    if asked.isdigit() and all(j.pk != int(asked) for j in newest):
        newest += list(jobs.filter(pk=int(asked)))
    return newest


def _pipeline_page(request, *, company, job=None):
    jobs = None if job else job_choices(request, company)
    filters = PipelineFilterForm(request.GET or None, jobs=jobs)
    chosen = filters.filters()
    counts = selectors.stage_counts(company, job=job)
    applicants = selectors.pipeline_rows(
        company,
        counts=counts,
        job=job,
        stage=chosen.get("stage", ""),
        answered=chosen.get("answered", ""),
        job_id=chosen.get("job"),
    )
    page = Paginator(applicants, APPLICANTS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("stage", None)
    base = query.urlencode()
    tabs = [("", "All", counts["all"])] + [
        (stage.value, stage.label, counts[stage.value]) for stage in Stage if counts[stage.value]
    ]
    not_selected = default_message(Stage.NOT_SELECTED, job=job or _Placeholder(), company=company)
    context = {
        "company": company,
        "job": job,
        "page": page,
        "applicants": page.object_list,
        "filters": filters,
        "counts": counts,
        "tabs": tabs,
        "stage": chosen.get("stage", ""),
        "tab_query": base,
        "export_query": request.GET.urlencode(),
        "bulk_form": BulkNotSelectedForm(initial={"message": not_selected}),
        "now": timezone.now(),
        "recent_actions": selectors.recent_actions(company, job=job),
    }
    template = "applications/dashboard/pipeline.html"
    if request.htmx:
        template += "#applicant-list"
    return render(request, template, context)


class _Placeholder:
    """A bulk message across several jobs names none of them."""

    title = "the position you applied for"


@employer_required
def inbox(request):
    return _pipeline_page(request, company=get_company_for_employer(request))


@employer_required
def job_applicants(request, pk):
    job = get_job_for_employer(request, pk)
    return _pipeline_page(request, company=job.company, job=job)


def _export(request, *, company, job=None):
    """A few applicants download at once; many go to a page that queues the export."""
    jobs = None if job else job_choices(request, company)
    filters = PipelineFilterForm(request.GET or None, jobs=jobs).filters()
    chosen = {
        "stage": filters.get("stage", ""),
        "answered": filters.get("answered", ""),
        "job_id": filters.get("job"),
    }
    applicants = selectors.pipeline(company, job=job, **chosen)
    count = applicants.count()
    if pipeline_actions.runs_in_background(count, export=True):
        return render(
            request,
            "applications/dashboard/export_confirm.html",
            {
                "company": company,
                "job": job,
                "count": count,
                "filters": {key: value or "" for key, value in chosen.items()},
                "back": reverse("applications_dashboard:job", args=[job.pk])
                if job
                else reverse("applications_dashboard:inbox"),
            },
        )
    stamp = timezone.localdate().isoformat()
    name = f"applicants-{f'job-{job.pk}' if job else 'all'}-{stamp}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    write_applicants(response, applicants)
    return response


@employer_required
def inbox_export(request):
    return _export(request, company=get_company_for_employer(request))


@employer_required
def job_export(request, pk):
    job = get_job_for_employer(request, pk)
    return _export(request, company=job.company, job=job)


@employer_required
def applicant(request, pk):
    application = get_application_for_employer(request, pk)
    # The one state change on a GET, on purpose: "viewed" records that the team opened this
    # page, which only the page's GET knows (a POST from a script would miss every reader
    # without JavaScript). It is idempotent (a conditional UPDATE), sends nothing and is not a
    # response, so a repeated or prefetched GET changes nothing further.
    services.application_record_view(application=application)
    move_to = request.GET.get("move", "")
    stage_form = None
    if move_to in RESPONSE_STAGES and move_to != application.stage:
        stage_form = StageForm(
            initial={"stage": move_to, "message": default_message(move_to, application=application)}
        )
    return _render_applicant(request, application, stage_form=stage_form, move_to=move_to)


def _render_applicant(request, application, *, status=200, **forms):
    timeline = list(selectors.team_timeline(application))
    context = {
        "application": application,
        "job": application.job,
        "timeline": timeline,
        "thread": [event for event in timeline if event.kind == "message"],
        "answers": application.answers.all(),
        "notes": application.notes.select_related("author"),
        "note_form": forms.get("note_form") or NoteForm(),
        "message_form": forms.get("message_form") or MessageForm(),
        "stage_form": forms.get("stage_form"),
        "move_to": forms.get("move_to", ""),
        "move_stages": [
            (stage.value, stage.label) for stage in RESPONSE_STAGES if stage != application.stage
        ],
        "can_move": application.stage not in (Stage.WITHDRAWN, Stage.POSITION_CLOSED),
    }
    return render(request, "applications/dashboard/applicant.html", context, status=status)


def _back_to_applicant(request, pk):
    return reverse("applications_dashboard:applicant", args=[pk])


@require_POST
@employer_required
@on_refusal_redirect(_back_to_applicant)
def applicant_move(request, pk):
    application = get_application_for_employer(request, pk)
    form = StageForm(request.POST)
    if not form.is_valid():
        stage = request.POST.get("stage", "")
        return _render_applicant(request, application, status=400, stage_form=form, move_to=stage)
    services.application_move(
        application=application,
        stage=form.cleaned_data["stage"],
        message=form.cleaned_data["message"],
        author=request.user,
    )
    label = Stage(form.cleaned_data["stage"]).label
    messages.success(request, f"Moved to “{label}”. The candidate gets your message by email.")
    return redirect(applicant_url(application))


@require_POST
@employer_required
def applicant_note(request, pk):
    application = get_application_for_employer(request, pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _render_applicant(request, application, status=400, note_form=form)
    services.application_note_add(
        application=application, author=request.user, body=form.cleaned_data["body"]
    )
    messages.success(request, "Note saved. Only your team sees it.")
    return redirect(applicant_url(application) + "#notes")


@require_POST
@employer_required
@on_refusal_redirect(_back_to_applicant)
def applicant_message(request, pk):
    application = get_application_for_employer(request, pk)
    form = MessageForm(request.POST)
    if message_over_limit(request, form):
        return redirect(applicant_url(application) + "#messages")
    if not form.is_valid():
        return _render_applicant(request, application, status=400, message_form=form)
    services.application_message_post(
        application=application, author=request.user, body=form.cleaned_data["body"]
    )
    messages.success(request, "Message sent. The candidate gets it by email.")
    return redirect(applicant_url(application) + "#messages")


@employer_required
def resume_download(request, pk):
    """The applicant's resume, for their employer's team only, as an attachment that no
    browser will render as anything but what it is."""
    application = get_application_for_employer(request, pk)
    resume = application.resume
    if resume is None:
        raise Http404("No resume.")
    try:
        handle = resume.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The resume file is missing.") from error
    extension = resume.format
    name = f"{application.candidate.get_full_name() or 'candidate'} resume.{extension}"
    response = FileResponse(
        handle, as_attachment=True, filename=name, content_type=CONTENT_TYPES[extension]
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@employer_required
@on_refusal_redirect("applications_dashboard:inbox")
def bulk_not_selected(request):
    company = get_company_for_employer(request)
    job = None
    if request.POST.get("job", "").isdigit():
        job = get_job_for_employer(request, int(request.POST["job"]))
    back = (
        reverse("applications_dashboard:job", args=[job.pk])
        if job
        else reverse("applications_dashboard:inbox")
    )
    ids = [value for value in request.POST.getlist("application") if value.isdigit()]
    form = BulkNotSelectedForm(request.POST)
    if not ids:
        messages.error(request, "Tick the applicants to answer first.")
        return redirect(back)
    if not form.is_valid():
        # The form's own reason: an empty message, but also one too long or with a NUL in it.
        messages.error(request, form.errors["message"][0])
        return redirect(back)
    if pipeline_actions.runs_in_background(len(ids)):
        action = pipeline_actions.not_selected_start(
            company=company,
            author=request.user,
            application_ids=ids,
            message=form.cleaned_data["message"],
            job=job,
        )
        messages.success(
            request, f"Answering {action.total} applicants in the background: follow it here."
        )
        return redirect(pipeline_actions.action_url(action))
    moved = services.applications_not_selected(
        company=company,
        application_ids=ids,
        message=form.cleaned_data["message"],
        author=request.user,
        job=job,
    )
    messages.success(
        request,
        f"{moved} applicant{'s' if moved != 1 else ''} told “not selected”, with your message.",
    )
    return redirect(back)


@employer_required
def questions(request, pk):
    """The job's screening questions, and a form to add one."""
    job = get_job_for_employer(request, pk)
    form = ScreeningQuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.screening_question_add(
            job=job,
            prompt=form.cleaned_data["prompt"],
            kind=form.cleaned_data["kind"],
            choices=form.instance.choices,
            required=form.cleaned_data["required"],
        )
        messages.success(request, "Question added. Everyone who applies from now on answers it.")
        return redirect("applications_dashboard:questions", pk=job.pk)
    return render(
        request,
        "applications/dashboard/questions.html",
        {"job": job, "questions": job.screening_questions.all(), "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@employer_required
def question_delete(request, pk, question_pk):
    job = get_job_for_employer(request, pk)
    question = get_object_or_404(ScreeningQuestion, pk=question_pk, job=job)
    services.screening_question_delete(question=question)
    messages.success(request, "Question removed. Answers already given keep it.")
    return redirect("applications_dashboard:questions", pk=job.pk)


@require_POST
@employer_required
def export_start(request):
    """Queue the CSV export of many applicants (the filters come from the export page)."""
    company = get_company_for_employer(request)
    job = None
    if request.POST.get("job", "").isdigit():
        job = get_job_for_employer(request, int(request.POST["job"]))
    jobs = None if job else Job.objects.for_company(company)
    filters = PipelineFilterForm(request.POST, jobs=jobs).filters()
    action = pipeline_actions.export_start(
        company=company,
        author=request.user,
        job=job,
        filters={
            "stage": filters.get("stage", ""),
            "answered": filters.get("answered", ""),
            "job_id": filters.get("job") or "",
        },
    )
    messages.success(request, "Your CSV export has started. We will email you when it is ready.")
    return redirect(pipeline_actions.action_url(action))


def _get_action_for_employer(request, pk) -> PipelineAction:
    """The company's own actions only: another company's is a 404."""
    company = get_company_for_employer(request)
    return get_object_or_404(
        PipelineAction.objects.select_related("job", "requested_by"), pk=pk, company=company
    )


@employer_required
def action(request, pk):
    """A pipeline action's progress; with htmx, the progress block alone (it polls itself
    until the action is finished)."""
    action = _get_action_for_employer(request, pk)
    template = "applications/dashboard/action.html"
    if request.htmx:
        template += "#progress"
    return render(request, template, {"action": action, "company": action.company})


@employer_required
def action_download(request, pk):
    action = _get_action_for_employer(request, pk)
    if action.kind != PipelineAction.Kind.EXPORT or action.state != action.State.DONE:
        raise Http404("This export has no file (yet).")
    try:
        handle = action.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404("The export file is gone.") from error
    stamp = timezone.localtime(action.finished_at).date().isoformat()
    name = f"applicants-{f'job-{action.job_id}' if action.job_id else 'all'}-{stamp}.csv"
    response = FileResponse(handle, as_attachment=True, filename=name, content_type="text/csv")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
