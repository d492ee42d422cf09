"""Fixtures for the standard cast of users and shared test plumbing."""

import os

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from employers.models import Membership
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    EmployerUserFactory,
    MembershipFactory,
    StaffEditorFactory,
    UserFactory,
)

# Browser tests drive a live server from Playwright's event loop thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _clean_cache():
    # Rate-limit counters live in the (real) Redis cache; start every test from zero.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def candidate(db):
    return CandidateFactory(email="candidate@example.com", full_name="Casey Candidate")


@pytest.fixture
def other_candidate(db):
    """A second job seeker: must never reach the first one's applications, profile or export."""
    return CandidateFactory(email="other.candidate@example.com", full_name="Olly Other")


@pytest.fixture
def company(db):
    return CompanyFactory(name="Lakeside Health", slug="lakeside-health")


@pytest.fixture
def employer_owner(company):
    membership = MembershipFactory(
        company=company,
        role=Membership.Role.OWNER,
        user=EmployerUserFactory(email="owner@lakeside.example", full_name="Olive Owner"),
    )
    return membership.user


@pytest.fixture
def employer_recruiter(company):
    membership = MembershipFactory(
        company=company,
        role=Membership.Role.RECRUITER,
        user=EmployerUserFactory(email="recruiter@lakeside.example", full_name="Rey Recruiter"),
    )
    return membership.user


@pytest.fixture
def other_employer(db):
    """An owner at a different company: must never see Lakeside Health's things."""
    membership = MembershipFactory(
        company=CompanyFactory(name="Summit Clinics", slug="summit-clinics"),
        role=Membership.Role.OWNER,
        user=EmployerUserFactory(email="owner@summit.example"),
    )
    return membership.user


@pytest.fixture
def outsider(db):
    """Signed in, but with nothing of their own on the site."""
    return UserFactory(email="outsider@example.com")


@pytest.fixture
def staff_editor(db):
    editor = StaffEditorFactory(email="editor@example.com")
    editor.groups.add(Group.objects.get_or_create(name="Editors")[0])
    return editor


@pytest.fixture
def superuser(db):
    """As `createsuperuser` makes one: staff, every permission, an employer account on no team."""
    return UserFactory(email="root@example.com", is_staff=True, is_superuser=True, role="employer")


@pytest.fixture
def private_storage(settings, tmp_path, monkeypatch):
    """Resumes in a throwaway private storage. The model field resolved its storage when it
    was defined, so it is pointed at the new one too."""
    from django.core.files.storage import storages

    from applications.models import Resume

    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
    monkeypatch.setattr(Resume._meta.get_field("file"), "storage", storages["private"])
    return storages["private"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium: Playwright cannot download its own browser on these machines."""
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def commit_after_each_request(client, django_capture_on_commit_callbacks, monkeypatch):
    """Run what each request of `client` queued for after its commit when the request ends,
    as in production (the test's own transaction never commits). Emails are outbox rows whose
    delivery is queued that way."""
    real_request = client.request

    def request(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return real_request(**kwargs)

    monkeypatch.setattr(client, "request", request)
    return client
