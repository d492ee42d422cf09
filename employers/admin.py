"""Staff side of employers: verification, plans (invoiced: staff change them here), upgrade
requests and team invitations."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.postgres.forms import SimpleArrayField
from django.db import models
from django.utils import timezone
from django.utils.html import format_html

from audit.admin_log import AuditedAdminMixin
from employers.models import Company, CompanyLocation, Invitation, Membership, UpgradeRequest
from employers.richtext import sanitize_about
from employers.services import (
    company_set_verified,
    invitation_revoke,
    upgrade_request_apply,
    upgrade_request_close,
)
from infra.refusals import Refusal


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


class CompanyLocationInline(admin.TabularInline):
    model = CompanyLocation
    extra = 0
    fields = ["city", "state", "position"]


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    can_delete = False
    fields = ["email", "status_label", "invited_by", "created_at", "expires_at"]
    readonly_fields = fields
    show_change_link = True

    @admin.display(description="status")
    def status_label(self, invitation):
        return invitation.get_status_display()

    def has_add_permission(self, request, obj=None):
        return False


class RenamedSinceVerifiedFilter(admin.SimpleListFilter):
    """Companies whose owner renamed them, which removed the Verified badge: check the new name,
    then verify again."""

    title = "renamed since verified"
    parameter_name = "renamed"

    def lookups(self, request, model_admin):
        return [("yes", "Renamed, waiting for a check")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(renamed_from="")
        return queryset


class OnNoticeFilter(admin.SimpleListFilter):
    """No-Ghosting: companies that may not publish until their overdue applications are
    answered (the flag is kept by the responsiveness refresh)."""

    title = "No-Ghosting notice"
    parameter_name = "on_notice"

    def lookups(self, request, model_admin):
        return [("yes", "On notice"), ("no", "Not on notice")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(on_notice_since__isnull=False)
        if self.value() == "no":
            return queryset.filter(on_notice_since__isnull=True)
        return queryset


RESPONSIVENESS_FIELDS = [
    "on_notice_since",
    "on_time_rate_30d",
    "matured_applications_30d",
    "overdue_applications",
    "response_rate_90d",
    "median_response_hours_90d",
    "matured_applications_90d",
    "rating_speed_avg",
    "rating_communication_avg",
    "rating_count",
    "responsiveness_updated_at",
]


@admin.register(Company)
class CompanyAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "verified_badge",
        "renamed_from",
        "plan",
        "facility_type",
        "notice_badge",
        "response_rate_90d",
        "open_reports",
        "created_at",
    ]
    list_filter = [
        OnNoticeFilter,
        "is_verified",
        RenamedSinceVerifiedFilter,
        "plan",
        "facility_type",
    ]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = [
        "logo_preview", "renamed_from", "created_at", "updated_at", *RESPONSIVENESS_FIELDS,
    ]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["name", "slug", "is_verified", "renamed_from"]}),
        (
            "Plan",
            {
                "fields": ["plan"],
                "description": "Billing is invoiced: change the plan once the contract is agreed "
                "(see Upgrade requests).",
            },
        ),
        (
            "Profile",
            {
                "fields": [
                    "logo_preview",
                    "facility_type",
                    "size",
                    "website",
                    "about",
                    "benefits",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
        (
            "No-Ghosting responsiveness",
            {
                "fields": RESPONSIVENESS_FIELDS,
                "description": "Computed every few minutes from the company's applications "
                "(applications/responsiveness.py); on notice, it cannot publish new jobs.",
            },
        ),
    ]
    inlines = [CompanyLocationInline, MembershipInline, InvitationInline]
    actions = ["mark_verified", "mark_unverified"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "benefits":
            # One per line: benefits often contain commas ("up to $5,250 a year").
            return SimpleArrayField(
                forms.CharField(max_length=100),
                delimiter="\n",
                required=False,
                label="Benefits",
                help_text="One per line.",
                widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="verified", ordering="is_verified")
    def verified_badge(self, company):
        if company.is_verified:
            return format_html("<strong>{}</strong>", "✔ Verified")
        return "Not verified"

    @admin.display(description="No-Ghosting", ordering="on_notice_since")
    def notice_badge(self, company):
        if company.on_notice_since:
            since = company.on_notice_since.date().isoformat()
            return format_html("<strong>{}</strong> since {}", "On notice", since)
        return "—"

    @admin.display(description="open reports (30 days)")
    def open_reports(self, company):
        # Counted by the relation's name: employers sits below jobs and cannot import it. At
        # JOB_REPORTS_HOLD_THRESHOLD the company's new jobs wait for review (jobs/reports.py).
        since = timezone.now() - timedelta(days=30)
        count = (
            company.jobs.filter(reports__resolved_at__isnull=True, reports__created_at__gte=since)
            .values("reports")
            .count()
        )
        if count >= settings.JOB_REPORTS_HOLD_THRESHOLD:
            return format_html("<strong>{}</strong> (new jobs held for review)", count)
        return count or "—"

    @admin.display(description="logo")
    def logo_preview(self, company):
        # Logos are uploaded (and re-encoded) by the company's owner, never here.
        if not company.logo:
            return "No logo"
        return format_html(
            '<img src="{}" alt="" width="96" height="96" class="logo-preview">', company.logo.url
        )

    def save_model(self, request, obj, form, change):
        # Rendered with |safe on the company page: staff edits are sanitized like the owner's.
        obj.about = sanitize_about(obj.about)
        super().save_model(request, obj, form, change)

    @admin.action(description="Mark selected companies as verified", permissions=["change"])
    def mark_verified(self, request, queryset):
        updated = company_set_verified(companies=queryset, verified=True)
        self.message_user(request, f"{updated} companies verified.")

    @admin.action(description="Remove verification from selected companies", permissions=["change"])
    def mark_unverified(self, request, queryset):
        updated = company_set_verified(companies=queryset, verified=False)
        self.message_user(request, f"{updated} companies are no longer verified.")


class InvitationStatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Invitation.Status.choices

    def queryset(self, request, queryset):
        now = timezone.now()
        value = self.value()
        if value == Invitation.Status.ACCEPTED:
            return queryset.filter(accepted_at__isnull=False)
        if value == Invitation.Status.REVOKED:
            return queryset.filter(revoked_at__isnull=False, accepted_at__isnull=True)
        if value == Invitation.Status.EXPIRED:
            return queryset.filter(
                accepted_at__isnull=True, revoked_at__isnull=True, expires_at__lte=now
            )
        if value == Invitation.Status.PENDING:
            return queryset.pending()
        return queryset


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "company", "status_label", "invited_by", "created_at", "expires_at"]
    list_filter = [InvitationStatusFilter]
    search_fields = ["email", "company__name"]
    list_select_related = ["company", "invited_by"]
    readonly_fields = [
        "company",
        "email",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "accepted_by",
        "revoked_at",
    ]
    actions = ["revoke"]

    @admin.display(description="status")
    def status_label(self, invitation):
        return invitation.get_status_display()

    def has_add_permission(self, request):
        return False  # owners invite from their dashboard

    @admin.action(description="Revoke selected invitations", permissions=["change"])
    def revoke(self, request, queryset):
        revoked = 0
        for invitation in queryset:
            try:
                revoked += invitation_revoke(invitation=invitation)
            except Refusal:
                continue
        self.message_user(request, f"{revoked} invitations revoked.")


class UpgradeQueueFilter(admin.SimpleListFilter):
    title = "queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("open", "Waiting for staff"), ("handled", "Handled")]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.open().order_by("created_at")
        if self.value() == "handled":
            return queryset.filter(handled_at__isnull=False)
        return queryset


@admin.register(UpgradeRequest)
class UpgradeRequestAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "company",
        "current_plan",
        "plan",
        "requester_email",
        "handled_at",
    ]
    list_filter = [UpgradeQueueFilter, "plan"]
    search_fields = ["company__name", "requester_email", "requester_name"]
    list_select_related = ["company"]
    readonly_fields = [
        "company",
        "requested_by",
        "requester_name",
        "requester_email",
        "current_plan",
        "plan",
        "message",
        "created_at",
        "handled_at",
        "handled_by",
    ]
    actions = ["apply_plan", "close"]

    def has_add_permission(self, request):
        return False  # owners ask on the Pricing page

    def has_apply_plan_permission(self, request):
        # Applying a plan changes the company, not only the request (Django ORs an action's
        # permissions, hence one check for both).
        return self.has_change_permission(request) and request.user.has_perm(
            "employers.change_company"
        )

    @admin.action(
        description="Put the company on the requested plan and close the request",
        permissions=["apply_plan"],
    )
    def apply_plan(self, request, queryset):
        applied = 0
        for upgrade in queryset.open().select_related("company"):
            upgrade_request_apply(upgrade_request=upgrade, staff_user=request.user)
            applied += 1
        self.message_user(
            request, f"{applied} companies moved to their requested plan.", messages.SUCCESS
        )

    @admin.action(description="Close without changing the plan", permissions=["change"])
    def close(self, request, queryset):
        closed = sum(
            upgrade_request_close(upgrade_request=upgrade, staff_user=request.user)
            for upgrade in queryset.open()
        )
        self.message_user(request, f"{closed} requests closed.")
