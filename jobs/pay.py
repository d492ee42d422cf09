"""How pay is written everywhere on the site: "$42.50", "$85,000", "$38–$52/hr",
"$85,000–$95,000 a year"."""

from decimal import Decimal

from jobs.choices import PayPeriod

SHORT_UNITS = {PayPeriod.HOUR: "/hr", PayPeriod.YEAR: "/yr"}
LONG_UNITS = {PayPeriod.HOUR: " an hour", PayPeriod.YEAR: " a year"}


def money(value: Decimal, period: str = PayPeriod.HOUR) -> str:
    """Hourly amounts keep their cents when they have any; salaries are whole dollars."""
    if period == PayPeriod.HOUR:
        return f"${value:,.2f}".replace(".00", "")
    return f"${value:,.0f}"


def pay_range_label(low: Decimal, high: Decimal, period: str, *, long: bool = False) -> str:
    unit = (LONG_UNITS if long else SHORT_UNITS)[period]
    if low == high:
        return f"{money(low, period)}{unit}"
    return f"{money(low, period)}–{money(high, period)}{unit}"
