"""One control character in a job title or company name made /jobs/feed/ answer 500 for everyone:
forms strip control characters as text arrives, and every feed strips them as it writes."""

import pytest
from django import forms

from articles.models import Article
from employers.models import Company
from infra.text import StripControlCharactersMixin, strip_control_characters
from jobs.models import Job
from pages.models import ContactMessage
from tests.articles.factories import PublishedArticleFactory
from tests.factories import CompanyFactory, PublishedJobFactory
from tests.jobs.test_posting import job_data

pytestmark = pytest.mark.django_db

CONTROL = "\x01"


def test_strip_control_characters_keeps_tabs_newlines_and_ordinary_text():
    assert strip_control_characters("Nurse\x01\x00\x1b\x7f\x85 RN\tnights\r\n¡sí! 看护") == (
        "Nurse RN\tnights\r\n¡sí! 看护"
    )


# Feeds: rows saved before the fix (or by another path) -----------------------------------


@pytest.fixture
def poisoned_job(db):
    company = CompanyFactory(name=f"Lakeside{CONTROL} Health", slug="lakeside-health")
    return PublishedJobFactory(company=company, title=f"Registered{CONTROL} Nurse")


def test_job_rss_feed_survives_a_control_character(client, poisoned_job):
    response = client.get("/jobs/feed/")

    assert response.status_code == 200
    body = response.content.decode()
    assert "Registered Nurse, Lakeside Health" in body
    assert CONTROL not in body


def test_aggregator_feed_survives_a_control_character(client, poisoned_job):
    response = client.get("/jobs/feed.xml")

    body = b"".join(response.streaming_content).decode()
    assert response.status_code == 200
    assert "<title>Registered Nurse</title>" in body
    assert "<company>Lakeside Health</company>" in body
    assert CONTROL not in body


def test_article_feed_survives_a_control_character(client):
    PublishedArticleFactory(title=f"Night{CONTROL} shift pay", summary=f"What{CONTROL} it pays.")

    response = client.get("/blog/feed/")

    assert response.status_code == 200
    body = response.content.decode()
    assert "Night shift pay" in body
    assert CONTROL not in body
    assert Article.objects.count() == 1


# Forms: nothing reaches the database ------------------------------------------------------


def test_job_form_strips_control_characters(client, employer_owner):
    client.force_login(employer_owner)

    client.post(
        "/dashboard/jobs/new/",
        job_data(title=f"Registered{CONTROL} Nurse", specialty=f"ICU{CONTROL}"),
    )

    job = Job.objects.get()
    assert (job.title, job.specialty) == ("Registered Nurse", "ICU")


def test_a_title_of_only_control_characters_is_a_missing_title(client, employer_owner):
    client.force_login(employer_owner)

    response = client.post("/dashboard/jobs/new/", job_data(title=CONTROL * 3))

    assert response.status_code == 400
    assert not Job.objects.exists()
    assert response.context["form"].errors["title"]


def test_company_profile_form_strips_control_characters(client, employer_owner, company):
    from tests.employers.test_company_profile import URL, profile

    client.force_login(employer_owner)

    client.post(URL, profile(name=f"Lakeside{CONTROL} Health System"))

    company.refresh_from_db()
    assert company.name == "Lakeside Health System"
    assert not Company.objects.filter(name__contains=CONTROL).exists()


def test_contact_form_strips_control_characters(client):
    client.post(
        "/contact/",
        {
            "name": f"Jane{CONTROL} Applicant",
            "email": "jane@example.com",
            "topic": ContactMessage.Topic.GHOSTING,
            "message": f"Sunpath never{CONTROL} answered my application for the RN night shift.",
            "website": "",
        },
    )

    message = ContactMessage.objects.get()
    assert CONTROL not in message.name + message.message


class _Form(StripControlCharactersMixin, forms.Form):
    name = forms.CharField()
    secret = forms.CharField(widget=forms.PasswordInput)


def test_mixin_leaves_passwords_exactly_as_typed_and_honours_prefixes():
    form = _Form({"p-name": f"A{CONTROL}B", "p-secret": f"pa{CONTROL}ss"}, prefix="p")

    assert form.is_valid()
    assert form.cleaned_data == {"name": "AB", "secret": f"pa{CONTROL}ss"}
