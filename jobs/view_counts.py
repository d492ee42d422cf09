"""Job page views, counted without a database write per request.

Each view is one HINCRBY on a Redis hash; a beat task adds the hash to Job.view_count in one
UPDATE every few minutes. When Redis is down a view simply goes uncounted: the page still works.
"""

import logging

import redis
from django.db import connection
from django_redis import get_redis_connection

logger = logging.getLogger(__name__)

PENDING_KEY = "hc:jobs:views"
FLUSHING_KEY = "hc:jobs:views:flushing"


def job_view_record(job_id: int) -> None:
    try:
        get_redis_connection("default").hincrby(PENDING_KEY, job_id, 1)
    except redis.RedisError:
        logger.warning("Redis unavailable: a view of job %s was not counted", job_id)


def job_views_flush() -> int:
    """Add the counted views to the jobs; returns how many jobs were updated.

    The pending hash is renamed before it is read, so views counted meanwhile go to a fresh hash
    and none is lost. A flush that died before its UPDATE leaves the renamed hash behind, and the
    next flush finishes it first."""
    client = get_redis_connection("default")
    if not client.exists(FLUSHING_KEY):
        try:
            client.rename(PENDING_KEY, FLUSHING_KEY)
        except redis.ResponseError:  # no views since the last flush
            return 0
    counts = [(int(job_id), int(views)) for job_id, views in client.hgetall(FLUSHING_KEY).items()]
    if counts:
        values = ", ".join(["(%s, %s)"] * len(counts))
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE jobs_job SET view_count = jobs_job.view_count + counted.views "  # noqa: S608
                f"FROM (VALUES {values}) AS counted(id, views) WHERE jobs_job.id = counted.id",
                [number for pair in counts for number in pair],
            )
    client.delete(FLUSHING_KEY)
    return len(counts)
