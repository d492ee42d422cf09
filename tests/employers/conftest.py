"""Fixtures of the employers tests: uploads go to a temporary MEDIA_ROOT."""

import pytest

from tests.factories import EmployerUserFactory, UserFactory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def superuser(db):
    return UserFactory(email="admin@example.com", is_staff=True, is_superuser=True, role="employer")


@pytest.fixture
def lone_employer(db):
    """An employer account that is on no company's team yet."""
    return EmployerUserFactory(email="newhire@example.com", full_name="Nia Newhire")
