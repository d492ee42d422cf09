"""Queue Celery tasks after the surrounding transaction commits, without letting a broker
outage fail the request, or slow it: the database is the source of truth and periodic sweeps
re-queue what was missed. While the Redis circuit breaker is open (infra/breaker.py: a Redis
call failed in the last few seconds) nothing is even tried."""

import logging

from django.db import transaction
from kombu.exceptions import OperationalError

from infra.breaker import redis_breaker

logger = logging.getLogger(__name__)


def send_task_on_commit(name: str, *args) -> None:
    """Queue the task registered as `name` once the current transaction commits, without
    importing its module (services stay free of their tasks modules and of import cycles).

    A registered task is called through `.delay()` so that eager mode (tests) runs it in-process;
    a name this process has not registered goes to the broker as is."""

    def send() -> None:
        from celery import current_app

        if redis_breaker.is_open():
            logger.warning("Redis is down: %s%r not queued; the periodic run does it", name, args)
            return
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
        except (OperationalError, OSError) as error:  # broker down: beat runs it later
            redis_breaker.failed(error)
            logger.exception("Could not queue %s%r; the periodic run will do the work", name, args)
        else:
            redis_breaker.succeeded()

    transaction.on_commit(send)
