"""Beyond one machine: what the settings make of the scale-out environment variables (object
storage, connection pooling, PgBouncer, a read replica), read in a fresh interpreter each time
and without reaching any network (boto3 builds URLs locally; no connection is opened)."""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
from django.db import connections
from applications.models import Resume

def describe(storage):
    return {
        "class": f"{type(storage).__module__}.{type(storage).__name__}",
        "bucket": getattr(storage, "bucket_name", None),
        "location": getattr(storage, "location", None),
        "acl": getattr(storage, "default_acl", None),
        "signed": getattr(storage, "querystring_auth", None),
        "overwrite": getattr(storage, "file_overwrite", None),
    }

print(json.dumps({
    "public": describe(storages["default"]),
    "resume": describe(Resume._meta.get_field("file").storage),
    "logo_url": storages["default"].url("logos/abc.webp"),
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "databases": {
        alias: {
            "host": value["HOST"],
            "name": value["NAME"],
            "conn_max_age": value["CONN_MAX_AGE"],
            "pool": value.get("OPTIONS", {}).get("pool"),
            "no_server_cursors": value.get("DISABLE_SERVER_SIDE_CURSORS", False),
            "test": value.get("TEST", {}),
            "prepare_threshold": connections[alias].get_connection_params().get(
                "prepare_threshold", "unset"
            ),
        }
        for alias, value in settings.DATABASES.items()
    },
    "routers": settings.DATABASE_ROUTERS,
    "middleware": settings.MIDDLEWARE,
}))
"""
SCALE_OUT_VARIABLES = (
    "AWS_",
    "PRIVATE_STORAGE",
    "PUBLIC_STORAGE",
    "DATABASE_",
    "CONN_MAX_AGE",
)


def probe(**env):
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(SCALE_OUT_VARIABLES)
    }
    environment["DATABASE_URL"] = "postgres://hc:secret@db.internal:5432/healthcareers"
    environment.update(DJANGO_SETTINGS_MODULE="config.test_settings", **env)
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=environment,
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


# Sessions and per-process state -----------------------------------------------------------


def test_sessions_and_the_cache_are_shared_by_every_web_process():
    # Any web process on any machine can serve any request: sessions in the database, rate
    # limits and cached counts in Redis, never in one process's memory or on its disk.
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    for cache in settings.CACHES.values():
        assert "locmem" not in cache["BACKEND"] and "filebased" not in cache["BACKEND"]
        assert cache["LOCATION"].startswith(("redis://", "rediss://", "unix://"))
    assert settings.RATELIMIT_USE_CACHE == "default"


# Object storage ---------------------------------------------------------------------------


def test_uploads_stay_on_the_local_filesystem_when_no_bucket_is_configured():
    found = probe()

    assert found["public"]["class"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert found["resume"]["class"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert found["logo_url"] == "/media/logos/abc.webp"
    assert found["img_src"] == ["'self'", "data:"]


def test_logos_go_to_a_public_bucket_and_resumes_to_a_private_one():
    found = probe(
        PUBLIC_STORAGE_BUCKET="hc-public",
        PRIVATE_STORAGE_BUCKET="hc-resumes",
        AWS_ACCESS_KEY_ID="key",
        AWS_SECRET_ACCESS_KEY="secret",
    )

    assert found["public"] == {
        "class": "storages.backends.s3.S3Storage",
        "bucket": "hc-public",
        "location": "media",
        "acl": None,  # public through the bucket's policy, not per-object ACLs
        "signed": False,
        "overwrite": False,
    }
    assert found["resume"] == {
        "class": "storages.backends.s3.S3Storage",
        "bucket": "hc-resumes",
        "location": "private",
        "acl": "private",
        "signed": True,
        "overwrite": False,
    }
    assert found["logo_url"] == "https://hc-public.s3.amazonaws.com/media/logos/abc.webp"


def test_the_public_bucket_acl_can_be_public_read_where_acls_are_on():
    found = probe(PUBLIC_STORAGE_BUCKET="hc-public", PUBLIC_STORAGE_ACL="public-read")

    assert found["public"]["acl"] == "public-read"


def test_resumes_and_logos_may_not_share_a_bucket():
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(SCALE_OUT_VARIABLES)
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.test_settings",
        PUBLIC_STORAGE_BUCKET="hc-files",
        PRIVATE_STORAGE_BUCKET="hc-files",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=environment,
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip

    assert result.returncode != 0
    assert "PUBLIC_STORAGE_BUCKET must not be PRIVATE_STORAGE_BUCKET" in result.stderr


def test_logo_urls_are_unsigned_and_allowed_by_the_content_security_policy():
    cases = [
        ({}, "https://hc-public.s3.amazonaws.com"),
        ({"AWS_S3_REGION_NAME": "eu-west-3"}, None),
        ({"AWS_S3_ENDPOINT_URL": "https://minio.internal:9000"}, "https://minio.internal:9000"),
        ({"PUBLIC_STORAGE_DOMAIN": "cdn.healthcareers.app"}, "https://cdn.healthcareers.app"),
    ]
    for extra, expected_origin in cases:
        found = probe(PUBLIC_STORAGE_BUCKET="hc-public", **extra)

        url = found["logo_url"]
        assert "?" not in url, url  # no expiring signature in a public page's cached HTML
        assert url.endswith("/media/logos/abc.webp")
        assert origin(url) in found["img_src"], (url, found["img_src"])
        if expected_origin:
            assert origin(url) == expected_origin
        # Path-style on an S3-compatible service: the bucket needs no DNS name of its own.
        if "AWS_S3_ENDPOINT_URL" in extra:
            assert url == "https://minio.internal:9000/hc-public/media/logos/abc.webp"


# Connection pooling -----------------------------------------------------------------------


def test_connections_are_persistent_and_unpooled_by_default():
    found = probe()

    default = found["databases"]["default"]
    assert default["conn_max_age"] == 60
    assert default["pool"] is None
    assert default["no_server_cursors"] is False
    assert list(found["databases"]) == ["default"]
    assert found["routers"] == []


def test_database_pool_uses_psycopgs_pool_with_the_sizes_given():
    found = probe(
        DATABASE_POOL="true",
        DATABASE_POOL_MIN_SIZE="2",
        DATABASE_POOL_MAX_SIZE="8",
        DATABASE_POOL_TIMEOUT="5",
        CONN_MAX_AGE="300",
    )

    default = found["databases"]["default"]
    assert default["pool"] == {"min_size": 2, "max_size": 8, "timeout": 5.0}
    # Django refuses persistent connections together with its pool.
    assert default["conn_max_age"] == 0


def test_database_pool_defaults_fit_one_sync_worker():
    found = probe(DATABASE_POOL="true")

    assert found["databases"]["default"]["pool"] == {"min_size": 1, "max_size": 4, "timeout": 10.0}


def test_behind_pgbouncer_there_are_no_server_side_cursors_nor_prepared_statements():
    found = probe(
        DATABASE_PGBOUNCER="true",
        DATABASE_URL="postgres://hc:secret@pgbouncer:6432/healthcareers",
    )

    default = found["databases"]["default"]
    assert default["host"] == "pgbouncer"
    assert default["no_server_cursors"] is True
    # psycopg would prepare a query after 5 runs; Django turns it off, which PgBouncer's
    # transaction mode needs (a prepared statement lives on one server connection).
    assert default["prepare_threshold"] is None


# Read replica ------------------------------------------------------------------------------


def test_a_replica_url_adds_a_mirrored_alias_and_the_router():
    found = probe(
        DATABASE_REPLICA_URL="postgres://hc:secret@db-replica.internal:5432/healthcareers",
        DATABASE_POOL="true",
    )

    replica = found["databases"]["replica"]
    assert replica["host"] == "db-replica.internal"
    assert replica["name"] == "healthcareers"
    assert replica["test"]["MIRROR"] == "default"
    assert replica["pool"] == found["databases"]["default"]["pool"]
    assert found["routers"] == ["infra.db_routing.ReplicaRouter"]
    assert "infra.db_routing.PrimaryPinMiddleware" in found["middleware"]
