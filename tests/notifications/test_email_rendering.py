"""Every kind of email renders a text and an HTML part that look right (issue 15): the site's
name, exactly one primary action (one button in the HTML, one link in the text's action
block, the same address), and a footer saying why the recipient got it. The HTML of each is
screenshotted at 600 px and 375 px in headless Chromium into var/artifacts/emails/.

Kinds are discovered from the templates (every `<app>/email/<name>_subject.txt`, and allauth's
`account/email/<name>_message.txt`), so a new email without a sample here fails the first test.
"""

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace as Sample

import lxml.html
import pytest
from allauth.core.context import request_context
from django.conf import settings
from django.template import Context
from django.template.loader import get_template
from django.template.loader_tags import BlockNode
from django.test import RequestFactory

from notifications.account_emails import OutboxAccountAdapter
from notifications.rendering import render_parts

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
ARTIFACTS = Path(settings.BASE_DIR) / "var" / "artifacts" / "emails"
WHY = "You got this email because"
URL = "http://127.0.0.1:8000"
WHEN = datetime(2026, 12, 4, 15, 30, tzinfo=UTC)


def discover() -> list[str]:
    """Template prefixes of every email the site can send."""
    ours = [
        str(path.relative_to(TEMPLATES)).removesuffix("_subject.txt")
        for path in TEMPLATES.glob("*/email/*_subject.txt")
        if path.parent.parent.name != "account"
    ]
    allauth = [
        str(path.relative_to(TEMPLATES)).removesuffix("_message.txt")
        for path in TEMPLATES.glob("account/email/*_message.txt")
    ]
    return sorted(ours + allauth)


def person(first, last, email):
    return Sample(
        get_full_name=f"{first} {last}", get_short_name=first, email=email, full_name=first
    )


MARIA = person("Maria", "Alvarez", "maria.alvarez@example.com")
DANA = person("Dana", "Whitfield", "dana.whitfield@tidewaterbay.example")
COMPANY = Sample(
    name="Tidewater Bay Medical Center",
    is_verified=True,
    on_time_rate_30d=64,
    matured_applications_30d=14,
    overdue_applications=3,
)
JOB = Sample(
    title="Registered Nurse, Cardiac ICU (Nights)",
    expires_at=WHEN,
    review_note="Add the pay range: Colorado asks for a minimum and a maximum.",
    company=COMPANY,
    location_label="Norfolk, VA",
    pay_label="$48–$62 an hour",
    get_absolute_url="/jobs/registered-nurse-cardiac-icu-nights-42/",
)
APPLICATION = Sample(
    submitted_at=WHEN - timedelta(days=7),
    respond_by=WHEN,
    candidate=MARIA,
    job=JOB,
)
MESSAGE = "Thank you for applying. Could you come in on Tuesday at 10:00 for an interview?"
SIMILAR = [
    Sample(
        title="Travel RN, Telemetry",
        company="Summit Clinics",
        place="Virginia Beach, VA",
        url=f"{URL}/jobs/travel-rn-telemetry-7/",
    ),
    Sample(
        title="Charge Nurse, Step-Down",
        company="Lakeside Health",
        place="Remote",
        url=f"{URL}/jobs/charge-nurse-8/",
    ),
]
ALERT = Sample(label="Nurse near Norfolk, VA", get_frequency_display="Daily")
UPGRADE = Sample(
    requester_name="Dana Whitfield",
    requester_email=DANA.email,
    message="We would like to start next month.",
    created_at=WHEN,
    get_current_plan_display="Free",
    get_plan_display="Professional",
)
site = Sample(name="healthcareers", domain="127.0.0.1:8000")

SAMPLES = {
    "applications/email/breach": {
        "submitted_on": "November 26",
        "respond_by_on": "December 3, 2026",
        "company": COMPANY,
        "job": JOB,
        "similar_jobs": SIMILAR,
        "application_url": f"{URL}/me/applications/42/",
        "search_url": f"{URL}/jobs/?q=nurse",
    },
    "applications/email/daily_digest": {
        "company": COMPANY,
        "count": 3,
        "day": "Thursday, December 3",
        "applications": [
            {"application": APPLICATION, "url": f"{URL}/dashboard/applicants/42/"},
            {"application": APPLICATION, "url": f"{URL}/dashboard/applicants/43/"},
        ],
        "url": f"{URL}/dashboard/applicants/",
        "team_url": f"{URL}/dashboard/team/",
    },
    "applications/email/export_ready": {
        "company": COMPANY,
        "job": JOB,
        "rows": 1240,
        "url": f"{URL}/dashboard/applicants/actions/7/",
    },
    "applications/email/message_to_candidate": {
        "company": COMPANY,
        "job": JOB,
        "message": MESSAGE,
        "url": f"{URL}/me/applications/42/",
    },
    "applications/email/message_to_team": {
        "application": APPLICATION,
        "company": COMPANY,
        "job": JOB,
        "message": "Tuesday at 10:00 works for me.",
        "url": f"{URL}/dashboard/applicants/42/",
    },
    "applications/email/new_application": {
        "candidate": MARIA,
        "company": COMPANY,
        "job": JOB,
        "days": 7,
        "respond_by": "Friday, December 4, 2026",
        "url": f"{URL}/dashboard/applicants/42/",
    },
    "applications/email/on_notice": {
        "company": COMPANY,
        "min_rate": 80,
        "applicants_url": f"{URL}/dashboard/applicants/?answered=unanswered",
        "policy_url": f"{URL}/no-ghosting/",
    },
    "applications/email/position_closed": {
        "application": APPLICATION,
        "company": COMPANY,
        "job": JOB,
        "application_url": f"{URL}/me/applications/42/",
        "search_url": f"{URL}/jobs/?q=nurse",
    },
    "applications/email/reminder_1d": {
        "application": APPLICATION,
        "company": COMPANY,
        "job": JOB,
        "candidate_name": "Maria Alvarez",
        "applicants_url": f"{URL}/dashboard/applicants/",
    },
    "applications/email/reminder_3d": {
        "application": APPLICATION,
        "company": COMPANY,
        "job": JOB,
        "candidate_name": "Maria Alvarez",
        "applicants_url": f"{URL}/dashboard/applicants/",
    },
    "applications/email/stage_changed": {
        "company": COMPANY,
        "job": JOB,
        "stage_label": "Interview",
        "message": MESSAGE,
        "url": f"{URL}/me/applications/42/",
    },
    "applications/email/submitted": {
        "candidate": MARIA,
        "company": COMPANY,
        "job": JOB,
        "days": 7,
        "respond_by": "Friday, December 4, 2026",
        "url": f"{URL}/me/applications/42/",
    },
    "articles/email/new_comment": {
        "article": Sample(
            title="How to become a travel nurse", get_absolute_url="/blog/travel-nurse/"
        ),
        "comment": Sample(
            name="Pat", email="pat@example.com", body="Very helpful!", status="pending"
        ),
        "admin_url": f"{URL}/admin/articles/comment/9/change/",
        "queue_url": f"{URL}/admin/articles/comment/?status__exact=pending",
    },
    "candidates/email/account_deleted": {},
    "candidates/email/alert_confirm": {
        "alert": ALERT,
        "confirm_url": f"{URL}/alerts/confirm/abc/",
    },
    "candidates/email/alert_digest": {
        # Plain data, as candidates.alerts builds it for render_parts_many.
        "alert": {"label": "Nurse near Norfolk, VA", "frequency": "daily"},
        "jobs": [
            {
                "title": "Registered Nurse, Cardiac ICU (Nights)",
                "company": "Tidewater Bay Health",
                "place": "Norfolk, VA",
                "pay": "$42–$58 an hour",
                "url": f"{URL}/jobs/registered-nurse-cardiac-icu-nights-12/",
            }
        ]
        * 2,
        "more": True,
        "search_url": f"{URL}/jobs/?q=nurse&location=Norfolk%2C+VA",
        "manage_url": f"{URL}/me/alerts/",
        "unsubscribe_url": f"{URL}/alerts/unsubscribe/abc/",
    },
    "candidates/email/credential_expiry": {
        "user": MARIA,
        "item": Sample(label="BLS", number="BLS-2231", expires_on=date(2027, 1, 31)),
        "days_left": 14,
        "noun": "certification",
        "profile_url": f"{URL}/me/profile/#certifications",
    },
    "candidates/email/data_export_ready": {
        "user": MARIA,
        "export": Sample(expires_at=WHEN),
        "privacy_url": f"{URL}/me/privacy/",
    },
    "candidates/email/finder_daily_cap_staff": {
        "company": COMPANY,
        "cap": 200,
        "day": date(2026, 12, 4),
        "admin_url": f"{URL}/admin/employers/company/3/change/",
    },
    "candidates/email/invitation": {
        "user": MARIA,
        "company": COMPANY,
        "job": JOB,
        "invitation": Sample(message="Your telemetry experience fits our unit."),
        "job_url": f"{URL}/jobs/registered-nurse-cardiac-icu-nights-42/",
        "me_url": f"{URL}/me/",
    },
    "candidates/email/saved_job_closed": {
        "user": MARIA,
        "job": JOB,
        "saved_url": f"{URL}/me/saved/",
    },
    "employers/email/invitation": {
        "company": COMPANY,
        "inviter": DANA,
        "invitation": Sample(email="leo.park@tidewaterbay.example"),
        "expires_on": "December 11, 2026",
        "accept_url": f"{URL}/dashboard/team/invitations/abc/",
    },
    "employers/email/upgrade_request_confirmation": {
        "company": COMPANY,
        "upgrade": UPGRADE,
        "plan": Sample(name="Professional", price_label="$299 a month"),
        "plans_url": f"{URL}/pricing/",
    },
    "employers/email/upgrade_request_staff": {
        "company": COMPANY,
        "upgrade": UPGRADE,
        "admin_url": f"{URL}/admin/employers/upgraderequest/5/change/",
    },
    "jobs/email/approved": {"company": COMPANY, "job": JOB, "job_url": f"{URL}/dashboard/jobs/42/"},
    "jobs/email/expiry_reminder": {
        "company": COMPANY,
        "job": JOB,
        "job_url": f"{URL}/dashboard/jobs/42/",
    },
    "jobs/email/sent_back": {
        "company": COMPANY,
        "job": JOB,
        "job_url": f"{URL}/dashboard/jobs/42/edit/",
    },
    "pages/email/contact": {
        "contact": Sample(
            name="Jo Reyes",
            email="jo@example.com",
            message="Do you list travel contracts?",
            created_at=WHEN,
            get_topic_display="Job seekers",
        ),
        "admin_url": f"{URL}/admin/pages/contactmessage/4/change/",
    },
    # allauth's, rendered by our adapter as it does when it sends them.
    "account/email/account_already_exists": {
        "password_reset_url": f"{URL}/accounts/password/reset/",
    },
    "account/email/email_confirmation": {"activate_url": f"{URL}/accounts/confirm-email/abc/"},
    "account/email/email_confirmation_signup": {
        "user": MARIA,
        "activate_url": f"{URL}/accounts/confirm-email/abc/",
    },
    "account/email/password_reset_key": {
        "user": MARIA,
        "password_reset_url": f"{URL}/accounts/password/reset/key/1-abc/",
    },
    "account/email/unknown_account": {"signup_url": f"{URL}/accounts/signup/"},
}


def render(prefix: str) -> tuple[str, str, str]:
    context = dict(SAMPLES[prefix])
    if not prefix.startswith("account/"):
        return render_parts(prefix, context)
    request = RequestFactory().get("/")
    with request_context(request):
        message = OutboxAccountAdapter(request).render_mail(
            prefix, MARIA.email, {"current_site": site, "email": MARIA.email, **context}
        )
    (html, _mime), *_ = message.alternatives
    return message.subject, message.body, html


def text_action(prefix: str, context: dict) -> str:
    """The text part's `action` block alone, rendered."""
    name = f"{prefix}_message.txt" if prefix.startswith("account/") else f"{prefix}.txt"
    blocks = get_template(name).template.nodelist.get_nodes_by_type(BlockNode)
    action = next((block for block in blocks if block.name == "action"), None)
    if action is None:
        return ""
    return action.nodelist.render(Context(context, autoescape=False)).strip()


def urls_in(text: str) -> list[str]:
    return [word for word in text.split() if word.startswith(("http://", "https://"))]


def test_every_email_template_has_a_sample_here():
    assert discover() == sorted(SAMPLES), "add a sample context for each new email"


@pytest.mark.parametrize("prefix", sorted(SAMPLES))
def test_each_email_has_the_site_name_one_action_and_a_footer_in_both_parts(prefix):
    subject, text, html = render(prefix)
    context = {"site_url": settings.SITE_URL, "site_name": "healthcareers", **SAMPLES[prefix]}
    if prefix.startswith("account/"):
        context.update(current_site=site, email=MARIA.email)

    assert subject.strip()
    doc = lxml.html.fromstring(html)
    # The site's name heads the HTML and signs the text.
    assert "healthcareers" in doc.find_class("email-header")[0].text_content()
    assert "healthcareers" in text
    # Exactly one primary action: one button, whose address is the one link of the text's
    # action block.
    buttons = doc.find_class("email-action")
    assert len(buttons) == 1, f"{prefix}: {len(buttons)} buttons"
    target = buttons[0].get("href")
    assert target.startswith(("http://", "https://")), target
    assert urls_in(text_action(prefix, context)) == [target]
    # The footer says why: in the HTML's footer cell, and after the text's signature line.
    assert WHY in doc.find_class("email-footer")[0].text_content()
    assert WHY in text.split("\n-- \n", 1)[1]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_email_screenshots_at_600_and_375_pixels(browser):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    rendered = {prefix: render(prefix)[2] for prefix in sorted(SAMPLES)}
    too_wide = []
    for width in (600, 375):
        page = browser.new_page(viewport={"width": width, "height": 800})
        # Email clients load no scripts; neither does the screenshot.
        page.route("**/*", lambda route: route.abort())
        for prefix, html in rendered.items():
            page.set_content(html)
            kind = prefix.replace("/email/", ".").replace("/", ".")
            path = ARTIFACTS / f"{kind}-{width}.png"
            page.screenshot(path=str(path), full_page=True)
            assert path.stat().st_size > 1000
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                too_wide.append((kind, width, scroll))
        page.close()

    assert not too_wide, f"emails wider than the screen: {too_wide}"
    assert len(list(ARTIFACTS.glob("*.png"))) >= 2 * len(SAMPLES)
