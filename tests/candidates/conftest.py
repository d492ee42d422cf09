import pytest


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    # Resumes written by the tests go to a throwaway directory.
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
