"""seed_demo creates accounts with a published password: it must never run in production."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from tests.test_production_settings import SAFE_PRODUCTION_ENV, run_manage

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_seed_demo_refuses_in_production_and_creates_nothing(settings):
    settings.DJANGO_ENV = "production"

    with pytest.raises(CommandError, match="refuses to run in production"):
        call_command("seed_demo")

    assert not User.objects.exists()


def test_seed_demo_exits_non_zero_with_a_clear_message_under_production_settings():
    result = run_manage(SAFE_PRODUCTION_ENV, "seed_demo")

    assert result.returncode != 0
    assert "refuses to run in production" in result.stderr
    assert "createsuperuser" in result.stderr


def test_compose_stack_never_loads_the_demo_data():
    compose_text = (ROOT / "docker-compose.yml").read_text()

    assert "seed_demo" not in compose_text
    assert "command: python manage.py migrate --no-input" in compose_text
