"""Job page views, counted without a database write per request.

Each view is one HINCRBY on a Redis hash; a beat task adds the hash to Job.view_count in one
UPDATE every few minutes. When Redis is down a view simply goes uncounted: the page still works.
"""

import logging

import redis
from django.db import DatabaseError, connection, transaction
from django_redis import get_redis_connection

logger = logging.getLogger(__name__)

PENDING_KEY = "hc:jobs:views"
# Left behind by the flush of earlier releases when it died before its UPDATE; taken with the rest.
FLUSHING_KEY = "hc:jobs:views:flushing"


def job_view_record(job_id: int) -> None:
    try:
        get_redis_connection("default").hincrby(PENDING_KEY, job_id, 1)
    except redis.RedisError:
        logger.warning("Redis unavailable: a view of job %s was not counted", job_id)


def _take_counts(client) -> dict[int, int]:
    """Read and delete the counted views in one MULTI/EXEC: no view counted meanwhile is lost,
    and once taken they are nowhere in Redis to be added a second time."""
    pipe = client.pipeline(transaction=True)
    pipe.hgetall(FLUSHING_KEY)
    pipe.hgetall(PENDING_KEY)
    pipe.delete(FLUSHING_KEY, PENDING_KEY)
    leftover, pending, _ = pipe.execute()
    counts: dict[int, int] = {}
    for job_id, views in [*leftover.items(), *pending.items()]:
        counts[int(job_id)] = counts.get(int(job_id), 0) + int(views)
    return counts


def _add_views(counts: dict[int, int]) -> None:
    values = ", ".join(["(%s, %s)"] * len(counts))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            # Only "(%s, %s)" placeholders are interpolated; ids and counts are bound parameters.
            "UPDATE jobs_job SET view_count = jobs_job.view_count + counted.views "  # noqa: S608  # nosec B608
            f"FROM (VALUES {values}) AS counted(id, views) WHERE jobs_job.id = counted.id",
            [number for pair in counts.items() for number in pair],
        )


def job_views_flush() -> int:
    """Add the counted views to the jobs; returns how many jobs were updated.

    The counts are taken out of Redis before the UPDATE, so a flush that dies at any point can
    lose one batch of views but never add one twice. When the UPDATE itself fails (the database
    is down), nothing was added and the views are given back for the next flush."""
    client = get_redis_connection("default")
    counts = _take_counts(client)
    if not counts:
        return 0
    try:
        _add_views(counts)
    except DatabaseError:
        pipe = client.pipeline(transaction=True)
        for job_id, views in counts.items():
            pipe.hincrby(PENDING_KEY, job_id, views)
        pipe.execute()
        raise
    return len(counts)
