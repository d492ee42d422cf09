"""The candidate's side: applying from a job page, My applications, messages, withdrawal."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.forms.utils import ErrorDict, ErrorList
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.models import User
from applications import selectors, services, uploads
from applications.forms import ApplyForm, MessageForm
from applications.models import Application
from applications.permissions import get_application_for_candidate
from infra.rate_limits import form_over_limit
from infra.refusals import Refusal, on_refusal_redirect
from jobs.models import Job

candidate_required = role_required(User.Role.CANDIDATE)
RATE_MESSAGE = "You have sent many applications in a short time. Please wait an hour and try again."


def _job_for_apply(slug: str) -> Job:
    pk = slug.rsplit("-", 1)[-1]
    if not pk.isdigit():
        raise Http404("No such job.")
    return get_object_or_404(Job.objects.select_related("company"), pk=pk)


def _apply_gate(request, job):
    """Where to send someone who cannot apply here (or None): guests sign in and come back,
    closed jobs and jobs applied to already go back to their pages."""
    if not request.user.is_authenticated:
        return redirect_to_login(job.get_absolute_url())
    if not request.user.is_candidate:
        raise PermissionDenied("Applying is for job seeker accounts.")
    if not job.is_open or job.apply_method != Job.ApplyMethod.ON_SITE:
        messages.error(request, "This job is not taking applications on healthcareers.")
        return redirect(job.get_absolute_url())
    existing = Application.objects.filter(job=job, candidate=request.user).first()
    if existing:
        messages.info(request, services.already_applied_refusal(existing).as_html())
        return redirect("applications:detail", pk=existing.pk)
    return None


@csrf_exempt  # the upload handler must be in place before anything reads the body: CSRF below
def apply(request, slug):
    """The apply form for a live job. The body size is checked before the body is read."""
    if request.method == "POST":
        if uploads.request_too_large(request):
            return _too_large_page(request, slug)
        request.upload_handlers.insert(0, uploads.ResumeUploadHandler(request))
    return _apply(request, slug)


def _too_large_page(request, slug):
    """The form again with the size refusal, without reading the refused body (nothing
    changes here, so no CSRF check is needed to say no). Only the file is wrong: the error
    sits on it alone, not on every field of an empty submission."""
    job = _job_for_apply(slug)
    gate = _apply_gate(request, job)
    if gate:
        return gate
    form = ApplyForm(candidate=request.user, questions=job.screening_questions.all())
    form._errors = ErrorDict({"resume_file": ErrorList([uploads.too_large_message()])})
    return _render_apply(request, job, form, status=413)


def _render_apply(request, job, form, *, status=200):
    return render(
        request,
        "applications/apply.html",
        {"job": job, "form": form, "days": settings.NO_GHOSTING_RESPONSE_DAYS},
        status=status,
    )


@csrf_protect
def _apply(request, slug):
    job = _job_for_apply(slug)
    # Parsing the body (if CSRF checking has not already) runs ResumeUploadHandler.
    parsed = request.method == "POST" and request.FILES is not None
    if parsed and getattr(request, "resume_too_large", False):
        return _too_large_page(request, slug)
    gate = _apply_gate(request, job)
    if gate:
        return gate
    questions = job.screening_questions.all()
    if request.method != "POST":
        return _render_apply(request, job, ApplyForm(candidate=request.user, questions=questions))
    form = ApplyForm(request.POST, request.FILES, candidate=request.user, questions=questions)
    limited = form_over_limit(
        request, form, group="applications.apply", key="user_or_ip",
        rate=settings.APPLY_RATE_LIMIT, message=RATE_MESSAGE,
    )  # fmt: skip
    if limited:
        return _render_apply(request, job, form, status=429)
    if not form.is_valid():
        return _render_apply(request, job, form, status=400)
    upload = form.cleaned_data.get("resume_file")
    try:
        application = services.application_submit(
            job=job,
            candidate=request.user,
            resume=None if upload else form.cleaned_data.get("resume"),
            upload=upload or None,
            upload_format=getattr(form, "resume_format", ""),
            cover_letter=form.cleaned_data["cover_letter"],
            answers=form.answers(),
        )
    except Refusal as refusal:
        form.add_error(None, refusal.as_html())
        return _render_apply(request, job, form, status=409)
    return redirect("applications:submitted", pk=application.pk)


@candidate_required
def submitted(request, pk):
    application = get_application_for_candidate(request, pk)
    return render(request, "applications/submitted.html", {"application": application})


@candidate_required
def my_applications(request):
    applications = list(selectors.candidate_applications(request.user))
    return render(request, "applications/my_list.html", {"applications": applications})


@candidate_required
def detail(request, pk):
    application = get_application_for_candidate(request, pk)
    timeline = list(selectors.candidate_timeline(application))
    return render(
        request,
        "applications/detail.html",
        {
            "application": application,
            "timeline": timeline,
            "thread": [event for event in timeline if event.kind == "message"],
            "answers": application.answers.all(),
            "message_form": MessageForm(),
        },
    )


@require_POST
@candidate_required
@on_refusal_redirect(lambda request, pk: reverse("applications:detail", args=[pk]))
def withdraw(request, pk):
    application = get_application_for_candidate(request, pk)
    services.application_withdraw(application=application)
    messages.success(
        request, "You withdrew your application. The hiring team sees it on their dashboard."
    )
    return redirect("applications:detail", pk=application.pk)


MESSAGE_RATE_MESSAGE = "You have sent a lot of messages in the last hour. Please wait a while."


def message_over_limit(request, form) -> bool:
    """Counts a message post by this user (candidate or team member: one count each); when over
    APPLICATION_MESSAGE_RATE_LIMIT, says so and returns True: the message is not sent."""
    limited = form_over_limit(
        request, form, group="applications.message", key="user_or_ip",
        rate=settings.APPLICATION_MESSAGE_RATE_LIMIT, message=MESSAGE_RATE_MESSAGE,
    )  # fmt: skip
    if limited:
        messages.error(request, MESSAGE_RATE_MESSAGE)
    return limited


@require_POST
@candidate_required
@on_refusal_redirect(lambda request, pk: reverse("applications:detail", args=[pk]))
def message_post(request, pk):
    application = get_application_for_candidate(request, pk)
    form = MessageForm(request.POST)
    if message_over_limit(request, form):
        return redirect(reverse("applications:detail", args=[application.pk]) + "#messages")
    if not form.is_valid():
        # The form's own reason: an empty message, but also one too long or with a NUL in it.
        messages.error(request, form.errors["body"][0])
        return redirect("applications:detail", pk=application.pk)
    services.application_message_post(
        application=application, author=request.user, body=form.cleaned_data["body"]
    )
    messages.success(request, "Message sent. The hiring team gets it by email.")
    return redirect(reverse("applications:detail", args=[application.pk]) + "#messages")
