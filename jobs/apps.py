from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class JobsConfig(AppConfig):
    name = "jobs"

    def ready(self):
        from jobs.models import VocabularyTerm
        from jobs.vocabulary import vocabulary_changed

        # Staff edits reach the very next search (the cached vocabulary is dropped).
        post_save.connect(vocabulary_changed, sender=VocabularyTerm, dispatch_uid="vocab-saved")
        post_delete.connect(vocabulary_changed, sender=VocabularyTerm, dispatch_uid="vocab-gone")
