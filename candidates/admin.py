"""Staff views of candidate profiles. Staff record a license check here (the public look-up,
the date); who checked it is always the staff member who saved it, never typed in."""

from django.contrib import admin
from django.db import models

from candidates.models import (
    CandidateProfile,
    Certification,
    Education,
    JobAlert,
    License,
    WorkExperience,
)


class CertificationInline(admin.TabularInline):
    model = Certification
    extra = 0


class EducationInline(admin.TabularInline):
    model = Education
    extra = 0


class WorkExperienceInline(admin.StackedInline):
    model = WorkExperience
    extra = 0


@admin.register(CandidateProfile)
class CandidateProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "profession", "visibility", "updated_at"]
    list_filter = ["visibility", "profession"]
    search_fields = ["user__email", "user__full_name", "headline"]
    raw_id_fields = ["user"]
    inlines = [CertificationInline, EducationInline, WorkExperienceInline]


@admin.register(License)
class LicenseAdmin(admin.ModelAdmin):
    list_display = ["profile", "license_type", "state", "number", "expires_on", "verified_at"]
    list_filter = ["license_type", "state", "is_compact"]
    search_fields = ["number", "profile__user__email"]
    raw_id_fields = ["profile"]
    readonly_fields = ["verified_by"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (
            None,
            {"fields": ["profile", "license_type", "state", "number", "expires_on", "is_compact"]},
        ),
        (
            "Verification",
            {
                "fields": ["verification_url", "verified_at", "verified_by"],
                "description": "Check the license on the state board's or Nursys' public "
                "look-up, paste that page's address and the date you checked. Both or neither.",
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        # A check needs its look-up and its date; the checker is whoever records it.
        if obj.verification_url and obj.verified_at:
            rechecked = {"verification_url", "verified_at"} & set(form.changed_data)
            if rechecked or not obj.verified_by_id:
                obj.verified_by = request.user
        else:
            obj.verification_url, obj.verified_at, obj.verified_by = "", None, None
        super().save_model(request, obj, form, change)


@admin.register(JobAlert)
class JobAlertAdmin(admin.ModelAdmin):
    """Job alerts, for support: who gets what. Deliveries are the run's record, read-only."""

    list_display = [
        "label",
        "user",
        "email",
        "frequency",
        "is_active",
        "confirmed_at",
        "last_run_at",
    ]
    list_filter = ["frequency", "is_active"]
    search_fields = ["user__email", "email", "label"]
    raw_id_fields = ["user"]
    readonly_fields = ["created_at", "last_run_at", "confirmed_at"]
