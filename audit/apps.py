from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "audit trail"

    def ready(self):
        # Staff edits in the Django admin (every ModelAdmin, ours and allauth's) are recorded
        # from the admin's own log entries; see audit/admin_log.py.
        from audit import admin_log

        admin_log.connect()
