"""Long pipeline actions run in the background (issue 15): bulk "not selected" and the CSV
export of more applicants than PIPELINE_SYNC_LIMIT become a PipelineAction row and a Celery
task given its id; the team follows a progress page (htmx polling, a plain link without
JavaScript), an export is emailed when ready and downloaded through the team's door only."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from applications import pipeline_actions
from applications.models import Application, PipelineAction, Stage
from applications.services import applications_not_selected
from notifications.models import Notification
from tests.applications.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

BULK = reverse("applications_dashboard:bulk_not_selected")


@pytest.fixture(autouse=True)
def _small_limit(settings, private_storage, monkeypatch):
    settings.PIPELINE_SYNC_LIMIT = settings.PIPELINE_EXPORT_SYNC_LIMIT = 2
    monkeypatch.setattr(PipelineAction._meta.get_field("file"), "storage", private_storage)


@pytest.fixture
def three(job):
    return [ApplicationFactory(job=job) for _ in range(3)]


def action_page(client, action, **headers):
    return client.get(reverse("applications_dashboard:action", args=[action.pk]), **headers)


def test_many_applicants_are_answered_in_the_background_with_a_progress_page(
    client, employer_owner, three, django_capture_on_commit_callbacks
):
    client.force_login(employer_owner)

    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(
            BULK, {"application": [a.pk for a in three], "message": "We went another way."}
        )

    action = PipelineAction.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("applications_dashboard:action", args=[action.pk])
    assert (action.kind, action.state, action.total) == ("not_selected", "queued", 3)
    assert not Application.objects.filter(stage=Stage.NOT_SELECTED).exists()  # not yet
    page = action_page(client, action).content.decode()
    assert "Waiting to start" in page and "<strong>0</strong> of 3 applicants" in page
    assert 'hx-trigger="every 2s"' in page  # polls while it runs
    assert ">Check again</a>" in page  # and a plain link without JavaScript

    with django_capture_on_commit_callbacks(execute=True):
        for callback in queued:  # the commit: the task is queued, and (eager) runs
            callback()

    action.refresh_from_db()
    assert (action.state, action.done, action.moved) == ("done", 3, 3)
    assert Application.objects.filter(stage=Stage.NOT_SELECTED).count() == 3
    assert Notification.objects.filter(kind="applications.stage_changed").count() == 3
    page = action_page(client, action).content.decode()
    assert "3 applicants told “not selected”" in page
    assert "hx-trigger" not in page  # finished: polling stops


def test_the_progress_block_alone_answers_htmx(client, employer_owner, three):
    action = pipeline_actions.not_selected_start(
        company=three[0].company, author=employer_owner, application_ids=[three[0].pk], message="x"
    )
    client.force_login(employer_owner)

    html = action_page(client, action, HTTP_HX_REQUEST="true").content.decode()

    assert html.lstrip().startswith('<section id="progress"')
    assert "<html" not in html


def test_a_few_applicants_are_answered_at_once_without_a_background_action(
    client, employer_owner, three
):
    client.force_login(employer_owner)

    client.post(BULK, {"application": [three[0].pk, three[1].pk], "message": "Thank you."})

    assert not PipelineAction.objects.exists()
    assert Application.objects.filter(stage=Stage.NOT_SELECTED).count() == 2


def test_running_an_action_twice_answers_each_applicant_once(employer_owner, three):
    action = pipeline_actions.not_selected_start(
        company=three[0].company,
        author=employer_owner,
        application_ids=[a.pk for a in three],
        message="Thank you.",
    )

    assert pipeline_actions.action_run(action_id=action.pk) is True
    assert pipeline_actions.action_run(action_id=action.pk) is False

    assert Notification.objects.filter(kind="applications.stage_changed").count() == 3


def test_an_action_whose_worker_died_is_resumed_and_sends_nothing_twice(
    employer_owner, three, django_capture_on_commit_callbacks
):
    action = pipeline_actions.not_selected_start(
        company=three[0].company,
        author=employer_owner,
        application_ids=[a.pk for a in three],
        message="Thank you.",
    )
    # The dead worker answered the first applicant, then stopped touching the row.
    applications_not_selected(
        company=action.company,
        application_ids=[three[0].pk],
        message="Thank you.",
        author=employer_owner,
    )
    PipelineAction.objects.filter(pk=action.pk).update(
        state="running", done=1, touched_at=timezone.now() - timedelta(minutes=11)
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert pipeline_actions.actions_resume_stalled() == 1  # queued again (eager: it runs)

    action.refresh_from_db()
    assert action.state == "done" and action.done == 3
    assert Application.objects.filter(stage=Stage.NOT_SELECTED).count() == 3
    assert Notification.objects.filter(kind="applications.stage_changed").count() == 3


def test_an_action_a_live_worker_holds_is_left_alone(employer_owner, three):
    action = pipeline_actions.not_selected_start(
        company=three[0].company, author=employer_owner, application_ids=[three[0].pk], message="x"
    )
    PipelineAction.objects.filter(pk=action.pk).update(state="running", touched_at=timezone.now())

    assert pipeline_actions.action_run(action_id=action.pk) is False
    assert pipeline_actions.actions_resume_stalled() == 0
    assert Application.objects.get(pk=three[0].pk).stage == Stage.SUBMITTED


def test_a_big_export_is_prepared_in_the_background_emailed_and_downloaded_by_the_team(
    client, job, employer_owner, employer_recruiter, three, django_capture_on_commit_callbacks
):
    client.force_login(employer_owner)
    confirm = client.get(reverse("applications_dashboard:job_export", args=[job.pk]))
    assert confirm.status_code == 200
    assert "Export 3 applicants" in confirm.content.decode()
    assert f'name="job" value="{job.pk}"' in confirm.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("applications_dashboard:export_start"), {"job": job.pk})

    action = PipelineAction.objects.get()
    assert response["Location"] == reverse("applications_dashboard:action", args=[action.pk])
    assert (action.kind, action.state, action.total, action.job_id) == ("export", "done", 3, job.pk)
    email = Notification.objects.get(kind="applications.export_ready")
    assert email.to_email == employer_owner.email
    assert reverse("applications_dashboard:action", args=[action.pk]) in email.body_text
    assert "Download the CSV" in action_page(client, action).content.decode()
    # A teammate downloads it; the file is private (not a media URL).
    client.force_login(employer_recruiter)
    download = client.get(reverse("applications_dashboard:action_download", args=[action.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Cache-Control"] == "private, no-store"
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode())))
    assert rows[0][0] == "Candidate" and len(rows) == 4
    assert not action.file.name.startswith(("/", "media"))


def test_another_company_never_sees_an_action_or_its_file(
    client, employer_owner, other_employer, three
):
    action = pipeline_actions.export_start(
        company=three[0].company, author=employer_owner, filters={}
    )
    pipeline_actions.action_run(action_id=action.pk)
    client.force_login(other_employer)

    assert action_page(client, action).status_code == 404
    url = reverse("applications_dashboard:action_download", args=[action.pk])
    assert client.get(url).status_code == 404


def test_an_unfinished_export_has_nothing_to_download(client, employer_owner, three):
    action = pipeline_actions.export_start(
        company=three[0].company, author=employer_owner, filters={}
    )
    client.force_login(employer_owner)

    url = reverse("applications_dashboard:action_download", args=[action.pk])
    assert client.get(url).status_code == 404


def test_the_background_export_follows_the_filters(employer_owner, job, three):
    Application.objects.filter(pk=three[0].pk).update(stage=Stage.INTERVIEW)
    action = pipeline_actions.export_start(
        company=job.company, author=employer_owner, filters={"stage": "interview"}
    )

    pipeline_actions.action_run(action_id=action.pk)

    action.refresh_from_db()
    rows = list(csv.reader(io.StringIO(action.file.read().decode())))
    assert action.total == 1 and len(rows) == 2


def test_starting_an_export_or_a_bulk_answer_refuses_get(client, employer_owner):
    client.force_login(employer_owner)

    assert client.get(reverse("applications_dashboard:export_start")).status_code == 405
    assert client.get(BULK).status_code == 405
    assert not PipelineAction.objects.exists()


def test_the_applicants_page_says_when_an_export_is_ready(client, employer_owner, three):
    action = pipeline_actions.export_start(
        company=three[0].company, author=employer_owner, filters={}
    )
    pipeline_actions.action_run(action_id=action.pk)
    client.force_login(employer_owner)

    html = client.get(reverse("applications_dashboard:inbox")).content.decode()

    download = reverse("applications_dashboard:action_download", args=[action.pk])
    assert "CSV export</strong>: done" in html and f'href="{download}"' in html


def test_finished_actions_and_their_files_go_after_a_week(employer_owner, three):
    action = pipeline_actions.export_start(
        company=three[0].company, author=employer_owner, filters={}
    )
    pipeline_actions.action_run(action_id=action.pk)
    PipelineAction.objects.filter(pk=action.pk).update(
        finished_at=timezone.now() - timedelta(days=8)
    )

    assert pipeline_actions.actions_purge_old() == 1
    assert not PipelineAction.objects.exists()
