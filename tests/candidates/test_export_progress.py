"""A candidate's data export shows its progress (issue 15): asking for it leads to a status page
that polls itself with htmx (and has a plain link without JavaScript) until the zip is ready,
then offers the download; only its owner sees it; a lost or killed build is queued again."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.services import resume_add
from candidates import privacy
from candidates.models import DataExport
from tests.applications.helpers import pdf_upload
from tests.factories import CandidateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _storage(private_storage, monkeypatch):
    monkeypatch.setattr(DataExport._meta.get_field("file"), "storage", private_storage)


def status_url(export):
    return reverse("candidates:export_status", args=[export.pk])


def test_asking_for_the_export_leads_to_its_progress_until_it_is_ready(
    client, candidate, django_capture_on_commit_callbacks
):
    client.force_login(candidate)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(reverse("candidates:export_request"))

    export = DataExport.objects.get()
    assert response["Location"] == status_url(export)
    page = client.get(status_url(export)).content.decode()
    assert "Waiting to start" in page
    assert 'hx-trigger="every 2s"' in page and ">Check again</a>" in page
    assert "Download your data" not in page

    with django_capture_on_commit_callbacks(execute=True):
        for callback in queued:
            callback()

    export.refresh_from_db()
    assert (export.state, export.done, export.total) == ("done", 1, 1)
    page = client.get(status_url(export)).content.decode()
    assert "hx-trigger" not in page
    assert f'href="{reverse("candidates:export_download", args=[export.pk])}"' in page


def test_each_resume_is_a_step_of_the_progress(candidate):
    for name in ("a.pdf", "b.pdf"):
        resume_add(owner=candidate, upload=pdf_upload(name), file_format="pdf")
    export = DataExport.objects.create(user=candidate)

    assert privacy.export_build(export_id=export.pk) is True

    export.refresh_from_db()
    assert (export.total, export.done, export.percent) == (3, 3, 100)


def test_the_progress_block_alone_answers_htmx(client, candidate):
    export = DataExport.objects.create(user=candidate)
    client.force_login(candidate)

    html = client.get(status_url(export), HTTP_HX_REQUEST="true").content.decode()

    assert html.lstrip().startswith('<section id="progress"') and "<html" not in html


def test_another_candidate_gets_404_for_the_status(client, candidate):
    export = DataExport.objects.create(user=CandidateFactory())
    client.force_login(candidate)

    assert client.get(status_url(export)).status_code == 404


def test_an_export_whose_task_was_lost_is_queued_again(
    candidate, django_capture_on_commit_callbacks
):
    lost = DataExport.objects.create(
        user=candidate, queued_at=timezone.now() - timedelta(minutes=5)
    )
    fresh = DataExport.objects.create(user=CandidateFactory())

    with django_capture_on_commit_callbacks(execute=True):
        assert privacy.exports_resume_stalled() == 1  # eager: it runs now

    lost.refresh_from_db()
    fresh.refresh_from_db()
    assert lost.is_ready and not fresh.is_ready
