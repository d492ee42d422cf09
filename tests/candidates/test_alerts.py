"""Job alerts: saving a search, the run's emails (only new jobs, never twice, nothing when nothing
matched), timing per frequency, guests' confirmation, unsubscribing, and refusals."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from candidates import alerts
from candidates.models import JobAlert, JobAlertDelivery
from jobs.choices import Profession, Shift
from jobs.search import JobSearchForm
from notifications.models import Notification
from tests.factories import CandidateFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db
DIGEST = "alerts.digest"


def alert_for(user, query="q=nurse", **fields):
    alert, _ = alerts.alert_create_for_user(user=user, query_string=query, **fields)
    return alert


def digests(alert=None):
    rows = Notification.objects.filter(kind=DIGEST)
    if alert is not None:
        rows = rows.filter(about_id=alert.pk)
    return list(rows.order_by("pk"))


def later(**delta):
    return time_machine.travel(timezone.now() + timedelta(**delta), tick=False)


# Saving a search ---------------------------------------------------------------------------


def test_candidate_saves_a_search_as_a_daily_alert_from_the_search_page(client, candidate):
    client.force_login(candidate)
    response = client.post(
        reverse("alerts:create"), {"query": "q=icu+nurse&shift=night&page=3&location="}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("candidates:alerts")
    alert = JobAlert.objects.get(user=candidate)
    assert alert.frequency == JobAlert.Frequency.DAILY
    assert alert.query_string == "q=icu+nurse&shift=night"  # page and empty values dropped
    assert alert.label == "“icu nurse” · Night shift"
    assert alert.is_active and alert.is_confirmed
    page = client.get(reverse("candidates:alerts"))
    assert "“icu nurse” · Night shift" in page.content.decode()


def test_the_same_search_twice_is_one_alert(client, candidate):
    client.force_login(candidate)
    client.post(reverse("alerts:create"), {"query": "shift=night&q=nurse"})
    client.post(reverse("alerts:create"), {"query": "q=nurse&shift=night&page=2"})
    assert JobAlert.objects.filter(user=candidate).count() == 1


def test_search_page_shows_the_button_to_guests_and_candidates_not_employers(
    client, candidate, employer_owner
):
    assert "Email me jobs like these" in client.get("/jobs/?q=nurse").content.decode()
    client.force_login(candidate)
    html = client.get("/jobs/?q=nurse&shift=night").content.decode()
    assert 'value="q=nurse&amp;shift=night" form="job-alert-form"' in html
    client.force_login(employer_owner)
    assert "Email me jobs like these" not in client.get("/jobs/?q=nurse").content.decode()


def test_employers_cannot_create_alerts(client, employer_owner):
    client.force_login(employer_owner)
    assert client.post(reverse("alerts:create"), {"query": "q=nurse"}).status_code == 403
    assert not JobAlert.objects.exists()


# The run -----------------------------------------------------------------------------------


def test_daily_alert_emails_new_matches_once_and_nothing_the_next_day(candidate):
    alert = alert_for(candidate, "q=nurse")
    PublishedJobFactory(title="Old ICU Nurse", published_at=timezone.now() - timedelta(hours=2))
    with later(hours=3):
        fresh = [PublishedJobFactory(title=f"ICU Nurse {n}") for n in range(2)]
        PublishedJobFactory(title="Medical Coder", profession=Profession.MEDICAL_CODER)
    with later(days=1, minutes=1):
        assert alerts.alerts_run() == 1
    (email,) = digests(alert)
    for job in fresh:
        assert job.title in email.body_text and job.title in email.body_html
    assert "Old ICU Nurse" not in email.body_text and "Medical Coder" not in email.body_text
    assert email.subject == "2 new jobs: “nurse”"
    assert set(JobAlertDelivery.objects.values_list("job_id", flat=True)) == {j.pk for j in fresh}
    # The next day: nothing new matched, nothing sent.
    with later(days=2, minutes=2):
        assert alerts.alerts_run() == 0
    assert len(digests(alert)) == 1
    # A new match the day after: one more email, with only that job.
    with later(days=2, minutes=3):
        newer = PublishedJobFactory(title="Night Nurse")
    with later(days=3, minutes=4):
        assert alerts.alerts_run() == 1
    last = digests(alert)[-1]
    assert "Night Nurse" in last.body_text and "ICU Nurse 0" not in last.body_text
    assert JobAlertDelivery.objects.filter(alert=alert, job=newer).exists()


def test_a_daily_alert_is_not_due_before_a_day_has_passed(candidate):
    alert_for(candidate, "q=nurse")
    with later(hours=1):
        PublishedJobFactory(title="ICU Nurse")
    with later(hours=23):
        assert alerts.alerts_run() == 0
    with later(days=1, minutes=1):
        assert alerts.alerts_run() == 1


def test_weekly_alert_waits_a_week(candidate):
    alert_for(candidate, "q=nurse", frequency=JobAlert.Frequency.WEEKLY)
    with later(hours=1):
        PublishedJobFactory(title="ICU Nurse")
    with later(days=6):
        assert alerts.alerts_run() == 0
    with later(days=7, minutes=1):
        assert alerts.alerts_run() == 1


def test_instant_alert_sends_at_the_next_five_minute_run(candidate):
    alert = alert_for(candidate, "q=nurse", frequency=JobAlert.Frequency.INSTANT)
    with later(minutes=1):
        PublishedJobFactory(title="ICU Nurse")
    with later(minutes=5):
        assert alerts.alerts_run() == 1
    with later(minutes=10):
        assert alerts.alerts_run() == 0
    assert len(digests(alert)) == 1


def test_no_email_when_nothing_matched(candidate):
    alert_for(candidate, "q=pharmacist")
    with later(hours=1):
        PublishedJobFactory(title="ICU Nurse")
    with later(days=1, minutes=1):
        assert alerts.alerts_run() == 0
    assert not Notification.objects.filter(kind=DIGEST).exists()
    assert JobAlert.objects.get().last_run_at > timezone.now()  # the run happened


def test_paused_and_unconfirmed_alerts_send_nothing(candidate):
    paused = alert_for(candidate, "q=nurse")
    alerts.alert_set_active(alert=paused, active=False)
    alerts.alert_create_for_guest(email="guest@example.com", query_string="q=nurse")
    with later(hours=1):
        PublishedJobFactory(title="ICU Nurse")
    with later(days=1, minutes=1):
        assert alerts.alerts_run() == 0


def test_an_email_lists_at_most_twenty_jobs_and_links_the_full_search(candidate):
    alert = alert_for(candidate, "q=nurse")
    with later(hours=1):
        PublishedJobFactory.create_batch(23, title="ICU Nurse")
    with later(days=1, minutes=1):
        alerts.alerts_run()
    (email,) = digests(alert)
    assert email.body_text.count("ICU Nurse") == alerts.MAX_JOBS_PER_EMAIL
    assert "/jobs/?q=nurse" in email.body_text and "/jobs/?q=nurse" in email.body_html
    assert email.subject.startswith("20+ new jobs")


def test_the_alert_and_the_search_page_agree(client, candidate):
    query = "q=nurse&shift=night&location=Denver%2C+CO&radius=25"
    alert = alert_for(candidate, query)
    with later(hours=1):
        PublishedJobFactory(title="Night ICU Nurse", shift=Shift.NIGHT)
        PublishedJobFactory(
            title="Night Nurse Remote", shift=Shift.NIGHT, city="Boston", state="MA"
        )
        PublishedJobFactory(title="Day ICU Nurse", shift=Shift.DAY)
        PublishedJobFactory(title="Night Charge Nurse", shift=Shift.NIGHT, city="Aurora")
        PublishedJobFactory(title="Night Coder", shift=Shift.NIGHT, profession="medical_coder")
    with later(days=1, minutes=1):
        page_jobs = {job.pk for job in JobSearchForm(QueryDict(query)).search().run().jobs}
        alerts.alerts_run()
    sent = set(JobAlertDelivery.objects.filter(alert=alert).values_list("job_id", flat=True))
    assert sent and sent == page_jobs


def test_a_job_is_never_sent_twice_for_one_alert(candidate):
    alert = alert_for(candidate, "q=nurse", frequency=JobAlert.Frequency.INSTANT)
    with later(minutes=1):
        job = PublishedJobFactory(title="ICU Nurse")
    with later(minutes=5):
        alerts.alerts_run()
    # The job re-published later (its date moves): still not sent again.
    with later(minutes=6):
        type(job).objects.filter(pk=job.pk).update(published_at=timezone.now())
    with later(minutes=10):
        assert alerts.alerts_run() == 0
    assert JobAlertDelivery.objects.filter(alert=alert).count() == 1


def test_the_beat_task_shares_a_run_out_in_chunk_tasks_that_send_each_digest_once(
    django_capture_on_commit_callbacks, settings
):
    """run_job_alerts queues a task per chunk of due alerts (eager here, as in tests); a chunk
    queued again finds its alerts no longer due and sends nothing more."""
    from candidates.tasks import run_job_alert_chunk, run_job_alerts

    owners = CandidateFactory.create_batch(5)
    made = [alert_for(user, "q=nurse") for user in owners]
    with later(hours=1):
        PublishedJobFactory(title="ICU Nurse")
    with later(days=1, minutes=1):
        settings.JOB_ALERTS_CHUNK_SIZE = 2
        with django_capture_on_commit_callbacks(execute=True) as queued:
            assert run_job_alerts.apply(kwargs={}).get() == 3  # 2 + 2 + 1 alerts
        assert len(queued) >= 3
        assert {d.about_id for d in digests()} == {a.pk for a in made}
        assert run_job_alert_chunk(made[0].pk, made[-1].pk, timezone.now().isoformat()) == 0
    assert len(digests()) == 5


def test_emails_carry_one_click_unsubscribe_headers(candidate, settings):
    alert = alert_for(candidate, "q=nurse")
    with later(hours=1):
        PublishedJobFactory(title="ICU Nurse")
    with later(days=1, minutes=1):
        alerts.alerts_run()
    (email,) = digests(alert)
    assert email.key.startswith(f"alerts.digest:alert:{alert.pk}:run:")
    header = email.headers["List-Unsubscribe"]
    assert re.fullmatch(
        re.escape(settings.SITE_URL) + r"/alerts/unsubscribe/[^/]+/>, <mailto:[^>]+>", header[1:]
    )
    assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert header[1:].split(">")[0] in email.body_text
    assert email.user_id == candidate.pk and email.to_email == candidate.email


def test_two_hundred_alerts_cost_a_constant_per_chunk_and_a_second_run_sends_nothing(candidate):
    users = CandidateFactory.create_batch(20)
    queries = ["q=nurse", "q=icu", "shift=night", "q=nurse&shift=night", "location=Denver%2C+CO"]
    for n in range(200):
        # Each of the 20 candidates has 10 different searches.
        alert_for(users[n // 10], f"{queries[n % 5]}&radius={[10, 25][n % 10 // 5]}")
    with later(hours=1):
        PublishedJobFactory.create_batch(3, title="ICU Nurse", shift=Shift.NIGHT)
    with later(days=1, minutes=1):
        with CaptureQueriesContext(connection) as run:
            assert alerts.alerts_run(chunk_size=50) == 200
        with CaptureQueriesContext(connection) as again:
            assert alerts.alerts_run(chunk_size=50) == 0
    # No query per alert: per chunk of 50, the due ids, the alerts, the sent pairs, one
    # INSERT of deliveries, the jobs listed, the outbox rows, the UPDATE, and savepoints; the
    # new jobs and one query for every text, once for the run.
    assert len(run.captured_queries) <= 4 * 13 + 3
    text_queries = [q for q in run.captured_queries if "@@" in q["sql"]]
    assert len(text_queries) == 1
    assert len(again.captured_queries) <= 3  # one SELECT of due alerts, in a savepoint
    assert Notification.objects.filter(kind=DIGEST).count() == 200
    assert JobAlertDelivery.objects.count() == 600


def test_each_job_of_a_digest_shows_its_link_company_place_and_pay_escaped(candidate, settings):
    alert = alert_for(candidate, "q=nurse")
    with later(hours=1):
        job = PublishedJobFactory(title="ICU Nurse <Nights> & Weekends", company__name="Ames & Co")
    with later(days=1, minutes=1):
        assert alerts.alerts_run() == 1
    (email,) = digests(alert)
    link = settings.SITE_URL + job.get_absolute_url()
    for part in (email.body_text, email.body_html):
        assert link in part and job.location_label in part and job.pay_label in part
    assert "ICU Nurse <Nights> & Weekends" in email.body_text and "Ames & Co" in email.body_text
    assert "ICU Nurse &lt;Nights&gt; &amp; Weekends" in email.body_html
    assert "Ames &amp; Co" in email.body_html and "<Nights>" not in email.body_html
    assert "daily job alert" in email.body_text and "daily job alert" in email.body_html


def test_a_run_retried_after_sending_sends_nothing_more(candidate):
    alert_for(candidate, "q=nurse")
    with later(hours=1):
        PublishedJobFactory(title="ICU Nurse")
    moment = timezone.now() + timedelta(days=1, minutes=1)
    assert alerts.alerts_run(now=moment) == 1
    assert alerts.alerts_run(now=moment) == 0
    assert Notification.objects.filter(kind=DIGEST).count() == 1


# Guests ------------------------------------------------------------------------------------


def test_guest_gives_an_email_and_must_confirm_it_first(client):
    first = client.post(reverse("alerts:create"), {"query": "q=nurse"})
    assert first.status_code == 200 and "Your email" in first.content.decode()
    response = client.post(
        reverse("alerts:create"),
        {"query": "q=nurse", "email": "guest@example.com", "frequency": "weekly"},
    )
    assert "Check your email" in response.content.decode()
    alert = JobAlert.objects.get(email="guest@example.com")
    assert not alert.is_confirmed and alert.frequency == "weekly"
    confirmation = Notification.objects.get(kind="alerts.confirm")
    link = re.search(r"https?://\S+/alerts/confirm/\S+/", confirmation.body_text)[0]
    path = urlsplit(link).path
    assert "Confirm the alert" in client.get(path).content.decode()
    alert.refresh_from_db()
    assert not alert.is_confirmed  # a GET (a mail scanner) confirms nothing
    response = client.post(path)
    assert response.status_code == 302 and "/alerts/manage/" in response["Location"]
    alert.refresh_from_db()
    assert alert.is_confirmed
    with later(hours=1):
        PublishedJobFactory(title="ICU Nurse")
    with later(days=7, minutes=1):
        assert alerts.alerts_run() == 1
    email = digests(alert)[0]
    assert email.to_email == "guest@example.com"
    assert "/alerts/manage/" in email.body_text


def test_guest_alert_creation_is_rate_limited_per_ip(client):
    for n in range(5):
        client.post(
            reverse("alerts:create"), {"query": f"q=nurse{n}", "email": f"g{n}@example.com"}
        )
    response = client.post(
        reverse("alerts:create"), {"query": "q=coder", "email": "g9@example.com"}
    )
    assert response.status_code == 429
    assert JobAlert.objects.count() == 5


def test_a_bad_or_tampered_link_is_a_404(client):
    alert = alerts.alert_create_for_guest(email="guest@example.com", query_string="q=nurse")
    token = alerts.manage_token(alert)
    assert client.get(reverse("alerts:manage", args=[token + "x"])).status_code == 404
    assert client.get(reverse("alerts:confirm", args=[token])).status_code == 404  # wrong salt
    assert client.post(reverse("alerts:unsubscribe", args=["nonsense"])).status_code == 404


def test_guest_manages_the_alert_from_the_emailed_link(client):
    alert = alerts.alert_create_for_guest(email="guest@example.com", query_string="q=nurse")
    alerts.alert_confirm(alert=alert)
    url = reverse("alerts:manage", args=[alerts.manage_token(alert)])
    assert "guest@example.com" in client.get(url).content.decode()
    client.post(url, {"action": "frequency", "frequency": "instant"})
    client.post(url, {"action": "pause"})
    alert.refresh_from_db()
    assert alert.frequency == "instant" and not alert.is_active
    client.post(url, {"action": "delete"})
    assert not JobAlert.objects.exists()


# Unsubscribing ----------------------------------------------------------------------------


def test_one_click_unsubscribe_needs_no_csrf_token(candidate):
    alert = alert_for(candidate)
    client = Client(enforce_csrf_checks=True)
    url = reverse("alerts:unsubscribe", args=[alerts.manage_token(alert)])
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    alert.refresh_from_db()
    assert not alert.is_active


def test_unsubscribe_page_asks_before_stopping(client, candidate):
    alert = alert_for(candidate)
    url = reverse("alerts:unsubscribe", args=[alerts.manage_token(alert)])
    page = client.get(url)
    assert page.status_code == 200 and "Unsubscribe" in page.content.decode()
    alert.refresh_from_db()
    assert alert.is_active
    assert "You are unsubscribed" in client.post(url).content.decode()
    alert.refresh_from_db()
    assert not alert.is_active


# The candidate's page ---------------------------------------------------------------------


def test_candidate_changes_frequency_pauses_and_deletes(client, candidate):
    alert = alert_for(candidate)
    client.force_login(candidate)
    client.post(reverse("candidates:alert_frequency", args=[alert.pk]), {"frequency": "weekly"})
    client.post(reverse("candidates:alert_pause", args=[alert.pk]), {"active": "0"})
    alert.refresh_from_db()
    assert alert.frequency == "weekly" and not alert.is_active
    assert "Paused" in client.get(reverse("candidates:alerts")).content.decode()
    client.post(reverse("candidates:alert_pause", args=[alert.pk]), {"active": "1"})
    alert.refresh_from_db()
    assert alert.is_active
    client.post(reverse("candidates:alert_delete", args=[alert.pk]))
    assert not JobAlert.objects.exists()


def test_an_unknown_frequency_is_refused(client, candidate):
    alert = alert_for(candidate)
    client.force_login(candidate)
    client.post(reverse("candidates:alert_frequency", args=[alert.pk]), {"frequency": "hourly"})
    alert.refresh_from_db()
    assert alert.frequency == "daily"


def test_another_candidates_alert_is_a_404(client, candidate):
    other = alert_for(CandidateFactory(), "q=coder")
    client.force_login(candidate)
    for name in ["alert_frequency", "alert_pause", "alert_delete"]:
        response = client.post(
            reverse(f"candidates:{name}", args=[other.pk]), {"frequency": "weekly"}
        )
        assert response.status_code == 404
    other.refresh_from_db()
    assert other.frequency == "daily" and other.is_active


def test_get_is_refused_on_the_post_endpoints(client, candidate):
    alert = alert_for(candidate)
    client.force_login(candidate)
    for name in ["alert_frequency", "alert_pause", "alert_delete"]:
        assert client.get(reverse(f"candidates:{name}", args=[alert.pk])).status_code == 405
    assert client.get(reverse("alerts:create")).status_code == 405
    assert JobAlert.objects.filter(pk=alert.pk, is_active=True).exists()


def test_demo_candidate_gets_two_alerts_once():
    from demo.candidates import seed_job_alerts

    maria = CandidateFactory(email="maria.alvarez@example.com")
    assert seed_job_alerts(maria) == 2
    assert seed_job_alerts(maria) == 0
    labels = sorted(JobAlert.objects.filter(user=maria).values_list("label", flat=True))
    assert labels == [
        "All jobs · Registered Nurse · Travel contracts",
        "“icu nurse” within 25 miles of Denver, CO · Night shift",
    ]


def test_the_signed_links_do_not_carry_the_address(candidate):
    import base64

    alert = alert_for(candidate)
    payload = alerts.manage_token(alert).split(":")[0]
    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    assert b"candidate@example.com" not in decoded
    assert alerts.alert_from_manage_token(alerts.manage_token(alert)) == alert


def test_a_candidate_with_the_most_alerts_is_refused_another(client, candidate):
    for n in range(alerts.MAX_ALERTS_PER_USER):
        alert_for(candidate, f"q=nurse{n}")
    client.force_login(candidate)
    response = client.post(reverse("alerts:create"), {"query": "q=coder"}, follow=True)
    assert "delete one first" in response.content.decode()
    assert JobAlert.objects.filter(user=candidate).count() == alerts.MAX_ALERTS_PER_USER
