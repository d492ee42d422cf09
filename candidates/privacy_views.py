"""The candidate's privacy page (/me/privacy/): blocked companies, the data export, deleting
the account; and the answers to employers' invitations to apply."""

from django.contrib import messages
from django.contrib.auth import logout
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from accounts.decorators import role_required
from accounts.models import User
from candidates import invitations, privacy
from candidates.forms import BlockForm, DeleteAccountForm
from candidates.models import CandidateInvitation, CompanyBlock, DataExport
from infra.refusals import on_refusal_redirect

candidate_only = role_required(User.Role.CANDIDATE)


@candidate_only
@require_safe
def privacy_page(request):
    return _render_privacy(request)


def _render_privacy(request, block_form=None, delete_form=None, status=200):
    exports = DataExport.objects.filter(user=request.user)[:3]
    return render(
        request,
        "candidates/privacy.html",
        {
            "blocks": CompanyBlock.objects.filter(user=request.user),
            "block_form": block_form or BlockForm(),
            "delete_form": delete_form or DeleteAccountForm(),
            "exports": exports,
            "export_days": privacy.EXPORT_DAYS,
        },
        status=status,
    )


@candidate_only
@require_POST
@on_refusal_redirect("candidates:privacy")
def block_add(request):
    form = BlockForm(request.POST)
    if not form.is_valid():
        return _render_privacy(request, block_form=form, status=400)
    privacy.block_add(
        user=request.user, kind=form.cleaned_data["kind"], value=form.cleaned_data["value"]
    )
    messages.success(request, "Blocked. That company will not find you in Find Candidates.")
    return redirect("candidates:privacy")


@candidate_only
@require_POST
def block_remove(request, pk: int):
    privacy.block_remove(block=get_object_or_404(CompanyBlock, pk=pk, user=request.user))
    messages.success(request, "Block removed.")
    return redirect("candidates:privacy")


@candidate_only
@require_POST
def export_request(request):
    export = privacy.export_request(user=request.user)
    messages.success(
        request, "We are putting your data together. We will email you when it is ready."
    )
    return redirect("candidates:export_status", export.pk)


@candidate_only
@require_safe
def export_status(request, pk: int):
    """How far the owner's export got; with htmx the progress block alone, which polls itself
    until the export is ready."""
    export = get_object_or_404(DataExport, pk=pk, user=request.user)
    template = "candidates/export_status.html"
    if request.htmx:
        template += "#progress"
    return render(request, template, {"export": export, "export_days": privacy.EXPORT_DAYS})


@candidate_only
@require_safe
def export_download(request, pk: int):
    """Only the owner fetches their export, and only until it expires."""
    export = get_object_or_404(DataExport, pk=pk, user=request.user)
    if not export.is_ready or export.is_expired:
        raise Http404
    response = FileResponse(
        export.file.open("rb"), as_attachment=True, filename="healthcareers-my-data.zip"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@candidate_only
@require_POST
@on_refusal_redirect(lambda request: reverse("candidates:privacy") + "#delete")
def account_delete(request):
    form = DeleteAccountForm(request.POST)
    if not form.is_valid():
        return _render_privacy(request, delete_form=form, status=400)
    privacy.account_delete(user=request.user, password=form.cleaned_data["password"])
    logout(request)
    messages.success(request, "Your account and your data are deleted. We emailed a receipt.")
    return redirect("pages:home")


# Invitations to apply ------------------------------------------------------------------------


def _my_invitation(request, pk: int) -> CandidateInvitation:
    return get_object_or_404(
        CandidateInvitation.objects.select_related("job"), pk=pk, candidate=request.user
    )


@candidate_only
@require_POST
def invitation_accept(request, pk: int):
    invitation = invitations.invitation_accept(invitation=_my_invitation(request, pk))
    job = invitation.job
    if job.is_open:
        messages.success(request, f"{invitation.company.name} can now see your name. Apply below.")
        return redirect(job.get_absolute_url())
    messages.info(request, "That job is no longer open.")
    return redirect("candidates:home")


@candidate_only
@require_POST
def invitation_decline(request, pk: int):
    invitations.invitation_decline(invitation=_my_invitation(request, pk))
    messages.success(request, "Invitation declined. The company is not told your name.")
    return redirect("candidates:home")
