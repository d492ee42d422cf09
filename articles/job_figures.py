"""Live job figures for a guide: open jobs of its profession and their pay, read from jobs.

Read-only use of the jobs app (articles sit above jobs): two queries, whatever the job count."""

from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count, Max, Min
from django.urls import reverse

from jobs.choices import PayPeriod, Profession
from jobs.models import Job
from jobs.pay import pay_range_label


@dataclass(frozen=True)
class PayRange:
    low: Decimal
    high: Decimal
    period: str
    job_count: int

    @property
    def label(self) -> str:
        return pay_range_label(self.low, self.high, self.period, long=True)


@dataclass(frozen=True)
class JobFigures:
    profession: str
    open_jobs: int = 0
    hourly: PayRange | None = None
    yearly: PayRange | None = None
    jobs: list = field(default_factory=list)

    @property
    def profession_label(self) -> str:
        return Profession(self.profession).label if self.profession else ""

    @property
    def search_url(self) -> str:
        search = reverse("jobs:search")
        if not self.profession:
            return search
        return f"{search}?{urlencode({'profession': self.profession})}"


def live_job_figures(profession: str, *, sample: int = 4) -> JobFigures:
    """Open jobs of `profession`: their number, hourly and yearly pay ranges, the newest few.

    Hourly and salaried postings are reported separately rather than converted, so the figures
    match what the postings say."""
    jobs = Job.objects.published().filter(profession=profession)
    ranges = {
        row["pay_period"]: PayRange(
            low=row["low"], high=row["high"], period=row["pay_period"], job_count=row["n"]
        )
        for row in jobs.order_by()
        .values("pay_period")
        .annotate(n=Count("pk"), low=Min("pay_min"), high=Max("pay_max"))
    }
    total = sum(r.job_count for r in ranges.values())
    newest = list(jobs.with_company().order_by("-published_at", "-pk")[:sample]) if total else []
    return JobFigures(
        profession=profession,
        open_jobs=total,
        hourly=ranges.get(PayPeriod.HOUR),
        yearly=ranges.get(PayPeriod.YEAR),
        jobs=newest,
    )


def latest_jobs(*, sample: int = 4) -> list:
    """For articles without a profession: the newest open jobs."""
    return list(Job.objects.published().with_company().order_by("-published_at", "-pk")[:sample])
