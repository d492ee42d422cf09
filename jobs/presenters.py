"""How a job's facts read on a page: one presenter for the public job page and the employer's
preview, so that the preview shows exactly what candidates will see."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from jobs.choices import STATE_NAMES, Benefit, Credential, DifferentialUnit
from jobs.models import Job
from jobs.pay import money
from jobs.sanitize import sanitize_description


@dataclass(frozen=True)
class JobFact:
    label: str
    value: str


def _labels(values, choices) -> list[str]:
    names = dict(choices)
    return [names.get(value, value) for value in values]


def _states(codes) -> str:
    return ", ".join(STATE_NAMES.get(code, code) for code in codes)


def job_facts(job) -> list[JobFact]:
    """The key facts, in reading order; optional ones only when the job has them."""
    facts = [JobFact("Profession", job.get_profession_display())]
    if job.specialty:
        facts.append(JobFact("Specialty", job.specialty))
    facts += [
        JobFact("Facility", job.get_facility_type_display()),
        JobFact("Employment", job.get_employment_type_display()),
        JobFact("Shift", job.get_shift_display()),
        JobFact("Experience", job.get_experience_level_display()),
        JobFact("Workplace", job.get_workplace_type_display()),
    ]
    if job.is_remote:
        facts.append(JobFact("Hires in", _states(job.remote_states) or "Anywhere in the US"))
    else:
        place = ", ".join(part for part in (job.city, job.state) if part)
        facts.append(JobFact("Location", f"{place} {job.zip_code}".strip()))
    facts.append(JobFact("Pay", job.pay_label))
    if job.sign_on_bonus:
        facts.append(JobFact("Sign-on bonus", f"${job.sign_on_bonus:,.0f}"))
    facts += clinical_pay_facts(job)
    if job.required_credentials:
        required = _labels(job.required_credentials, Credential.choices)
        facts.append(JobFact("Required", ", ".join(required)))
    if job.preferred_credentials:
        preferred = _labels(job.preferred_credentials, Credential.choices)
        facts.append(JobFact("Preferred", ", ".join(preferred)))
    if job.license_states:
        facts.append(JobFact("License in", _states(job.license_states)))
    facts.append(JobFact("Visa sponsorship", "Yes" if job.visa_sponsorship else "No"))
    if job.benefits:
        facts.append(JobFact("Benefits", ", ".join(_labels(job.benefits, Benefit.choices))))
    return facts


def differential_label(amount, unit) -> str:
    """ "+$4/hr" or "+10% of base pay"."""
    if unit == DifferentialUnit.PERCENT:
        return f"+{amount.normalize():f}% of base pay"
    return f"+{money(amount)}/hr"


def differential_facts(job) -> list[JobFact]:
    facts = []
    for shift in ["night", "evening", "weekend"]:
        amount = getattr(job, f"{shift}_differential")
        if amount:
            unit = getattr(job, f"{shift}_differential_unit")
            facts.append(JobFact(f"{shift.title()} differential", differential_label(amount, unit)))
    return facts


def contract_facts(job) -> list[JobFact]:
    facts = []
    terms = []
    if job.contract_weeks:
        terms.append(f"{job.contract_weeks} weeks")
    if job.guaranteed_hours:
        terms.append(f"{job.guaranteed_hours} guaranteed hours a week")
    if terms:
        facts.append(JobFact("Contract", ", ".join(terms)))
    if job.weekly_gross:
        facts.append(JobFact("Weekly gross pay", f"{money(job.weekly_gross)} a week"))
    if job.taxable_hourly_rate:
        facts.append(JobFact("Taxable rate", f"{money(job.taxable_hourly_rate)}/hr"))
    if job.housing_stipend_weekly:
        facts.append(JobFact("Housing stipend", f"{money(job.housing_stipend_weekly)} a week"))
    if job.meals_stipend_weekly:
        facts.append(JobFact("Meals stipend", f"{money(job.meals_stipend_weekly)} a week"))
    if job.cancellation_policy:
        facts.append(JobFact("Cancellation policy", job.cancellation_policy))
    return facts


def clinical_pay_facts(job) -> list[JobFact]:
    """Shift differentials and contract pay, the way the job page, the preview and the
    JSON-LD (jobs/jsonld.py) say them."""
    return differential_facts(job) + contract_facts(job)


def job_description_html(job) -> SafeString:
    """The description as safe HTML. Stored descriptions were sanitized on save; cleaning again
    at render costs microseconds and keeps an imported or hand-edited row from ever reaching a
    page unsafely."""
    # Safe: nh3 (an allowlist HTML sanitizer) has removed every script, handler and unsafe URL.
    return mark_safe(sanitize_description(job.description))  # noqa: S308  # nosec B308 B703


def email_job_lines(jobs, *, with_pay: bool = False) -> dict[int, dict]:
    """{id: how the job reads as a line of an email}, plain data for render_parts_many (title,
    company, place, absolute link; its pay range too when `with_pay`: the jobs must then carry
    pay_min, pay_max and pay_period). The links come from one reverse."""
    jobs = list(jobs)
    urls = Job.absolute_urls(jobs)
    lines = {}
    for job in jobs:
        line = {
            "title": job.title,
            "company": job.company.name,
            "place": job.location_label,
            "url": settings.SITE_URL + urls[job.pk],
        }
        if with_pay:
            line["pay"] = job.pay_label
        lines[job.pk] = line
    return lines
