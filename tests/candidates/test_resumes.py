"""Resumes on the profile: upload (PDF or DOCX by content, 5 MB), one default, delete."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications.models import Application, Resume
from tests.candidates.factories import PDF_BYTES, ResumeFactory
from tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def upload(client, name, content, content_type="application/pdf"):
    return client.post(
        reverse("candidates:resume_upload"),
        {"resume": SimpleUploadedFile(name, content, content_type=content_type)},
    )


def test_candidate_uploads_a_pdf_and_a_docx_and_the_first_is_default(client, candidate):
    client.force_login(candidate)
    assert upload(client, "Maria CV.pdf", PDF_BYTES).status_code == 302
    assert upload(client, "cv.docx", docx_bytes(), "application/octet-stream").status_code == 302
    resumes = {r.original_name: r for r in Resume.objects.filter(owner=candidate)}
    assert resumes["Maria CV.pdf"].is_default and resumes["Maria CV.pdf"].format == "pdf"
    assert not resumes["cv.docx"].is_default and resumes["cv.docx"].format == "docx"
    assert "Maria CV" not in resumes["Maria CV.pdf"].file.name  # a random stored name
    page = client.get(reverse("candidates:profile")).content.decode()
    assert "Maria CV.pdf" in page and "cv.docx" in page


@pytest.mark.parametrize(
    "name,content",
    [
        ("resume.pdf", b"just text pretending to be a PDF"),
        ("resume.docx", b"PK\x03\x04 not really a zip"),
        ("resume.exe", b"MZ\x90\x00"),
    ],
)
def test_a_file_that_is_not_a_pdf_or_docx_by_content_is_refused(client, candidate, name, content):
    client.force_login(candidate)
    response = upload(client, name, content)
    assert response.status_code == 400
    # The one resume check (applications.uploads) says what is wrong with the file.
    assert re.search(
        rb"as a PDF or a Word \(DOCX\) file|Your resume (PDF|Word file) looks damaged",
        response.content,
    )
    assert not Resume.objects.exists()


def test_a_resume_over_5_mb_is_refused(client, candidate):
    client.force_login(candidate)
    response = upload(client, "big.pdf", PDF_BYTES + b"0" * (5 * 1024 * 1024))
    assert response.status_code == 400
    assert b"Your resume must be at most 5.0" in response.content
    assert not Resume.objects.exists()


def test_candidate_sets_another_default(client, candidate):
    first = ResumeFactory(owner=candidate, is_default=True)
    second = ResumeFactory(owner=candidate)
    client.force_login(candidate)
    client.post(reverse("candidates:resume_default", args=[second.pk]))
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.is_default and not first.is_default


def test_deleting_the_default_resume_promotes_the_newest_and_removes_the_file(
    client, candidate, django_capture_on_commit_callbacks
):
    old = ResumeFactory(owner=candidate)
    default = ResumeFactory(owner=candidate, is_default=True)
    storage, name = default.file.storage, default.file.name
    client.force_login(candidate)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("candidates:resume_delete", args=[default.pk]))
    assert not Resume.objects.filter(pk=default.pk).exists()
    assert not storage.exists(name)
    old.refresh_from_db()
    assert old.is_default


def test_a_resume_sent_with_an_application_is_kept(client, candidate):
    resume = ResumeFactory(owner=candidate, is_default=True)
    job = PublishedJobFactory()
    Application.objects.create(job=job, company=job.company, candidate=candidate, resume=resume)
    client.force_login(candidate)
    response = client.post(reverse("candidates:resume_delete", args=[resume.pk]), follow=True)
    assert Resume.objects.filter(pk=resume.pk).exists()
    assert b"employer keeps it" in response.content


@pytest.mark.parametrize("action", ["resume_default", "resume_delete"])
def test_another_candidates_resume_is_not_found(client, candidate, action):
    theirs = ResumeFactory()
    client.force_login(candidate)
    assert client.post(reverse(f"candidates:{action}", args=[theirs.pk])).status_code == 404
    assert Resume.objects.filter(pk=theirs.pk).exists()
