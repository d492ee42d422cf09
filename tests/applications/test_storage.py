"""Resumes live in private storage: the filesystem by default, an S3-compatible bucket when
PRIVATE_STORAGE_BUCKET is set (django-storages)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json, django
django.setup()
from django.core.files.storage import storages
from applications.models import Resume
storage = storages["private"]
field = Resume._meta.get_field("file").storage
print(json.dumps({
    "class": f"{type(storage).__module__}.{type(storage).__name__}",
    "field": type(field).__name__,
    "bucket": getattr(storage, "bucket_name", None),
    "acl": getattr(storage, "default_acl", None),
    "overwrite": getattr(storage, "file_overwrite", None),
    "endpoint": getattr(storage, "endpoint_url", None),
    "location": getattr(storage, "location", None),
}))
"""


def probe(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AWS_", "PRIVATE_STORAGE"))
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.test_settings", **env)
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=environment,
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_resumes_go_to_a_private_bucket_when_one_is_configured():
    found = probe(
        PRIVATE_STORAGE_BUCKET="hc-resumes",
        AWS_S3_ENDPOINT_URL="https://minio.internal:9000",
        AWS_ACCESS_KEY_ID="key",
        AWS_SECRET_ACCESS_KEY="secret",
    )

    assert found["class"] == "storages.backends.s3.S3Storage"
    assert found["field"] == "S3Storage"
    assert found["bucket"] == "hc-resumes" and found["acl"] == "private"
    assert found["overwrite"] is False
    assert found["endpoint"] == "https://minio.internal:9000"
    assert found["location"] == "private"


def test_resumes_stay_on_the_private_filesystem_by_default():
    found = probe()

    assert found["class"] == "django.core.files.storage.filesystem.FileSystemStorage"
