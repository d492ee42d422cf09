"""Plan quotas that count jobs, checked where the action happens (publishing, resuming,
renewing, approving, featuring a job).

Pure reads: each function counts the company's active jobs (`Job.objects.active()`: live, or
waiting for staff review) and compares with its plan (employers/plans.py). The caller decides
what to do with a refusal. Drafts, paused, closed and expired jobs do not count; resuming a
paused job is a publish and is checked again.
"""

from employers.plans import PLANS, plans_above
from employers.quotas import QuotaCheck, next_plan_with_more, pricing_url
from jobs.models import Job


def _active_jobs(company, excluding_job=None):
    jobs = Job.objects.for_company(company).active()
    if excluding_job is not None and excluding_job.pk:
        jobs = jobs.exclude(pk=excluding_job.pk)
    return jobs


def active_job_count(company, *, excluding_job=None) -> int:
    return _active_jobs(company, excluding_job).count()


def featured_job_count(company, *, excluding_job=None) -> int:
    return _active_jobs(company, excluding_job).filter(is_featured=True).count()


def _jobs(n: int) -> str:
    return f"{n} active job" if n == 1 else f"{n} active jobs"


def can_publish_another_job(company, *, excluding_job=None) -> QuotaCheck:
    """May `company` have one more active job? Pass the job being published as `excluding_job`
    when it may already count (a job waiting for review that staff now approve)."""
    plan = company.plan_details
    used = active_job_count(company, excluding_job=excluding_job)
    if plan.max_active_jobs is None or used < plan.max_active_jobs:
        return QuotaCheck(allowed=True, used=used, limit=plan.max_active_jobs)
    better = next_plan_with_more(plan, "max_active_jobs", used)
    message = (
        f"Your {plan.name} plan includes {_jobs(plan.max_active_jobs)} at a time, and "
        f"{company.name} has {used}. Pause or close a job first"
    )
    if better:
        more = "unlimited jobs" if better.max_active_jobs is None else _jobs(better.max_active_jobs)
        message += f", or upgrade to {better.name} for {more}."
    else:
        message += "."
    return QuotaCheck(
        allowed=False,
        used=used,
        limit=plan.max_active_jobs,
        message=message,
        upgrade_url=pricing_url() if better else "",
    )


def can_feature_another_job(company, *, excluding_job=None) -> QuotaCheck:
    """May `company` mark one more active job as featured? Pass the job being featured as
    `excluding_job` if it may already be featured."""
    plan = company.plan_details
    used = featured_job_count(company, excluding_job=excluding_job)
    if plan.max_featured_jobs is None or used < plan.max_featured_jobs:
        return QuotaCheck(allowed=True, used=used, limit=plan.max_featured_jobs)
    better = next_plan_with_more(plan, "max_featured_jobs", used)
    if plan.max_featured_jobs == 0:
        message = f"Featured jobs are not part of the {plan.name} plan"
    else:
        message = (
            f"Your {plan.name} plan includes {plan.max_featured_jobs} featured jobs at a time, "
            f"and {company.name} has {used}. Unfeature a job first"
        )
    if better:
        more = "unlimited" if better.max_featured_jobs is None else better.max_featured_jobs
        joiner = ": " if plan.max_featured_jobs == 0 else ", or "
        message += f"{joiner}upgrade to {better.name} for {more} featured jobs."
    else:
        message += "."
    return QuotaCheck(
        allowed=False,
        used=used,
        limit=plan.max_featured_jobs,
        message=message,
        upgrade_url=pricing_url() if better else "",
    )


def plan_usage(company) -> dict:
    """What the plan page shows: the plan, and active and featured jobs against its limits."""
    plan = company.plan_details
    return {
        "plan": plan,
        "active_jobs": active_job_count(company),
        "featured_jobs": featured_job_count(company),
        "upgrades": plans_above(plan.key),
        "all_plans": list(PLANS.values()),
    }
