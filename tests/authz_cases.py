"""The authorization matrix: for every URL of the site, what each role gets.

Used by tests/test_authorization_matrix.py. Every URL pattern needs at least one GET case here
(the test fails, naming the pattern, when one is added without a decision); state-changing
endpoints also get POST cases that prove a role that may not act changes nothing.

Roles are the standard cast of tests/conftest.py. "Lakeside" is the company of employer_owner and
employer_recruiter; "Summit" is other_employer's company.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property
from urllib.parse import parse_qs, urlsplit

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from articles.models import Comment
from employers.invitations import invitation_token
from employers.models import Company, Invitation, Membership, UpgradeRequest
from jobs.models import Job, JobReport
from tests.articles.factories import (
    DraftArticleFactory,
    PublishedArticleFactory,
    ScheduledArticleFactory,
)
from tests.factories import (
    ClosedJobFactory,
    ExpiredJobFactory,
    JobFactory,
    PublishedJobFactory,
    UserFactory,
)

ROLES = (
    "guest",
    "candidate",
    "employer_owner",
    "employer_recruiter",
    "other_employer",
    "staff_editor",
)
LOGIN_PATH = "/accounts/login/"
ADMIN_LOGIN_PATH = "/admin/login/"
INVITEE = "newhire@example.com"


# The world: the objects a case's URL names, created on first use ---------------------------


class World:
    """Lakeside's and Summit's things, each created the first time a case asks for it, so a
    test builds only the few rows its URL needs."""

    def __init__(self, request):
        self._request = request

    def fixture(self, name: str):
        return self._request.getfixturevalue(name)

    def user(self, role: str):
        return None if role == "guest" else self.fixture(role)

    # Companies and people

    @cached_property
    def company(self) -> Company:
        """Lakeside Health, verified, on the Professional plan (room to publish and feature)."""
        company = self.fixture("company")
        company.is_verified = True
        company.plan = "professional"
        company.save(update_fields=["is_verified", "plan"])
        return company

    @cached_property
    def owner(self):
        self.company  # noqa: B018 (the plan and verification first)
        return self.fixture("employer_owner")

    @cached_property
    def recruiter_membership(self) -> Membership:
        self.company  # noqa: B018
        return self.fixture("employer_recruiter").membership

    @cached_property
    def other_company(self) -> Company:
        return self.fixture("other_employer").membership.company

    # Lakeside's jobs, one per state

    def _job(self, factory=JobFactory, **fields) -> Job:
        return factory(company=self.company, **fields)

    @cached_property
    def draft(self) -> Job:
        return self._job(title="Lakeside draft: Charge Nurse")

    @cached_property
    def pending(self) -> Job:
        return self._job(title="Lakeside pending: Scrub Tech", status=Job.Status.PENDING_REVIEW)

    @cached_property
    def published(self) -> Job:
        return self._job(PublishedJobFactory, title="Lakeside live: ICU Nurse")

    @cached_property
    def featured(self) -> Job:
        return self._job(PublishedJobFactory, title="Lakeside featured: CRNA", is_featured=True)

    @cached_property
    def paused(self) -> Job:
        return self._job(
            PublishedJobFactory, title="Lakeside paused: Phlebotomist", status=Job.Status.PAUSED
        )

    @cached_property
    def closed(self) -> Job:
        return self._job(ClosedJobFactory, title="Lakeside closed: Medical Coder")

    @cached_property
    def expired(self) -> Job:
        return self._job(ExpiredJobFactory, title="Lakeside expired: Dietitian")

    @cached_property
    def summit_job(self) -> Job:
        return PublishedJobFactory(company=self.other_company, title="Summit live: Pharmacist")

    # Lakeside's team

    def _invitation(self, company, **fields) -> Invitation:
        return Invitation.objects.create(
            company=company,
            email=INVITEE,
            expires_at=timezone.now() + timedelta(days=2),
            sent_at=timezone.now(),
            **fields,
        )

    @cached_property
    def invitation(self) -> Invitation:
        return self._invitation(self.company)

    @cached_property
    def revoked_invitation(self) -> Invitation:
        return self._invitation(self.company, revoked_at=timezone.now())

    @cached_property
    def summit_invitation(self) -> Invitation:
        return self._invitation(self.other_company)

    # Articles

    @cached_property
    def article(self):
        return PublishedArticleFactory(title="Night shift, explained")

    @cached_property
    def draft_article(self):
        return DraftArticleFactory(title="Unpublished: what editors are writing")

    @cached_property
    def scheduled_article(self):
        return ScheduledArticleFactory(title="Scheduled: next week's guide")

    # allauth's emailed links, for a real account

    @cached_property
    def newcomer(self):
        return UserFactory(email="newcomer@example.com", verified_email=False)

    @cached_property
    def email_confirmation_key(self) -> str:
        address = EmailAddress.objects.create(
            user=self.newcomer, email=self.newcomer.email, primary=True, verified=False
        )
        return EmailConfirmationHMAC(address).key

    @cached_property
    def password_reset_path(self) -> str:
        user = UserFactory(email="forgetful@example.com")
        return reverse(
            "account_reset_password_from_key",
            kwargs={
                "uidb36": user_pk_to_url_str(user),
                "key": default_token_generator.make_token(user),
            },
        )


# Outcomes ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    """An expected response. For a redirect, `to` is the target path (a callable gets the world);
    `with_next` means the target must carry ?next=<the requested path> (sign-in pages)."""

    status: int
    to: str | Callable[[World], str] | None = None
    with_next: bool = False
    label: str = ""

    def __str__(self):
        return self.label or str(self.status)

    def mismatch(self, response, path: str, world: World) -> str | None:
        """Why `response` is not this outcome, or None when it is."""
        if response.status_code != self.status:
            where = f" to {response.get('Location')}" if response.has_header("Location") else ""
            return f"expected {self}, got {response.status_code}{where}"
        if self.to is None:
            return None
        target = urlsplit(response["Location"])
        wanted = self.to(world) if callable(self.to) else self.to
        if target.path != wanted:
            return f"expected {self}, got a redirect to {response['Location']}"
        if self.with_next and parse_qs(target.query).get("next") != [path]:
            return f"expected {self} with ?next={path}, got {response['Location']}"
        return None


OK = Expect(200)
BAD_REQUEST = Expect(400, label="400 (form refused)")
FORBIDDEN = Expect(403)
NOT_FOUND = Expect(404)
NOT_ALLOWED = Expect(405)
GONE = Expect(410)
LOGIN = Expect(302, LOGIN_PATH, with_next=True, label="redirect to sign in")
ADMIN_LOGIN = Expect(302, ADMIN_LOGIN_PATH, with_next=True, label="redirect to admin sign in")
DONE = Expect(302, label="302 (done)")  # after a successful action, wherever it leads


def redirect(to: str | Callable[[World], str], label: str = "") -> Expect:
    return Expect(302, to, label=label or f"redirect to {to if isinstance(to, str) else '…'}")


def by_role(default: Expect | None = None, **roles: Expect) -> dict[str, Expect]:
    """An outcome for each role: the named ones, `default` for the rest."""
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)}")
    table = {role: roles.get(role, default) for role in ROLES}
    missing = [role for role, outcome in table.items() if outcome is None]
    if missing:
        raise ValueError(f"no outcome for {missing}")
    return table


EVERYONE = by_role(OK)
SIGNED_IN = by_role(OK, guest=LOGIN)
# Employer pages about the employer's own company (other_employer sees Summit's).
EMPLOYERS = by_role(OK, guest=LOGIN, candidate=FORBIDDEN, staff_editor=FORBIDDEN)
# Employer pages about one of Lakeside's things: another company's owner gets a 404.
LAKESIDE_TEAM = {**EMPLOYERS, "other_employer": NOT_FOUND}
SUMMIT_TEAM = {**EMPLOYERS, "employer_owner": NOT_FOUND, "employer_recruiter": NOT_FOUND}
# POST-only endpoints asked with GET.
POST_ONLY = by_role(NOT_ALLOWED)
POST_ONLY_SIGNED_IN = by_role(NOT_ALLOWED, guest=LOGIN)
POST_ONLY_EMPLOYERS = by_role(NOT_ALLOWED, guest=LOGIN, candidate=FORBIDDEN, staff_editor=FORBIDDEN)
# Pages only for guests (sign-up doors): signed-in people go to their home.
TO_HOME = {
    "candidate": redirect("/me/"),
    "employer_owner": redirect("/dashboard/"),
    "employer_recruiter": redirect("/dashboard/"),
    "other_employer": redirect("/dashboard/"),
    "staff_editor": redirect("/me/"),  # staff editors are candidate accounts
}
GUESTS_ONLY = {"guest": OK, **TO_HOME}


# GET cases ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """GET `path` as each role. `name` is the URL pattern's name (namespaced)."""

    name: str
    path: Callable[[World], str]
    expect: dict[str, Expect]
    variant: str = ""

    @property
    def id(self) -> str:
        return f"{self.name}+{self.variant}" if self.variant else self.name


def fixed(name: str, **kwargs) -> Callable[[World], str]:
    return lambda world: reverse(name, kwargs=kwargs or None)


def job_url(name: str, job: str) -> Callable[[World], str]:
    return lambda world: reverse(name, args=[getattr(world, job).pk])


def job_page(job: str) -> Callable[[World], str]:
    return lambda world: getattr(world, job).get_absolute_url()


def preview_of(job: str) -> Callable[[World], str]:
    return lambda world: reverse("jobs_dashboard:preview", args=[getattr(world, job).pk])


def get(name: str, expect: dict[str, Expect], *, path=None, variant: str = "") -> Case:
    return Case(name=name, path=path or fixed(name), expect=expect, variant=variant)


JOB_ACTIONS = [
    "publish", "pause", "resume", "close", "renew", "feature", "unfeature", "duplicate", "delete",
]  # fmt: skip

GET_CASES: list[Case] = [
    # Operations and machines
    get("healthz", EVERYONE),
    get("robots_txt", EVERYONE),
    get("sitemap", EVERYONE),
    # Sign-up and allauth
    get("signup_choice", GUESTS_ONLY),
    get("candidate_signup", GUESTS_ONLY),
    get("employer_signup", GUESTS_ONLY),
    get("account_login", GUESTS_ONLY),
    # Signing out asks for a POST on a confirmation page; a guest has nothing to sign out of.
    get("account_logout", by_role(OK, guest=redirect("/"))),
    get("account_inactive", EVERYONE),
    get("account_reauthenticate", SIGNED_IN),
    get("account_email", SIGNED_IN),
    get("account_email_verification_sent", EVERYONE),
    get("account_change_password", SIGNED_IN),
    # Everyone in the cast has a password already: "set" sends them to "change".
    get(
        "account_set_password",
        by_role(redirect("/accounts/password/change/"), guest=LOGIN),
    ),
    get("account_reset_password", EVERYONE),
    get("account_reset_password_done", EVERYONE),
    get("account_reset_password_from_key_done", EVERYONE),
    # Sign-in by emailed code is off: with no code sign-in under way, guests go back to the
    # sign-in page and signed-in people to their home.
    get("account_confirm_login_code", {"guest": redirect(LOGIN_PATH), **TO_HOME}),
    get(
        "account_confirm_email",
        EVERYONE,
        path=lambda w: reverse("account_confirm_email", args=[w.email_confirmation_key]),
    ),
    get(
        "account_reset_password_from_key",
        # allauth keeps the key in the session and drops it from the address.
        by_role(
            redirect(
                lambda w: w.password_reset_path.rsplit("-", 2)[0] + "-set-password/",
                "redirect to the new-password form",
            )
        ),
        path=lambda w: w.password_reset_path,
    ),
    # Account settings
    get("accounts:home", {"guest": LOGIN, **TO_HOME}),
    get("accounts:settings", SIGNED_IN),
    get("accounts:settings_update", POST_ONLY_SIGNED_IN),
    # The candidate area
    get(
        "candidates:home",
        by_role(
            FORBIDDEN,
            guest=LOGIN,
            candidate=OK,
            staff_editor=OK,  # staff editors are candidate accounts
        ),
    ),
    # The employer dashboard: the signed-in employer's own company
    get("employers:dashboard", EMPLOYERS),
    get("employers:company", EMPLOYERS),  # owners edit, recruiters read
    get("employers:team", EMPLOYERS),
    get("employers:plan", EMPLOYERS),
    get("employers:team_invite", POST_ONLY_SIGNED_IN),
    get("employers:transfer_ownership", POST_ONLY_SIGNED_IN),
    get(
        "employers:invitation_revoke",
        POST_ONLY_SIGNED_IN,
        path=lambda w: reverse("employers:invitation_revoke", args=[w.invitation.pk]),
    ),
    get(
        "employers:invitation_resend",
        POST_ONLY_SIGNED_IN,
        path=lambda w: reverse("employers:invitation_resend", args=[w.invitation.pk]),
    ),
    get(
        "employers:member_remove",
        POST_ONLY_SIGNED_IN,
        path=lambda w: reverse("employers:member_remove", args=[w.recruiter_membership.pk]),
    ),
    # The emailed invitation link: guests sign in or up there; only the invited address may
    # use it, so everyone in the cast (signed in as someone else) is refused.
    get(
        "employers:invitation_accept",
        by_role(FORBIDDEN, guest=OK),
        path=lambda w: reverse(
            "employers:invitation_accept", args=[invitation_token(w.invitation)]
        ),
    ),
    get(
        "employers:invitation_accept",
        by_role(GONE),
        path=lambda w: reverse(
            "employers:invitation_accept", args=[invitation_token(w.revoked_invitation)]
        ),
        variant="revoked",
    ),
    get(
        "employers:invitation_accept",
        by_role(NOT_FOUND),
        path=fixed("employers:invitation_accept", token="made-up-token"),
        variant="forged",
    ),
    # The employer's jobs
    get("jobs_dashboard:list", EMPLOYERS),
    get("jobs_dashboard:new", EMPLOYERS),
    get("jobs_dashboard:preview", LAKESIDE_TEAM, path=preview_of("draft")),
    get("jobs_dashboard:preview", LAKESIDE_TEAM, path=preview_of("closed"), variant="closed"),
    get("jobs_dashboard:preview", SUMMIT_TEAM, path=preview_of("summit_job"), variant="summit"),
    get("jobs_dashboard:edit", LAKESIDE_TEAM, path=job_url("jobs_dashboard:edit", "published")),
    get(
        "jobs_dashboard:edit",
        SUMMIT_TEAM,
        path=job_url("jobs_dashboard:edit", "summit_job"),
        variant="summit",
    ),
    # A closed job cannot be edited: back to its preview, with a message.
    get(
        "jobs_dashboard:edit",
        {
            **LAKESIDE_TEAM,
            "employer_owner": redirect(preview_of("closed"), "redirect to the preview"),
            "employer_recruiter": redirect(preview_of("closed"), "redirect to the preview"),
        },
        path=job_url("jobs_dashboard:edit", "closed"),
        variant="closed",
    ),
    *[
        get(
            f"jobs_dashboard:{action}",
            POST_ONLY_EMPLOYERS,
            path=job_url(f"jobs_dashboard:{action}", "published"),
        )
        for action in JOB_ACTIONS
    ],
    # Public company pages and pricing
    get("companies:list", EVERYONE),
    get("companies:detail", EVERYONE, path=lambda w: w.company.get_absolute_url()),
    get(
        "companies:detail",
        by_role(NOT_FOUND),
        path=fixed("companies:detail", slug="nope"),
        variant="unknown",
    ),
    get("pricing:index", EVERYONE),
    get("pricing:upgrade", POST_ONLY_SIGNED_IN),
    # Public job pages: live jobs for all; drafts and jobs in review are nobody's public page
    # (their team previews them in the dashboard); closed, paused and expired jobs are gone.
    get("jobs:search", EVERYONE),
    get("jobs:suggest_what", EVERYONE),
    get("jobs:suggest_where", EVERYONE),
    get("jobs:rss", EVERYONE),
    get("jobs:aggregator_feed", EVERYONE),
    get("jobs:detail", EVERYONE, path=job_page("published")),
    get("jobs:detail", by_role(NOT_FOUND), path=job_page("draft"), variant="draft"),
    get("jobs:detail", by_role(NOT_FOUND), path=job_page("pending"), variant="pending_review"),
    get("jobs:detail", by_role(GONE), path=job_page("paused"), variant="paused"),
    get("jobs:detail", by_role(GONE), path=job_page("closed"), variant="closed"),
    get("jobs:detail", by_role(GONE), path=job_page("expired"), variant="expired"),
    get("jobs:report", POST_ONLY, path=lambda w: reverse("jobs:report", args=[w.published.slug])),
    # The blog: editors also see drafts and scheduled articles (with a preview banner).
    get("articles:index", EVERYONE),
    get("articles:feed", EVERYONE),
    get("articles:detail", EVERYONE, path=lambda w: w.article.get_absolute_url()),
    get(
        "articles:detail",
        by_role(NOT_FOUND, staff_editor=OK),
        path=lambda w: w.draft_article.get_absolute_url(),
        variant="draft",
    ),
    get(
        "articles:detail",
        by_role(NOT_FOUND, staff_editor=OK),
        path=lambda w: w.scheduled_article.get_absolute_url(),
        variant="scheduled",
    ),
    get(
        "articles:comment",
        POST_ONLY,
        path=lambda w: reverse("articles:comment", args=[w.article.slug]),
    ),
    # Pages
    get("pages:home", EVERYONE),
    get("pages:no_ghosting", EVERYONE),
    get("pages:contact", EVERYONE),
    get("pages:terms", EVERYONE),
    get("pages:privacy", EVERYONE),
    get("pages:find_candidates", EVERYONE),
    # "Post a Job": employers go to posting, guests to the employer sign-up, a candidate
    # account is told it cannot post (403 with an explanation).
    get(
        "pages:post_a_job",
        by_role(
            redirect("/dashboard/jobs/new/"),
            guest=redirect("/accounts/signup/employer/"),
            candidate=FORBIDDEN,
            staff_editor=FORBIDDEN,
        ),
    ),
]

# allauth's /accounts/signup/ is registered after our sign-up doors and never reached.
SHADOWED = {"account_signup": "signup_choice"}


# The admin ---------------------------------------------------------------------------------

# What the Editors group may open in admin (articles/migrations/0002, jobs/migrations/0006,
# the search vocabulary in jobs/migrations/0008);
# every other registered model is staff-only beyond them. A newly registered ModelAdmin must be
# put in one of the two sets.
ADMIN_EDITORS_MAY_VIEW = {
    "articles.article",
    "articles.author",
    "articles.category",
    "articles.tag",
    "articles.comment",
    "jobs.jobdescriptiontemplate",
    "jobs.vocabularyterm",
}
ADMIN_EDITORS_MAY_NOT_VIEW = {
    "accounts.user",
    "account.emailaddress",
    "auth.group",
    "sites.site",
    "employers.company",
    "employers.invitation",
    "employers.upgraderequest",
    "jobs.job",
    "jobs.jobreport",
    "pages.contactmessage",
}
# Non-staff accounts are sent to the admin's own sign-in page.
ADMIN_STAFF = by_role(ADMIN_LOGIN, staff_editor=OK)
ADMIN_NOT_EDITORS = by_role(ADMIN_LOGIN, staff_editor=FORBIDDEN)


def admin_model_key(model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def admin_cases() -> list[Case]:
    cases = [get("admin:index", ADMIN_STAFF)]
    for model in sorted(admin.site._registry, key=admin_model_key):
        key = admin_model_key(model)
        name = f"admin:{key.replace('.', '_')}_changelist"
        expect = ADMIN_STAFF if key in ADMIN_EDITORS_MAY_VIEW else ADMIN_NOT_EDITORS
        cases.append(get(name, expect))
    cases += [
        get(
            "admin:accounts_user_change",
            ADMIN_NOT_EDITORS,
            path=lambda w: reverse("admin:accounts_user_change", args=[w.owner.pk]),
        ),
        get(
            "admin:employers_company_change",
            ADMIN_NOT_EDITORS,
            path=lambda w: reverse("admin:employers_company_change", args=[w.company.pk]),
        ),
        get(
            "admin:articles_article_change",
            ADMIN_STAFF,
            path=lambda w: reverse("admin:articles_article_change", args=[w.draft_article.pk]),
        ),
    ]
    return cases


# POST cases --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    """POST `data` to `path` as each role: the response must be `expect[role]`, and `state`
    (read from the database before and after) must change exactly for the roles in `acts`."""

    name: str
    path: Callable[[World], str]
    state: Callable[[World], object]
    expect: dict[str, Expect]
    acts: frozenset[str] = frozenset()
    data: Callable[[World], dict] = field(default=lambda world: {})
    variant: str = ""

    @property
    def id(self) -> str:
        return f"{self.name}+{self.variant}" if self.variant else self.name


TEAM = frozenset({"employer_owner", "employer_recruiter"})
OWNER = frozenset({"employer_owner"})
ALL = frozenset(ROLES)
SIGNED_IN_ROLES = ALL - {"guest"}
# An action on one of Lakeside's jobs: its team does it, Summit's owner gets a 404.
LAKESIDE_JOB_ACTION = {**LAKESIDE_TEAM, "employer_owner": DONE, "employer_recruiter": DONE}
# An owner-only action on Lakeside's team: the recruiter gets a 403, Summit's owner a 404.
LAKESIDE_OWNER_ACTION = {**LAKESIDE_JOB_ACTION, "employer_recruiter": FORBIDDEN}
# An owner-only action on "my company": Summit's owner does it to Summit, not to Lakeside.
OWNER_ACTION = {**LAKESIDE_OWNER_ACTION, "other_employer": DONE}


def job_state(job: str, *fields: str) -> Callable[[World], object]:
    return lambda world: Job.objects.filter(pk=getattr(world, job).pk).values(*fields).first()


def lakeside_jobs(world: World) -> int:
    return Job.objects.filter(company=world.company).count()


def job_form(**overrides) -> dict:
    data = {
        "title": "Registered Nurse, ICU (nights)",
        "profession": "registered_nurse",
        "specialty": "Medical ICU",
        "facility_type": "hospital",
        "employment_type": "full_time",
        "shift": "night",
        "experience_level": "mid",
        "workplace_type": "onsite",
        "city": "Denver",
        "state": "CO",
        "zip_code": "80202",
        "pay_min": "42",
        "pay_max": "58.50",
        "pay_period": "hour",
        "required_credentials": ["rn", "bls"],
        "description": "Join our 24-bed medical ICU as a night-shift registered nurse, with a "
        "charge nurse and intensivists on site.",
        "apply_method": "on_site",
    }
    return data | overrides


def job_action(action: str, job: str, *fields: str) -> Action:
    return Action(
        name=f"jobs_dashboard:{action}",
        variant=job,
        path=job_url(f"jobs_dashboard:{action}", job),
        state=job_state(job, *fields),
        expect=LAKESIDE_JOB_ACTION,
        acts=TEAM,
    )


POST_CASES: list[Action] = [
    Action(
        name="jobs_dashboard:new",
        path=fixed("jobs_dashboard:new"),
        data=lambda w: job_form(),
        state=lakeside_jobs,
        # Summit's owner saves a draft for Summit, not for Lakeside.
        expect={**EMPLOYERS, **dict.fromkeys(["employer_owner", "employer_recruiter"], DONE)}
        | {"other_employer": DONE},
        acts=TEAM,
    ),
    Action(
        name="jobs_dashboard:edit",
        variant="draft",
        path=job_url("jobs_dashboard:edit", "draft"),
        data=lambda w: job_form(title="Changed by whoever posted this"),
        state=job_state("draft", "title"),
        expect=LAKESIDE_JOB_ACTION,
        acts=TEAM,
    ),
    job_action("publish", "draft", "status"),
    job_action("pause", "published", "status"),
    job_action("resume", "paused", "status"),
    job_action("close", "published", "status"),
    job_action("renew", "expired", "status", "expires_at"),
    job_action("feature", "published", "is_featured"),
    job_action("unfeature", "featured", "is_featured"),
    job_action("delete", "draft", "pk"),
    Action(
        name="jobs_dashboard:duplicate",
        variant="published",
        path=job_url("jobs_dashboard:duplicate", "published"),
        state=lakeside_jobs,
        expect=LAKESIDE_JOB_ACTION,
        acts=TEAM,
    ),
    Action(
        name="jobs_dashboard:close",
        variant="summit_job",
        path=job_url("jobs_dashboard:close", "summit_job"),
        state=job_state("summit_job", "status"),
        expect={**SUMMIT_TEAM, "other_employer": DONE},
        acts=frozenset({"other_employer"}),
    ),
    Action(
        name="employers:company",
        path=fixed("employers:company"),
        data=lambda w: {
            "name": "Renamed by whoever posted this",
            "facility_type": "hospital",
            "size": "1001-5000",
            "website": "https://example.org",
            "about": "A teaching hospital.",
            "locations": "Madison, WI",
            "benefits": "",
        },
        state=lambda w: Company.objects.values_list("name", flat=True).get(pk=w.company.pk),
        expect=OWNER_ACTION,
        acts=OWNER,
    ),
    Action(
        name="employers:team_invite",
        path=fixed("employers:team_invite"),
        data=lambda w: {"email": "someone.new@example.com"},
        state=lambda w: w.company.invitations.count(),
        expect=OWNER_ACTION,
        acts=OWNER,
    ),
    Action(
        name="employers:invitation_revoke",
        path=lambda w: reverse("employers:invitation_revoke", args=[w.invitation.pk]),
        state=lambda w: Invitation.objects.values("revoked_at").get(pk=w.invitation.pk),
        expect=LAKESIDE_OWNER_ACTION,
        acts=OWNER,
    ),
    Action(
        name="employers:invitation_revoke",
        variant="summit",
        path=lambda w: reverse("employers:invitation_revoke", args=[w.summit_invitation.pk]),
        state=lambda w: Invitation.objects.values("revoked_at").get(pk=w.summit_invitation.pk),
        expect={**SUMMIT_TEAM, "employer_recruiter": NOT_FOUND, "other_employer": DONE},
        acts=frozenset({"other_employer"}),
    ),
    Action(
        name="employers:invitation_resend",
        path=lambda w: reverse("employers:invitation_resend", args=[w.invitation.pk]),
        state=lambda w: Invitation.objects.values("expires_at").get(pk=w.invitation.pk),
        expect=LAKESIDE_OWNER_ACTION,
        acts=OWNER,
    ),
    Action(
        name="employers:member_remove",
        path=lambda w: reverse("employers:member_remove", args=[w.recruiter_membership.pk]),
        state=lambda w: Membership.objects.filter(pk=w.recruiter_membership.pk).exists(),
        expect=LAKESIDE_OWNER_ACTION,
        acts=OWNER,
    ),
    Action(
        name="employers:transfer_ownership",
        path=fixed("employers:transfer_ownership"),
        data=lambda w: {"member": w.recruiter_membership.pk, "confirm": "on"},
        state=lambda w: dict(w.company.memberships.values_list("user__email", "role")),
        # Summit's owner can only choose among Summit's recruiters: the form refuses it.
        expect={**OWNER_ACTION, "other_employer": BAD_REQUEST},
        acts=OWNER,
    ),
    Action(
        name="employers:invitation_accept",
        path=lambda w: reverse(
            "employers:invitation_accept", args=[invitation_token(w.invitation)]
        ),
        state=lambda w: (
            Invitation.objects.values("accepted_at").get(pk=w.invitation.pk),
            w.company.memberships.count(),
        ),
        # A guest gets the sign-up form back (nothing filled in); everyone signed in is someone
        # other than the invited address, Lakeside's own owner included.
        expect=by_role(FORBIDDEN, guest=BAD_REQUEST),
    ),
    Action(
        name="pricing:upgrade",
        path=fixed("pricing:upgrade"),
        data=lambda w: {"plan": "enterprise", "message": ""},
        state=lambda w: UpgradeRequest.objects.filter(company=w.company).count(),
        expect=OWNER_ACTION,
        acts=OWNER,
    ),
    Action(
        name="accounts:settings_update",
        path=fixed("accounts:settings_update"),
        data=lambda w: {"full_name": "Renamed by whoever posted this"},
        state=lambda w: sorted(User.objects.values_list("pk", "full_name")),
        expect=by_role(DONE, guest=LOGIN),
        acts=SIGNED_IN_ROLES,
    ),
    # Reports and comments are open to everyone, but only on what the public may see.
    Action(
        name="jobs:report",
        variant="published",
        path=lambda w: reverse("jobs:report", args=[w.published.slug]),
        data=lambda w: {"report-reason": "scam", "report-details": "Asks for a fee."},
        state=lambda w: JobReport.objects.count(),
        expect=by_role(DONE),
        acts=ALL,
    ),
    Action(
        name="jobs:report",
        variant="draft",
        path=lambda w: reverse("jobs:report", args=[w.draft.slug]),
        data=lambda w: {"report-reason": "scam"},
        state=lambda w: JobReport.objects.count(),
        expect=by_role(NOT_FOUND),
    ),
    Action(
        name="articles:comment",
        variant="published",
        path=lambda w: reverse("articles:comment", args=[w.article.slug]),
        data=lambda w: {"name": "Reader", "email": "reader@example.com", "body": "Helpful."},
        state=lambda w: Comment.objects.count(),
        expect=by_role(DONE),
        acts=ALL,
    ),
    Action(
        name="articles:comment",
        variant="draft",
        path=lambda w: reverse("articles:comment", args=[w.draft_article.slug]),
        data=lambda w: {"name": "Reader", "email": "reader@example.com", "body": "Helpful."},
        state=lambda w: Comment.objects.count(),
        expect=by_role(NOT_FOUND),  # editors too: drafts take no comments
    ),
]
