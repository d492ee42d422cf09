"""Staff side of applications: the applications themselves (read mostly: stages, deadlines and
timelines, for support), candidates' "never heard back" reports and the moderation of
process-rating comments."""

from django.contrib import admin, messages

from applications.models import (
    Application,
    ApplicationEvent,
    NeverHeardBackReport,
    ProcessRating,
    ScreeningAnswer,
)


@admin.register(NeverHeardBackReport)
class NeverHeardBackReportAdmin(admin.ModelAdmin):
    """Read-only: a report is a fact the candidate stated; staff follow up with the company."""

    list_display = [
        "never_heard_back_at",
        "candidate",
        "job",
        "company",
        "submitted_at",
        "respond_by",
        "breached_at",
        "first_response_at",
        "stage",
    ]
    list_filter = ["stage", ("company", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["candidate", "job", "company"]
    search_fields = ["candidate__email", "job__title", "company__name"]
    date_hierarchy = "never_heard_back_at"
    fields = list_display
    readonly_fields = list_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProcessRating)
class ProcessRatingAdmin(admin.ModelAdmin):
    """Scores count at once; a comment is shown only once staff approve it."""

    list_display = ["created_at", "company", "speed", "communication", "comment_status", "excerpt"]
    list_filter = ["comment_status", ("company", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["company"]
    search_fields = ["company__name", "comment"]
    fields = ["application", "company", "speed", "communication", "comment", "comment_status"]
    readonly_fields = ["application", "company", "speed", "communication", "comment"]
    actions = ["approve_comments", "reject_comments"]

    @admin.display(description="comment")
    def excerpt(self, rating):
        return rating.comment[:80] or "—"

    def has_add_permission(self, request):
        return False  # only applicants rate, from their application page

    @admin.action(
        description="Approve the selected comments (shown publicly)", permissions=["change"]
    )
    def approve_comments(self, request, queryset):
        count = queryset.update(comment_status=ProcessRating.Status.APPROVED)
        messages.success(request, f"{count} comment(s) approved.")

    @admin.action(description="Reject the selected comments (never shown)", permissions=["change"])
    def reject_comments(self, request, queryset):
        count = queryset.update(comment_status=ProcessRating.Status.REJECTED)
        messages.success(request, f"{count} comment(s) rejected.")


class EventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    fields = ["created_at", "kind", "stage", "author", "visible_to_candidate", "body"]
    readonly_fields = fields
    can_delete = False


class AnswerInline(admin.TabularInline):
    model = ScreeningAnswer
    extra = 0
    fields = ["prompt", "answer"]
    readonly_fields = fields
    can_delete = False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["candidate", "job", "company", "stage", "submitted_at", "respond_by",
                    "first_response_at"]  # fmt: skip
    list_filter = ["stage"]
    search_fields = ["candidate__email", "job__title", "company__name"]
    list_select_related = ["candidate", "job", "company"]
    raw_id_fields = ["job", "company", "candidate", "resume"]
    readonly_fields = ["submitted_at", "viewed_at", "first_response_at", "breached_at",
                       "closed_at", "never_heard_back_at"]  # fmt: skip
    inlines = [AnswerInline, EventInline]
    date_hierarchy = "submitted_at"
