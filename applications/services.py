"""Writes of the applications app: applying, the employer's answers, messages, withdrawal.

A *response* (GUIDE.md section 3) is an employer action the candidate sees: a stage change in
RESPONSE_STAGES or a message. Those services stamp `first_response_at` the first time; recording
that the employer opened an application (`application_record_view`) is not a response.
"""

from datetime import datetime, time, timedelta
from pathlib import PurePath

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, F, Max, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import User
from applications.models import (
    FINAL_STAGES,
    RESPONSE_STAGES,
    Application,
    ApplicationEvent,
    ApplicationNote,
    Resume,
    ScreeningAnswer,
    ScreeningQuestion,
    Stage,
)
from audit.services import record
from employers.models import Membership
from employers.selectors import team_recipients
from infra.refusals import Refusal
from jobs.models import Job
from notifications.services import (
    Recipient,
    build_notifications,
    notify,
    notify_many,
    queue_notifications,
)

SUBMITTED_KIND = "applications.submitted"
NEW_APPLICATION_KIND = "applications.new_application"
DAILY_DIGEST_KIND = "applications.daily_digest"
STAGE_KIND = "applications.stage_changed"
MESSAGE_TO_CANDIDATE_KIND = "applications.message_to_candidate"
MESSAGE_TO_TEAM_KIND = "applications.message_to_team"
DIGEST_MAX_LISTED = 25


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def candidate_url(application) -> str:
    return absolute(reverse("applications:detail", args=[application.pk]))


def employer_url(application) -> str:
    return absolute(reverse("applications_dashboard:applicant", args=[application.pk]))


def long_date(value) -> str:
    return date_format(timezone.localtime(value), "l, F j, Y")


# Resumes -----------------------------------------------------------------------------------


def resume_add(*, owner: User, upload, file_format: str) -> Resume:
    """Keep an uploaded resume among `owner`'s resumes (their first becomes the default).
    `file_format` is what the content was found to be, never what the name says."""
    original = PurePath(upload.name or "resume").name[:200] or "resume"
    with transaction.atomic():
        # Serialises two first uploads of one person, so only one becomes the default.
        User.objects.select_for_update().filter(pk=owner.pk).exists()
        resume = Resume(
            owner=owner,
            original_name=original,
            format=file_format,
            size=upload.size,
            is_default=not Resume.objects.filter(owner=owner).exists(),
        )
        # The stored name is random (resume_upload_to); the extension comes from the content.
        resume.file.save(f"resume.{file_format}", upload, save=False)
        resume.save()
    return resume


# Applying ----------------------------------------------------------------------------------


def already_applied_refusal(application) -> Refusal:
    return Refusal(
        f"You already applied to this job on {long_date(application.submitted_at)}.",
        code="already_applied",
        link=reverse("applications:detail", args=[application.pk]),
        link_text="See your application",
    )


def application_submit(
    *,
    job: Job,
    candidate: User,
    resume: Resume | None = None,
    upload=None,
    upload_format: str = "",
    cover_letter: str = "",
    answers=(),
) -> Application:
    """Apply to `job` with a saved `resume` or an `upload` (kept among the candidate's resumes),
    an optional cover letter and `answers` ((question, text) pairs). Emails the candidate the
    respond-by date and the job's team (those who chose an email per application).

    Refused: a job that is not live or takes applications elsewhere, a second application to the
    same job, someone else's resume, a required question left unanswered."""
    with transaction.atomic():
        job = Job.objects.select_for_update().select_related("company").get(pk=job.pk)
        if not job.is_open:
            raise Refusal(
                "This job is no longer taking applications.",
                code="job_not_open",
                link=reverse("jobs:search"),
                link_text="Find similar jobs",
            )
        if job.apply_method != Job.ApplyMethod.ON_SITE:
            raise Refusal("This employer takes applications on its own website.", "external")
        existing = Application.objects.filter(job=job, candidate=candidate).first()
        if existing:
            raise already_applied_refusal(existing)
        if resume is not None and resume.owner_id != candidate.pk:
            raise Refusal("Choose one of your own resumes.", code="not_your_resume")
        given = {question.pk: text for question, text in answers if str(text).strip()}
        missing = job.screening_questions.filter(required=True).exclude(pk__in=given)
        if missing.exists():
            raise Refusal("Answer every required question.", code="answers_missing")
        if upload is not None:
            resume = resume_add(owner=candidate, upload=upload, file_format=upload_format)
        if resume is None:
            raise Refusal("Choose a resume or upload one.", code="no_resume")

        now = timezone.now()
        try:
            with transaction.atomic():
                application = Application.objects.create(
                    job=job,
                    company_id=job.company_id,
                    candidate=candidate,
                    resume=resume,
                    cover_letter=cover_letter,
                    submitted_at=now,
                    respond_by=now + timedelta(days=settings.NO_GHOSTING_RESPONSE_DAYS),
                )
        except IntegrityError as error:  # the same person applying twice at the same moment
            existing = Application.objects.get(job=job, candidate=candidate)
            raise already_applied_refusal(existing) from error
        questions = {q.pk: q for q in job.screening_questions.all()}
        ScreeningAnswer.objects.bulk_create(
            ScreeningAnswer(
                application=application, question_id=pk, prompt=questions[pk].prompt, answer=text
            )
            for pk, text in given.items()
            if pk in questions
        )
        ApplicationEvent.objects.create(
            application=application, kind=ApplicationEvent.Kind.SUBMITTED, author=candidate,
            stage=Stage.SUBMITTED, created_at=now,
        )  # fmt: skip
        _email_submitted(application)
    return application


def _email_submitted(application: Application) -> None:
    job = application.job
    context = {
        "application": application,
        "job": job,
        "company": job.company,
        "candidate": application.candidate,
        "respond_by": long_date(application.respond_by),
        "days": settings.NO_GHOSTING_RESPONSE_DAYS,
    }
    notify(
        to=Recipient(email=application.candidate.email, user_id=application.candidate_id),
        kind=SUBMITTED_KIND,
        key=f"{SUBMITTED_KIND}:application:{application.pk}",
        template="applications/email/submitted",
        context={**context, "url": candidate_url(application)},
        about=application,
    )
    notify_many(
        to=per_application_recipients(job.company_id),
        kind=NEW_APPLICATION_KIND,
        key=f"{NEW_APPLICATION_KIND}:application:{application.pk}",
        template="applications/email/new_application",
        context={**context, "url": employer_url(application)},
        about=application,
    )


def per_application_recipients(company_id: int) -> list[Recipient]:
    """The team members who chose an email for each new application."""
    members = Membership.objects.filter(
        company_id=company_id,
        application_emails=Membership.ApplicationEmails.PER_APPLICATION,
        user__is_active=True,
    ).exclude(user__email="")
    return [
        Recipient(email=email, user_id=user_id)
        for user_id, email in members.values_list("user_id", "user__email")
    ]


def daily_digests_queue(*, today=None) -> int:
    """One outbox row per member who chose the daily digest and whose company received
    applications the day before `today` (local time), keyed by member and date, so a rerun
    on the same day writes nothing new. Returns how many rows were written."""
    today = today or timezone.localdate()
    start = timezone.make_aware(datetime.combine(today - timedelta(days=1), time.min))
    end = start + timedelta(days=1)
    received = Application.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
    counts = dict(received.values_list("company_id").annotate(n=Count("pk")).order_by())
    if not counts:
        return 0
    members = (
        Membership.objects.filter(
            company_id__in=counts,
            application_emails=Membership.ApplicationEmails.DAILY_DIGEST,
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user", "company")
    )
    listed: dict[int, list] = {}
    rows = []
    for member in members:
        company_id = member.company_id
        if company_id not in listed:
            listed[company_id] = list(
                received.filter(company_id=company_id)
                .select_related("job", "candidate")
                .order_by("submitted_at")[:DIGEST_MAX_LISTED]
            )
        rows += build_notifications(
            to=[Recipient(email=member.user.email, user_id=member.user_id)],
            kind=DAILY_DIGEST_KIND,
            key=f"{DAILY_DIGEST_KIND}:membership:{member.pk}:date:{today.isoformat()}",
            template="applications/email/daily_digest",
            context={
                "company": member.company,
                "day": date_format(start, "l, F j"),
                "count": counts[company_id],
                "applications": [
                    {"application": app, "url": employer_url(app)} for app in listed[company_id]
                ],
                "url": absolute(reverse("applications_dashboard:inbox")),
                "team_url": absolute(reverse("employers:team")),
            },
        )
    return queue_notifications(rows)


# The employer's side -----------------------------------------------------------------------


def application_record_view(*, application: Application) -> bool:
    """Record that the hiring team opened the application: `viewed_at` and the stage "viewed"
    (from "submitted" only). Idempotent: one conditional UPDATE, and the timeline entry only
    for the request that made it. Not a response: the deadline still runs."""
    now = timezone.now()
    with transaction.atomic():
        updated = Application.objects.filter(pk=application.pk, viewed_at__isnull=True).update(
            viewed_at=now,
            stage=Case(
                When(stage=Stage.SUBMITTED, then=Value(Stage.VIEWED.value)), default=F("stage")
            ),
        )
        if updated:
            ApplicationEvent.objects.create(
                application=application, kind=ApplicationEvent.Kind.VIEWED, created_at=now
            )
    if updated:
        application.refresh_from_db(fields=["viewed_at", "stage"])
    return bool(updated)


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("job__company", "candidate")
        .get(pk=application.pk)
    )


def _stamp_response(application: Application, now) -> None:
    if application.first_response_at is None:
        application.first_response_at = now


def application_move(
    *, application: Application, stage: str, message: str, author: User
) -> Application:
    """Move an application to `stage` (one of RESPONSE_STAGES) with `message` to the
    candidate, by email and on their timeline. Counts as a response (on time or late)."""
    with transaction.atomic():
        return _move(_locked(application), stage=stage, message=message, author=author)


def _audit_repr(application: Application) -> str:
    # No candidate name or email: the audit trail outlives a deleted account.
    return f"Application #{application.pk} to {application.job.title}"


def _move(application: Application, *, stage: str, message: str, author: User) -> Application:
    if stage not in RESPONSE_STAGES:
        raise Refusal("Choose a stage to move the application to.", code="bad_stage")
    if application.stage in (Stage.WITHDRAWN, Stage.POSITION_CLOSED):
        raise Refusal(
            f"This application is {application.get_stage_display().lower()}: it cannot move.",
            code="application_closed",
        )
    if application.stage == stage:
        raise Refusal(
            f"The application is already at “{Stage(stage).label}”. Send a message instead.",
            code="same_stage",
        )
    now = timezone.now()
    before = application.stage
    application.stage = stage
    _stamp_response(application, now)
    application.closed_at = now if stage in FINAL_STAGES else None
    application.save(update_fields=["stage", "first_response_at", "closed_at", "updated_at"])
    event = ApplicationEvent.objects.create(
        application=application,
        kind=ApplicationEvent.Kind.STAGE,
        stage=stage,
        body=message.strip(),
        author=author,
        created_at=now,
    )
    record(
        action="application.stage",
        target=application,
        target_repr=_audit_repr(application),
        actor=author,
        changes={"stage": [before, stage]},
    )
    job = application.job
    notify(
        to=Recipient(email=application.candidate.email, user_id=application.candidate_id),
        kind=STAGE_KIND,
        key=f"{STAGE_KIND}:event:{event.pk}",
        template="applications/email/stage_changed",
        context={
            "application": application,
            "job": job,
            "company": job.company,
            "stage_label": Stage(stage).label,
            "message": event.body,
            "url": candidate_url(application),
        },
        about=application,
    )
    return application


def applications_not_selected(
    *, company, application_ids, message: str, author: User, job: Job | None = None
) -> int:
    """ "Not selected" with one message for each of the company's applications in
    `application_ids` that can still move (others are skipped). Returns how many moved."""
    moved = 0
    with transaction.atomic():
        candidates = (
            Application.objects.select_for_update(of=("self",))
            .select_related("job__company", "candidate")
            .filter(company=company, pk__in=application_ids)
            .exclude(stage__in=FINAL_STAGES)
            .order_by("pk")
        )
        if job is not None:
            candidates = candidates.filter(job=job)
        for application in candidates:
            _move(application, stage=Stage.NOT_SELECTED, message=message, author=author)
            moved += 1
    return moved


def application_note_add(*, application: Application, author: User, body: str) -> ApplicationNote:
    """A private note of the hiring team; the candidate never sees it."""
    return ApplicationNote.objects.create(application=application, author=author, body=body)


# Messages ----------------------------------------------------------------------------------


def application_message_post(
    *, application: Application, author: User, body: str
) -> ApplicationEvent:
    """A message in the application's thread, emailed to the other side with a link back.
    From the hiring team it is a response (stamps first_response_at the first time)."""
    from_team = author.is_employer
    with transaction.atomic():
        application = _locked(application)
        if not from_team and application.stage == Stage.WITHDRAWN:
            raise Refusal("You withdrew this application.", code="withdrawn")
        now = timezone.now()
        event = ApplicationEvent.objects.create(
            application=application,
            kind=ApplicationEvent.Kind.MESSAGE,
            body=body.strip(),
            author=author,
            created_at=now,
        )
        if from_team and application.first_response_at is None:
            application.first_response_at = now
            application.save(update_fields=["first_response_at", "updated_at"])
        if from_team:
            # The team's answers are audited (that one was sent, not what it said).
            record(
                action="application.message",
                target=application,
                target_repr=_audit_repr(application),
                actor=author,
                changes={"message": [None, event.pk]},
            )
        job = application.job
        context = {
            "application": application,
            "job": job,
            "company": job.company,
            "author": author,
            "message": event.body,
        }
        if from_team:
            notify(
                to=Recipient(email=application.candidate.email, user_id=application.candidate_id),
                kind=MESSAGE_TO_CANDIDATE_KIND,
                key=f"{MESSAGE_TO_CANDIDATE_KIND}:event:{event.pk}",
                template="applications/email/message_to_candidate",
                context={**context, "url": candidate_url(application)},
                about=application,
            )
        else:
            notify_many(
                to=team_recipients(application.company_id),
                kind=MESSAGE_TO_TEAM_KIND,
                key=f"{MESSAGE_TO_TEAM_KIND}:event:{event.pk}",
                template="applications/email/message_to_team",
                context={**context, "url": employer_url(application)},
                about=application,
            )
    return event


# The candidate's side ----------------------------------------------------------------------


def application_withdraw(*, application: Application) -> Application:
    """The candidate withdraws: the application is closed and needs no further answer."""
    with transaction.atomic():
        application = _locked(application)
        if application.is_final:
            raise Refusal(
                f"This application is already {application.get_stage_display().lower()}.",
                code="already_final",
            )
        now = timezone.now()
        application.stage = Stage.WITHDRAWN
        application.closed_at = now
        application.save(update_fields=["stage", "closed_at", "updated_at"])
        ApplicationEvent.objects.create(
            application=application,
            kind=ApplicationEvent.Kind.WITHDRAWN,
            stage=Stage.WITHDRAWN,
            author=application.candidate,
            created_at=now,
        )
    return application


# Screening questions -----------------------------------------------------------------------


def screening_question_add(
    *, job: Job, prompt: str, kind: str, choices: list[str], required: bool
) -> ScreeningQuestion:
    """A question for everyone who applies to `job` from now on (asked at the end)."""
    with transaction.atomic():
        Job.objects.select_for_update().filter(pk=job.pk).exists()
        last = job.screening_questions.aggregate(last=Max("position"))["last"]
        return ScreeningQuestion.objects.create(
            job=job,
            prompt=prompt,
            kind=kind,
            choices=choices,
            required=required,
            position=(last or 0) + 1,
        )


def screening_question_delete(*, question: ScreeningQuestion) -> None:
    """Answers already given keep the question's wording (ScreeningAnswer.prompt)."""
    question.delete()
