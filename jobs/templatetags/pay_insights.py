"""Template helpers for pay insights: links to /pay/ pages (also from career guides) and
amounts written the way the rest of the site writes pay."""

from django import template

from jobs import pay_insights
from jobs.pay import money

register = template.Library()


@register.simple_tag
def pay_url(profession: str, state: str = "") -> str:
    return pay_insights.pay_url(profession, state) if profession else ""


@register.filter
def pay_money(value, period: str = "hour") -> str:
    return money(value, period) if value is not None else ""
