"""Job descriptions are capped: a 2.4 MB one was accepted, and about 2 MB of distinct words made
the full-text index fail with a 500."""

import pytest

from jobs.forms import DESCRIPTION_MAX_CHARS
from jobs.models import Job
from tests.jobs.test_posting import job_data

pytestmark = pytest.mark.django_db

NEW = "/dashboard/jobs/new/"


def distinct_words(n_chars: int) -> str:
    words, length, i = [], 0, 0
    while length < n_chars:
        word = f"w{i:x}z"
        words.append(word)
        length += len(word) + 1
        i += 1
    return " ".join(words)[:n_chars].strip()


def field_errors(response, name="description") -> list[str]:
    return response.context["form"].errors.get(name, [])


def test_a_description_of_megabytes_is_refused_with_a_clear_message(client, employer_owner):
    client.force_login(employer_owner)

    response = client.post(NEW, job_data(description=distinct_words(2_400_000)))

    assert response.status_code == 400
    assert not Job.objects.exists()
    [error] = field_errors(response)
    assert "Keep it to 20,000 characters of text" in error


def test_one_character_over_the_cap_is_refused_and_says_how_long_it_is(client, employer_owner):
    client.force_login(employer_owner)
    text = "a" * (DESCRIPTION_MAX_CHARS + 1)

    response = client.post(NEW, job_data(description=text))

    assert not Job.objects.exists()
    [error] = field_errors(response)
    assert "Keep the description to 20,000 characters (you have 20,001)" in error


def test_a_description_at_the_cap_is_saved_and_indexed(client, employer_owner):
    client.force_login(employer_owner)
    text = distinct_words(DESCRIPTION_MAX_CHARS)

    response = client.post(NEW, job_data(description=text))

    assert response.status_code == 302
    job = Job.objects.get()
    assert job.search_vector is not None
