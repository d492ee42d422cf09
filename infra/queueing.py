"""Queue Celery tasks after the surrounding transaction commits, without letting a broker
outage fail the request: the database is the source of truth and periodic sweeps re-queue
what was missed."""

import logging

from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def send_task_on_commit(name: str, *args) -> None:
    """Queue the task registered as `name` once the current transaction commits, without
    importing its module (services stay free of their tasks modules and of import cycles).

    A registered task is called through `.delay()` so that eager mode (tests) runs it in-process;
    a name this process has not registered goes to the broker as is."""

    def send() -> None:
        from celery import current_app

        try:
            task = current_app.tasks.get(name)
            if task is None:
                # A web process imports the tasks modules only when asked (autodiscovery).
                current_app.loader.import_default_modules()
                task = current_app.tasks.get(name)
            if task is not None:
                task.delay(*args)
            else:
                current_app.send_task(name, args=args)
        except (OperationalError, OSError):  # broker down: the beat schedule runs it later
            logger.exception("Could not queue %s%r; the periodic run will do the work", name, args)

    transaction.on_commit(send)
