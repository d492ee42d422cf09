"""The authorization matrix: for every URL of the site, what each role gets.

Used by tests/test_authorization_matrix.py. Every URL pattern needs at least one GET case here
(the test fails, naming the pattern, when one is added without a decision); state-changing
endpoints also get POST cases that prove a role that may not act changes nothing.

Roles are the standard cast of tests/conftest.py. "Lakeside" is the company of employer_owner and
employer_recruiter; "Summit" is other_employer's company. The candidate owns the applications,
profile items, alerts and export; other_candidate (and staff_editor, also a candidate account) must
get a 404 for each of them. The superuser is what `createsuperuser` makes: staff with every
permission, an employer account on no company's team.
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
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from applications.models import (
    Application,
    ApplicationEvent,
    ApplicationNote,
    PipelineAction,
    ProcessRating,
    Resume,
    ScreeningQuestion,
)
from articles.models import Comment
from candidates import alerts as job_alerts
from candidates.models import (
    CandidateInvitation,
    CandidateProfile,
    CompanyBlock,
    DataExport,
    JobAlert,
    License,
    SavedJob,
    Visibility,
)
from employers.invitations import invitation_token
from employers.models import Company, Invitation, Membership, UpgradeRequest
from jobs.models import Job, JobReport
from tests.applications.deadline_factories import (
    BreachedApplicationFactory,
    NotSelectedApplicationFactory,
)
from tests.applications.factories import ApplicationFactory, ScreeningQuestionFactory
from tests.applications.helpers import pdf_upload
from tests.articles.factories import (
    DraftArticleFactory,
    PublishedArticleFactory,
    ScheduledArticleFactory,
)
from tests.factories import (
    TEST_PASSWORD,
    ClosedJobFactory,
    ExpiredJobFactory,
    JobFactory,
    PublishedJobFactory,
    UserFactory,
)

ROLES = (
    "guest",
    "candidate",
    "other_candidate",
    "employer_owner",
    "employer_recruiter",
    "other_employer",
    "staff_editor",
    "superuser",
)
# The job-seeker accounts: the candidate, another candidate, and the staff editor (a candidate
# account with admin access). Only the first owns anything in the world.
SEEKERS = ("candidate", "other_candidate", "staff_editor")
OTHER_SEEKERS = ("other_candidate", "staff_editor")
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

    @cached_property
    def external_job(self) -> Job:
        return self._job(
            PublishedJobFactory,
            title="Lakeside external: Respiratory Therapist",
            apply_method=Job.ApplyMethod.EXTERNAL,
            apply_url="https://careers.lakeside.example/rt",
        )

    # Applications: the candidate's, to Lakeside's live job

    @cached_property
    def application(self) -> Application:
        self.fixture("private_storage")
        return ApplicationFactory(job=self.published, candidate=self.fixture("candidate"))

    @cached_property
    def note(self) -> ApplicationNote:
        """Lakeside's private note on the candidate's application."""
        return ApplicationNote.objects.create(
            application=self.application, author=self.owner, body="Lakeside note: call Tuesday"
        )

    @cached_property
    def summit_application(self) -> Application:
        """A third job seeker's application to Summit, with Summit's private note on it."""
        self.fixture("private_storage")
        application = ApplicationFactory(
            job=self.summit_job,
            candidate=UserFactory(email="summit.applicant@example.com", full_name="Sam Summit"),
        )
        ApplicationNote.objects.create(application=application, body="Summit note: no-show")
        return application

    @cached_property
    def summit_question(self) -> ScreeningQuestion:
        return ScreeningQuestionFactory(job=self.summit_job)

    @cached_property
    def pipeline_export(self) -> PipelineAction:
        """A finished background CSV export of Lakeside's applicants."""
        from applications.pipeline_actions import action_run, export_start

        storage = self.fixture("private_storage")
        self.fixture("monkeypatch").setattr(
            PipelineAction._meta.get_field("file"), "storage", storage
        )
        self.application  # noqa: B018 (one row to export)
        action = export_start(company=self.company, author=self.owner, filters={})
        action_run(action_id=action.pk)
        return action

    @cached_property
    def question(self) -> ScreeningQuestion:
        return ScreeningQuestionFactory(job=self.published)

    # The candidate's applications to Lakeside (No-Ghosting actions)

    @cached_property
    def overdue_application(self) -> Application:
        """Past its deadline without an answer: its candidate may report "never heard back"."""
        return BreachedApplicationFactory(job=self.published, candidate=self.fixture("candidate"))

    @cached_property
    def finished_application(self) -> Application:
        """Answered "not selected": its candidate may rate the process."""
        return NotSelectedApplicationFactory(job=self.closed, candidate=self.fixture("candidate"))

    # Lakeside's team

    def _invitation(self, company, **fields) -> Invitation:
        return Invitation.objects.create(
            company=company,
            email=INVITEE,
            expires_at=timezone.now() + timedelta(days=2),
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

    # The candidate's profile items (staff_editor is another candidate account)

    @cached_property
    def candidate_license(self) -> License:
        profile, _ = CandidateProfile.objects.get_or_create(user=self.fixture("candidate"))
        return License.objects.create(profile=profile, license_type="rn", state="CO", number="RN1")

    @cached_property
    def candidate_second_resume(self) -> Resume:
        self.candidate_resume  # noqa: B018 (the default one first)
        return Resume.objects.create(
            owner=self.fixture("candidate"),
            file="resumes/matrix-2.pdf",
            original_name="resume-2.pdf",
            format="pdf",
            size=100,
            is_default=False,
        )

    @cached_property
    def candidate_saved_job(self) -> SavedJob:
        return SavedJob.objects.create(user=self.fixture("candidate"), job=self.published)

    @cached_property
    def candidate_resume(self) -> Resume:
        # A stored name only: nothing is written to disk for the matrix.
        return Resume.objects.create(
            owner=self.fixture("candidate"),
            file="resumes/matrix.pdf",
            original_name="resume.pdf",
            format="pdf",
            size=100,
            is_default=True,
        )

    # Find Candidates: another job seeker's profiles, and Lakeside's invitation to the candidate

    def _profile(self, email: str, visibility: str) -> CandidateProfile:
        self.company  # noqa: B018 (Lakeside's plan and verification first)
        return CandidateProfile.objects.create(
            user=UserFactory(email=email), headline="ICU nurse", visibility=visibility
        )

    @cached_property
    def visible_profile(self) -> CandidateProfile:
        return self._profile("visible@example.com", Visibility.VERIFIED_EMPLOYERS)

    @cached_property
    def hidden_profile(self) -> CandidateProfile:
        return self._profile("hidden@example.com", Visibility.HIDDEN)

    @cached_property
    def candidate_invitation(self) -> CandidateInvitation:
        return CandidateInvitation.objects.create(
            company=self.company, candidate=self.fixture("candidate"), job=self.published
        )

    @cached_property
    def candidate_block(self) -> CompanyBlock:
        return CompanyBlock.objects.create(
            user=self.fixture("candidate"), kind="domain", value="current-employer.example"
        )

    @cached_property
    def candidate_export(self) -> DataExport:
        from candidates.privacy import export_build

        storage = self.fixture("private_storage")
        self.fixture("monkeypatch").setattr(DataExport._meta.get_field("file"), "storage", storage)
        export = DataExport.objects.create(user=self.fixture("candidate"))
        export_build(export_id=export.pk)
        return export

    # Job alerts: the candidate's, and guests' (confirmed or not) reached by signed links

    @cached_property
    def candidate_alert(self) -> JobAlert:
        alert, _ = job_alerts.alert_create_for_user(
            user=self.fixture("candidate"), query_string="q=nurse"
        )
        return alert

    @cached_property
    def guest_alert(self) -> JobAlert:
        alert = job_alerts.alert_create_for_guest(email="guest@example.com", query_string="q=icu")
        return job_alerts.alert_confirm(alert=alert)

    @cached_property
    def unconfirmed_alert(self) -> JobAlert:
        return job_alerts.alert_create_for_guest(
            email="someone@example.com", query_string="q=coder"
        )

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
REAUTHENTICATE_PATH = "/accounts/reauthenticate/"
REAUTHENTICATE = Expect(
    302, REAUTHENTICATE_PATH, with_next=True, label="redirect to confirm the password"
)
DONE = Expect(302, label="302 (done)")  # after a successful action, wherever it leads


def redirect(to: str | Callable[[World], str], label: str = "") -> Expect:
    return Expect(302, to, label=label or f"redirect to {to if isinstance(to, str) else '…'}")


def seekers(outcome: Expect, others: Expect | None = None) -> dict[str, Expect]:
    """`outcome` for the candidate, `others` (default: the same) for the other seekers."""
    return {"candidate": outcome} | dict.fromkeys(OTHER_SEEKERS, others or outcome)


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
# Employer pages about the employer's own company (other_employer sees Summit's); the superuser
# is on no team (403).
EMPLOYERS = by_role(OK, guest=LOGIN, superuser=FORBIDDEN, **seekers(FORBIDDEN))
# Employer pages about one of Lakeside's things: another company's owner gets a 404.
LAKESIDE_TEAM = {**EMPLOYERS, "other_employer": NOT_FOUND}
SUMMIT_TEAM = {**EMPLOYERS, "employer_owner": NOT_FOUND, "employer_recruiter": NOT_FOUND}
# A job found by its id among the signed-in employer's company's jobs: the superuser, on no team,
# has none (404).
LAKESIDE_JOB = {**LAKESIDE_TEAM, "superuser": NOT_FOUND}
SUMMIT_JOB = {**SUMMIT_TEAM, "superuser": NOT_FOUND}
# POST-only endpoints asked with GET.
POST_ONLY = by_role(NOT_ALLOWED)
POST_ONLY_SIGNED_IN = by_role(NOT_ALLOWED, guest=LOGIN)
POST_ONLY_EMPLOYERS = by_role(NOT_ALLOWED, guest=LOGIN, **seekers(FORBIDDEN))
# Pages only for guests (sign-up doors): signed-in people go to their home.
TO_HOME = {
    "candidate": redirect("/me/"),
    "other_candidate": redirect("/me/"),
    "employer_owner": redirect("/dashboard/"),
    "employer_recruiter": redirect("/dashboard/"),
    "other_employer": redirect("/dashboard/"),
    "staff_editor": redirect("/admin/"),  # staff start in admin
    "superuser": redirect("/admin/"),
}
GUESTS_ONLY = {"guest": OK, **TO_HOME}
# The job seeker's pages under /me/ (staff editors are candidate accounts).
CANDIDATES = by_role(FORBIDDEN, guest=LOGIN, **seekers(OK))
# One of the candidate's own items: another candidate (or staff_editor) gets a 404.
CANDIDATES_OWN = {**CANDIDATES, **seekers(OK, NOT_FOUND)}
POST_ONLY_CANDIDATES = {**CANDIDATES, **seekers(NOT_ALLOWED)}
# Find Candidates' own pages: Lakeside's team (verified, Professional); 403 for the rest.
FINDERS = by_role(FORBIDDEN, guest=LOGIN, employer_owner=OK, employer_recruiter=OK)


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


def application_url(name: str) -> Callable[[World], str]:
    return lambda world: reverse(name, args=[world.application.pk])


# The candidate's own application: any other candidate account gets a 404.
MY_APPLICATION = by_role(FORBIDDEN, guest=LOGIN, **seekers(OK, NOT_FOUND))


def confirm_link(world) -> str:
    return reverse("alerts:confirm", args=[job_alerts.confirm_token(world.unconfirmed_alert)])


def guest_alert_active(world) -> bool:
    return JobAlert.objects.values_list("is_active", flat=True).get(pk=world.guest_alert.pk)


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
    # Two-factor authentication (allauth.mfa), offered to every signed-in person; nobody in the
    # cast has turned it on.
    get("mfa_index", SIGNED_IN),
    # Outside a sign-in that waits for a code, there is nothing to authenticate.
    get("mfa_authenticate", {"guest": redirect(LOGIN_PATH), **TO_HOME}),
    # Without an authenticator, re-authenticating falls back to the password.
    get("mfa_reauthenticate", by_role(redirect(REAUTHENTICATE_PATH), guest=LOGIN)),
    # Turning on TOTP or new recovery codes asks for the password again first.
    get("mfa_activate_totp", by_role(REAUTHENTICATE, guest=LOGIN)),
    get("mfa_generate_recovery_codes", by_role(REAUTHENTICATE, guest=LOGIN)),
    # Nothing to turn off or show when no authenticator is set up.
    get("mfa_deactivate_totp", by_role(NOT_FOUND, guest=LOGIN)),
    get("mfa_view_recovery_codes", by_role(NOT_FOUND, guest=LOGIN)),
    get("mfa_download_recovery_codes", by_role(NOT_FOUND, guest=LOGIN)),
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
            **seekers(OK),  # staff editors are candidate accounts
        ),
    ),
    get("candidates:profile", CANDIDATES),
    get("candidates:about", CANDIDATES),
    get("candidates:preferences", CANDIDATES),
    get("candidates:saved", CANDIDATES),
    get("candidates:privacy", CANDIDATES),
    get("candidates:block_add", POST_ONLY_CANDIDATES),
    get(
        "candidates:block_remove",
        POST_ONLY_CANDIDATES,
        path=lambda w: reverse("candidates:block_remove", args=[w.candidate_block.pk]),
    ),
    get("candidates:export_request", POST_ONLY_CANDIDATES),
    get(
        "candidates:export_download",
        CANDIDATES_OWN,
        path=lambda w: reverse("candidates:export_download", args=[w.candidate_export.pk]),
    ),
    get(
        "candidates:export_status",
        CANDIDATES_OWN,
        path=lambda w: reverse("candidates:export_status", args=[w.candidate_export.pk]),
    ),
    get("candidates:account_delete", POST_ONLY_CANDIDATES),
    *[
        get(
            f"candidates:invitation_{answer}",
            POST_ONLY_CANDIDATES,
            path=lambda w, answer=answer: reverse(
                f"candidates:invitation_{answer}", args=[w.candidate_invitation.pk]
            ),
        )
        for answer in ("accept", "decline")
    ],
    get("candidates:visibility", POST_ONLY_CANDIDATES),
    get("candidates:resume_upload", POST_ONLY_CANDIDATES),
    *[
        get(
            f"candidates:resume_{action}",
            POST_ONLY_CANDIDATES,
            path=lambda w, action=action: reverse(
                f"candidates:resume_{action}", args=[w.candidate_resume.pk]
            ),
        )
        for action in ["default", "delete"]
    ],
    *[
        get(
            "candidates:item_add",
            CANDIDATES,
            path=fixed("candidates:item_add", section=section),
            variant=section,
        )
        for section in ["licenses", "certifications", "education", "experience"]
    ],
    get(
        "candidates:item_add",
        {**CANDIDATES, **seekers(NOT_FOUND)},
        path=fixed("candidates:item_add", section="hobbies"),
        variant="unknown",
    ),
    get(
        "candidates:item_edit",
        CANDIDATES_OWN,
        path=lambda w: reverse("candidates:item_edit", args=["licenses", w.candidate_license.pk]),
    ),
    get(
        "candidates:item_delete",
        POST_ONLY_CANDIDATES,
        path=lambda w: reverse("candidates:item_delete", args=["licenses", w.candidate_license.pk]),
    ),
    get(
        "candidates:save_job",
        POST_ONLY_CANDIDATES,
        path=job_url("candidates:save_job", "published"),
    ),
    get(
        "candidates:unsave_job",
        POST_ONLY_CANDIDATES,
        path=job_url("candidates:unsave_job", "published"),
    ),
    # Job alerts: the candidate's own under /me/alerts/; the emails' signed links work for
    # whoever holds them (the token is the permission).
    get("candidates:alerts", CANDIDATES),
    *[
        get(
            f"candidates:alert_{action}",
            POST_ONLY_CANDIDATES,
            path=lambda w, action=action: reverse(
                f"candidates:alert_{action}", args=[w.candidate_alert.pk]
            ),
        )
        for action in ["frequency", "pause", "delete"]
    ],
    get("alerts:create", POST_ONLY),
    get(
        "alerts:confirm",
        EVERYONE,
        path=lambda w: reverse(
            "alerts:confirm", args=[job_alerts.confirm_token(w.unconfirmed_alert)]
        ),
    ),
    get(
        "alerts:manage",
        EVERYONE,
        path=lambda w: reverse("alerts:manage", args=[job_alerts.manage_token(w.guest_alert)]),
    ),
    get(
        "alerts:unsubscribe",
        EVERYONE,
        path=lambda w: reverse("alerts:unsubscribe", args=[job_alerts.manage_token(w.guest_alert)]),
    ),
    # The employer dashboard: the signed-in employer's own company
    # An employer on no team (the superuser) is told so on the dashboard.
    get("employers:dashboard", {**EMPLOYERS, "superuser": OK}),
    get("employers:company", EMPLOYERS),  # owners edit, recruiters read
    get("employers:team", EMPLOYERS),
    get("employers:plan", EMPLOYERS),
    get("employers:team_invite", POST_ONLY_SIGNED_IN),
    get("employers:transfer_ownership", POST_ONLY_SIGNED_IN),
    get("employers:require_mfa", POST_ONLY_SIGNED_IN),
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
    get("jobs_dashboard:preview", LAKESIDE_JOB, path=preview_of("draft")),
    get("jobs_dashboard:preview", LAKESIDE_JOB, path=preview_of("closed"), variant="closed"),
    get("jobs_dashboard:preview", SUMMIT_JOB, path=preview_of("summit_job"), variant="summit"),
    get("jobs_dashboard:edit", LAKESIDE_JOB, path=job_url("jobs_dashboard:edit", "published")),
    get(
        "jobs_dashboard:edit",
        SUMMIT_JOB,
        path=job_url("jobs_dashboard:edit", "summit_job"),
        variant="summit",
    ),
    # A closed job cannot be edited: back to its preview, with a message.
    get(
        "jobs_dashboard:edit",
        {
            **LAKESIDE_JOB,
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
    # Applying, My applications (the candidate's own), the pipeline (Lakeside's team's)
    get(
        "apply:job",
        by_role(
            FORBIDDEN,
            # Sign in, then back to the job page (not the form's address).
            guest=Expect(302, LOGIN_PATH, label="redirect to sign in"),
            **seekers(OK),  # staff editors are candidate accounts
        ),
        path=lambda w: reverse("apply:job", args=[w.published.slug]),
    ),
    get(
        "jobs:external_apply",
        POST_ONLY,
        path=lambda w: reverse("jobs:external_apply", args=[w.external_job.slug]),
    ),
    get("applications:list", CANDIDATES),
    get("applications:detail", MY_APPLICATION, path=application_url("applications:detail")),
    get("applications:submitted", MY_APPLICATION, path=application_url("applications:submitted")),
    get("applications:withdraw", POST_ONLY, path=application_url("applications:withdraw")),
    get("applications:message", POST_ONLY, path=application_url("applications:message")),
    get("applications_dashboard:inbox", EMPLOYERS),
    get("applications_dashboard:inbox_export", EMPLOYERS),
    get("applications_dashboard:bulk_not_selected", POST_ONLY),
    get("applications_dashboard:export_start", POST_ONLY),
    *[
        get(
            f"applications_dashboard:{name}",
            LAKESIDE_TEAM,
            path=lambda w, name=name: reverse(
                f"applications_dashboard:{name}", args=[w.pipeline_export.pk]
            ),
        )
        for name in ("action", "action_download")
    ],
    *[
        get(
            f"applications_dashboard:{name}",
            LAKESIDE_TEAM,
            path=application_url(f"applications_dashboard:{name}"),
        )
        for name in ("applicant", "resume")
    ],
    *[
        get(
            f"applications_dashboard:{name}",
            POST_ONLY,
            path=application_url(f"applications_dashboard:{name}"),
        )
        for name in ("move", "note", "message")
    ],
    *[
        get(
            f"applications_dashboard:{name}",
            LAKESIDE_JOB,
            path=job_url(f"applications_dashboard:{name}", "published"),
        )
        for name in ("job", "job_export", "questions")
    ],
    get(
        "applications_dashboard:job",
        SUMMIT_JOB,
        path=job_url("applications_dashboard:job", "summit_job"),
        variant="summit",
    ),
    # Summit's applicant, asked for by id: Lakeside's team gets a 404, like every job seeker
    # (it is none of theirs).
    *[
        get(
            f"applications_dashboard:{name}",
            SUMMIT_TEAM,
            path=lambda w, name=name: reverse(
                f"applications_dashboard:{name}", args=[w.summit_application.pk]
            ),
            variant="summit",
        )
        for name in ("applicant", "resume")
    ],
    *[
        get(
            f"applications:{name}",
            {**MY_APPLICATION, "candidate": NOT_FOUND},
            path=lambda w, name=name: reverse(
                f"applications:{name}", args=[w.summit_application.pk]
            ),
            variant="someone_else",
        )
        for name in ("detail", "submitted")
    ],
    get(
        "applications_dashboard:question_delete",
        POST_ONLY,
        path=lambda w: reverse(
            "applications_dashboard:question_delete", args=[w.published.pk, w.question.pk]
        ),
    ),
    get("employers:application_emails", POST_ONLY),
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
    *[
        get(
            "jobs:partner_feed",
            EVERYONE,
            path=fixed("jobs:partner_feed", partner=partner),
            variant=partner,
        )
        for partner in ["indeed", "ziprecruiter", "linkedin"]
    ],
    get(
        "jobs:partner_feed",
        by_role(NOT_FOUND),
        path=fixed("jobs:partner_feed", partner="monster"),
        variant="unknown",
    ),
    # Pay insights: public, read-only.
    get("pay:index", EVERYONE),
    get("pay:profession", EVERYONE, path=fixed("pay:profession", profession="registered-nurse")),
    get(
        "pay:profession",
        by_role(NOT_FOUND),
        path=fixed("pay:profession", profession="astronaut"),
        variant="unknown",
    ),
    get(
        "pay:state",
        EVERYONE,
        path=fixed("pay:state", profession="registered-nurse", state="co"),
    ),
    get(
        "pay:state",
        by_role(NOT_FOUND),
        path=fixed("pay:state", profession="registered-nurse", state="zz"),
        variant="unknown",
    ),
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
        by_role(NOT_FOUND, staff_editor=OK, superuser=OK),
        path=lambda w: w.draft_article.get_absolute_url(),
        variant="draft",
    ),
    get(
        "articles:detail",
        by_role(NOT_FOUND, staff_editor=OK, superuser=OK),
        path=lambda w: w.scheduled_article.get_absolute_url(),
        variant="scheduled",
    ),
    get(
        "articles:comment",
        POST_ONLY,
        path=lambda w: reverse("articles:comment", args=[w.article.slug]),
    ),
    # The candidate's No-Ghosting actions on their own applications (POST only)
    get(
        "no_ghosting:never_heard_back",
        POST_ONLY_SIGNED_IN,
        path=lambda w: reverse("no_ghosting:never_heard_back", args=[w.overdue_application.pk]),
    ),
    get(
        "no_ghosting:rate",
        POST_ONLY_SIGNED_IN,
        path=lambda w: reverse("no_ghosting:rate", args=[w.finished_application.pk]),
    ),
    # Pages
    get("pages:home", EVERYONE),
    get("pages:no_ghosting", EVERYONE),
    get("pages:contact", EVERYONE),
    get("pages:terms", EVERYONE),
    get("pages:privacy", EVERYONE),
    # Find Candidates: everyone sees the page (what it offers, or the search for Lakeside,
    # whose Professional plan includes it); profiles only for a verified company on such a
    # plan (Summit is Free and unverified: 403).
    get("finder:search", EVERYONE),
    # (w.company first: it puts Lakeside on Professional and verifies it.)
    get("finder:sent", FINDERS, path=lambda w: w.company and reverse("finder:sent")),
    get(
        "finder:detail",
        FINDERS,
        path=lambda w: reverse("finder:detail", args=[w.visible_profile.pk]),
    ),
    get(
        "finder:detail",
        {**FINDERS, "employer_owner": NOT_FOUND, "employer_recruiter": NOT_FOUND},
        path=lambda w: reverse("finder:detail", args=[w.hidden_profile.pk]),
        variant="hidden",
    ),
    get(
        "finder:invite",
        POST_ONLY_SIGNED_IN,
        path=lambda w: reverse("finder:invite", args=[w.visible_profile.pk]),
    ),
    # "Post a Job": employers go to posting, guests to the employer sign-up, a candidate
    # account is told it cannot post (403 with an explanation).
    get(
        "pages:post_a_job",
        by_role(
            redirect("/dashboard/jobs/new/"),
            guest=redirect("/accounts/signup/employer/"),
            **seekers(FORBIDDEN),
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
    "audit.auditevent",
    "applications.neverheardbackreport",
    "applications.processrating",
    "applications.application",
    "account.emailaddress",
    "mfa.authenticator",
    "auth.group",
    "sites.site",
    "employers.company",
    "employers.invitation",
    "employers.upgraderequest",
    "jobs.job",
    "jobs.jobreport",
    "jobs.paytransparencyrule",
    "pages.contactmessage",
    "notifications.notification",
    "candidates.candidateprofile",
    "candidates.license",
    "candidates.jobalert",
}
# Non-staff accounts are sent to the admin's own sign-in page.
ADMIN_STAFF = by_role(ADMIN_LOGIN, staff_editor=OK, superuser=OK)
ADMIN_NOT_EDITORS = by_role(ADMIN_LOGIN, staff_editor=FORBIDDEN, superuser=OK)


def admin_model_key(model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def admin_cases() -> list[Case]:
    cases = [
        get("admin:index", ADMIN_STAFF),
        # Admin's sign-in door leads to the site's (allauth's limits); signed-in non-staff: 403.
        get(
            "admin_login",
            by_role(
                FORBIDDEN,
                guest=redirect(LOGIN_PATH, "redirect to the site's sign-in"),
                staff_editor=redirect("/admin/"),
                superuser=redirect("/admin/"),
            ),
        ),
    ]
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
    (read from the database before and after) must change exactly for the roles in `acts`.
    For every other role the request is a refusal and no row of any table may change, except for
    the roles in `elsewhere`, whose request does its work on their own things (Summit's owner
    editing Summit), outside `state`."""

    name: str
    path: Callable[[World], str]
    state: Callable[[World], object]
    expect: dict[str, Expect]
    acts: frozenset[str] = frozenset()
    elsewhere: frozenset[str] = frozenset()
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
# The same, on a URL with a job's id (the superuser, on no team, has no such job: 404).
LAKESIDE_JOB_ID_ACTION = {**LAKESIDE_JOB_ACTION, "superuser": NOT_FOUND}
# An owner-only action on Lakeside's team: the recruiter gets a 403, Summit's owner a 404.
LAKESIDE_OWNER_ACTION = {**LAKESIDE_JOB_ACTION, "employer_recruiter": FORBIDDEN}
# An owner-only action on "my company": Summit's owner does it to Summit, not to Lakeside.
OWNER_ACTION = {**LAKESIDE_OWNER_ACTION, "other_employer": DONE}


def job_state(job: str, *fields: str) -> Callable[[World], object]:
    return lambda world: Job.objects.filter(pk=getattr(world, job).pk).values(*fields).first()


def application_state(*fields: str) -> Callable[[World], object]:
    return lambda world: Application.objects.values(*fields).get(pk=world.application.pk)


def application_events(world: World) -> int:
    return ApplicationEvent.objects.filter(application=world.application).count()


# The candidate's own application: others get a 404 (candidates) or a 403 (employers).
# The No-Ghosting actions on an application: employers cannot reach candidates' pages (403);
# any other candidate, or staff, gets a 404.
NOT_MY_APPLICATION_ACTION = by_role(
    NOT_FOUND,
    guest=LOGIN,
    candidate=DONE,
    employer_owner=FORBIDDEN,
    employer_recruiter=FORBIDDEN,
    other_employer=FORBIDDEN,
    superuser=FORBIDDEN,  # an employer account
)
MY_APPLICATION_ACTION = {
    **by_role(FORBIDDEN, guest=LOGIN, **seekers(NOT_FOUND)),
    "candidate": DONE,
}


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
        "benefits": ["health", "pto"],  # Colorado's pay-transparency rule asks for them
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
        expect=LAKESIDE_JOB_ID_ACTION,
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
        elsewhere=frozenset({"other_employer"}),
    ),
    Action(
        name="jobs_dashboard:edit",
        variant="draft",
        path=job_url("jobs_dashboard:edit", "draft"),
        data=lambda w: job_form(title="Changed by whoever posted this"),
        state=job_state("draft", "title"),
        expect=LAKESIDE_JOB_ID_ACTION,
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
        expect=LAKESIDE_JOB_ID_ACTION,
        acts=TEAM,
    ),
    Action(
        name="jobs_dashboard:close",
        variant="summit_job",
        path=job_url("jobs_dashboard:close", "summit_job"),
        state=job_state("summit_job", "status"),
        expect={**SUMMIT_JOB, "other_employer": DONE},
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
        elsewhere=frozenset({"other_employer"}),
    ),
    Action(
        name="employers:team_invite",
        path=fixed("employers:team_invite"),
        data=lambda w: {"email": "someone.new@example.com"},
        state=lambda w: w.company.invitations.count(),
        expect=OWNER_ACTION,
        acts=OWNER,
        elsewhere=frozenset({"other_employer"}),
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
        name="employers:require_mfa",
        path=fixed("employers:require_mfa"),
        # The owner needs an authenticator app of their own before requiring one of the team.
        data=lambda w: (
            Authenticator.objects.get_or_create(
                user=w.owner, type=Authenticator.Type.TOTP, defaults={"data": {}}
            )
            and {"require_mfa": "on"}
        ),
        state=lambda w: Company.objects.values("require_mfa").get(pk=w.company.pk),
        expect=OWNER_ACTION,
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
        elsewhere=frozenset({"other_employer"}),
    ),
    Action(
        name="accounts:settings_update",
        path=fixed("accounts:settings_update"),
        data=lambda w: {"full_name": "Renamed by whoever posted this"},
        state=lambda w: sorted(User.objects.values_list("pk", "full_name")),
        expect=by_role(DONE, guest=LOGIN),
        acts=SIGNED_IN_ROLES,
    ),
    # Applying: candidate accounts only, to live jobs only.
    Action(
        name="apply:job",
        path=lambda w: reverse("apply:job", args=[w.published.slug]),
        data=lambda w: {"resume_file": pdf_upload(), "cover_letter": ""},
        state=lambda w: sorted(Application.objects.values_list("candidate__email", flat=True)),
        expect=by_role(
            FORBIDDEN,
            guest=Expect(302, LOGIN_PATH, label="redirect to sign in"),
            **seekers(DONE),
        ),  # fmt: skip
        acts=frozenset(SEEKERS),
    ),
    Action(
        name="apply:job",
        variant="closed",
        path=lambda w: reverse("apply:job", args=[w.closed.slug]),
        data=lambda w: {"resume_file": pdf_upload(), "cover_letter": ""},
        state=lambda w: Application.objects.count(),
        expect=by_role(
            FORBIDDEN,
            guest=Expect(302, LOGIN_PATH, label="redirect to sign in"),
            **seekers(DONE),  # back to the job page, which says it closed
        ),  # fmt: skip
    ),
    Action(
        name="jobs:external_apply",
        path=lambda w: reverse("jobs:external_apply", args=[w.external_job.slug]),
        state=job_state("external_job", "external_apply_clicks"),
        expect=by_role(redirect("/rt", "redirect to the employer's site")),
        acts=ALL,
    ),
    # The candidate's own application
    Action(
        name="applications:withdraw",
        path=application_url("applications:withdraw"),
        state=application_state("stage"),
        expect=MY_APPLICATION_ACTION,
        acts=frozenset({"candidate"}),
    ),
    Action(
        name="applications:message",
        path=application_url("applications:message"),
        data=lambda w: {"body": "Written by whoever posted this"},
        state=application_events,
        expect=MY_APPLICATION_ACTION,
        acts=frozenset({"candidate"}),
    ),
    # Lakeside's team answers the candidate's application; Summit's owner gets a 404.
    Action(
        name="applications_dashboard:move",
        path=application_url("applications_dashboard:move"),
        data=lambda w: {"stage": "interview", "message": "Come in on Tuesday."},
        state=application_state("stage", "first_response_at"),
        expect=LAKESIDE_JOB_ACTION,
        acts=TEAM,
    ),
    Action(
        name="applications_dashboard:message",
        path=application_url("applications_dashboard:message"),
        data=lambda w: {"body": "Written by whoever posted this"},
        state=application_events,
        expect=LAKESIDE_JOB_ACTION,
        acts=TEAM,
    ),
    Action(
        name="applications_dashboard:note",
        path=application_url("applications_dashboard:note"),
        data=lambda w: {"body": "Written by whoever posted this"},
        state=lambda w: ApplicationNote.objects.filter(application=w.application).count(),
        expect=LAKESIDE_JOB_ACTION,
        acts=TEAM,
    ),
    Action(
        name="applications_dashboard:bulk_not_selected",
        path=fixed("applications_dashboard:bulk_not_selected"),
        data=lambda w: {"application": [w.application.pk], "message": "Thank you."},
        state=application_state("stage"),
        # Summit's owner's request goes through, but it moves none of Lakeside's applicants.
        expect={**LAKESIDE_JOB_ACTION, "other_employer": DONE},
        acts=TEAM,
    ),
    Action(
        name="applications_dashboard:export_start",
        path=fixed("applications_dashboard:export_start"),
        state=lambda w: sorted(PipelineAction.objects.values_list("company_id", flat=True)),
        # Each employer exports their own company's applicants.
        expect={**LAKESIDE_JOB_ACTION, "other_employer": DONE},
        acts=TEAM | {"other_employer"},
    ),
    Action(
        name="applications_dashboard:export_start",
        path=fixed("applications_dashboard:export_start"),
        data=lambda w: {"job": w.published.pk},
        state=lambda w: PipelineAction.objects.count(),
        # One of Lakeside's jobs: Summit's owner gets a 404 and queues nothing.
        expect=LAKESIDE_JOB_ACTION,
        acts=TEAM,
        variant="job",
    ),
    Action(
        name="applications_dashboard:questions",
        path=job_url("applications_dashboard:questions", "published"),
        data=lambda w: {"prompt": "Do you hold BLS?", "kind": "yes_no", "required": "on"},
        state=lambda w: ScreeningQuestion.objects.filter(job=w.published).count(),
        expect=LAKESIDE_JOB_ID_ACTION,
        acts=TEAM,
    ),
    Action(
        name="applications_dashboard:question_delete",
        path=lambda w: reverse(
            "applications_dashboard:question_delete", args=[w.published.pk, w.question.pk]
        ),
        state=lambda w: ScreeningQuestion.objects.filter(pk=w.question.pk).exists(),
        expect=LAKESIDE_JOB_ID_ACTION,
        acts=TEAM,
    ),
    # Summit's applicant: Lakeside's team cannot answer, note or message it (404).
    Action(
        name="applications_dashboard:move",
        variant="summit",
        path=lambda w: reverse("applications_dashboard:move", args=[w.summit_application.pk]),
        data=lambda w: {"stage": "interview", "message": "Come in on Tuesday."},
        state=lambda w: Application.objects.values("stage").get(pk=w.summit_application.pk),
        expect={**SUMMIT_TEAM, "other_employer": DONE},
        acts=frozenset({"other_employer"}),
    ),
    Action(
        name="applications_dashboard:note",
        variant="summit",
        path=lambda w: reverse("applications_dashboard:note", args=[w.summit_application.pk]),
        data=lambda w: {"body": "Written by whoever posted this"},
        state=lambda w: list(
            ApplicationNote.objects.filter(application=w.summit_application).values("body")
        ),
        expect={**SUMMIT_TEAM, "other_employer": DONE},
        acts=frozenset({"other_employer"}),
    ),
    Action(
        name="applications_dashboard:message",
        variant="summit",
        path=lambda w: reverse("applications_dashboard:message", args=[w.summit_application.pk]),
        data=lambda w: {"body": "Written by whoever posted this"},
        state=lambda w: ApplicationEvent.objects.filter(application=w.summit_application).count(),
        expect={**SUMMIT_TEAM, "other_employer": DONE},
        acts=frozenset({"other_employer"}),
    ),
    # Another job's question under Lakeside's job id: nobody deletes it that way.
    Action(
        name="applications_dashboard:question_delete",
        variant="summit_question",
        path=lambda w: reverse(
            "applications_dashboard:question_delete", args=[w.published.pk, w.summit_question.pk]
        ),
        state=lambda w: ScreeningQuestion.objects.filter(pk=w.summit_question.pk).exists(),
        expect={**LAKESIDE_JOB_ID_ACTION, **dict.fromkeys(TEAM, NOT_FOUND)},
    ),
    Action(
        name="employers:application_emails",
        path=fixed("employers:application_emails"),
        data=lambda w: {"application_emails": "daily_digest"},
        state=lambda w: Membership.objects.values_list("application_emails", flat=True).get(
            pk=w.recruiter_membership.pk
        ),
        # Each member sets their own: only the recruiter's own POST changes the recruiter's.
        expect={
            **EMPLOYERS,
            **dict.fromkeys(["employer_owner", "employer_recruiter", "other_employer"], DONE),
        },
        acts=frozenset({"employer_recruiter"}),
        elsewhere=frozenset({"employer_owner", "other_employer"}),  # their own setting
    ),  # fmt: skip
    # Only the applicant reports or rates their own application; for anyone else it is a 404.
    Action(
        name="no_ghosting:never_heard_back",
        path=lambda w: reverse("no_ghosting:never_heard_back", args=[w.overdue_application.pk]),
        state=lambda w: Application.objects.values("never_heard_back_at").get(
            pk=w.overdue_application.pk
        ),
        expect=NOT_MY_APPLICATION_ACTION,
        acts=frozenset({"candidate"}),
    ),
    Action(
        name="no_ghosting:rate",
        path=lambda w: reverse("no_ghosting:rate", args=[w.finished_application.pk]),
        data=lambda w: {"speed": "4", "communication": "5", "comment": ""},
        state=lambda w: ProcessRating.objects.filter(application=w.finished_application).count(),
        expect=NOT_MY_APPLICATION_ACTION,
        acts=frozenset({"candidate"}),
    ),
    # The candidate area: candidates act on their own things only.
    Action(
        name="candidates:about",
        path=fixed("candidates:about"),
        data=lambda w: {"headline": "Changed by whoever posted this"},
        state=lambda w: sorted(CandidateProfile.objects.values_list("user_id", "headline")),
        expect={**CANDIDATES, **seekers(DONE)},
        acts=frozenset(SEEKERS),
    ),
    Action(
        name="candidates:item_delete",
        path=lambda w: reverse("candidates:item_delete", args=["licenses", w.candidate_license.pk]),
        state=lambda w: License.objects.filter(pk=w.candidate_license.pk).exists(),
        expect={**CANDIDATES_OWN, "candidate": DONE},
        acts=frozenset({"candidate"}),
    ),
    Action(
        name="candidates:item_edit",
        path=lambda w: reverse("candidates:item_edit", args=["licenses", w.candidate_license.pk]),
        data=lambda w: {"license_type": "rn", "state": "TX", "number": "CHANGED"},
        state=lambda w: License.objects.values("number").get(pk=w.candidate_license.pk),
        expect={**CANDIDATES_OWN, "candidate": DONE},
        acts=frozenset({"candidate"}),
    ),
    Action(
        name="candidates:resume_delete",
        path=lambda w: reverse("candidates:resume_delete", args=[w.candidate_resume.pk]),
        state=lambda w: Resume.objects.filter(pk=w.candidate_resume.pk).exists(),
        expect={**CANDIDATES_OWN, "candidate": DONE},
        acts=frozenset({"candidate"}),
    ),
    Action(
        name="candidates:save_job",
        path=job_url("candidates:save_job", "published"),
        state=lambda w: sorted(SavedJob.objects.values_list("user_id", "job_id")),
        expect={**CANDIDATES, **seekers(DONE)},
        acts=frozenset(SEEKERS),
    ),
    Action(
        name="candidates:save_job",
        variant="closed",
        path=job_url("candidates:save_job", "closed"),
        state=lambda w: SavedJob.objects.count(),
        expect={**CANDIDATES, **seekers(NOT_FOUND)},
    ),
    Action(
        name="candidates:resume_default",
        path=lambda w: reverse("candidates:resume_default", args=[w.candidate_second_resume.pk]),
        state=lambda w: sorted(Resume.objects.values_list("pk", "is_default")),
        expect={**CANDIDATES_OWN, "candidate": DONE},
        acts=frozenset({"candidate"}),
    ),
    Action(
        name="candidates:resume_upload",
        path=fixed("candidates:resume_upload"),
        data=lambda w: w.fixture("private_storage") and {"resume": pdf_upload()},
        state=lambda w: sorted(Resume.objects.values_list("owner__email", flat=True)),
        expect={**CANDIDATES, **seekers(DONE)},
        acts=frozenset(SEEKERS),
    ),
    Action(
        name="candidates:visibility",
        path=fixed("candidates:visibility"),
        data=lambda w: {"visibility": Visibility.HIDDEN},
        state=lambda w: sorted(CandidateProfile.objects.values_list("user__email", "visibility")),
        expect={**CANDIDATES, **seekers(DONE)},
        acts=frozenset(SEEKERS),
    ),
    Action(
        name="candidates:unsave_job",
        path=lambda w: reverse("candidates:unsave_job", args=[w.candidate_saved_job.job_id]),
        state=lambda w: sorted(SavedJob.objects.values_list("user_id", "job_id")),
        # Each seeker removes their own saved job only: nothing of the candidate's for others.
        expect={**CANDIDATES, **seekers(DONE)},
        acts=frozenset({"candidate"}),
    ),
    Action(
        name="candidates:unsave_job",
        variant="draft",
        path=job_url("candidates:unsave_job", "draft"),
        state=lambda w: SavedJob.objects.count(),
        expect={**CANDIDATES, **seekers(NOT_FOUND)},
    ),
    # Find Candidates: Lakeside's team invites; nobody else can.
    Action(
        name="finder:invite",
        path=lambda w: reverse("finder:invite", args=[w.visible_profile.pk]),
        data=lambda w: {"job": w.published.pk, "message": "Join us"},
        state=lambda w: CandidateInvitation.objects.count(),
        expect={**FINDERS, "employer_owner": DONE, "employer_recruiter": DONE},
        acts=TEAM,
    ),
    Action(
        name="finder:invite",
        variant="hidden",
        path=lambda w: reverse("finder:invite", args=[w.hidden_profile.pk]),
        data=lambda w: {"job": w.published.pk, "message": "Join us"},
        state=lambda w: CandidateInvitation.objects.count(),
        expect={**FINDERS, "employer_owner": NOT_FOUND, "employer_recruiter": NOT_FOUND},
    ),
    # The candidate's privacy and invitations: their own only.
    Action(
        name="candidates:block_add",
        path=fixed("candidates:block_add"),
        data=lambda w: {"kind": "name", "value": "Current Employer"},
        state=lambda w: sorted(CompanyBlock.objects.values_list("user_id", "value")),
        expect={**CANDIDATES, **seekers(DONE)},
        acts=frozenset(SEEKERS),
    ),
    Action(
        name="candidates:block_remove",
        path=lambda w: reverse("candidates:block_remove", args=[w.candidate_block.pk]),
        state=lambda w: CompanyBlock.objects.filter(pk=w.candidate_block.pk).exists(),
        expect={**CANDIDATES_OWN, "candidate": DONE},
        acts=frozenset({"candidate"}),
    ),
    Action(
        name="candidates:export_request",
        path=fixed("candidates:export_request"),
        state=lambda w: sorted(DataExport.objects.values_list("user_id", flat=True)),
        expect={**CANDIDATES, **seekers(DONE)},
        acts=frozenset(SEEKERS),
    ),
    Action(
        name="candidates:account_delete",
        path=fixed("candidates:account_delete"),
        data=lambda w: {"password": TEST_PASSWORD},
        state=lambda w: sorted(User.objects.filter(is_active=True).values_list("pk", flat=True)),
        # Each candidate deletes their own account; staff accounts are not deleted here (a
        # refusal sends them back to the page).
        expect={**CANDIDATES, **seekers(DONE)},
        acts=frozenset({"candidate", "other_candidate"}),
    ),
    *[
        Action(
            name=f"candidates:invitation_{answer}",
            path=lambda w, answer=answer: reverse(
                f"candidates:invitation_{answer}", args=[w.candidate_invitation.pk]
            ),
            state=lambda w: CandidateInvitation.objects.values("accepted_at", "declined_at").get(
                pk=w.candidate_invitation.pk
            ),
            expect={**CANDIDATES_OWN, "candidate": DONE},
            acts=frozenset({"candidate"}),
        )
        for answer in ("accept", "decline")
    ],
    # Job alerts: candidates act on their own; guests are asked for an address (nothing saved
    # yet); employers have none; a signed link acts for whoever holds it.
    Action(
        name="alerts:create",
        path=fixed("alerts:create"),
        data=lambda w: {"query": "q=nurse&shift=night"},
        state=lambda w: sorted(JobAlert.objects.values_list("user_id", "query_string")),
        expect={**CANDIDATES, "guest": OK, **seekers(DONE)},
        acts=frozenset(SEEKERS),
    ),
    *[
        Action(
            name=f"candidates:alert_{action}",
            path=lambda w, action=action: reverse(
                f"candidates:alert_{action}", args=[w.candidate_alert.pk]
            ),
            data=lambda w: {"frequency": "weekly", "active": "0"},
            state=lambda w: list(JobAlert.objects.values("frequency", "is_active")),
            expect={**CANDIDATES_OWN, "candidate": DONE},
            acts=frozenset({"candidate"}),
        )
        for action in ["frequency", "pause", "delete"]
    ],
    Action(
        name="alerts:confirm",
        path=lambda w: reverse(
            "alerts:confirm", args=[job_alerts.confirm_token(w.unconfirmed_alert)]
        ),
        state=lambda w: JobAlert.objects.filter(confirmed_at__isnull=False).count(),
        expect=by_role(DONE),
        acts=ALL,
    ),
    Action(
        name="alerts:manage",
        path=lambda w: reverse("alerts:manage", args=[job_alerts.manage_token(w.guest_alert)]),
        data=lambda w: {"action": "pause"},
        state=lambda w: JobAlert.objects.values_list("is_active", flat=True).get(
            pk=w.guest_alert.pk
        ),
        expect=by_role(DONE),
        acts=ALL,
    ),
    Action(
        name="alerts:unsubscribe",
        path=lambda w: reverse("alerts:unsubscribe", args=[job_alerts.manage_token(w.guest_alert)]),
        state=lambda w: JobAlert.objects.values_list("is_active", flat=True).get(
            pk=w.guest_alert.pk
        ),
        expect=by_role(OK),
        acts=ALL,
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
