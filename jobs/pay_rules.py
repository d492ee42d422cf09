"""State pay-transparency rules (the PayTransparencyRule table) applied to a posting.

One set of checks for the posting form, the publish path and the dashboard's list of live jobs
that a rule taking effect later caught out, so the three always agree.
"""

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_UP, Decimal

from jobs.choices import STATE_NAMES, WorkplaceType
from jobs.models import Job, PayTransparencyRule
from jobs.pay import SHORT_UNITS, money


@dataclass(frozen=True)
class ApplicableRule:
    rule: PayTransparencyRule
    why: str  # "the job is in Colorado", "the job is remote and open to hires in Colorado"


@dataclass(frozen=True)
class RuleProblem:
    rule: PayTransparencyRule
    field: str  # the form field to change
    message: str


def applicable_rules(
    *, workplace_type, state="", remote_states=(), rules=None, on=None
) -> list[ApplicableRule]:
    """The rules in effect that cover a job: its work location's state, or for a remote job
    every state it is open to (no states listed means open to all of them). `rules` (already
    in effect) spares a query when checking many jobs."""
    if rules is None:
        rules = list(PayTransparencyRule.objects.in_effect(on))
    if workplace_type == WorkplaceType.REMOTE:
        open_to = set(remote_states or STATE_NAMES)
        return [
            ApplicableRule(
                rule,
                f"the job is remote and open to hires in {STATE_NAMES[rule.state]}"
                + ("" if remote_states else " (it lists no states, so every state)"),
            )
            for rule in rules
            if rule.applies_to_remote and rule.state in open_to
        ]
    return [
        ApplicableRule(rule, f"the job is in {STATE_NAMES[rule.state]}")
        for rule in rules
        if state and rule.state == state
    ]


def rule_problems(rule, *, pay_min, pay_max, pay_period, benefits) -> list[RuleProblem]:
    """What a posting with these values must change to meet `rule`; empty when it complies."""
    name = rule.name
    problems = []
    if rule.requires_range and (not pay_min or not pay_max):
        unit = SHORT_UNITS.get(pay_period, "")
        if pay_max and not pay_min:
            message = (
                f"Enter the minimum pay too: {name} requires a range with a minimum and a "
                f"maximum, and “up to {money(pay_max, pay_period or 'hour')}{unit}” is not one."
            )
        elif pay_min:
            message = (
                f"Enter the maximum pay too: {name} requires a range with a minimum and a "
                f"maximum, and “{money(pay_min, pay_period or 'hour')}{unit}+” is open-ended."
            )
        else:
            message = f"Enter the minimum and the maximum pay: {name} requires a pay range."
        problems.append(RuleProblem(rule, "pay_min" if not pay_min else "pay_max", message))
    elif rule.max_ratio and pay_min and pay_max and pay_max > pay_min * rule.max_ratio:
        ratio = f"{rule.max_ratio.normalize():f}"
        lowest_min = (pay_max / rule.max_ratio).quantize(Decimal("0.01"), ROUND_UP)
        highest_max = (pay_min * rule.max_ratio).quantize(Decimal("0.01"), ROUND_DOWN)
        problems.append(
            RuleProblem(
                rule,
                "pay_max",
                f"{name} requires a range whose maximum is at most {ratio} × the "
                f"minimum: lower the maximum to {money(highest_max, pay_period)} or raise the "
                f"minimum to {money(lowest_min, pay_period)}.",
            )
        )
    if rule.requires_pay_unit and not pay_period:
        problems.append(
            RuleProblem(
                rule, "pay_period", f"{name} requires the pay unit: choose per hour or per year."
            )
        )
    if rule.requires_benefits and not benefits:
        problems.append(
            RuleProblem(
                rule,
                "benefits",
                f"{name} requires a general description of the benefits: tick the benefits "
                "this job offers.",
            )
        )
    return problems


def job_rule_problems(job: Job, *, rules=None) -> list[RuleProblem]:
    """Every rule problem of a saved job."""
    problems = []
    for applicable in applicable_rules(
        workplace_type=job.workplace_type,
        state=job.state,
        remote_states=job.remote_states,
        rules=rules,
    ):
        problems += rule_problems(
            applicable.rule,
            pay_min=job.pay_min,
            pay_max=job.pay_max,
            pay_period=job.pay_period,
            benefits=job.benefits,
        )
    return problems
