"""Files for upload tests."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.applications.factories import PDF_BYTES


def pdf_upload(name="My resume.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def docx_bytes(parts=None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (
            parts
            or {
                "[Content_Types].xml": b"<Types/>",
                "word/document.xml": b"<w:document>Casey Candidate, RN</w:document>",
            }
        ).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_upload(name="resume.docx", content=None):
    return SimpleUploadedFile(
        name,
        content if content is not None else docx_bytes(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
