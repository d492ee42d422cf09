"""One presenter of a job's facts: the employer's preview shows what the job page shows."""

import re

import pytest
from django.utils.html import escape

from jobs.choices import Credential
from jobs.presenters import job_facts
from tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db


def facts_in(html: str) -> list[tuple[str, str]]:
    [facts] = re.findall(r'<dl class="key-facts">(.*?)</dl>', html, flags=re.S)
    return re.findall(r"<div><dt>(.*?)</dt><dd>(.*?)</dd></div>", facts)


def test_the_preview_and_the_job_page_show_the_same_facts(client, employer_owner, company):
    job = PublishedJobFactory(
        company=company,
        required_credentials=[Credential.values[0]],
        license_states=["CO", "WA"],
        sign_on_bonus=5000,
    )
    client.force_login(employer_owner)

    page = facts_in(client.get(job.get_absolute_url()).content.decode())
    preview = facts_in(client.get(f"/dashboard/jobs/{job.pk}/").content.decode())

    expected = [(fact.label, escape(fact.value)) for fact in job_facts(job)]
    assert page == preview == expected
    assert ("License in", "Colorado, Washington") in expected
    assert ("Required", Credential.choices[0][1]) in expected
    assert ("Sign-on bonus", "$5,000") in expected


def test_a_remote_job_says_where_it_hires():
    job = PublishedJobFactory.build(workplace_type="remote", remote_states=[])
    assert ("Hires in", "Anywhere in the US") in [(f.label, f.value) for f in job_facts(job)]
