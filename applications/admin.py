"""Staff see applications (read mostly): stages, deadlines and timelines, for support."""

from django.contrib import admin

from applications.models import Application, ApplicationEvent, ScreeningAnswer


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
