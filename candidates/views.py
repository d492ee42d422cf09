"""The job seeker's pages under /me/: home, profile sections, resumes, saved jobs.

Every page is for candidate accounts; another candidate's items are a 404; every change is a
POST that redirects back (or, for htmx, answers the swapped fragment)."""

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import role_required
from accounts.models import User
from applications.models import Resume
from candidates import selectors, services
from candidates.forms import (
    AboutForm,
    CertificationForm,
    EducationForm,
    LicenseForm,
    PreferencesForm,
    ResumeUploadForm,
    VisibilityForm,
    WorkExperienceForm,
)
from candidates.invitations import pending_invitations_of
from candidates.models import Certification, Education, License, WorkExperience
from infra.middleware import safe_local_url
from infra.refusals import on_refusal_redirect
from jobs.models import Job

candidate_only = role_required(User.Role.CANDIDATE)


@dataclass(frozen=True)
class Section:
    """A list section of the profile, edited an item at a time."""

    model: type
    form: type
    related: str
    noun: str
    heading: str

    @property
    def article(self) -> str:
        return "an" if self.noun[0] in "aeiou" else "a"


SECTIONS = {
    "licenses": Section(License, LicenseForm, "licenses", "license", "State licenses"),
    "certifications": Section(
        Certification, CertificationForm, "certifications", "certification", "Certifications"
    ),
    "education": Section(Education, EducationForm, "education", "education", "Education"),
    "experience": Section(WorkExperience, WorkExperienceForm, "experience", "job", "Work history"),
}


def section_or_404(name: str) -> Section:
    try:
        return SECTIONS[name]
    except KeyError:
        raise Http404 from None


def item_for_candidate(request, section: Section, pk: int):
    """One of the signed-in candidate's own items; anyone else's is a 404."""
    return get_object_or_404(section.model, pk=pk, profile__user=request.user)


def profile_url(anchor: str = "") -> str:
    return reverse("candidates:profile") + (f"#{anchor}" if anchor else "")


# Home and profile --------------------------------------------------------------------------


@candidate_only
@require_safe
def home(request):
    profile = selectors.profile_of(request.user)
    resumes = selectors.resumes_of(request.user)
    percent, steps = selectors.profile_completeness(profile, resumes)
    return render(
        request,
        "candidates/home.html",
        {
            "profile": profile,
            "percent": percent,
            "next_steps": [step for step in steps if not step.done][:3],
            "saved_count": len(selectors.saved_job_ids(request.user) or ()),
            "invitations": pending_invitations_of(request.user),
            "expiring": [
                item
                for related in ("licenses", "certifications")
                for item in selectors.items_of(profile, related)
                if item.is_expired or item.expires_soon
            ],
        },
    )


@candidate_only
@require_safe
def profile(request):
    profile = selectors.profile_of(request.user)
    resumes = selectors.resumes_of(request.user)
    percent, steps = selectors.profile_completeness(profile, resumes)
    return render(
        request,
        "candidates/profile.html",
        {
            "profile": profile,
            "sections": [
                (name, section, selectors.items_of(profile, section.related))
                for name, section in SECTIONS.items()
            ],
            "resumes": resumes,
            "resume_form": ResumeUploadForm(),
            "visibility_form": VisibilityForm(instance=profile),
            "percent": percent,
            "steps": steps,
        },
    )


def _profile_form_page(request, form_class, *, title, intro, anchor):
    profile = selectors.profile_of(request.user)
    if request.method == "POST":
        form = form_class(request.POST, instance=profile)
        if form.is_valid():
            services.profile_update(user=request.user, form=form)
            messages.success(request, f"{title} saved.")
            return redirect(profile_url(anchor))
    else:
        form = form_class(instance=profile)
    return render(
        request,
        "candidates/section_form.html",
        {"form": form, "title": title, "intro": intro, "cancel_url": profile_url(anchor)},
        status=400 if form.errors else 200,
    )


@candidate_only
@require_http_methods(["GET", "HEAD", "POST"])
def about(request):
    return _profile_form_page(
        request,
        AboutForm,
        title="About you",
        intro="Your headline, profession and experience: what employers read first.",
        anchor="about",
    )


@candidate_only
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request):
    return _profile_form_page(
        request,
        PreferencesForm,
        title="What you are looking for",
        intro="Pay, shifts, places and your work authorization.",
        anchor="preferences",
    )


@candidate_only
@require_POST
def visibility(request):
    form = VisibilityForm(request.POST, instance=selectors.profile_of(request.user))
    if form.is_valid():
        profile = services.profile_update(user=request.user, form=form)
        messages.success(
            request,
            "Verified employers can now find your profile."
            if profile.is_visible
            else "Your profile is hidden: only you can see it.",
        )
    else:
        messages.error(request, "Choose who can see your profile.")
    return redirect(profile_url("visibility"))


# Items of a section ------------------------------------------------------------------------


@candidate_only
@require_http_methods(["GET", "HEAD", "POST"])
def item_add(request, section):
    return _item_form_page(request, section_or_404(section), section, None)


@candidate_only
@require_http_methods(["GET", "HEAD", "POST"])
def item_edit(request, section, pk):
    spec = section_or_404(section)
    return _item_form_page(request, spec, section, item_for_candidate(request, spec, pk))


def _item_form_page(request, spec: Section, name: str, item):
    if request.method == "POST":
        form = spec.form(request.POST, instance=item)
        if form.is_valid():
            services.profile_item_save(user=request.user, form=form)
            messages.success(request, f"{form.instance.label} saved.")
            return redirect(profile_url(name))
    else:
        form = spec.form(instance=item)
    return render(
        request,
        "candidates/section_form.html",
        {
            "form": form,
            "title": f"Edit {item.label}" if item else f"Add {spec.article} {spec.noun}",
            "section": name,
            "item": item,
            "cancel_url": profile_url(name),
        },
        status=400 if form.errors else 200,
    )


@candidate_only
@require_POST
def item_delete(request, section, pk):
    spec = section_or_404(section)
    item = item_for_candidate(request, spec, pk)
    label = item.label
    services.profile_item_delete(item=item)
    messages.success(request, f"{label} deleted.")
    return redirect(profile_url(section))


# Resumes -----------------------------------------------------------------------------------


def resume_for_candidate(request, pk: int) -> Resume:
    return get_object_or_404(Resume, pk=pk, owner=request.user)


@candidate_only
@require_POST
def resume_upload(request):
    form = ResumeUploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["resume"]
        services.resume_add(user=request.user, upload=upload, format=form.cleaned_data["format"])
        messages.success(request, f"{form.cleaned_data['resume'].name} added to your resumes.")
        return redirect(profile_url("resumes"))
    profile = selectors.profile_of(request.user)
    return render(
        request,
        "candidates/section_form.html",
        {
            "form": form,
            "multipart": True,
            "action": reverse("candidates:resume_upload"),
            "title": "Add a resume",
            "cancel_url": profile_url("resumes"),
            "profile": profile,
        },
        status=400,
    )


@candidate_only
@require_POST
@on_refusal_redirect(lambda request, **kwargs: profile_url("resumes"))
def resume_default(request, pk):
    resume = resume_for_candidate(request, pk)
    services.resume_set_default(resume=resume)
    messages.success(request, f"{resume.original_name} is now your default resume.")
    return redirect(profile_url("resumes"))


@candidate_only
@require_POST
@on_refusal_redirect(lambda request, **kwargs: profile_url("resumes"))
def resume_delete(request, pk):
    resume = resume_for_candidate(request, pk)
    services.resume_delete(resume=resume)
    messages.success(request, f"{resume.original_name} deleted.")
    return redirect(profile_url("resumes"))


# Saved jobs --------------------------------------------------------------------------------


@candidate_only
@require_safe
def saved(request):
    saves = selectors.saved_jobs_of(request.user)
    return render(
        request,
        "candidates/saved.html",
        {"saves": saves, "saved_job_ids": {saved.job_id for saved in saves}},
    )


def _after_save(request, job, *, saved: bool):
    # The button sends `next` in its target's query string (it may sit inside the search form).
    back = request.POST.get("next") or request.GET.get("next", "")
    if request.htmx:
        return render(
            request,
            "candidates/_save_button.html",
            {"job": job, "is_saved": saved, "announce": True, "next": back},
        )
    return redirect(safe_local_url(request, back) or job.get_absolute_url())


@candidate_only
@require_POST
@on_refusal_redirect("candidates:saved")
def save_job(request, job_id):
    job = get_object_or_404(Job.objects.published(), pk=job_id)
    services.saved_job_add(user=request.user, job=job)
    if not request.htmx:
        messages.success(request, f"Saved “{job.title}”. Find it under Saved jobs.")
    return _after_save(request, job, saved=True)


@candidate_only
@require_POST
def unsave_job(request, job_id):
    job = get_object_or_404(Job.objects.exclude(status__in=[Job.Status.DRAFT]), pk=job_id)
    services.saved_job_remove(user=request.user, job_id=job.pk)
    if not request.htmx:
        messages.success(request, f"Removed “{job.title}” from your saved jobs.")
    return _after_save(request, job, saved=False)
