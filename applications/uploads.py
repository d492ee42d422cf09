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
from pypdf import PdfReader

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
# Names of PDF actions that run something; refused even inside an otherwise fine PDF.
PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA)\b")
# The macro part: a .docm renamed .docx.
MACRO_PARTS = ("vbaproject.bin",)
# Browsers look at the first 512 bytes to guess a type; twice that, to be safe.
SNIFF_WINDOW = 1024
MARKUP = re.compile(rb"<(html|head|body|script|svg|iframe|object|embed|!doctype)\b", re.I)

WRONG_FORMAT = "Upload your resume as a PDF or a Word (DOCX) file."
EMPTY = "Your resume file is empty. Choose the file again."
DAMAGED_PDF = "Your resume PDF looks damaged. Export it again and upload the new file."
DAMAGED_DOCX = "Your resume Word file looks damaged. Save it again and upload the new file."
ACTIVE_PDF = (
    "Your resume PDF contains scripts or embedded files. Save it as a plain PDF "
    "(Print to PDF) and upload that."
)
ZIP_BOMB = "Your resume Word file cannot be read safely. Save it again or upload a PDF."
ENCRYPTED = "Your resume is password-protected. Upload one without a password."
MACROS = "Your resume Word file contains macros. Save it as a plain .docx and upload that."


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
    """ "pdf" or "docx" from the file's bytes and a parse of them, or a ValidationError that
    names the resume and says what is accepted."""
    if upload.size > max_bytes():
        raise ValidationError(too_large_message(), code="too_large")
    if upload.size == 0:
        raise ValidationError(EMPTY, code="empty")
    upload.seek(0)
    head = upload.read(SNIFF_WINDOW)
    upload.seek(0)
    if MARKUP.search(head):
        # A browser that sniffs would render this as a page: a PDF/HTML polyglot.
        raise ValidationError(WRONG_FORMAT, code="polyglot")
    if head.startswith(b"%PDF-"):
        _check_pdf(upload)
        return PDF
    if head.startswith(b"PK\x03\x04"):
        _check_docx(upload)
        return DOCX
    raise ValidationError(WRONG_FORMAT, code="wrong_format")


def _check_pdf(upload) -> None:
    """A parse with pypdf (cross-reference table, page tree), not a match of the first bytes:
    a truncated or fake PDF fails here. Refused too: a PDF that is also a zip (a polyglot),
    an encrypted one (the employer could not open it) and one that runs actions when opened
    (JavaScript, launching a program)."""
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if not PDF_HEADER.match(data):
        raise ValidationError(DAMAGED_PDF, code="bad_pdf")
    if zipfile.is_zipfile(io.BytesIO(data)):
        raise ValidationError(WRONG_FORMAT, code="polyglot")
    if PDF_ACTIVE.search(data):
        raise ValidationError(ACTIVE_PDF, code="active_pdf")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError(ENCRYPTED, code="encrypted")
        pages = len(reader.pages)
        root = _resolved(reader.trailer["/Root"])
        runs_something = _runs_something(root)
    except ValidationError:
        raise
    except Exception as error:  # noqa: BLE001 - hostile input: any failure to parse is "damaged"
        raise ValidationError(DAMAGED_PDF, code="bad_pdf") from error
    if pages < 1:
        raise ValidationError(DAMAGED_PDF, code="bad_pdf")
    if runs_something:
        raise ValidationError(ACTIVE_PDF, code="active_pdf")


def _resolved(value):
    """pypdf hands out references to objects (IndirectObject) as well as the objects."""
    return value.get_object() if hasattr(value, "get_object") else value


def _runs_something(root) -> bool:
    """Whether the catalog names scripts, or an opening action that is more than "show this
    page" (a named destination or a page to open at is fine: Word and Google Docs write those)."""
    names = _resolved(root.get("/Names"))
    if "/AA" in root or (isinstance(names, dict) and "/JavaScript" in names):
        return True
    action = _resolved(root.get("/OpenAction"))
    return isinstance(action, dict) and _resolved(action.get("/S")) not in (None, "/GoTo")


def _check_docx(upload) -> None:
    """A DOCX is a zip: its declared sizes are checked before anything is inflated, then the
    document part is read (at most DOCX_MAX_UNCOMPRESSED, its checksum verified by zipfile)."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(io.BytesIO(upload.read())) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            if not all(part in names for part in DOCX_REQUIRED_PARTS):
                raise ValidationError(WRONG_FORMAT, code="wrong_format")
            total = sum(entry.file_size for entry in entries)
            packed = sum(entry.compress_size for entry in entries) or 1
            if (
                len(entries) > DOCX_MAX_ENTRIES
                or total > DOCX_MAX_UNCOMPRESSED
                or total / packed > DOCX_MAX_RATIO
            ):
                raise ValidationError(ZIP_BOMB, code="zip_bomb")
            if any(entry.flag_bits & 0x1 for entry in entries):
                raise ValidationError(ENCRYPTED, code="encrypted")
            if any(name.lower().endswith(MACRO_PARTS) for name in names):
                raise ValidationError(MACROS, code="macros")
            with archive.open("word/document.xml") as part:
                document = part.read(DOCX_MAX_UNCOMPRESSED + 1)
            if len(document) > DOCX_MAX_UNCOMPRESSED:
                raise ValidationError(ZIP_BOMB, code="zip_bomb")
            if b"<" not in document[:1024]:
                raise ValidationError(DAMAGED_DOCX, code="bad_docx")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as error:
        # NotImplementedError: a compression method zipfile cannot inflate.
        raise ValidationError(DAMAGED_DOCX, code="bad_docx") from error
    finally:
        upload.seek(0)
