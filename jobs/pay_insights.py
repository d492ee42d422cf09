"""Pay insights (/pay/): percentiles of what recent postings pay, per profession, state and
experience level.

`pay_summary_refresh()` (a beat task, config/celery.py) computes every figure in one set-based
statement into PaySummary; pages read those rows only, so a page costs the same few queries
at any number of jobs. Each posting counts once, at the midpoint of its range, normalised to a
year the way Job.pay_max_annual is (HOURS_PER_YEAR hours); hourly figures are the yearly ones
over the same hours.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from jobs.choices import HOURS_PER_YEAR, STATE_NAMES, ExperienceLevel, PayPeriod, Profession
from jobs.models import Job, PaySummary
from jobs.pay import money

# A figure from fewer postings than this is not shown: too few to say what a role pays.
MIN_POSTINGS = 5
RECENT_DAYS = 365
# Postings that were public at some point: what employers really offered.
COUNTED_STATUSES = [
    Job.Status.PUBLISHED,
    Job.Status.PAUSED,
    Job.Status.CLOSED,
    Job.Status.EXPIRED,
]

REFRESH_SQL = """
INSERT INTO jobs_paysummary (
    profession, state, experience_level, postings,
    hourly_p25, hourly_median, hourly_p75, yearly_p25, yearly_median, yearly_p75, refreshed_at
)
SELECT
    profession,
    COALESCE(state, ''),
    COALESCE(experience_level, ''),
    COUNT(*),
    ROUND((percentile_cont(0.25) WITHIN GROUP (ORDER BY yearly) / %(hours)s)::numeric, 2),
    ROUND((percentile_cont(0.50) WITHIN GROUP (ORDER BY yearly) / %(hours)s)::numeric, 2),
    ROUND((percentile_cont(0.75) WITHIN GROUP (ORDER BY yearly) / %(hours)s)::numeric, 2),
    ROUND(percentile_cont(0.25) WITHIN GROUP (ORDER BY yearly)::numeric, 2),
    ROUND(percentile_cont(0.50) WITHIN GROUP (ORDER BY yearly)::numeric, 2),
    ROUND(percentile_cont(0.75) WITHIN GROUP (ORDER BY yearly)::numeric, 2),
    %(now)s
FROM (
    SELECT
        profession,
        NULLIF(state, '') AS state,  -- remote jobs have no state: only in the all-states rows
        experience_level,
        ((pay_min + pay_max) / 2
            * CASE WHEN pay_period = %(hour)s THEN %(hours)s ELSE 1 END)::float8 AS yearly
    FROM jobs_job
    WHERE status = ANY(%(statuses)s) AND published_at >= %(since)s
) AS postings
GROUP BY GROUPING SETS (
    (profession),
    (profession, state),
    (profession, experience_level),
    (profession, state, experience_level)
)
HAVING GROUPING(state) = 1 OR state IS NOT NULL
"""


def pay_summary_refresh(now=None) -> int:
    """Recompute every pay figure from the live and recent postings; returns the rows written.
    The old rows go in the same transaction, so a page never sees half a refresh."""
    now = now or timezone.now()
    params = {
        "hours": HOURS_PER_YEAR,
        "hour": PayPeriod.HOUR,
        "statuses": [str(status) for status in COUNTED_STATUSES],
        "since": now - timedelta(days=RECENT_DAYS),
        "now": now,
    }
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM jobs_paysummary")
        cursor.execute(REFRESH_SQL, params)
        return cursor.rowcount


# Reading -----------------------------------------------------------------------------------


def profession_slug(profession: str) -> str:
    return profession.replace("_", "-")


def profession_from_slug(slug: str) -> str | None:
    value = slug.replace("-", "_")
    return value if value in Profession.values else None


def pay_url(profession: str, state: str = "") -> str:
    if state:
        return reverse("pay:state", args=[profession_slug(profession), state.lower()])
    return reverse("pay:profession", args=[profession_slug(profession)])


@dataclass(frozen=True)
class PayFigure:
    """One row of figures, ready for a page; `shown` is False under MIN_POSTINGS."""

    label: str
    row: PaySummary
    url: str = ""
    short_label: str = ""  # for a chart's narrow label column

    @property
    def shown(self) -> bool:
        return self.row.postings >= MIN_POSTINGS

    def values(self, unit: str) -> tuple[Decimal, Decimal, Decimal]:
        prefix = "hourly" if unit == PayPeriod.HOUR else "yearly"
        return tuple(getattr(self.row, f"{prefix}_{name}") for name in ("p25", "median", "p75"))

    def money(self, unit: str) -> tuple[str, str, str]:
        return tuple(money(value, unit) for value in self.values(unit))


def pay_overview() -> list[PayFigure]:
    """Every profession's all-states figure, the best paid first (one query)."""
    rows = PaySummary.objects.filter(state="", experience_level="").order_by(
        "-yearly_median", "profession"
    )
    return [
        PayFigure(Profession(row.profession).label, row, pay_url(row.profession)) for row in rows
    ]


@dataclass
class ProfessionPay:
    overall: PayFigure | None
    by_state: list[PayFigure]
    by_experience: list[PayFigure]


EXPERIENCE_ORDER = {level: n for n, level in enumerate(ExperienceLevel.values)}


def profession_pay(profession: str, state: str = "") -> ProfessionPay:
    """A profession's figures, nationally or in one state: overall, by state (national only)
    and by experience level. One query."""
    rows = list(PaySummary.objects.filter(profession=profession))
    overall = next(
        (r for r in rows if r.state == state and not r.experience_level),
        None,
    )
    by_state = sorted(
        (
            PayFigure(STATE_NAMES[r.state], r, pay_url(profession, r.state))
            for r in rows
            if r.state and not r.experience_level and not state
        ),
        key=lambda figure: (not figure.shown, -figure.row.yearly_median, figure.label),
    )
    by_experience = sorted(
        (
            PayFigure(
                ExperienceLevel(r.experience_level).label,
                r,
                short_label=ExperienceLevel(r.experience_level).label.split(" (")[0].split(" /")[0],
            )
            for r in rows
            if r.experience_level and r.state == state
        ),
        key=lambda figure: EXPERIENCE_ORDER[figure.row.experience_level],
    )
    return ProfessionPay(
        overall=PayFigure(Profession(profession).label, overall) if overall else None,
        by_state=by_state,
        by_experience=by_experience,
    )


@dataclass(frozen=True)
class PayComparison:
    """A job's pay against its state's median (or the national one for a remote job)."""

    job_pay: str
    median: str
    postings: int
    place: str
    percent: int  # how far the job's midpoint is from the median, in percent
    url: str

    @property
    def sentence(self) -> str:
        if self.percent == 0:
            relation = "at"
        else:
            relation = f"{abs(self.percent)}% {'above' if self.percent > 0 else 'below'}"
        return (
            f"The middle of this range, {self.job_pay}, is {relation} the {self.place} median "
            f"for the role ({self.median}, from {self.postings} postings)."
        )


def job_pay_comparison(job) -> PayComparison | None:
    """One query; None when there are too few postings to compare with."""
    state = "" if job.is_remote else job.state
    row = PaySummary.objects.filter(
        profession=job.profession, state=state, experience_level=""
    ).first()
    if row is None or row.postings < MIN_POSTINGS:
        return None
    unit = job.pay_period
    midpoint = (job.pay_min + job.pay_max) / 2
    median = row.hourly_median if unit == PayPeriod.HOUR else row.yearly_median
    if not median:
        return None
    return PayComparison(
        job_pay=money(midpoint, unit) + ("/hr" if unit == PayPeriod.HOUR else "/yr"),
        median=money(median, unit) + ("/hr" if unit == PayPeriod.HOUR else "/yr"),
        postings=row.postings,
        place=STATE_NAMES[state] if state else "US",
        percent=round((midpoint - median) / median * 100),
        url=pay_url(job.profession, state),
    )


def sitemap_pages() -> list[str]:
    """The /pay/ pages with figures to show (one query)."""
    rows = PaySummary.objects.filter(experience_level="", postings__gte=MIN_POSTINGS).values_list(
        "profession", "state"
    )
    return [reverse("pay:index")] + [pay_url(profession, state) for profession, state in rows]


# Charts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartBar:
    label: str
    y: int
    x25: float
    x50: float
    x75: float
    text: str
    url: str = ""

    @property
    def width(self) -> float:
        return max(self.x75 - self.x25, 2.0)


CHART_WIDTH = 480
LABEL_WIDTH = 180
ROW_HEIGHT = 30
AXIS_HEIGHT = 28


def range_chart(figures: list[PayFigure], unit: str) -> dict | None:
    """Geometry of a horizontal range chart (25th to 75th percentile, a mark at the median),
    drawn by templates/jobs/pay/_range_chart.html as plain SVG. Only shown figures; the axis
    starts a little below the lowest figure, so differences between rows are visible."""
    shown = [figure for figure in figures if figure.shown]
    if not shown:
        return None
    top = max(figure.values(unit)[2] for figure in shown)
    bottom = min(figure.values(unit)[0] for figure in shown)
    spread = (top - bottom) or top or Decimal(1)
    low_end = max(Decimal(0), bottom - spread / 4)
    high_end = top + spread / 10
    span = CHART_WIDTH - LABEL_WIDTH - 16

    def x(value):
        return round(LABEL_WIDTH + float((value - low_end) / (high_end - low_end)) * span, 1)

    bars = []
    for n, figure in enumerate(shown):
        p25, p50, p75 = figure.values(unit)
        low, mid, high = figure.money(unit)
        bars.append(
            ChartBar(
                label=figure.short_label or figure.label,
                y=n * ROW_HEIGHT + 8,
                x25=x(p25),
                x50=x(p50),
                x75=x(p75),
                text=f"{figure.label}: median {mid}, middle half {low} to {high}",
                url=figure.url,
            )
        )
    rows_height = len(bars) * ROW_HEIGHT + 8
    suffix = "/hr" if unit == PayPeriod.HOUR else "/yr"
    return {
        "width": CHART_WIDTH,
        "height": rows_height + AXIS_HEIGHT,
        "label_width": LABEL_WIDTH,
        "axis_y": rows_height,
        "axis_end": CHART_WIDTH - 16,
        "axis_low": money(low_end.quantize(Decimal(1)), unit) + suffix,
        "axis_high": money(high_end.quantize(Decimal(1)), unit) + suffix,
        "bars": bars,
    }
