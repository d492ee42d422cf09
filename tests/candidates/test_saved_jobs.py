"""Saved jobs: save and unsave (plain POST and htmx), /me/saved/, the once-only closing note."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from candidates.models import SavedJob
from candidates.services import SAVED_JOB_CLOSED_KIND, saved_jobs_notice_closed
from jobs.models import Job
from notifications.models import Notification
from tests.candidates.factories import SavedJobFactory
from tests.factories import ClosedJobFactory, JobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


def test_candidate_saves_a_job_without_javascript_and_goes_back(client, candidate):
    job = PublishedJobFactory()
    client.force_login(candidate)
    response = client.post(reverse("candidates:save_job", args=[job.pk]), {"next": "/jobs/?q=icu"})
    assert response.status_code == 302 and response["Location"] == "/jobs/?q=icu"
    assert SavedJob.objects.filter(user=candidate, job=job).exists()
    # Twice is once.
    client.post(reverse("candidates:save_job", args=[job.pk]))
    assert SavedJob.objects.filter(user=candidate).count() == 1


def test_next_pointing_elsewhere_goes_to_the_job_page(client, candidate):
    job = PublishedJobFactory()
    client.force_login(candidate)
    response = client.post(
        reverse("candidates:save_job", args=[job.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == job.get_absolute_url()


def test_htmx_save_swaps_the_button_and_announces_it(client, candidate):
    job = PublishedJobFactory(title="Night ICU Nurse")
    client.force_login(candidate)
    response = client.post(reverse("candidates:save_job", args=[job.pk]), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("candidates:unsave_job", args=[job.pk]) in html
    assert f'hx-swap-oob="innerHTML:#save-status-{job.pk}"' in html
    assert "Saved Night ICU Nurse to your saved jobs." in html
    response = client.post(reverse("candidates:unsave_job", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert "Removed Night ICU Nurse" in response.content.decode()
    assert not SavedJob.objects.exists()


def test_a_job_that_is_not_live_cannot_be_saved(client, candidate):
    client.force_login(candidate)
    for job in [ClosedJobFactory(), JobFactory()]:
        assert client.post(reverse("candidates:save_job", args=[job.pk])).status_code == 404
    assert not SavedJob.objects.exists()


def test_employers_cannot_save_jobs(client, employer_owner):
    job = PublishedJobFactory()
    client.force_login(employer_owner)
    assert client.post(reverse("candidates:save_job", args=[job.pk])).status_code == 403
    assert not SavedJob.objects.exists()


def test_result_cards_and_job_pages_show_the_saved_state(client, candidate):
    job = PublishedJobFactory(title="Cardiac Step-Down RN")
    SavedJobFactory(user=candidate, job=job)
    client.force_login(candidate)
    search = client.get(reverse("jobs:search")).content.decode()
    assert reverse("candidates:unsave_job", args=[job.pk]) in search
    page = client.get(job.get_absolute_url()).content.decode()
    assert reverse("candidates:unsave_job", args=[job.pk]) in page


def test_guests_and_employers_see_no_save_button(client, employer_owner):
    job = PublishedJobFactory()
    search = client.get("/jobs/").content.decode()
    assert reverse("candidates:save_job", args=[job.pk]) not in search
    client.force_login(employer_owner)
    page = client.get(job.get_absolute_url()).content.decode()
    assert reverse("candidates:save_job", args=[job.pk]) not in page


def test_saved_page_lists_open_and_closed_jobs_with_a_note(client, candidate):
    open_job = PublishedJobFactory(title="Open: Med-Surg RN")
    closed = ClosedJobFactory(title="Closed: ICU RN")
    SavedJobFactory(user=candidate, job=open_job)
    SavedJobFactory(user=candidate, job=closed)
    SavedJobFactory(job=PublishedJobFactory(title="Someone else's save"))
    client.force_login(candidate)
    page = client.get(reverse("candidates:saved")).content.decode()
    assert "Open: Med-Surg RN" in page and "Closed: ICU RN" in page
    assert "Someone else" not in page
    assert "This job closed" in page


def test_closing_note_is_emailed_once_per_saved_job(candidate):
    job = PublishedJobFactory(title="Travel RN")
    saved = SavedJobFactory(user=candidate, job=job)
    SavedJobFactory(job=PublishedJobFactory())  # still open: nothing
    assert saved_jobs_notice_closed() == 0
    Job.objects.filter(pk=job.pk).update(status=Job.Status.CLOSED, closed_at=timezone.now())
    assert saved_jobs_notice_closed() == 1
    assert saved_jobs_notice_closed() == 0
    row = Notification.objects.get(kind=SAVED_JOB_CLOSED_KIND)
    assert row.to_email == candidate.email and "Travel RN" in row.subject
    assert "/me/saved/" in row.body_text and "/me/saved/" in row.body_html
    saved.refresh_from_db()
    assert saved.closed_noticed_at is not None


def test_a_saved_job_past_its_expiry_date_is_noticed_once(candidate):
    SavedJobFactory(user=candidate, job=PublishedJobFactory())
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert saved_jobs_notice_closed() == 1
        assert saved_jobs_notice_closed() == 0
    assert Notification.objects.filter(kind=SAVED_JOB_CLOSED_KIND).count() == 1


def test_a_paused_saved_job_is_not_called_closed(candidate):
    job = PublishedJobFactory()
    SavedJobFactory(user=candidate, job=job)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.PAUSED)
    assert saved_jobs_notice_closed() == 0


def test_the_save_button_inside_the_search_form_leaks_nothing_into_searches(client, candidate):
    job = PublishedJobFactory(title="Telemetry RN")
    client.force_login(candidate)
    html = client.get("/jobs/?q=telemetry").content.decode()
    start = html.index('<form id="job-search"')
    form = html[start : html.index("</form>", start)]
    # No form nested in the search form, no hidden field of ours in it: only the button holds
    # the token, and a browser sends a button's value only when that button is pressed.
    assert form.count("<form") == 1
    assert 'type="hidden" name="csrfmiddlewaretoken"' not in form
    target = reverse("candidates:save_job", args=[job.pk]) + "?next=/jobs/%3Fq%3Dtelemetry"
    assert f'formaction="{target}"' in form
    response = client.post(target, {"q": "telemetry"})
    assert response["Location"] == "/jobs/?q=telemetry"
