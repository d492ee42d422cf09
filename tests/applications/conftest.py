"""Fixtures of the applications tests: resumes go to a temporary private storage."""

import pytest

import notifications.tasks  # noqa: F401  (registers delivery, so emails go out on commit)
from tests.applications.factories import ApplicationFactory
from tests.factories import PublishedJobFactory


@pytest.fixture(autouse=True)
def _private_storage(private_storage):
    return private_storage


@pytest.fixture
def job(company):
    return PublishedJobFactory(company=company, title="Med-Surg RN")


@pytest.fixture
def application(job, candidate):
    return ApplicationFactory(job=job, candidate=candidate)
