"""A job description is shown as HTML: it is sanitized on every write path (the employer's form,
admin) and again wherever it is rendered (job page, dashboard preview, both feeds)."""

import pytest
from django import forms
from django.contrib.postgres.forms import SimpleArrayField

from jobs.models import Job
from tests.factories import PublishedJobFactory, UserFactory

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("xss")</script>'
ONERROR = '<img src=x onerror="alert(1)">'
DIRTY = f"<p>Night shift on 4 West.{SCRIPT}{ONERROR} Great team, {'fair pay, ' * 10}</p>"


def post_data_from(form) -> dict:
    """What the browser would send back for the admin form as it is shown."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        widget = getattr(field.widget, "widget", field.widget)  # admin wraps related widgets
        if isinstance(widget, forms.MultiWidget):
            parts = widget.decompress(value)
            for index, (part, sub) in enumerate(zip(parts, widget.widgets, strict=True)):
                data[f"{name}_{index}"] = sub.format_value(part) or ""
        elif isinstance(field, SimpleArrayField):
            data[name] = field.prepare_value(value) or ""
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list):
            data[name] = value
        elif value is not None:
            formatted = widget.format_value(value) if hasattr(widget, "format_value") else value
            data[name] = "" if formatted is None else formatted
    return data


@pytest.fixture
def superuser(db):
    return UserFactory(email="root@example.com", is_staff=True, is_superuser=True)


def test_a_script_saved_through_admin_is_removed(client, superuser, company):
    job = PublishedJobFactory(company=company)
    client.force_login(superuser)
    url = f"/admin/jobs/job/{job.pk}/change/"
    data = post_data_from(client.get(url).context["adminform"].form)
    data["description"] = DIRTY

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    job.refresh_from_db()
    assert "<script" not in job.description
    assert "onerror" not in job.description
    assert "Night shift on 4 West." in job.description


def test_admin_refuses_a_description_of_megabytes(client, superuser, company):
    job = PublishedJobFactory(company=company)
    client.force_login(superuser)
    url = f"/admin/jobs/job/{job.pk}/change/"
    data = post_data_from(client.get(url).context["adminform"].form)
    data["description"] = "word " * 30_000

    response = client.post(url, data)

    assert response.status_code == 200
    assert "Keep it to 20,000 characters" in str(response.context["adminform"].form.errors)


@pytest.fixture
def raw_job(company):
    """A row saved without going through any form (an import, the shell, an old admin save)."""
    company.is_verified = True
    company.save()
    job = PublishedJobFactory(company=company)
    Job.objects.filter(pk=job.pk).update(description=DIRTY)
    return Job.objects.get(pk=job.pk)


def assert_clean(html: str):
    assert "<script" not in html and "&lt;script" not in html
    assert "onerror" not in html
    assert "Night shift on 4 West." in html


def test_dashboard_preview_sanitizes_as_it_renders(client, employer_owner, raw_job):
    client.force_login(employer_owner)

    html = client.get(f"/dashboard/jobs/{raw_job.pk}/").content.decode()

    assert 'alert("xss")' not in html
    assert "onerror" not in html
    assert "Night shift on 4 West." in html


def test_job_page_sanitizes_as_it_renders(client, raw_job):
    html = client.get(raw_job.get_absolute_url()).content.decode()

    assert 'alert("xss")' not in html
    assert "onerror" not in html


def test_rss_feed_sanitizes_as_it_writes(client, raw_job):
    assert_clean(client.get("/jobs/feed/").content.decode())


def test_aggregator_feed_sanitizes_as_it_writes(client, raw_job):
    response = client.get("/jobs/feed.xml")

    assert_clean(b"".join(response.streaming_content).decode())
