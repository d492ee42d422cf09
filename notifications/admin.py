"""Staff's view of the outbox: what was sent to whom, what failed and why, and a resend."""

from django.contrib import admin
from django.utils.html import format_html

from notifications.models import Notification
from notifications.services import notifications_resend


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "to_email", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["to_email", "key", "subject"]
    date_hierarchy = "created_at"
    list_select_related = ["user"]
    actions = ["resend"]
    fieldsets = [
        (None, {"fields": ["kind", "key", "to_email", "user", "about_link", "subject"]}),
        ("Content", {"fields": ["body_text", "html_part", "reply_to", "headers"]}),
        (
            "Delivery",
            {
                "fields": [
                    "status",
                    "attempts",
                    "next_attempt_at",
                    "leased_until",
                    "sent_at",
                    "last_error",
                    "created_at",
                ]
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        # What was sent is a record: nothing here is edited by hand.
        return [field for fieldset in self.fieldsets for field in fieldset[1]["fields"]]

    @admin.display(description="about")
    def about_link(self, notification):
        if notification.about_type_id is None:
            return "-"
        return f"{notification.about_type.name} #{notification.about_id}"

    @admin.display(description="HTML part")
    def html_part(self, notification):
        # Shown as source: the HTML was rendered from user input and is not run in admin.
        return format_html("<pre style='white-space:pre-wrap'>{}</pre>", notification.body_html)

    def has_add_permission(self, request):
        return False  # rows are written by the code that causes each email

    @admin.action(description="Send the selected emails again", permissions=["change"])
    def resend(self, request, queryset):
        count = notifications_resend(notifications=queryset)
        self.message_user(request, f"{count} emails queued to be sent again.")
