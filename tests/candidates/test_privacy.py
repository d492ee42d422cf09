"""Privacy: the data export (its content, only for its owner, expiring), account deletion
(no personal data or file left, the employers' figures unchanged, a receipt), and the retention
purge of inactive accounts."""

import io
import json
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.apps import apps
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from applications.models import Application, ApplicationEvent, Resume, ScreeningAnswer
from applications.responsiveness import companies_refresh_responsiveness
from applications.selectors import applicant_counts_by_job
from candidates import privacy
from candidates.models import CandidateInvitation, CandidateProfile, CompanyBlock, DataExport
from candidates.tasks import purge_inactive_candidate_data
from notifications.models import Notification
from tests.applications.deadline_factories import (
    AnsweredApplicationFactory,
    OverdueApplicationFactory,
)
from tests.applications.factories import ApplicationFactory, ResumeFactory
from tests.candidates.factories import (
    CertificationFactory,
    DenverProfileFactory,
    EducationFactory,
    LicenseFactory,
    SavedJobFactory,
    WorkExperienceFactory,
)
from tests.factories import CandidateFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a long and good password"


@pytest.fixture
def storage(private_storage, monkeypatch):
    monkeypatch.setattr(DataExport._meta.get_field("file"), "storage", private_storage)
    return private_storage


@pytest.fixture
def casey(storage):
    """A candidate with something in every section, two applications and a resume."""
    user = CandidateFactory(email="casey.unique@example.com", full_name="Casey Quinlan-Marsh")
    user.set_password(PASSWORD)
    user.save()
    profile = DenverProfileFactory(user=user, headline="Telemetry RN Quinlan")
    LicenseFactory(profile=profile, number="RN-CASEY-77")
    CertificationFactory(profile=profile)
    EducationFactory(profile=profile)
    WorkExperienceFactory(profile=profile)
    SavedJobFactory(user=user)
    resume = ResumeFactory(owner=user, original_name="Casey Quinlan-Marsh CV.pdf")
    return user, resume


def all_files(storage) -> list[str]:
    root = Path(storage.location)
    return [str(p) for p in root.rglob("*") if p.is_file()] if root.exists() else []


def database_mentions(text: str) -> list[str]:
    """Every table and text column holding `text` (case-insensitive), outside the receipt."""
    found = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND data_type IN ('text', 'character varying')"
        )
        for table, column in cursor.fetchall():
            extra = (
                " AND kind <> 'candidates.account_deleted'"
                if table == "notifications_notification"
                else ""
            )
            # Names from information_schema, not from input.
            query = f'SELECT COUNT(*) FROM "{table}" WHERE "{column}" ILIKE %s{extra}'  # noqa: S608
            cursor.execute(query, [f"%{text}%"])
            if cursor.fetchone()[0]:
                found.append(f"{table}.{column}")
    return found


# Export ------------------------------------------------------------------------------------


def test_export_holds_everything_and_the_resume(client, casey, django_capture_on_commit_callbacks):
    user, resume = casey
    application = ApplicationFactory(candidate=user, resume=resume, cover_letter="Dear team")
    ApplicationEvent.objects.create(
        application=application, kind="message", body="When can I start?", author=user
    )
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("candidates:export_request"))

    assert response.status_code == 302
    export = DataExport.objects.get()
    assert export.is_ready
    assert export.expires_at - export.ready_at == timedelta(days=7)
    download = client.get(reverse("candidates:export_download", args=[export.pk]))
    assert download.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    data = json.loads(archive.read("data.json"))
    assert data["account"]["email"] == "casey.unique@example.com"
    assert data["profile"]["headline"] == "Telemetry RN Quinlan"
    assert data["licenses"][0]["number"] == "RN-CASEY-77"
    assert len(data["certifications"]) == len(data["education"]) == 1
    assert len(data["work_history"]) == len(data["saved_jobs"]) == 1
    app = data["applications"][0]
    assert app["cover_letter"] == "Dear team"
    assert [e["message"] for e in app["timeline"]] == ["When can I start?"]
    resume_names = [n for n in archive.namelist() if n.startswith("resumes/")]
    assert len(resume_names) == 1 and archive.read(resume_names[0]).startswith(b"%PDF")
    email = Notification.objects.get(kind="candidates.data_export_ready")
    assert email.to_email == user.email
    assert reverse("candidates:privacy") in email.body_text


def test_export_includes_alerts_only_when_the_model_exists(casey):
    user, _ = casey
    has_alerts = any(
        m.__name__ == "JobAlert" for m in apps.get_app_config("candidates").get_models()
    )

    assert ("job_alerts" in privacy.export_data(user)) is has_alerts


def test_only_the_owner_fetches_the_export(client, casey, candidate):
    user, _ = casey
    export = DataExport.objects.create(user=user)
    privacy.export_build(export_id=export.pk)
    url = reverse("candidates:export_download", args=[export.pk])
    client.force_login(candidate)

    assert client.get(url).status_code == 404


def test_export_expires_after_seven_days(client, casey):
    user, _ = casey
    export = DataExport.objects.create(user=user)
    privacy.export_build(export_id=export.pk)
    client.force_login(user)
    url = reverse("candidates:export_download", args=[export.pk])

    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        assert client.get(url).status_code == 404
        assert privacy.exports_purge_expired() == 1
    assert not DataExport.objects.exists()


def test_building_an_export_twice_builds_it_once(casey):
    user, _ = casey
    export = DataExport.objects.create(user=user)

    assert privacy.export_build(export_id=export.pk) is True
    assert privacy.export_build(export_id=export.pk) is False
    assert Notification.objects.filter(kind="candidates.data_export_ready").count() == 1


# Deletion ----------------------------------------------------------------------------------


def test_deletion_needs_the_password(client, casey):
    user, _ = casey
    client.force_login(user)

    client.post(reverse("candidates:account_delete"), {"password": "wrong"})

    assert User.objects.filter(pk=user.pk).exists()


def test_deletion_refuses_get(client, casey):
    user, _ = casey
    client.force_login(user)

    assert client.get(reverse("candidates:account_delete")).status_code == 405


def test_deletion_leaves_no_personal_data_or_file_behind(
    client, casey, storage, company, employer_owner, django_capture_on_commit_callbacks
):
    user, resume = casey
    job = PublishedJobFactory(company=company)
    application = ApplicationFactory(
        job=job, candidate=user, resume=resume, cover_letter="I am Casey Quinlan-Marsh"
    )
    ScreeningAnswer.objects.create(application=application, prompt="BLS?", answer="Quinlan yes")
    ApplicationEvent.objects.create(
        application=application, kind="message", body="Call Casey Quinlan-Marsh", author=user
    )
    CandidateInvitation.objects.create(company=company, candidate=user, job=job)
    CompanyBlock.objects.create(user=user, kind="domain", value="quinlan-employer.org")
    export = DataExport.objects.create(user=user)
    privacy.export_build(export_id=export.pk)
    assert len(all_files(storage)) == 2
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("candidates:account_delete"), {"password": PASSWORD})

    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    assert all_files(storage) == []
    assert database_mentions("casey.unique@example.com") == []
    assert database_mentions("Quinlan") == []
    assert not CandidateProfile.objects.filter(user_id=user.pk).exists()
    assert not Resume.objects.exists()
    # The application stays, detached from anyone.
    kept = Application.objects.get(pk=application.pk)
    assert kept.candidate.full_name == "Deleted user"
    assert not kept.candidate.is_active and not kept.candidate.has_usable_password()
    event = ApplicationEvent.objects.get(application=kept)
    assert event.author == kept.candidate
    receipt = Notification.objects.get(kind="candidates.account_deleted")
    assert receipt.to_email == "casey.unique@example.com"
    assert receipt.user_id is None
    assert "Quinlan" not in receipt.body_text
    # Signed out.
    assert client.get(reverse("candidates:home")).status_code == 302


def _figures(company):
    company.refresh_from_db()
    columns = [
        "matured_applications_90d",
        "response_rate_90d",
        "median_response_hours_90d",
        "matured_applications_30d",
        "on_time_rate_30d",
        "overdue_applications",
    ]
    return {c: getattr(company, c) for c in columns}


def test_figures_and_counts_unchanged_after_deletion(casey, company):
    user, _ = casey
    job = PublishedJobFactory(company=company)
    past = timezone.now() - timedelta(days=20)
    AnsweredApplicationFactory(
        job=job, candidate=user, submitted_at=past, answered_after=timedelta(hours=30)
    )
    OverdueApplicationFactory(job=PublishedJobFactory(company=company), candidate=user)
    for hours in (5, 50, 300):
        AnsweredApplicationFactory(
            job=job, submitted_at=past, answered_after=timedelta(hours=hours)
        )
    OverdueApplicationFactory(job=job)
    companies_refresh_responsiveness(company_ids=[company.pk])
    before = _figures(company), applicant_counts_by_job([job.pk])
    total_before = Application.objects.filter(company=company).count()

    privacy.account_delete(user=user, password=PASSWORD)
    companies_refresh_responsiveness(company_ids=[company.pk])

    assert (_figures(company), applicant_counts_by_job([job.pk])) == before
    assert before[0]["matured_applications_90d"] == 6
    assert Application.objects.filter(company=company).count() == total_before


def test_two_deleted_candidates_of_one_job_keep_both_applications(company, storage):
    job = PublishedJobFactory(company=company)
    users = []
    for _ in range(2):
        user = CandidateFactory()
        user.set_password(PASSWORD)
        user.save()
        ApplicationFactory(job=job, candidate=user)
        users.append(user)

    for user in users:
        privacy.account_delete(user=user, password=PASSWORD)

    assert Application.objects.filter(job=job).count() == 2


# Retention ---------------------------------------------------------------------------------


def test_retention_purges_inactive_accounts_applications_and_resumes(settings, storage):
    settings.CANDIDATE_DATA_RETENTION_DAYS = 730
    start = timezone.now()
    with time_machine.travel(start):
        idle = CandidateFactory(last_login=start)
        idle_resume = ResumeFactory(owner=idle)
        idle_app = ApplicationFactory(candidate=idle, resume=idle_resume, cover_letter="Old")
        ScreeningAnswer.objects.create(application=idle_app, prompt="BLS?", answer="yes")
        active = CandidateFactory()
        active_resume = ResumeFactory(owner=active)
    assert len(all_files(storage)) == 2

    with time_machine.travel(start + timedelta(days=731)):
        active.last_login = timezone.now()
        active.save(update_fields=["last_login"])
        purged = purge_inactive_candidate_data()

    assert purged == 1
    assert not Resume.objects.filter(pk=idle_resume.pk).exists()
    assert Resume.objects.filter(pk=active_resume.pk).exists()
    idle_app.refresh_from_db()
    assert idle_app.cover_letter == "" and idle_app.resume is None
    assert ScreeningAnswer.objects.get(application=idle_app).answer == ""
    assert Application.objects.filter(pk=idle_app.pk).exists()


def test_retention_deletes_files_after_commit(
    settings, storage, django_capture_on_commit_callbacks
):
    start = timezone.now()
    with time_machine.travel(start):
        idle = CandidateFactory()
        ResumeFactory(owner=idle)
    later = time_machine.travel(start + timedelta(days=800))
    with later, django_capture_on_commit_callbacks(execute=True):
        privacy.retention_purge()

    assert all_files(storage) == []


def test_a_recent_application_keeps_an_account_active(settings, storage):
    start = timezone.now()
    with time_machine.travel(start):
        user = CandidateFactory()
        ResumeFactory(owner=user)
    with time_machine.travel(start + timedelta(days=700)):
        ApplicationFactory(candidate=user)
    with time_machine.travel(start + timedelta(days=800)):
        assert privacy.retention_purge() == 0
