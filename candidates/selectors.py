"""Reads of the candidate area: the profile page, completeness, what a candidate holds and how
it meets a job's requirements, saved jobs."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from applications.models import Resume
from candidates.models import CandidateProfile, Certification, License, SavedJob
from jobs.choices import STATE_NAMES, Credential


def profile_of(user) -> CandidateProfile:
    """The user's profile with every section's items (one query per section), or an unsaved
    empty one for a candidate who has not saved anything yet."""
    profile = (
        CandidateProfile.objects.filter(user=user)
        .prefetch_related(
            "certifications",
            Prefetch("licenses", queryset=License.objects.select_related("verified_by")),
            "education",
            "experience",
        )
        .first()
    )
    return profile or CandidateProfile(user=user)


def resumes_of(user) -> list[Resume]:
    return list(Resume.objects.filter(owner=user).order_by("-is_default", "-created_at", "-pk"))


def items_of(profile: CandidateProfile, related: str) -> list:
    return list(getattr(profile, related).all()) if profile.pk else []


@dataclass
class Step:
    label: str
    url: str
    done: bool


def profile_completeness(profile: CandidateProfile, resumes: list) -> tuple[int, list[Step]]:
    """(percent, steps): what a complete profile has, each step equal, in the order to do them."""

    def url(name):
        return reverse(name)

    has = (lambda related: bool(items_of(profile, related))) if profile.pk else (lambda r: False)
    steps = [
        Step(
            "Add a headline and your profession",
            url("candidates:about"),
            bool(profile.headline and profile.profession),
        ),
        Step(
            "Say how many years of experience you have",
            url("candidates:about"),
            profile.years_experience is not None,
        ),
        Step(
            "Add your state licenses",
            reverse("candidates:item_add", args=["licenses"]),
            has("licenses"),
        ),
        Step(
            "Add your certifications",
            reverse("candidates:item_add", args=["certifications"]),
            has("certifications"),
        ),
        Step(
            "Add your education",
            reverse("candidates:item_add", args=["education"]),
            has("education"),
        ),
        Step(
            "Add your work history",
            reverse("candidates:item_add", args=["experience"]),
            has("experience"),
        ),
        Step(
            "Tell employers the pay, shifts and places you want",
            url("candidates:preferences"),
            bool(profile.desired_pay_min and (profile.shifts or profile.locations)),
        ),
        Step(
            "Say whether you are authorized to work in the US",
            url("candidates:preferences"),
            bool(profile.work_authorization),
        ),
        Step("Upload a resume", url("candidates:profile") + "#resumes", bool(resumes)),
    ]
    done = sum(step.done for step in steps)
    return round(100 * done / len(steps)), steps


# What a candidate holds, and a job's requirements ------------------------------------------


@dataclass(frozen=True)
class Qualifications:
    """The credential codes (jobs.choices.Credential values) and license states a candidate
    holds today: current certifications, and current licenses (a license's type is a credential
    too; a multistate nurse license covers every compact state)."""

    credentials: frozenset = frozenset()
    states: frozenset = frozenset()
    expired_credentials: frozenset = frozenset()
    expired_states: frozenset = frozenset()


def qualifications_of(user) -> Qualifications | None:
    """None for anyone without a candidate profile. Two queries."""
    if not getattr(user, "is_authenticated", False) or not user.is_candidate:
        return None
    today = timezone.localdate()
    licenses = list(License.objects.filter(profile__user=user))
    if not licenses and not CandidateProfile.objects.filter(user=user).exists():
        return None
    certifications = Certification.objects.filter(profile__user=user).exclude(credential="")
    credentials, states, expired_credentials, expired_states = set(), set(), set(), set()
    for cert in certifications.only("credential", "expires_on"):
        expired = cert.expires_on is not None and cert.expires_on < today
        (expired_credentials if expired else credentials).add(cert.credential)
    for license in licenses:
        if license.expires_on is not None and license.expires_on < today:
            expired_credentials.add(license.license_type)
            expired_states.add(license.state)
        else:
            credentials.add(license.license_type)
            states |= license.covered_states()
    return Qualifications(
        credentials=frozenset(credentials),
        states=frozenset(states),
        expired_credentials=frozenset(expired_credentials - credentials),
        expired_states=frozenset(expired_states - states),
    )


@dataclass
class Requirement:
    label: str
    held: bool
    expired: bool = False


@dataclass
class CredentialMatch:
    credentials: list[Requirement] = field(default_factory=list)
    states: list[Requirement] = field(default_factory=list)

    @property
    def qualifies(self) -> bool:
        return all(r.held for r in self.credentials + self.states)

    @property
    def missing(self) -> int:
        return sum(not r.held for r in self.credentials + self.states)


def credential_match(job, qualifications: Qualifications | None) -> CredentialMatch | None:
    """Which of `job`'s required credentials and license states the candidate holds (no query:
    the qualifications are read once per page). None when the job asks for neither or the
    reader is not a candidate with a profile."""
    if qualifications is None or not (job.required_credentials or job.license_states):
        return None
    labels = dict(Credential.choices)
    return CredentialMatch(
        credentials=[
            Requirement(
                labels.get(code, code),
                code in qualifications.credentials,
                code in qualifications.expired_credentials,
            )
            for code in job.required_credentials
        ],
        states=[
            Requirement(
                f"License in {STATE_NAMES.get(state, state)}",
                state in qualifications.states,
                state in qualifications.expired_states,
            )
            for state in job.license_states
        ],
    )


# Saved jobs ---------------------------------------------------------------------------------


def saved_job_ids(user, job_ids=None) -> set[int] | None:
    """The ids of the jobs `user` saved (among `job_ids` when given); None for anyone who cannot
    save jobs, so templates show no save button to them."""
    if not getattr(user, "is_authenticated", False) or not user.is_candidate:
        return None
    saved = SavedJob.objects.filter(user=user)
    if job_ids is not None:
        saved = saved.filter(job_id__in=list(job_ids))
    return set(saved.values_list("job_id", flat=True))


def saved_jobs_of(user) -> list[SavedJob]:
    """The saved-jobs page: newest save first, with each job and its company (one query)."""
    return list(SavedJob.objects.filter(user=user).select_related("job__company"))
