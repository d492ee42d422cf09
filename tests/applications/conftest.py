"""Fixtures of the applications tests: resumes go to a temporary private storage."""

import pytest
from django.core.files.storage import storages

import notifications.tasks  # noqa: F401  (registers delivery, so emails go out on commit)
from applications.models import Resume
from tests.applications.factories import ApplicationFactory
from tests.factories import PublishedJobFactory


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path, monkeypatch):
    """A throwaway private storage. The field resolved its storage when the model was defined,
    so it is pointed at the new one too."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
    monkeypatch.setattr(Resume._meta.get_field("file"), "storage", storages["private"])


@pytest.fixture
def job(company):
    return PublishedJobFactory(company=company, title="Med-Surg RN")


@pytest.fixture
def application(job, candidate):
    return ApplicationFactory(job=job, candidate=candidate)
