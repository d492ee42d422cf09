"""schema.org JobPosting for Google for Jobs: only on the page of an open job, and every value
matches what the page shows (see the guide, section 5)."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

from jobs.choices import SCHEMA_EMPLOYMENT_TYPE, STATE_NAMES, PayPeriod
from jobs.presenters import contract_facts, differential_facts

# As django.utils.html.json_script does: nothing in the data can close the <script> element.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _number(value):
    return int(value) if value == int(value) else float(value)


def job_posting(job, *, description: str) -> dict:
    """The JobPosting of a job; `description` is the sanitized HTML the page shows."""
    posting = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": job.title,
        "description": description,
        "datePosted": job.published_at.isoformat(),
        "validThrough": job.expires_at.isoformat(),
        "employmentType": SCHEMA_EMPLOYMENT_TYPE[job.employment_type],
        "hiringOrganization": {"@type": "Organization", "name": job.company.name},
        "identifier": {"@type": "PropertyValue", "name": job.company.name, "value": str(job.pk)},
        "url": settings.SITE_URL + job.get_absolute_url(),
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "USD",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": _number(job.pay_min),
                "maxValue": _number(job.pay_max),
                "unitText": "HOUR" if job.pay_period == PayPeriod.HOUR else "YEAR",
            },
        },
        "directApply": job.apply_method == job.ApplyMethod.ON_SITE,
    }
    # Clinical pay where schema.org has a place for it, worded as the page's key facts.
    contract = {fact.label: fact.value for fact in contract_facts(job)}
    incentives = [f"{fact.label} {fact.value}" for fact in differential_facts(job)] + [
        f"{label} {contract[label]}"
        for label in ["Weekly gross pay", "Taxable rate", "Housing stipend", "Meals stipend"]
        if label in contract
    ]
    if incentives:
        posting["incentiveCompensation"] = "; ".join(incentives)
    if "Contract" in contract:
        posting["workHours"] = contract["Contract"]
    organization = posting["hiringOrganization"]
    if website := getattr(job.company, "website", ""):
        organization["sameAs"] = website
    if logo := getattr(job.company, "logo", None):
        url = logo.url
        organization["logo"] = url if url.startswith("http") else settings.SITE_URL + url
    if job.is_remote:
        posting["jobLocationType"] = "TELECOMMUTE"
        posting["applicantLocationRequirements"] = [
            {"@type": "State", "name": STATE_NAMES[state]} for state in job.remote_states
        ] or [{"@type": "Country", "name": "US"}]
    elif job.city or job.state:
        address = {"@type": "PostalAddress", "addressCountry": "US"}
        for key, value in [
            ("addressLocality", job.city),
            ("addressRegion", job.state),
            ("postalCode", job.zip_code),
        ]:
            if value:
                address[key] = value
        posting["jobLocation"] = {"@type": "Place", "address": address}
    return posting


def as_script_content(data: dict) -> SafeString:
    """JSON that is safe inside <script type="application/ld+json">...</script>."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    # Safe: every <, > and & is escaped above, so no text can close the <script> element.
    return mark_safe(text)  # noqa: S308  # nosec B308 B703
