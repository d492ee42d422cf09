from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PagesConfig(AppConfig):
    name = "pages"

    def ready(self):
        from pages.site_record import sync_site_with_site_url

        # After our own migrations (the Site's name is set in 0002), on every migrate.
        post_migrate.connect(sync_site_with_site_url, sender=self)
