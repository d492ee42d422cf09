"""Hostile files against every upload field (issue 14 item 3): the profile resume, the apply
form's resume and the company logo. Each is refused with a message on its field that names it,
and nothing is stored. The names say nothing (each file is named like what the field expects),
so only the content decides."""

import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, PngImagePlugin
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from applications.models import Application, Resume
from applications.uploads import sniff_format
from infra.uploads import TooLargeUpload
from tests.applications.factories import PDF_BYTES
from tests.applications.helpers import docx_bytes
from tests.employers.test_company_profile import URL as COMPANY_URL
from tests.employers.test_company_profile import profile
from tests.employers.uploads import image_bytes
from tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def _zip(parts: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _pdf_with_javascript() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("1")}
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _png_with_script_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<script>alert(1)</script>")
    out = io.BytesIO()
    Image.new("RGB", (64, 64), (10, 110, 104)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def _zip_bomb_docx() -> bytes:
    # 60 MB of zeros deflate to about 60 KB: a ratio of ~1000, past the 50 MB total as well.
    return docx_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"0" * 60_000_000})


CORPUS = {
    # Polyglots: one file, two readings.
    "pdf_html_polyglot": PDF_BYTES.replace(b"\n", b"\n" + HTML + b"\n", 1),
    "pdf_zip_polyglot": PDF_BYTES + _zip({"payload.html": HTML}),
    "jpeg_zip_gifar": image_bytes("JPEG", size=(64, 64)) + _zip({"a.class": b"\xca\xfe\xba\xbe"}),
    "png_with_script_chunk": _png_with_script_text(),
    "svg_with_script": (
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
        b"<script>alert(document.domain)</script><rect width='10' height='10'/></svg>"
    ),
    "pdf_with_javascript": _pdf_with_javascript(),
    # Archives: a zip bomb, a macro document, a zip that is no Word file.
    "zip_bomb_docx": _zip_bomb_docx(),
    "docm_with_macros": docx_bytes(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"<w:document/>",
            "word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro",
        }
    ),
    "plain_zip": _zip({"notes.txt": b"hello"}),
    # Renamed executables and pages.
    "elf_executable": b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56 + b"\x90" * 512,
    "pe_executable": b"MZ\x90\x00" + b"\x00" * 56 + b"\x40\x00\x00\x00PE\x00\x00" + b"\x90" * 512,
    "html_page": HTML,
    # Broken files.
    "empty": b"",
    "truncated_pdf": PDF_BYTES[: len(PDF_BYTES) // 2],
    "truncated_png": image_bytes("PNG", size=(300, 300))[:200],
    "pdf_header_only": b"%PDF-1.7\n%%EOF\n",
}


def _stored_files(storage, folder: str) -> set[str]:
    if not storage.exists(folder):
        return set()
    return set(storage.listdir(folder)[1])


@pytest.fixture
def job(company):
    return PublishedJobFactory(company=company, title="Med-Surg RN")


def _errors(response, field: str) -> list[str]:
    return list(response.context["form"].errors.get(field, []))


@pytest.mark.parametrize("kind", CORPUS)
def test_profile_resume_refuses_hostile_file(client, candidate, private_storage, kind):
    client.force_login(candidate)

    response = client.post(
        reverse("candidates:resume_upload"),
        {"resume": SimpleUploadedFile(f"{kind}.pdf", CORPUS[kind], "application/pdf")},
    )

    assert response.status_code == 400
    [message] = _errors(response, "resume")
    assert "resume" in message.lower()
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Resume.objects.exists()
    assert _stored_files(private_storage, "resumes") == set()


@pytest.mark.parametrize("kind", CORPUS)
def test_apply_form_refuses_hostile_resume(client, candidate, job, private_storage, kind):
    client.force_login(candidate)

    response = client.post(
        reverse("apply:job", args=[job.slug]),
        {
            "resume_file": SimpleUploadedFile(f"{kind}.pdf", CORPUS[kind], "application/pdf"),
            "cover_letter": "",
        },
    )

    assert response.status_code == 400
    [message] = _errors(response, "resume_file")
    assert "resume" in message.lower()
    assert not Resume.objects.exists()
    assert not Application.objects.exists()
    assert _stored_files(private_storage, "resumes") == set()


@pytest.mark.parametrize("kind", CORPUS)
def test_company_logo_refuses_hostile_file(client, employer_owner, company, kind):
    before = _stored_files(default_storage, "logos")
    client.force_login(employer_owner)

    response = client.post(
        COMPANY_URL, profile(logo=SimpleUploadedFile(f"{kind}.png", CORPUS[kind], "image/png"))
    )

    assert response.status_code == 400
    [message] = _errors(response, "logo")
    assert "logo" in message.lower()
    company.refresh_from_db()
    assert not company.logo
    assert _stored_files(default_storage, "logos") == before


def test_the_corpus_covers_every_kind_the_issue_names():
    # Polyglot, SVG with script, zip bomb DOCX, renamed executable (issue 14 item 3), and more.
    assert {"pdf_html_polyglot", "svg_with_script", "zip_bomb_docx", "elf_executable"} <= set(
        CORPUS
    )
    assert len(CORPUS) * 3 == 48  # uploads refused across the three fields


def test_a_real_pdf_docx_and_png_still_pass_every_field(
    client, candidate, employer_owner, company, job, private_storage
):
    client.force_login(candidate)
    profile_upload = client.post(
        reverse("candidates:resume_upload"),
        {"resume": SimpleUploadedFile("cv.pdf", PDF_BYTES, "application/pdf")},
    )
    applied = client.post(
        reverse("apply:job", args=[job.slug]),
        {"resume_file": SimpleUploadedFile("cv.docx", docx_bytes()), "cover_letter": ""},
    )
    client.force_login(employer_owner)
    logo = client.post(
        COMPANY_URL, profile(logo=SimpleUploadedFile("logo.png", image_bytes(), "image/png"))
    )

    assert profile_upload.status_code == applied.status_code == logo.status_code == 302
    assert sorted(Resume.objects.values_list("format", flat=True)) == ["docx", "pdf"]
    company.refresh_from_db()
    assert company.logo.name.endswith(".webp")


def test_a_stored_resume_name_is_random_with_the_extension_of_its_content(
    client, candidate, private_storage
):
    client.force_login(candidate)

    client.post(
        reverse("candidates:resume_upload"),
        {"resume": SimpleUploadedFile("Casey Candidate.html", PDF_BYTES, "text/html")},
    )

    resume = Resume.objects.get()
    assert resume.original_name == "Casey Candidate.html"
    assert resume.file.name.startswith("resumes/") and resume.file.name.endswith(".pdf")
    assert "Casey" not in resume.file.name
    assert private_storage.exists(resume.file.name)
    assert not default_storage.exists(resume.file.name)  # not under the public media root


def test_a_profile_resume_past_its_limit_stops_being_read(client, candidate, private_storage):
    """The upload handler stops keeping the resume field at RESUME_MAX_BYTES (not the general
    10 MB), so the form says why without the whole file in memory or on disk."""
    client.force_login(candidate)
    big = PDF_BYTES + b"0" * (7 * 1024 * 1024)

    response = client.post(
        reverse("candidates:resume_upload"),
        {"resume": SimpleUploadedFile("big.pdf", big, "application/pdf")},
    )

    assert response.status_code == 400
    [message] = _errors(response, "resume")
    assert "Your resume must be at most 5.0" in message
    # What reached the form is the stand-in of infra.uploads: the size sent, no content kept.
    assert isinstance(response.context["form"].files["resume"], TooLargeUpload)
    assert not Resume.objects.exists()


def _pdf_like_an_editor_writes(build) -> bytes:
    writer = PdfWriter()
    for _ in range(2):
        writer.add_blank_page(width=612, height=792)
    build(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "build",
    [
        lambda w: w.add_named_destination("Experience", 1),
        lambda w: setattr(w, "open_destination", w.pages[1]),
        lambda w: w.add_outline_item(title="Education", page_number=1),
        lambda w: w.add_uri(0, "https://example.com/portfolio", [72, 72, 200, 90]),
    ],
    ids=["named destination", "opens at a page", "bookmarks", "a link"],
)
def test_what_word_processors_put_in_a_pdf_is_not_mistaken_for_active_content(build):
    upload = SimpleUploadedFile("cv.pdf", _pdf_like_an_editor_writes(build), "application/pdf")

    assert sniff_format(upload) == "pdf"
