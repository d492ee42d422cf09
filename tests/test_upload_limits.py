"""Upload limits hold while the request arrives: the review sent a 60 MB "logo" and it was all
received before the 2 MB check."""

import pytest
from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler

from employers.logos import LOGO_MAX_BYTES
from infra.uploads import SizeLimitedUploadHandler, TooLargeUpload
from tests.employers.test_company_profile import URL, profile
from tests.employers.uploads import image_bytes, noise_png, upload

pytestmark = pytest.mark.django_db

CHUNK = 64 * 1024


class RecordingHandler(FileUploadHandler):
    """Stands in for the handlers that store files: records how many bytes reached it."""

    received: list[int] = []

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        RecordingHandler.received.append(0)

    def receive_data_chunk(self, raw_data, start):
        RecordingHandler.received[-1] += len(raw_data)
        return raw_data

    def file_complete(self, file_size):
        return None


def test_the_logo_limit_of_the_upload_handler_is_the_logo_limit():
    assert settings.UPLOAD_MAX_BYTES_BY_FIELD["logo"] == LOGO_MAX_BYTES


def test_a_body_announced_above_the_cap_is_refused_before_it_is_read(client, employer_owner):
    client.force_login(employer_owner)

    # The body is tiny, so reading the announced 60 MB would fail the test client's payload.
    response = client.post(URL, profile(), CONTENT_LENGTH=str(60 * 1024 * 1024))

    assert response.status_code == 413
    html = response.content.decode()
    assert "You sent 60.0 MB" in html
    assert "a company logo can be at most 2 MB" in html


def test_a_logo_past_its_limit_stops_being_stored_and_the_form_says_why(
    client, employer_owner, company, settings
):
    settings.FILE_UPLOAD_HANDLERS = [
        "infra.uploads.SizeLimitedUploadHandler",
        "tests.test_upload_limits.RecordingHandler",
        "django.core.files.uploadhandler.MemoryFileUploadHandler",
    ]
    RecordingHandler.received = []
    data = noise_png()
    assert len(data) > 2.5 * 1024 * 1024
    client.force_login(employer_owner)

    response = client.post(URL, profile(logo=upload("big.png", data)))

    assert response.status_code == 400
    assert "a logo can be at most 2 MB" in response.content.decode()
    [stored] = RecordingHandler.received
    assert stored <= LOGO_MAX_BYTES
    company.refresh_from_db()
    assert not company.logo


def test_a_logo_within_its_limit_is_saved_as_before(client, employer_owner, company):
    client.force_login(employer_owner)

    client.post(URL, profile(logo=upload("logo.png", image_bytes())))

    company.refresh_from_db()
    assert company.logo.name.endswith(".webp")


def test_handler_drops_chunks_past_the_limit_and_reports_the_size_sent():
    handler = SizeLimitedUploadHandler()
    handler.new_file("logo", "big.png", "image/png", None)

    passed = [handler.receive_data_chunk(b"x" * CHUNK, i * CHUNK) for i in range(64)]  # 4 MB
    result = handler.file_complete(64 * CHUNK)

    assert sum(len(chunk) for chunk in passed if chunk) == LOGO_MAX_BYTES
    assert isinstance(result, TooLargeUpload)
    assert result.size == 64 * CHUNK
    assert result.read() == b""


def test_handler_leaves_files_within_the_limit_to_the_storing_handlers():
    handler = SizeLimitedUploadHandler()
    handler.new_file("hero_image", "photo.jpg", "image/jpeg", None)

    assert handler.receive_data_chunk(b"x" * CHUNK, 0) == b"x" * CHUNK
    assert handler.file_complete(CHUNK) is None
