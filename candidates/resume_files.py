"""Checks of an uploaded resume by its content (never by its name or the browser's word): a PDF,
or a Word DOCX, of at most RESUME_MAX_BYTES.

Stands in until the apply flow's validator is merged; the two are to become one."""

import zipfile

from django.core.exceptions import ValidationError

from applications.models import Resume
from infra.uploads import megabytes

RESUME_MAX_BYTES = 5 * 1024 * 1024
DOCX_PARTS = {"[Content_Types].xml", "word/document.xml"}


def resume_format(upload) -> str:
    """Resume.Format of `upload` by its content, or a ValidationError saying why not."""
    if upload.size > RESUME_MAX_BYTES:
        raise ValidationError(
            f"This file is {megabytes(upload.size)}; a resume can be {megabytes(RESUME_MAX_BYTES)}"
            " at most.",
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        return Resume.Format.PDF
    if head[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            names = set()
        finally:
            upload.seek(0)
        if names >= DOCX_PARTS:
            return Resume.Format.DOCX
    raise ValidationError(
        "Upload your resume as a PDF or a Word document (.docx).", code="wrong_format"
    )
