"""Job alerts' pages: "Email me jobs like these" (candidates at once, guests after confirming
their address), /me/alerts/ for candidates, and the signed-link pages of the emails (a guest's
manage page, confirmation, one-click unsubscribe). Every change is a POST."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import role_required
from accounts.models import User
from candidates import alerts as services
from candidates.models import JobAlert
from infra.rate_limits import form_over_limit
from infra.refusals import on_refusal_redirect

candidate_only = role_required(User.Role.CANDIDATE)
GUEST_ALERT_RATE = "5/h"


class GuestAlertForm(forms.Form):
    email = forms.EmailField(label="Your email", max_length=254)
    frequency = forms.ChoiceField(
        label="How often",
        choices=JobAlert.Frequency.choices,
        initial=JobAlert.Frequency.DAILY,
    )
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=4000)


def alert_for_candidate(request, pk: int) -> JobAlert:
    """One of the signed-in candidate's own alerts; anyone else's is a 404."""
    return get_object_or_404(JobAlert, pk=pk, user=request.user)


def alert_for_token(token: str, *, confirm: bool = False) -> JobAlert:
    found = (
        services.alert_from_confirm_token(token)
        if confirm
        else services.alert_from_manage_token(token)
    )
    if found is None:
        raise Http404("This link is not valid (or no longer).")
    return found


# Creating: the search page's button ---------------------------------------------------------


@require_POST
@on_refusal_redirect("candidates:alerts")
def create(request):
    query = request.POST.get("query", "")
    if request.user.is_authenticated:
        if request.user.role != User.Role.CANDIDATE:
            raise PermissionDenied("Job alerts are for job seekers' accounts.")
        alert, created = services.alert_create_for_user(
            user=request.user, query_string=query, frequency=request.POST.get("frequency", "")
        )
        if created:
            messages.success(request, f"Alert saved: we will email you new jobs for {alert.label}.")
        else:
            messages.info(request, f"You already have an alert for {alert.label}.")
        return redirect("candidates:alerts")
    label = services.search_label(services.normalized_query(query))
    if "email" not in request.POST:  # from the search page: ask for the address first
        form = GuestAlertForm(initial={"query": query})
        return render(request, "candidates/alerts/guest_form.html", {"form": form, "label": label})
    data = request.POST.copy()
    data.setdefault("frequency", JobAlert.Frequency.DAILY)
    form = GuestAlertForm(data)
    limited = form_over_limit(
        request,
        form,
        group="alerts.create",
        rate=GUEST_ALERT_RATE,
        message="Too many alerts from this address for now. Please try again in an hour.",
    )
    if limited or not form.is_valid():
        return render(
            request,
            "candidates/alerts/guest_form.html",
            {"form": form, "label": label},
            status=429 if limited else 400,
        )
    alert = services.alert_create_for_guest(
        email=form.cleaned_data["email"],
        query_string=form.cleaned_data["query"],
        frequency=form.cleaned_data["frequency"],
    )
    return render(request, "candidates/alerts/check_email.html", {"alert": alert})


# /me/alerts/ ---------------------------------------------------------------------------------


@candidate_only
@require_safe
def alerts(request):
    mine = JobAlert.objects.for_user(request.user)
    return render(
        request,
        "candidates/alerts/list.html",
        {"alerts": mine, "frequencies": JobAlert.Frequency.choices},
    )


@candidate_only
@require_POST
@on_refusal_redirect("candidates:alerts")
def alert_frequency(request, pk):
    alert = alert_for_candidate(request, pk)
    services.alert_set_frequency(alert=alert, frequency=request.POST.get("frequency", ""))
    messages.success(request, f"{alert.label}: {alert.get_frequency_display().lower()}.")
    return redirect("candidates:alerts")


@candidate_only
@require_POST
def alert_pause(request, pk):
    alert = alert_for_candidate(request, pk)
    active = request.POST.get("active") == "1"
    services.alert_set_active(alert=alert, active=active)
    messages.success(request, f"{alert.label}: {'resumed' if active else 'paused'}.")
    return redirect("candidates:alerts")


@candidate_only
@require_POST
def alert_delete(request, pk):
    alert = alert_for_candidate(request, pk)
    services.alert_delete(alert=alert)
    messages.success(request, f"Alert deleted: {alert.label}.")
    return redirect("candidates:alerts")


# Signed links from the emails ----------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET shows a button (mail scanners follow links); the POST confirms."""
    alert = alert_for_token(token, confirm=True)
    if request.method == "POST":
        services.alert_confirm(alert=alert)
        messages.success(request, f"Alert confirmed: we will email you new jobs for {alert.label}.")
        return redirect("alerts:manage", token=services.manage_token(alert))
    return render(request, "candidates/alerts/confirm.html", {"alert": alert})


@require_http_methods(["GET", "HEAD", "POST"])
@on_refusal_redirect(lambda request, token: reverse("alerts:manage", args=[token]))
def manage(request, token):
    """A guest's alert, from the link in each email (accounts manage theirs at /me/alerts/)."""
    alert = alert_for_token(token)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "delete":
            services.alert_delete(alert=alert)
            messages.success(request, f"Alert deleted: {alert.label}.")
            return redirect("jobs:search")
        if action in {"pause", "resume"}:
            services.alert_set_active(alert=alert, active=action == "resume")
        elif action == "frequency":
            services.alert_set_frequency(alert=alert, frequency=request.POST.get("frequency", ""))
        else:
            return redirect("alerts:manage", token=token)
        messages.success(request, "Alert updated.")
        return redirect("alerts:manage", token=token)
    return render(
        request,
        "candidates/alerts/manage.html",
        {"alert": alert, "token": token, "frequencies": JobAlert.Frequency.choices},
    )


@csrf_exempt  # RFC 8058 one-click: the mail client POSTs with no session; the token is the proof
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    alert = alert_for_token(token)
    if request.method == "POST":
        services.alert_unsubscribe(alert=alert)
        return render(
            request, "candidates/alerts/unsubscribed.html", {"alert": alert, "token": token}
        )
    return render(request, "candidates/alerts/unsubscribe.html", {"alert": alert, "token": token})
