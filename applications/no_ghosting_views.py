"""The candidate's side of the No-Ghosting Policy: "never heard back" reports and process
ratings, both POSTs from the candidate's application page (built by the apply flow)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from applications.no_ghosting import application_report_never_heard_back
from applications.permissions import get_application_for_candidate
from applications.ratings import ProcessRatingForm, application_rate
from infra.middleware import safe_local_url
from infra.refusals import Refusal, on_refusal_redirect


def application_page(request, pk: int) -> str:
    return reverse("applications:detail", args=[pk])


def _back(request, application):
    target = safe_local_url(request, request.POST.get("next", ""))
    return redirect(target or application_page(request, application.pk))


@login_required
@require_POST
@on_refusal_redirect(application_page)
def never_heard_back(request, pk: int):
    """The candidate reports that the employer never answered (past the deadline only)."""
    application = get_application_for_candidate(request, pk)
    application_report_never_heard_back(application=application, candidate=request.user)
    messages.success(
        request,
        "Thank you: our team will look into it. The employer's figures already count every "
        "application answered late or not at all.",
    )
    return _back(request, application)


@login_required
@require_POST
@on_refusal_redirect(application_page)
def rate(request, pk: int):
    """The applicant rates how the process went, once, after the final answer."""
    application = get_application_for_candidate(request, pk)
    form = ProcessRatingForm(request.POST)
    if not form.is_valid():
        raise Refusal(
            "Choose a score from 1 to 5 for both speed and communication (comments up to "
            "2,000 characters).",
            "rating_invalid",
        )
    application_rate(application=application, candidate=request.user, **form.cleaned_data)
    messages.success(request, "Thank you for rating the process.")
    return _back(request, application)
