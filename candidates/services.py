"""Writes of the candidate area: the profile and its items, resumes, saved jobs, and the sweeps
that email candidates (credential expiry reminders, saved jobs that closed) through the outbox."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import CharField, Exists, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat, Lower
from django.urls import reverse
from django.utils import timezone

from applications import services as applications_services
from applications.models import Resume
from candidates.models import CandidateProfile, Certification, License, SavedJob
from infra.refusals import Refusal
from jobs.models import Job
from notifications.models import Notification
from notifications.services import Recipient, build_notifications, queue_notifications

# Profile -----------------------------------------------------------------------------------


def profile_for_update(*, user) -> CandidateProfile:
    """The user's profile, created on their first save (never on a page view)."""
    profile, _ = CandidateProfile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def profile_update(*, user, form) -> CandidateProfile:
    """Save a section form of the profile itself (about, preferences, visibility), bound to the
    user's profile or to a new, unsaved one: the first save creates it."""
    form.instance.user = user
    return form.save()


# Fields a license's verification was about: changing one undoes the check.
VERIFIED_LICENSE_FIELDS = ("license_type", "state", "number", "is_compact")


@transaction.atomic
def profile_item_save(*, user, form):
    """Save an item form (certification, license, education, work experience) to the user's
    profile. A license whose number, state or type changes loses its verification: the check
    was of the old facts."""
    item = form.instance
    if item.pk is None:
        item.profile = profile_for_update(user=user)
    elif isinstance(item, License) and any(f in form.changed_data for f in VERIFIED_LICENSE_FIELDS):
        item.verification_url, item.verified_at, item.verified_by = "", None, None
    return form.save()


@transaction.atomic
def profile_item_delete(*, item) -> None:
    item.delete()


# Resumes -----------------------------------------------------------------------------------


def resume_add(*, user, upload, format: str) -> Resume:
    """Store an uploaded resume (checked by applications.uploads.sniff_format, the one resume
    check) the one way resumes are stored: a random name whose extension is the format found,
    never the uploaded name's; the first one becomes the default."""
    return applications_services.resume_add(owner=user, upload=upload, file_format=format)


@transaction.atomic
def resume_set_default(*, resume) -> None:
    # The old default first: one default per owner is a unique constraint.
    Resume.objects.filter(owner_id=resume.owner_id, is_default=True).exclude(pk=resume.pk).update(
        is_default=False
    )
    Resume.objects.filter(pk=resume.pk).update(is_default=True)


@transaction.atomic
def resume_delete(*, resume) -> None:
    """Delete a resume and its file. One that went with an application stays: the employer
    received it (it goes with the account's deletion)."""
    if resume.applications.exists():
        raise Refusal(
            "This resume went with an application, so the employer keeps it. You can upload a "
            "newer one and make that your default.",
            "resume_in_use",
        )
    was_default = resume.is_default
    storage, name = resume.file.storage, resume.file.name
    resume.delete()
    transaction.on_commit(lambda: storage.delete(name))
    if was_default:
        newest = Resume.objects.filter(owner_id=resume.owner_id).order_by("-created_at").first()
        if newest:
            resume_set_default(resume=newest)


# Saved jobs --------------------------------------------------------------------------------


def saved_job_add(*, user, job: Job) -> SavedJob:
    """Save a live job (saving twice is saving once)."""
    if not job.is_open:
        raise Refusal("This job is no longer open, so it cannot be saved.", "job_closed")
    try:
        with transaction.atomic():
            saved, _ = SavedJob.objects.get_or_create(user=user, job=job)
    except IntegrityError:  # a concurrent save of the same job won
        saved = SavedJob.objects.get(user=user, job=job)
    return saved


def saved_job_remove(*, user, job_id: int) -> None:
    SavedJob.objects.filter(user=user, job_id=job_id).delete()


SAVED_JOB_CLOSED_KIND = "candidates.saved_job_closed"


def saved_jobs_notice_closed(*, limit: int = 1000) -> int:
    """Tell each candidate once that a job they saved closed or expired: an outbox row per saved
    job (keyed by it) and `closed_noticed_at` set in the same transaction, so the next run skips
    it in SQL and an overlapping run skips the rows this one holds. Returns the emails written."""
    gone = Q(job__status__in=[Job.Status.CLOSED, Job.Status.EXPIRED]) | Q(
        job__status=Job.Status.PUBLISHED, job__expires_at__lte=timezone.now()
    )
    saved_url = settings.SITE_URL + reverse("candidates:saved")
    with transaction.atomic():
        due = list(
            SavedJob.objects.filter(gone, closed_noticed_at__isnull=True)
            .select_related("user", "job__company")
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("pk")[:limit]
        )
        rows = []
        for saved in due:
            rows += build_notifications(
                to=[Recipient(email=saved.user.email, user_id=saved.user_id)],
                kind=SAVED_JOB_CLOSED_KIND,
                key=f"{SAVED_JOB_CLOSED_KIND}:saved:{saved.pk}",
                template="candidates/email/saved_job_closed",
                context={"job": saved.job, "user": saved.user, "saved_url": saved_url},
                about=saved.job,
            )
        SavedJob.objects.filter(pk__in=[s.pk for s in due]).update(closed_noticed_at=timezone.now())
        return queue_notifications(rows)


# Expiry reminders --------------------------------------------------------------------------

CREDENTIAL_EXPIRY_KIND = "candidates.credential_expiry"
REMINDER_DAYS = (60, 14)


def credentials_queue_expiry_reminders(*, limit: int = 2000) -> int:
    """Write the "your license/certification expires in N days" email for each credential in
    its 60- or 14-day window: once per credential, threshold and expiry date (the outbox key
    names all three, so a renewed credential is reminded again and overlapping runs write
    nothing twice). Credentials already reminded are left out in SQL (the key's unique index);
    one first entered inside its 14-day window gets only that reminder. Returns the rows written."""
    today = timezone.localdate()
    profile_url = settings.SITE_URL + reverse("candidates:profile")
    rows = []
    lower_bounds = (*REMINDER_DAYS[1:], -1)
    for model, noun in ((License, "license"), (Certification, "certification")):
        for days, lower in zip(REMINDER_DAYS, lower_bounds, strict=True):
            already = Notification.objects.filter(
                key=Concat(
                    Value(f"{CREDENTIAL_EXPIRY_KIND}:{noun}:"),
                    Cast(OuterRef("pk"), CharField()),
                    Value(f":days:{days}:expires:"),
                    Cast(OuterRef("expires_on"), CharField()),
                    Value(":to:"),
                    Lower(OuterRef("profile__user__email")),
                    output_field=CharField(),
                )
            )
            due = (
                model.objects.filter(
                    expires_on__lte=today + timedelta(days=days),
                    expires_on__gt=today + timedelta(days=lower),
                )
                .exclude(Exists(already))
                .select_related("profile__user")
                .order_by("expires_on", "pk")[:limit]
            )
            for item in due:
                user = item.profile.user
                rows += build_notifications(
                    to=[Recipient(email=user.email, user_id=user.pk)],
                    kind=CREDENTIAL_EXPIRY_KIND,
                    key=f"{CREDENTIAL_EXPIRY_KIND}:{noun}:{item.pk}:days:{days}"
                    f":expires:{item.expires_on.isoformat()}",
                    template="candidates/email/credential_expiry",
                    context={
                        "item": item,
                        "noun": noun,
                        "user": user,
                        "days_left": (item.expires_on - today).days,
                        "profile_url": profile_url,
                    },
                    about=item,
                )
    return queue_notifications(rows)
