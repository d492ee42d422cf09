"""Reads for pages: the employer dashboard's job tables and counts, the Company List's counts.

Writes are in jobs/services.py; these only read (and decorate objects for templates).
"""

from datetime import timedelta

from django.db import connection
from django.db.models import Count, F
from django.db.models.functions import Coalesce
from django.utils import timezone

from jobs.gazetteer import EARTH_RADIUS_MILES
from jobs.lifecycle import job_available_actions, job_can
from jobs.models import SIMILAR_POOL, Job, PayTransparencyRule, WorkplaceType
from jobs.pay_rules import job_rule_problems

Status = Job.Status

RENEW_PROMPT = timedelta(days=7)


def jobs_with_actions(jobs: list[Job]) -> list[Job]:
    """Attach for the dashboard: `job.actions` (allowed employer actions), `job.quick_actions`
    (the few worth a button in a table) and `job.editable`."""
    soon = timezone.now() + RENEW_PROMPT
    for job in jobs:
        job.actions = job_available_actions(job)
        job.quick_actions = [
            action
            for action in job.actions
            if action not in {"delete", "feature", "unfeature"}
            and (action != "duplicate" or job.status == Status.CLOSED)
            and (action != "renew" or job.expires_at is None or job.expires_at <= soon)
        ]
        job.editable = job_can(job, "edit")
    return jobs


def company_job_counts(company) -> dict[str, int]:
    """{status: number of the company's jobs} for every status, plus "all"; one query."""
    rows = Job.objects.for_company(company).values_list("status").annotate(n=Count("pk"))
    counts = dict.fromkeys(Status.values, 0) | dict(rows)
    counts["all"] = sum(counts.values())
    return counts


def with_live_job_counts(companies):
    """Annotate a Company queryset with `open_job_count`, its live jobs, from the summary that
    beat keeps (jobs/counts.py): one LEFT JOIN, not a count of each company's jobs."""
    return companies.annotate(open_job_count=Coalesce(F("job_count__live_jobs"), 0))


def jobs_out_of_pay_rules(company) -> list[tuple[Job, list]]:
    """The company's live jobs that a pay-transparency rule in effect now is not met by
    (usually jobs that went live before the rule took effect): (job, problems), for the team
    to fix. They stay live: unpublishing them silently would hide jobs people are applying to.
    Two queries whatever the number of jobs."""
    rules = list(PayTransparencyRule.objects.in_effect())
    if not rules:
        return []
    jobs = Job.objects.for_company(company).published().order_by("-published_at", "-pk")
    return [(job, problems) for job in jobs if (problems := job_rule_problems(job, rules=rules))]


SIMILAR_NEAREST_SQL = """
SELECT source_id, id FROM (
    SELECT src.id AS source_id, near.id, row_number() OVER (
        PARTITION BY src.id ORDER BY near.miles, near.published_at DESC, near.id DESC
    ) AS n
    FROM jobs_job src
    CROSS JOIN LATERAL (
        SELECT j.id, j.published_at,
            2 * %(radius)s * asin(sqrt(least(1.0,
                power(sin((radians(j.latitude) - radians(src.latitude)) / 2), 2)
                + cos(radians(src.latitude)) * cos(radians(j.latitude))
                * power(sin((radians(j.longitude) - radians(src.longitude)) / 2), 2)
            ))) AS miles
        FROM jobs_job j
        WHERE j.status = %(published)s AND j.expires_at > %(now)s
          AND j.profession = src.profession AND j.id <> src.id AND j.latitude IS NOT NULL
        ORDER BY point(j.longitude * cos(radians(j.latitude)), j.latitude)
            <-> point(src.longitude * cos(radians(src.latitude)), src.latitude)
        LIMIT %(pool)s
    ) AS near
    WHERE src.id = ANY(%(ids)s)
) AS ranked
WHERE n <= %(limit)s
ORDER BY source_id, n
"""


# The fields of the jobs similar_jobs_for loads from its walk: any other is a query per job.
SIMILAR_SHOWN_FIELDS = (
    "title", "city", "state", "workplace_type", "profession", "published_at", "company__name",
)  # fmt: skip


def similar_jobs_for(
    jobs: list[Job], limit: int, *, memo: dict | None = None
) -> dict[int, list[Job]]:
    """{job id: its similar open jobs} for many jobs at once, in `Job.objects.published()
    .similar_to(job, limit)`'s order: one query walks the nearest-jobs index for every job with
    a place (a LATERAL join, ranked by true distance in SQL), one more loads the jobs shown;
    remote jobs go through similar_to. For the sweeps' emails, which would otherwise cost a
    query or two per job. `memo`: a dict the caller keeps across calls (a sweep's batches) to
    walk the newest jobs of each profession once."""
    placed = [
        j for j in jobs if j.latitude is not None and j.longitude is not None and not j.is_remote
    ]
    found: dict[int, list[Job]] = {}
    if placed:
        params = {
            "radius": EARTH_RADIUS_MILES,
            "published": Status.PUBLISHED,
            "now": timezone.now(),
            "pool": max(limit, SIMILAR_POOL),
            "limit": limit,
            "ids": [j.pk for j in placed],
        }
        with connection.cursor() as cursor:
            cursor.execute(SIMILAR_NEAREST_SQL, params)
            pairs = cursor.fetchall()
        shown = (
            Job.objects.published()
            .with_company()
            # What the sweeps' emails show (title, place, link, company): 28,000 whole jobs and
            # companies a sweep of 10,000 breaches took seconds to load.
            .only(*SIMILAR_SHOWN_FIELDS)
            .in_bulk({other for _, other in pairs})
        )
        found = {job.pk: [] for job in placed}
        for source, other in pairs:
            if other in shown:
                found[source].append(shown[other])
    # The others (remote, or without a place) get similar_to's two walks of the newest jobs of
    # their profession; those depend on the profession only, so they run once per profession
    # of the batch (one more row each, in case the job itself is among them).
    newest_by_profession: dict = {} if memo is None else memo  # (profession, limit): walks
    for job in jobs:
        if job.pk in found:
            continue
        if (job.profession, limit) not in newest_by_profession:
            newest = (
                Job.objects.published()
                .with_company()
                .only(*SIMILAR_SHOWN_FIELDS)
                .filter(profession=job.profession)
                .order_by("-published_at", "-pk")
            )
            newest_by_profession[job.profession, limit] = (
                list(newest.filter(workplace_type=WorkplaceType.REMOTE)[: limit + 1]),
                list(newest.exclude(workplace_type=WorkplaceType.REMOTE)[: limit + 1]),
            )
        remote, rest = (
            [other for other in walk if other.pk != job.pk][:limit]
            for walk in newest_by_profession[job.profession, limit]
        )
        found[job.pk] = (remote + rest[: limit - len(remote)])[:limit]
    return found
