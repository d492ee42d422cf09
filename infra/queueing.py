"""Queue Celery tasks after the surrounding transaction commits, without letting a broker
outage fail the request: the database is the source of truth and periodic sweeps re-queue
what was missed."""

import logging

from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def enqueue_on_commit(task, *ids: int) -> None:
    """Queue `task.delay(*ids)` once the current transaction commits (immediately outside one)."""

    def send() -> None:
        try:
            task.delay(*ids)
        except (OperationalError, OSError):  # broker down: a sweep re-derives the work later
            logger.exception("Could not queue %s%r; a periodic sweep will retry it", task.name, ids)

    transaction.on_commit(send)
