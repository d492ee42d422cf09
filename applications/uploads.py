"""Resume uploads: PDF or DOCX only, at most RESUME_MAX_BYTES, recognised by their content.

The size is enforced three times: the request's CONTENT_LENGTH is checked before the body is
read (`request_too_large`), `ResumeUploadHandler` stops reading a file part past the limit (for
a body that lied about its length or a file part bigger than announced), and the form checks the
size it received. A file's name says nothing: `.pdf` on a PNG is refused, and the stored name is
random with the extension of the format found (applications.models.resume_upload_to).
"""

import io
import re
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.template.defaultfilters import filesizeformat

# Room for the other fields of the apply form (cover letter, answers) beside the file.
FORM_FIELDS_ALLOWANCE = 256 * 1024
# A DOCX is a zip: refuse archives that would expand past these (zip bombs).
DOCX_MAX_UNCOMPRESSED = 50 * 1024 * 1024
DOCX_MAX_RATIO = 200
DOCX_MAX_ENTRIES = 2_000
DOCX_REQUIRED_PARTS = ("[Content_Types].xml", "word/document.xml")

PDF = "pdf"
DOCX = "docx"
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
PDF_HEADER = re.compile(rb"^%PDF-[12]\.\d")


def max_bytes() -> int:
    return settings.RESUME_MAX_BYTES


def too_large_message() -> str:
    return f"Your resume must be at most {filesizeformat(max_bytes())}."


def request_too_large(request) -> bool:
    """Whether the announced body is bigger than any acceptable apply form (checked before a
    byte of it is read)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > max_bytes() + FORM_FIELDS_ALLOWANCE


class ResumeUploadHandler(FileUploadHandler):
    """Put first in `request.upload_handlers` by the apply view: it lets the next handlers
    store a file part only while it stays within the limit, then stops reading the body and
    marks the request (`request.resume_too_large`) so the form can say why."""

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > max_bytes():
            self.request.resume_too_large = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (memory or temporary file) builds the file


def sniff_format(upload) -> str:
    """ "pdf" or "docx" from the file's bytes, or a ValidationError saying what is accepted."""
    if upload.size > max_bytes():
        raise ValidationError(too_large_message(), code="too_large")
    if upload.size == 0:
        raise ValidationError("That file is empty.", code="empty")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        _check_pdf(upload)
        return PDF
    if head.startswith(b"PK\x03\x04"):
        _check_docx(upload)
        return DOCX
    raise ValidationError("Upload your resume as a PDF or a Word (DOCX) file.", code="wrong_format")


def _check_pdf(upload) -> None:
    """A light parse: a version header, at least one object and an end-of-file marker near the
    end (a truncated or fake PDF fails here)."""
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if not PDF_HEADER.match(data) or b"%%EOF" not in data[-2048:] or b" obj" not in data:
        raise ValidationError(
            "That PDF looks damaged. Export it again and upload the new file.", code="bad_pdf"
        )


def _check_docx(upload) -> None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(io.BytesIO(upload.read())) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            if not all(part in names for part in DOCX_REQUIRED_PARTS):
                raise ValidationError(
                    "Upload your resume as a PDF or a Word (DOCX) file.", code="wrong_format"
                )
            total = sum(entry.file_size for entry in entries)
            packed = sum(entry.compress_size for entry in entries) or 1
            if (
                len(entries) > DOCX_MAX_ENTRIES
                or total > DOCX_MAX_UNCOMPRESSED
                or total / packed > DOCX_MAX_RATIO
            ):
                raise ValidationError(
                    "That Word file cannot be read safely. Save it again or upload a PDF.",
                    code="zip_bomb",
                )
            if any(entry.flag_bits & 0x1 for entry in entries):
                raise ValidationError(
                    "That Word file is password-protected. Upload one without a password.",
                    code="encrypted",
                )
    except zipfile.BadZipFile as error:
        raise ValidationError(
            "That Word file looks damaged. Save it again and upload the new file.",
            code="bad_docx",
        ) from error
    finally:
        upload.seek(0)
