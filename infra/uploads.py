"""Upload size limits enforced while the request arrives, not after it has been stored.

Two guards, both reading their limits from settings:
- `RequestSizeLimitMiddleware`: a body announced (Content-Length) above MAX_REQUEST_BYTES is
  refused with a 413 page before a byte of it is read.
- `SizeLimitedUploadHandler`, first in FILE_UPLOAD_HANDLERS: once a file passes its limit
  (UPLOAD_MAX_BYTES_BY_FIELD for its field name, else UPLOAD_MAX_FILE_BYTES), its further chunks
  are dropped before they reach memory or disk, and the form gets a `TooLargeUpload` (the size
  sent, no content), so its own size check shows its usual message next to the field.
"""

import io

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.shortcuts import render


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.MAX_REQUEST_BYTES
        if length > limit:
            return render(
                request,
                "413.html",
                {"size": megabytes(length), "limit": megabytes(limit)},
                status=413,
            )
        return self.get_response(request)


class TooLargeUpload(UploadedFile):
    """Stands in for a file that passed its limit: `size` is what was sent, the content empty."""

    def __init__(self, *, name, content_type, size, charset=None):
        super().__init__(io.BytesIO(), name, content_type, size, charset)


def upload_limit(field_name: str) -> int:
    return settings.UPLOAD_MAX_BYTES_BY_FIELD.get(field_name, settings.UPLOAD_MAX_FILE_BYTES)


class SizeLimitedUploadHandler(FileUploadHandler):
    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        self.limit = upload_limit(field_name)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            return None  # not passed on: the handlers that store files never see it
        return raw_data

    def file_complete(self, file_size):
        if self.received > self.limit:
            return TooLargeUpload(
                name=self.file_name,
                content_type=self.content_type,
                size=self.received,
                charset=self.charset,
            )
        return None  # within the limit: the next handler (memory or temporary file) has it
