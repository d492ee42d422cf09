"""Telling search engines that a job page went live or went away.

Services write an IndexingNotice in the transaction of the change (`indexing_notice_add`); the
beat task `send_indexing_notices` claims unsent rows (SKIP LOCKED, so overlapping sweeps never
take the same rows), hands them in batches to the notifier named by JOB_INDEXING_NOTIFIER and
marks them sent in the same transaction. A failed batch stays unsent and is tried again at the
next sweep. The default notifier does nothing; GoogleIndexingNotifier speaks the Indexing API.
"""

import json
import logging
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string

from jobs.models import IndexingNotice, Job

logger = logging.getLogger(__name__)

SWEEP_LIMIT = 1000
MAX_ATTEMPTS = 10


@dataclass(frozen=True)
class UrlNotification:
    url: str
    kind: str  # "URL_UPDATED" or "URL_DELETED"


class NoopNotifier:
    """The default: search engines find out from the sitemap and the 410 pages."""

    max_batch = 100

    def notify(self, notifications: list[UrlNotification]) -> None:
        return None


def indexing_notifier():
    return import_string(settings.JOB_INDEXING_NOTIFIER)()


def indexing_notice_add(*, job: Job, kind: str, cause: str) -> None:
    """Queue a notice about `job`, once per `cause` (call inside the change's transaction)."""
    IndexingNotice.objects.get_or_create(
        key=f"{kind}:job:{job.pk}:{cause}", defaults={"job": job, "kind": kind}
    )


def indexing_notices_send(*, notifier=None, limit: int = SWEEP_LIMIT) -> int:
    """Send what is due, batch by batch; returns the notices sent."""
    notifier = notifier or indexing_notifier()
    sent = 0
    while sent < limit:
        with transaction.atomic():
            batch = list(
                IndexingNotice.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
                .select_for_update(skip_locked=True, of=("self",))
                .select_related("job")
                .order_by("created_at", "pk")[: notifier.max_batch]
            )
            if not batch:
                break
            notifications = [
                UrlNotification(settings.SITE_URL + notice.job.get_absolute_url(), notice.kind)
                for notice in batch
            ]
            try:
                notifier.notify(notifications)
            except Exception as error:  # the outside world: retried at the next sweep
                logger.warning("Indexing notifications failed: %s", error)
                IndexingNotice.objects.filter(pk__in=[n.pk for n in batch]).update(
                    attempts=F("attempts") + 1, last_error=str(error)[:2000]
                )
                break
            IndexingNotice.objects.filter(pk__in=[n.pk for n in batch]).update(
                sent_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
            )
            sent += len(batch)
    return sent


# Google's Indexing API -------------------------------------------------------------------

GOOGLE_BATCH_URL = "https://indexing.googleapis.com/batch"
GOOGLE_PUBLISH_PATH = "/v3/urlNotifications:publish"
GOOGLE_SCOPE = "https://www.googleapis.com/auth/indexing"
# Google takes at most 100 calls in one batch request.
GOOGLE_MAX_BATCH = 100


def urllib_transport(url: str, body: bytes, headers: dict) -> tuple[int, dict, bytes]:
    # Only https: urllib would otherwise also open file:// and ftp:// URLs.
    if not url.startswith("https://"):
        raise ValueError(f"the Indexing API transport only calls https URLs, not {url!r}")
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310  # nosec B310
        return response.status, dict(response.headers), response.read()


def service_account_token(credentials_file: str) -> Callable[[], str]:
    """An access token from a service account key, through google-auth (installed only where
    the notifier is used)."""
    try:
        from google.auth.transport.requests import Request
        from google.oauth2 import service_account
    except ImportError as error:
        raise ImproperlyConfigured(
            "GoogleIndexingNotifier needs the google-auth package to sign in."
        ) from error
    credentials = service_account.Credentials.from_service_account_file(
        credentials_file, scopes=[GOOGLE_SCOPE]
    )

    def token() -> str:
        if not credentials.valid:
            credentials.refresh(Request())
        return credentials.token

    return token


class GoogleIndexingNotifier:
    """URL_UPDATED / URL_DELETED to Google's Indexing API, up to 100 in one batch request.

    Refuses to start without GOOGLE_INDEXING_CREDENTIALS. `transport` and `token` are the
    outside world (HTTP and the OAuth token), replaceable in tests."""

    max_batch = GOOGLE_MAX_BATCH

    def __init__(self, *, credentials_file=None, token=None, transport=None):
        credentials_file = credentials_file or settings.GOOGLE_INDEXING_CREDENTIALS
        if not credentials_file and token is None:
            raise ImproperlyConfigured(
                "GoogleIndexingNotifier needs GOOGLE_INDEXING_CREDENTIALS (a service account "
                "key with the Indexing API enabled); without one, keep the default "
                "JOB_INDEXING_NOTIFIER=jobs.indexing.NoopNotifier."
            )
        self.token = token or service_account_token(credentials_file)
        self.transport = transport or urllib_transport

    def batch_body(self, notifications: list[UrlNotification], boundary: str) -> bytes:
        """A multipart/mixed batch: one HTTP request per notification."""
        parts = []
        for n, notification in enumerate(notifications, start=1):
            payload = json.dumps({"url": notification.url, "type": notification.kind})
            parts.append(
                f"--{boundary}\r\n"
                "Content-Type: application/http\r\n"
                f"Content-ID: <item{n}>\r\n\r\n"
                f"POST {GOOGLE_PUBLISH_PATH} HTTP/1.1\r\n"
                "Content-Type: application/json\r\n"
                f"Content-Length: {len(payload.encode())}\r\n\r\n"
                f"{payload}\r\n"
            )
        return ("".join(parts) + f"--{boundary}--\r\n").encode()

    def notify(self, notifications: list[UrlNotification]) -> None:
        if not notifications:
            return
        if len(notifications) > self.max_batch:
            raise ValueError(f"At most {self.max_batch} notifications in one batch.")
        boundary = f"batch_{uuid.uuid4().hex}"
        status, _headers, body = self.transport(
            GOOGLE_BATCH_URL,
            self.batch_body(notifications, boundary),
            {
                "Authorization": f"Bearer {self.token()}",
                "Content-Type": f"multipart/mixed; boundary={boundary}",
            },
        )
        if status != 200:
            raise RuntimeError(f"Indexing API batch answered {status}: {body[:500]!r}")
        failures = [
            line for line in body.decode(errors="replace").splitlines()
            if line.startswith("HTTP/1.1 ") and not line.startswith("HTTP/1.1 200")
        ]  # fmt: skip
        if failures:
            raise RuntimeError(f"Indexing API refused {len(failures)} of the batch: {failures[0]}")
