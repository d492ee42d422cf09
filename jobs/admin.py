"""Staff side of jobs: the review queue for unverified companies' jobs, readers' reports, and
the search vocabulary."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone

from audit.admin_log import AuditedAdminMixin
from infra.refusals import Refusal
from infra.text import StripControlCharactersMixin
from jobs import services
from jobs.forms import clean_job_description
from jobs.models import Job, JobDescriptionTemplate, JobReport, PayTransparencyRule, VocabularyTerm
from jobs.vocabulary import vocabulary_changed


class ReviewQueueFilter(admin.SimpleListFilter):
    """A one-click way to the jobs waiting for staff, oldest first."""

    title = "review queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("pending", "Waiting for review")]

    def queryset(self, request, queryset):
        if self.value() == "pending":
            return queryset.filter(status=Job.Status.PENDING_REVIEW).order_by("updated_at")
        return queryset


class SendBackForm(StripControlCharactersMixin, forms.Form):
    reason = forms.CharField(
        label="Reason (emailed to the company's hiring team)",
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80}),
        help_text="Say what to change, for example “Add the pay range the role really pays”.",
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if len(reason) < 10:
            raise forms.ValidationError("Explain in a sentence what the employer should change.")
        return reason


class JobAdminForm(StripControlCharactersMixin, forms.ModelForm):
    """Staff edits go through the same cleaning as the employer's form: the description is
    sanitized and capped (it is shown as HTML), control characters are stripped."""

    class Meta:
        model = Job
        fields = ["description"]  # the rest come from JobAdmin.fieldsets

    def clean_description(self):
        # No minimum here: staff fixing another field must not be blocked by an old short text.
        return clean_job_description(self.cleaned_data.get("description", ""), min_chars=0)


@admin.register(Job)
class JobAdmin(AuditedAdminMixin, admin.ModelAdmin):
    form = JobAdminForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "title",
        "company",
        "company_verified",
        "status",
        "profession",
        "updated_at",
        "published_at",
        "expires_at",
    ]
    list_filter = [
        ReviewQueueFilter,
        "status",
        "profession",
        ("company__is_verified", admin.BooleanFieldListFilter),
        "workplace_type",
    ]
    list_select_related = ["company"]
    search_fields = ["title", "company__name", "specialty", "city", "zip_code"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["company"]
    raw_id_fields = ["created_by"]
    readonly_fields = ["created_at", "updated_at"]
    actions = ["approve", "send_back"]
    fieldsets = [
        (None, {"fields": ["company", "created_by", "title", "status", "is_featured"]}),
        (
            "Role",
            {
                "fields": [
                    "profession",
                    "specialty",
                    "facility_type",
                    "employment_type",
                    "shift",
                    "experience_level",
                ]
            },
        ),
        (
            "Location",
            {
                "fields": [
                    "workplace_type",
                    "remote_states",
                    "city",
                    "state",
                    "zip_code",
                    "latitude",
                    "longitude",
                ]
            },
        ),
        ("Pay", {"fields": ["pay_min", "pay_max", "pay_period", "sign_on_bonus"]}),
        (
            "Requirements and benefits",
            {
                "fields": [
                    "required_credentials",
                    "preferred_credentials",
                    "license_states",
                    "visa_sponsorship",
                    "benefits",
                ]
            },
        ),
        ("Description and applying", {"fields": ["description", "apply_method", "apply_url"]}),
        (
            "Lifecycle",
            {
                "fields": [
                    "review_note",
                    "created_at",
                    "updated_at",
                    "published_at",
                    "expires_at",
                    "closed_at",
                ]
            },
        ),
    ]

    @admin.display(boolean=True, description="Verified company", ordering="company__is_verified")
    def company_verified(self, job):
        return job.company.is_verified

    def _apply(self, request, queryset, action, service, **kwargs):
        done, refused = [], []
        for job in queryset.select_related("company"):
            try:
                service(job=job, **kwargs)
            except Refusal as refusal:
                refused.append(f"“{job.title}”: {refusal}")
            else:
                done.append(job)
        for reason in refused:
            self.message_user(request, reason, messages.WARNING)
        return done

    @admin.action(description="Approve and publish", permissions=["change"])
    def approve(self, request, queryset):
        done = self._apply(request, queryset, "approve", services.job_approve)
        if done:
            self.message_user(
                request,
                f"{len(done)} job(s) published for {services.LIFETIME.days} days; "
                "their teams are emailed.",
                messages.SUCCESS,
            )

    @admin.action(description="Send back to the employer", permissions=["change"])
    def send_back(self, request, queryset):
        """Asks for the reason on an intermediate page, then returns the jobs as drafts."""
        form = SendBackForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            done = self._apply(
                request,
                queryset,
                "send_back",
                services.job_send_back,
                reason=form.cleaned_data["reason"],
            )
            if done:
                self.message_user(
                    request,
                    f"{len(done)} job(s) sent back as drafts; the reason is emailed to their "
                    "teams.",
                    messages.SUCCESS,
                )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Send jobs back to the employer",
            "opts": self.model._meta,
            "jobs": queryset.select_related("company"),
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "select_across": request.POST.get("select_across", "0"),
        }
        return TemplateResponse(request, "admin/jobs/job/send_back.html", context)


class ResolvedFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "resolved"

    def lookups(self, request, model_admin):
        return [("no", "Unresolved"), ("yes", "Resolved")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(resolved_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(resolved_at__isnull=False)
        return queryset


@admin.register(JobReport)
class JobReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "job", "reason", "reporter_email", "resolved_at"]
    list_filter = [ResolvedFilter, "reason"]
    list_select_related = ["job__company", "reporter"]
    search_fields = ["job__title", "job__company__name", "details", "reporter_email"]
    raw_id_fields = ["job", "reporter"]
    readonly_fields = ["created_at"]
    actions = ["mark_resolved"]

    @admin.action(description="Mark as resolved", permissions=["change"])
    def mark_resolved(self, request, queryset):
        updated = queryset.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
        self.message_user(request, f"{updated} report(s) marked as resolved.", messages.SUCCESS)


@admin.register(JobDescriptionTemplate)
class JobDescriptionTemplateAdmin(admin.ModelAdmin):
    """Editors write the templates employers start new jobs from (and hiring guides offer)."""

    list_display = ["title", "profession", "is_published", "updated_at"]
    list_filter = ["is_published", "profession"]
    search_fields = ["title", "summary"]
    fieldsets = [
        (None, {"fields": ["title", "profession", "is_published"]}),
        (
            "Content",
            {"fields": ["summary", "responsibilities", "qualifications", "certifications"]},
        ),
    ]


@admin.register(PayTransparencyRule)
class PayTransparencyRuleAdmin(admin.ModelAdmin):
    """Staff keep the state pay-transparency rules current: a new law is a new row with its
    effective date; the posting form and publishing apply it from that day."""

    list_display = [
        "state",
        "name",
        "effective_date",
        "requires_range",
        "max_ratio",
        "requires_benefits",
        "applies_to_remote",
    ]
    list_filter = ["requires_benefits", "applies_to_remote"]
    search_fields = ["state", "name", "notes"]
    fieldsets = [
        (None, {"fields": ["state", "name", "effective_date", "source_name", "source_url"]}),
        (
            "What a posting must show",
            {
                "fields": [
                    "requires_range",
                    "max_ratio",
                    "requires_pay_unit",
                    "requires_benefits",
                    "applies_to_remote",
                ]
            },
        ),
        (None, {"fields": ["notes"]}),
    ]


@admin.register(VocabularyTerm)
class VocabularyTermAdmin(admin.ModelAdmin):
    """The field's search vocabulary: a change here is used by the very next search."""

    list_display = ["term", "kind", "expansion_list", "professions", "is_active", "updated_at"]
    list_filter = ["kind", "is_active"]
    search_fields = ["term"]  # and the expansions and note: see get_search_results
    list_editable = ["is_active"]
    fields = ["term", "kind", "expansions", "professions", "is_active", "note"]
    actions = ["deactivate", "activate"]

    @admin.display(description="expansions")
    def expansion_list(self, term):
        return "; ".join(term.expansions)

    def get_search_results(self, request, queryset, search_term):
        # The expansions are an array: search them by whole element, with the term and note.
        word = " ".join(search_term.lower().split())
        if not word:
            return queryset, False
        found = queryset.filter(
            models.Q(term__icontains=word)
            | models.Q(expansions__contains=[word])
            | models.Q(note__icontains=word)
        )
        return found, False

    def _set_active(self, request, queryset, active: bool):
        changed = queryset.update(is_active=active)
        vocabulary_changed()  # update() sends no signals
        verb = "activated" if active else "deactivated"
        self.message_user(request, f"{changed} term(s) {verb}.", messages.SUCCESS)

    @admin.action(description="Deactivate the selected terms", permissions=["change"])
    def deactivate(self, request, queryset):
        self._set_active(request, queryset, False)

    @admin.action(description="Activate the selected terms", permissions=["change"])
    def activate(self, request, queryset):
        self._set_active(request, queryset, True)
