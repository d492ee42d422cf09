from django.contrib import admin

from pages.models import ContactMessage


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "name", "email", "topic"]
    list_filter = ["topic"]
    search_fields = ["name", "email", "message"]
    readonly_fields = [
        "name",
        "email",
        "topic",
        "message",
        "ip_address",
        "created_at",
    ]
