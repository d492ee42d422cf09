"""Pay insights pages: /pay/, /pay/<profession>/, /pay/<profession>/<state>/.

Each page reads precomputed rows (jobs/pay_insights.py): a constant few queries."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from jobs.choices import HOURS_PER_YEAR, STATE_NAMES, PayPeriod, Profession
from jobs.pay_insights import (
    MIN_POSTINGS,
    RECENT_DAYS,
    pay_overview,
    pay_url,
    profession_from_slug,
    profession_pay,
    range_chart,
)


def chosen_unit(request) -> str:
    return PayPeriod.YEAR if request.GET.get("unit") == "year" else PayPeriod.HOUR


def common(request) -> dict:
    unit = chosen_unit(request)
    return {
        "unit": unit,
        "unit_label": "hourly" if unit == PayPeriod.HOUR else "yearly",
        "min_postings": MIN_POSTINGS,
        "recent_days": RECENT_DAYS,
        "hours_per_year": f"{HOURS_PER_YEAR:,}",
    }


@require_safe
def index(request):
    context = common(request)
    figures = pay_overview()
    context |= {"figures": figures, "chart": range_chart(figures, context["unit"])}
    return render(request, "jobs/pay/index.html", context)


def get_profession(slug: str) -> str:
    profession = profession_from_slug(slug)
    if profession is None:
        raise Http404
    return profession


@require_safe
def profession(request, profession):
    profession = get_profession(profession)
    context = common(request)
    pay = profession_pay(profession)
    unit = context["unit"]
    context |= {
        "profession": profession,
        "profession_label": Profession(profession).label,
        "pay": pay,
        "state_chart": range_chart(pay.by_state, unit),
        "experience_chart": range_chart(pay.by_experience, unit),
    }
    return render(request, "jobs/pay/profession.html", context)


@require_safe
def state(request, profession, state):
    profession = get_profession(profession)
    code = state.upper()
    if code not in STATE_NAMES:
        raise Http404
    if state != code.lower():
        return redirect(pay_url(profession, code), permanent=True)
    context = common(request)
    pay = profession_pay(profession, code)
    national = profession_pay(profession).overall
    context |= {
        "profession": profession,
        "profession_label": Profession(profession).label,
        "state": code,
        "state_name": STATE_NAMES[code],
        "pay": pay,
        "national": national,
        "experience_chart": range_chart(pay.by_experience, context["unit"]),
    }
    return render(request, "jobs/pay/state.html", context)
