"""The plans an employer can be on: defined here, and only here.

The Pricing page, the quotas (employers/quotas.py), the admin and the upgrade form all read this
module. A limit of None means "unlimited". Billing is invoiced B2B: staff change a company's plan
in admin; there is no checkout on the site.
"""

from dataclasses import dataclass

FREE = "free"
PROFESSIONAL = "professional"
ENTERPRISE = "enterprise"


@dataclass(frozen=True)
class Plan:
    key: str
    name: str
    price_label: str
    summary: str
    max_active_jobs: int | None
    max_featured_jobs: int | None
    candidate_search: bool
    monthly_candidate_contacts: int | None
    features: tuple[str, ...]
    highlighted: bool = False

    @property
    def rank(self) -> int:
        return PLAN_ORDER.index(self.key)

    @property
    def is_paid(self) -> bool:
        return self.key != FREE

    @property
    def has_unlimited_jobs(self) -> bool:
        return self.max_active_jobs is None


PLANS: dict[str, Plan] = {
    plan.key: plan
    for plan in [
        Plan(
            key=FREE,
            name="Free",
            price_label="Free",
            summary="For a practice or clinic hiring for one role at a time.",
            max_active_jobs=1,
            max_featured_jobs=0,
            candidate_search=False,
            monthly_candidate_contacts=0,
            features=(
                "1 active job at a time",
                "The applicant pipeline with No-Ghosting deadlines",
                "A company page with your open jobs",
                "Invite recruiters to your hiring team",
            ),
        ),
        Plan(
            key=PROFESSIONAL,
            name="Professional",
            price_label="$299 / month, invoiced",
            summary="For hospitals and groups that hire every month.",
            max_active_jobs=10,
            max_featured_jobs=2,
            candidate_search=True,
            monthly_candidate_contacts=50,
            features=(
                "10 active jobs at a time",
                "2 featured jobs, shown first in search and on the home page",
                "Find Candidates: search visible profiles, 50 contacts a month",
                "Everything in Free",
            ),
            highlighted=True,
        ),
        Plan(
            key=ENTERPRISE,
            name="Enterprise",
            price_label="Custom",
            summary="For health systems and staffing partners with many openings.",
            max_active_jobs=None,
            max_featured_jobs=None,
            candidate_search=True,
            monthly_candidate_contacts=None,
            features=(
                "Unlimited active jobs",
                "Unlimited featured jobs",
                "Find Candidates with unlimited contacts",
                "A named contact at healthcareers and invoiced billing",
            ),
        ),
    ]
}
PLAN_ORDER = [FREE, PROFESSIONAL, ENTERPRISE]
PLAN_CHOICES = [(key, PLANS[key].name) for key in PLAN_ORDER]
DEFAULT_PLAN = FREE


def get_plan(key: str) -> Plan:
    """The plan for a stored key; an unknown key (a plan since retired) falls back to Free."""
    return PLANS.get(key, PLANS[DEFAULT_PLAN])


def plans_above(key: str) -> list[Plan]:
    """Plans a company on `key` can upgrade to, cheapest first."""
    rank = get_plan(key).rank
    return [PLANS[k] for k in PLAN_ORDER[rank + 1 :]]


def limit_label(limit: int | None) -> str:
    return "Unlimited" if limit is None else str(limit)
