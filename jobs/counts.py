"""Counts that span every job (open jobs, companies hiring, jobs per profession, a company's open
jobs), kept as summaries so no page counts a million rows.

`job_counts_refresh()` recomputes them set-based (two GROUP BYs over the live jobs' index); beat
runs it every two minutes (config/celery.py), which also catches jobs that passed their expiry
date, and the job services queue it for the one company and profession after a job goes live or
away (`job_counts_changed`), so an employer sees their own change within seconds. Pages only read
the few summary rows. Until the first refresh the summaries are empty and read as zero.
"""

from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone

from infra.queueing import send_task_on_commit
from jobs.choices import Profession
from jobs.models import CompanyJobCount, Job, ProfessionJobCount

REFRESH_TASK = "jobs.tasks.refresh_job_counts"

COMPANIES_SQL = """
INSERT INTO jobs_companyjobcount (company_id, live_jobs, refreshed_at)
SELECT c.id, COALESCE(j.n, 0), %(now)s
FROM employers_company c
LEFT JOIN (
    SELECT company_id, count(*) AS n FROM jobs_job
    WHERE status = %(published)s AND expires_at > %(now)s {jobs_filter}
    GROUP BY company_id
) j ON j.company_id = c.id
{companies_filter}
ON CONFLICT (company_id) DO UPDATE
SET live_jobs = EXCLUDED.live_jobs, refreshed_at = EXCLUDED.refreshed_at
"""

PROFESSIONS_SQL = """
INSERT INTO jobs_professionjobcount (profession, live_jobs, refreshed_at)
SELECT p.profession, COALESCE(j.n, 0), %(now)s
FROM unnest(%(professions)s::text[]) AS p(profession)
LEFT JOIN (
    SELECT profession, count(*) AS n FROM jobs_job
    WHERE status = %(published)s AND expires_at > %(now)s
      AND profession = ANY(%(professions)s::text[])
    GROUP BY profession
) j ON j.profession = p.profession
ON CONFLICT (profession) DO UPDATE
SET live_jobs = EXCLUDED.live_jobs, refreshed_at = EXCLUDED.refreshed_at
"""


def job_counts_refresh(*, company_id: int | None = None, profession: str = "", now=None) -> None:
    """Recompute the summaries: every company and profession, or only the one given."""
    params = {
        "now": now or timezone.now(),
        "published": Job.Status.PUBLISHED,
        "company": company_id,
        "professions": [profession] if profession else list(Profession.values),
    }
    one = company_id is not None
    companies_sql = COMPANIES_SQL.format(
        jobs_filter="AND company_id = %(company)s" if one else "",
        companies_filter="WHERE c.id = %(company)s" if one else "",
    )
    with transaction.atomic(), connection.cursor() as cursor:
        if one or not profession:
            cursor.execute(companies_sql, params)
        if profession or not one:
            cursor.execute(PROFESSIONS_SQL, params)


def job_counts_changed(job: Job) -> None:
    """A job went live or away: refresh its company's and profession's counts once the
    transaction commits (a Celery task; beat's full refresh catches anything missed)."""
    send_task_on_commit(REFRESH_TASK, job.company_id, job.profession)


# Reading -----------------------------------------------------------------------------------


def board_counts(top: int = 8) -> dict:
    """{"open_jobs", "companies_hiring", "professions": [(profession, jobs), ...] (the most
    jobs first, `top` of them)}; three small queries over the summaries."""
    return {
        "open_jobs": ProfessionJobCount.objects.aggregate(n=Sum("live_jobs"))["n"] or 0,
        "companies_hiring": CompanyJobCount.objects.filter(live_jobs__gt=0).count(),
        "professions": list(
            ProfessionJobCount.objects.filter(live_jobs__gt=0)
            .order_by("-live_jobs", "profession")
            .values_list("profession", "live_jobs")[:top]
        ),
    }


def company_live_jobs(company_id: int) -> int:
    row = CompanyJobCount.objects.filter(company_id=company_id).values_list("live_jobs").first()
    return row[0] if row else 0
