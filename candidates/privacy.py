"""A candidate's privacy: the companies they block, the export of everything held about them,
the deletion of their account, and the retention purge of inactive accounts.

Deletion keeps the employer's figures true: an application row stays (its dates are the
company's responsiveness and its counts) but is moved to a tombstone account that holds nothing
personal; what the candidate wrote and uploaded goes.
"""

import io
import json
import secrets
import zipfile
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone

from applications.models import (
    Application,
    ApplicationEvent,
    ProcessRating,
    Resume,
    ScreeningAnswer,
)
from audit.services import record
from candidates.finder import normalize_domain
from candidates.models import CandidateProfile, CompanyBlock, DataExport, SavedJob
from infra.queueing import send_task_on_commit
from infra.refusals import Refusal
from notifications.models import Notification
from notifications.services import Recipient, notify

EXPORT_TASK = "candidates.tasks.build_data_export"
EXPORT_KIND = "candidates.data_export_ready"
DELETION_KIND = "candidates.account_deleted"
EXPORT_DAYS = 7
DELETED_MESSAGE = "(Deleted with the candidate's account.)"
TOMBSTONE_DOMAIN = "deleted.invalid"
MAX_BLOCKS = 50


# Blocks --------------------------------------------------------------------------------------


@transaction.atomic
def block_add(*, user, kind: str, value: str) -> CompanyBlock:
    """Block a company by its name or by a domain (an address or a website is cut down to it)."""
    if kind == CompanyBlock.Kind.DOMAIN:
        value = normalize_domain(value)
        if "." not in value or " " in value:
            raise Refusal("Enter a domain such as hospital.org.", "bad_domain")
    elif kind == CompanyBlock.Kind.NAME:
        value = " ".join(value.split()).lower()
        if not value:
            raise Refusal("Enter the company's name.", "bad_name")
    else:
        raise Refusal("Choose a company name or a domain.", "bad_kind")
    if CompanyBlock.objects.filter(user=user).count() >= MAX_BLOCKS:
        raise Refusal(f"You can keep {MAX_BLOCKS} blocks at most.", "too_many_blocks")
    try:
        with transaction.atomic():
            return CompanyBlock.objects.create(user=user, kind=kind, value=value[:160])
    except IntegrityError:
        return CompanyBlock.objects.get(user=user, kind=kind, value=value[:160])


@transaction.atomic
def block_remove(*, block: CompanyBlock) -> None:
    block.delete()


# Export --------------------------------------------------------------------------------------


def export_request(*, user) -> DataExport:
    """Ask for a fresh export; built in the background (one in the making at a time)."""
    with transaction.atomic():
        building = DataExport.objects.filter(user=user, ready_at__isnull=True).first()
        if building:
            return building
        export = DataExport.objects.create(user=user)
        send_task_on_commit(EXPORT_TASK, export.pk)
    return export


def _rows(queryset, exclude=()) -> list[dict]:
    return [model_to_dict(row, exclude=list(exclude)) for row in queryset]


def export_data(user) -> dict:
    """Everything held about `user`, as JSON-ready data."""
    profile = CandidateProfile.objects.filter(user=user).first()
    data = {
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "profile": model_to_dict(profile, exclude=["user"]) if profile else None,
        "licenses": _rows(profile.licenses.all(), ["profile"]) if profile else [],
        "certifications": _rows(profile.certifications.all(), ["profile"]) if profile else [],
        "education": _rows(profile.education.all(), ["profile"]) if profile else [],
        "work_history": _rows(profile.experience.all(), ["profile"]) if profile else [],
        "saved_jobs": [
            {
                "job": saved.job.title,
                "company": saved.job.company.name,
                "saved_at": saved.created_at,
            }
            for saved in SavedJob.objects.filter(user=user).select_related("job__company")
        ],
        "resumes": [
            {
                "file": f"resumes/{r.pk}-{r.original_name}",
                "format": r.format,
                "uploaded": r.created_at,
            }
            for r in Resume.objects.filter(owner=user)
        ],
        "applications": [
            {
                "job": app.job.title,
                "company": app.company.name,
                "stage": app.get_stage_display(),
                "submitted_at": app.submitted_at,
                "respond_by": app.respond_by,
                "first_response_at": app.first_response_at,
                "cover_letter": app.cover_letter,
                "answers": [{"question": a.prompt, "answer": a.answer} for a in app.answers.all()],
                "timeline": [
                    {
                        "when": event.created_at,
                        "what": event.get_kind_display(),
                        "stage": event.stage,
                        "message": event.body,
                        "from": "you" if event.author_id == user.pk else "the employer",
                    }
                    for event in app.events.all()
                    if event.visible_to_candidate
                ],
            }
            for app in Application.objects.filter(candidate=user)
            .select_related("job", "company")
            .prefetch_related("answers", "events")
        ],
        "invitations": [
            {
                "company": inv.company.name,
                "job": inv.job.title,
                "message": inv.message,
                "sent_at": inv.created_at,
                "accepted_at": inv.accepted_at,
                "declined_at": inv.declined_at,
            }
            for inv in user.job_invitations.select_related("company", "job")
        ],
        "company_blocks": [
            {"kind": b.kind, "value": b.value} for b in CompanyBlock.objects.filter(user=user)
        ],
    }
    # Job alerts arrive in a parallel change: exported when the model exists.
    try:
        alert_model = apps.get_model("candidates", "JobAlert")
    except LookupError:
        alert_model = None
    if alert_model is not None:
        user_field = next(
            (f.name for f in alert_model._meta.fields if f.name in {"user", "owner", "candidate"}),
            None,
        )
        if user_field:
            data["job_alerts"] = _rows(alert_model.objects.filter(**{user_field: user}))
    return data


def export_build(*, export_id: int) -> bool:
    """Build the zip of an export and email its owner that it is ready (idempotent: a built
    export, or one another worker is building, is left alone). Counts its progress: one step
    for the data, one per resume. Returns whether it built one."""
    export = DataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or export.ready_at is not None or not export.claim():
        return False
    user = export.user
    resumes = list(Resume.objects.filter(owner=user))
    export.done, export.total = 0, 1 + len(resumes)
    export.save(update_fields=["done", "total"])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json", json.dumps(export_data(user), cls=DjangoJSONEncoder, indent=2)
        )
        export.advance()
        for resume in resumes:
            try:
                with resume.file.open("rb") as handle:
                    archive.writestr(f"resumes/{resume.pk}-{resume.original_name}", handle.read())
            except FileNotFoundError:
                pass
            export.advance()
    with transaction.atomic():
        claimed = DataExport.objects.select_for_update().filter(pk=export.pk, ready_at=None).first()
        if claimed is None:
            return False
        now = timezone.now()
        claimed.file.save("export.zip", ContentFile(buffer.getvalue()), save=False)
        claimed.finish(
            file=claimed.file, ready_at=now, expires_at=now + timedelta(days=EXPORT_DAYS)
        )
        notify(
            to=Recipient(email=user.email, user_id=user.pk),
            kind=EXPORT_KIND,
            key=f"{EXPORT_KIND}:{claimed.pk}",
            template="candidates/email/data_export_ready",
            context={
                "user": user,
                "export": claimed,
                "privacy_url": settings.SITE_URL
                + reverse("candidates:export_status", args=[claimed.pk]),
            },
            about=claimed,
        )
    return True


def exports_resume_stalled() -> int:
    """Beat: queue again the exports whose task was lost (Redis down) or whose worker died."""
    ids = list(DataExport.stalled().filter(ready_at=None).values_list("pk", flat=True)[:100])
    for pk in ids:
        send_task_on_commit(EXPORT_TASK, pk)
    return len(ids)


def exports_purge_expired() -> int:
    """Delete expired exports and their files."""
    expired = list(DataExport.objects.filter(expires_at__lte=timezone.now()))
    _delete_files_on_commit([e.file for e in expired if e.file])
    DataExport.objects.filter(pk__in=[e.pk for e in expired]).delete()
    return len(expired)


# Deletion ------------------------------------------------------------------------------------


def _delete_files_on_commit(files) -> None:
    pairs = [(f.storage, f.name) for f in files if f and f.name]

    def delete():
        for storage, name in pairs:
            storage.delete(name)

    transaction.on_commit(delete)


def _scrub_applications(applications) -> None:
    """Remove what the candidate wrote and uploaded from `applications` (a queryset), keeping
    each row and its dates: the employer's counts and responsiveness figures come from them."""
    ids = applications.values("pk")
    # Only rows that still hold something: the nightly purge rewrites nothing twice.
    ScreeningAnswer.objects.filter(application__in=ids).exclude(answer="").update(answer="")
    ProcessRating.objects.filter(application__in=ids).exclude(comment="").update(comment="")
    applications.filter(Q(resume__isnull=False) | ~Q(cover_letter="")).update(
        cover_letter="", resume=None
    )


def account_delete(*, user, password: str) -> None:
    """Delete a candidate's account and personal data everywhere, after checking their
    password; then email a receipt to the address it had (the receipt's row holds only that)."""
    if not user.check_password(password):
        raise Refusal("That password is not right, so nothing was deleted.", "wrong_password")
    if not user.is_candidate or user.is_staff:
        # Staff accounts hold others' work (reviews, verifications): an administrator
        # closes them.
        raise Refusal("Only job seeker accounts are deleted here.", "not_candidate")
    email = user.email
    User = get_user_model()
    with transaction.atomic():
        tombstone = User.objects.create(
            email=f"deleted-{secrets.token_hex(8)}@{TOMBSTONE_DOMAIN}",
            full_name="Deleted user",
            role=User.Role.CANDIDATE,
            is_active=False,
        )
        tombstone.set_unusable_password()
        tombstone.save(update_fields=["password"])
        applications = Application.objects.filter(candidate=user)
        _scrub_applications(applications)
        # The messages they wrote stay in the employer's timeline as the deleted user's.
        ApplicationEvent.objects.filter(author=user).update(author=tombstone)
        ApplicationEvent.objects.filter(application__in=applications.values("pk")).exclude(
            body=""
        ).filter(author=tombstone).update(body=DELETED_MESSAGE)
        applications.update(candidate=tombstone)
        # Files first (after commit), then the rows; the rest cascades with the user.
        _delete_files_on_commit([r.file for r in Resume.objects.filter(owner=user)])
        _delete_files_on_commit([e.file for e in DataExport.objects.filter(user=user)])
        mentions = Q(to_email__iexact=email) | Q(user=user) | Q(body_text__icontains=email)
        if len(user.full_name) >= 4:
            mentions |= Q(subject__icontains=user.full_name) | Q(
                body_text__icontains=user.full_name
            )
        Notification.objects.filter(mentions).delete()
        # That it happened, not who: the trail keeps no trace of the person (no email, no
        # address, no actor row), only the account's number.
        record(
            action="account.delete",
            actor=None,
            ip="",
            role="candidate",
            target_type=ContentType.objects.get_for_model(User),
            target_id=str(user.pk),
            target_repr=f"User #{user.pk}",
        )
        user.delete()
        # Written after the data is gone, in the same transaction: the receipt goes only if
        # the deletion committed.
        notify(
            to=Recipient(email=email),
            kind=DELETION_KIND,
            key=f"{DELETION_KIND}:{tombstone.pk}",
            template="candidates/email/account_deleted",
            context={"site_url": settings.SITE_URL},
        )


# Retention -----------------------------------------------------------------------------------


def retention_days() -> int:
    return settings.CANDIDATE_DATA_RETENTION_DAYS


def inactive_candidates(now=None):
    """Candidate accounts with no sign-in and no application for the retention period."""
    cutoff = (now or timezone.now()) - timedelta(days=retention_days())
    User = get_user_model()
    recent = Application.objects.filter(candidate=OuterRef("pk"), submitted_at__gt=cutoff)
    return (
        User.objects.filter(role=User.Role.CANDIDATE, date_joined__lte=cutoff)
        .filter(Q(last_login__isnull=True) | Q(last_login__lte=cutoff))
        .exclude(email__endswith=f"@{TOMBSTONE_DOMAIN}")
        .exclude(Exists(recent))
    )


def retention_purge(*, limit: int = 5000) -> int:
    """Purge the applications' contents and the resumes of inactive accounts, set-based: cover
    letters, answers and the candidate's messages emptied, resume rows and files deleted. The
    application rows and their dates stay (the employers' figures). Returns resumes deleted."""
    with transaction.atomic():
        users = inactive_candidates().values("pk")
        applications = Application.objects.filter(candidate__in=users)
        _scrub_applications(applications)
        ApplicationEvent.objects.filter(
            application__candidate__in=users, kind=ApplicationEvent.Kind.MESSAGE
        ).filter(author_id__in=users).exclude(body="").update(body=DELETED_MESSAGE)
        resumes = list(Resume.objects.filter(owner__in=users).order_by("pk")[:limit])
        _delete_files_on_commit([r.file for r in resumes])
        Resume.objects.filter(pk__in=[r.pk for r in resumes]).delete()
    return len(resumes)
