"""Plan quotas that need no job: the answer type, the way to the plans, Find Candidates.

Quotas that count jobs (active and featured jobs) live in jobs/quotas.py, beside the one
definition of an active job; employers never imports jobs.
"""

from dataclasses import dataclass

from django.urls import reverse

from employers.plans import Plan, plans_above


@dataclass(frozen=True)
class QuotaCheck:
    """The answer to "may this company do one more?". Truthy when allowed."""

    allowed: bool
    used: int
    limit: int | None  # None: unlimited
    message: str = ""
    upgrade_url: str = ""

    def __bool__(self) -> bool:
        return self.allowed


def pricing_url() -> str:
    return reverse("pricing:index") + "#plans"


def next_plan_with_more(plan: Plan, attribute: str, used: int) -> Plan | None:
    """The smallest plan above `plan` whose `attribute` limit is above `used`."""
    for candidate in plans_above(plan.key):
        limit = getattr(candidate, attribute)
        if limit is None or limit > used:
            return candidate
    return None


def can_search_candidates(company) -> QuotaCheck:
    """Does `company`'s plan include Find Candidates? (Contacts are counted by candidates.)"""
    plan = company.plan_details
    if plan.candidate_search:
        return QuotaCheck(allowed=True, used=0, limit=plan.monthly_candidate_contacts)
    better = next((p for p in plans_above(plan.key) if p.candidate_search), None)
    return QuotaCheck(
        allowed=False,
        used=0,
        limit=0,
        message=(
            f"Find Candidates is not part of the {plan.name} plan"
            + (f": upgrade to {better.name} to search candidate profiles." if better else ".")
        ),
        upgrade_url=pricing_url() if better else "",
    )
