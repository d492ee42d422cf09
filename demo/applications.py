"""Demo applications: a realistic spread of ages and stages across the demo companies, so that
the No-Ghosting figures show (Tidewater Bay, Northfield, Granite Peak), one company is on notice
(Mesa Alta Imaging), a closed job has answered all its applicants (Sunpath, too few matured to
show figures yet), and the demo candidate and employer see full pages.

Written once, when no demo candidate has applied yet; never on top of someone's changes. States
are set directly, as the apply flow and the sweeps would have left them, with their timeline.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from accounts.models import User
from applications.models import Application, ApplicationEvent, ProcessRating, Stage
from employers.models import Company
from jobs.models import Job

S = Stage
# Candidates by short name (seed_demo.CANDIDATES holds their emails and names).
MARIA = "maria.alvarez"

# (candidate, submitted days ago, answered after hours or None, stage, rating or None, note)
# Applications older than 28 days went to an earlier, now filled, job of the company.
PLANS = {
    "Tidewater Bay Medical Center": [
        ("aisha.rahman", 75, 20, S.NOT_SELECTED, (4, 5), ""),
        ("daniel.kowalski", 70, 36, S.HIRED, (5, 5), ""),
        ("grace.oyelaran", 64, 50, S.NOT_SELECTED, (4, 4), ""),
        ("hiro.tanaka", 58, 28, S.NOT_SELECTED, (3, 4), ""),
        ("lucia.ferreira", 50, 60, S.NOT_SELECTED, (4, 5), ""),
        ("noah.whitaker", 44, 200, S.NOT_SELECTED, (2, 3), ""),  # answered late
        ("sofia.lindgren", 37, 30, S.NOT_SELECTED, (5, 4), ""),
        ("kwame.mensah", 31, 44, S.NOT_SELECTED, None, ""),
        (MARIA, 21, 40, S.INTERVIEW, None, "interview"),
        ("aisha.rahman", 18, 30, S.REVIEWING, None, ""),
        ("daniel.kowalski", 14, 52, S.OFFER, None, ""),
        ("grace.oyelaran", 11, 20, S.NOT_SELECTED, None, ""),
        ("elena.petrova", 9, None, S.VIEWED, None, ""),  # overdue: breached two days ago
        ("hiro.tanaka", 5, None, S.VIEWED, None, ""),  # due in 2 days
        ("lucia.ferreira", 6.4, None, S.SUBMITTED, None, ""),  # due in under a day
        ("noah.whitaker", 2, None, S.SUBMITTED, None, ""),
        ("mateo.delgado", 0.3, None, S.SUBMITTED, None, ""),
    ],
    "Northfield Coding Collective": [
        ("james.okafor", 60, 6, S.HIRED, (5, 5), ""),
        ("aisha.rahman", 45, 12, S.NOT_SELECTED, (4, 5), ""),
        ("elena.petrova", 33, 18, S.NOT_SELECTED, None, ""),
        ("kwame.mensah", 20, 9, S.NOT_SELECTED, None, ""),
        ("sofia.lindgren", 12, 20, S.REVIEWING, None, ""),
        ("mateo.delgado", 8, 14, S.INTERVIEW, None, ""),
        ("james.okafor", 5, None, S.SUBMITTED, None, ""),
    ],
    "Granite Peak Cancer Institute": [
        ("priya.nair", 55, 70, S.HIRED, None, ""),
        ("grace.oyelaran", 40, 80, S.NOT_SELECTED, None, ""),
        ("hiro.tanaka", 26, 65, S.NOT_SELECTED, None, ""),
        (MARIA, 19, 74, S.NOT_SELECTED, None, ""),
        ("lucia.ferreira", 15, 190, S.NOT_SELECTED, None, ""),  # late
        ("noah.whitaker", 10, 60, S.REVIEWING, None, ""),
        ("priya.nair", 3, None, S.SUBMITTED, None, ""),
    ],
    # On notice: of 6 applications matured in 30 days, 2 answered on time, 3 still unanswered.
    "Mesa Alta Imaging Partners": [
        ("tom.becker", 26, 30, S.NOT_SELECTED, None, ""),
        ("kwame.mensah", 23, 40, S.REVIEWING, None, ""),
        ("elena.petrova", 20, 220, S.NOT_SELECTED, None, ""),  # late
        (MARIA, 12, None, S.SUBMITTED, None, ""),  # breached
        ("sofia.lindgren", 10, None, S.VIEWED, None, ""),  # breached
        ("daniel.kowalski", 9, None, S.SUBMITTED, None, ""),  # breached
        ("mateo.delgado", 4, None, S.SUBMITTED, None, ""),
    ],
    # A job that closed three days ago: every applicant still waiting got "position closed".
    # Too few matured applications to show figures yet.
    "Sunpath Pediatric Clinics": [
        (MARIA, 8, "closed", S.POSITION_CLOSED, None, ""),
        ("grace.oyelaran", 6, "closed", S.POSITION_CLOSED, None, ""),
        ("aisha.rahman", 12, 26, S.NOT_SELECTED, None, ""),
    ],
    "Lone Star Gulf Medical Group": [
        (MARIA, 2, None, S.VIEWED, None, ""),
    ],
}

COVER_LETTER = (
    "I would like to be considered for this role. My experience and certifications match what "
    "you list, I am available to start within four weeks, and I am happy to talk at any time "
    "that suits your team."
)
INTERVIEW_MESSAGE = (
    "Thank you for applying, María. We would like to meet you: are you free for a video "
    "interview with our ICU nurse manager next Tuesday or Wednesday afternoon?"
)
NOT_SELECTED_MESSAGE = (
    "Thank you for your interest and the time you took to apply. We have decided to move "
    "forward with other candidates for this role, and we wish you well in your search."
)
STAGE_MESSAGES = {
    S.REVIEWING: "Thank you for applying: we are reviewing your application this week.",
    S.INTERVIEW: INTERVIEW_MESSAGE,
    S.OFFER: "We are delighted to offer you the position; the details follow by email.",
    S.HIRED: "Welcome to the team! Your start date is confirmed.",
    S.NOT_SELECTED: NOT_SELECTED_MESSAGE,
}
POSITION_CLOSED_MESSAGE = (
    "This position is no longer open, so the employer will not take your application further. "
    "Thank you for applying."
)


def _past_job(company, template: Job, *, published, closed) -> Job:
    """An earlier job of the company, now closed (the older applications went to it)."""
    job = Job.objects.get(pk=template.pk)
    job.pk = None
    job._state.adding = True
    job.title = template.title[:150] + " (filled)"
    job.status = Job.Status.CLOSED
    job.is_featured = False
    job.published_at = published
    job.expires_at = published + timedelta(days=30)
    job.closed_at = closed
    job.search_vector = None
    job.save()
    return job


def seed_applications(emails: dict[str, User]) -> int:
    """Write the demo applications (once); `emails` maps each candidate's email to the user.
    Returns how many applications were created."""
    users = {email.split("@")[0]: user for email, user in emails.items()}
    if Application.objects.filter(candidate__in=list(users.values())).exists():
        return 0
    now = timezone.now()
    days = settings.NO_GHOSTING_RESPONSE_DAYS
    created = 0
    for company in Company.objects.filter(name__in=PLANS).order_by("pk"):
        live = list(Job.objects.published().filter(company=company).order_by("published_at", "pk"))
        if not live:
            continue
        plan = PLANS[company.name]
        closes_recently = any(answer == "closed" for _, _, answer, *_ in plan)
        oldest = max(age for _, age, *_ in plan)
        past = None
        if closes_recently or oldest > 28:
            past = _past_job(
                company,
                live[0],
                published=now - timedelta(days=oldest + 2),
                closed=now - timedelta(days=3 if closes_recently else 29),
            )
        # The oldest live job was posted before every recent application to it.
        recent = [age for _, age, *_ in plan if age <= 28]
        if recent and live[0].published_at > now - timedelta(days=max(recent) + 1):
            live[0].published_at = now - timedelta(days=max(recent) + 1)
            live[0].save(update_fields=["published_at"])
        for index, (who, age, answer, stage, rating, note) in enumerate(plan):
            candidate = users[who]
            submitted = now - timedelta(days=age)
            if past is not None and (age > 28 or answer == "closed"):
                job = past
            else:
                posted_before = [j for j in live if j.published_at < submitted] or live[:1]
                job = posted_before[index % len(posted_before)]
            if Application.objects.filter(job=job, candidate=candidate).exists():
                continue
            respond_by = submitted + timedelta(days=days)
            if answer == "closed":
                first_response = past.closed_at
            elif answer is not None:
                first_response = submitted + timedelta(hours=answer)
            else:
                first_response = None
            final = stage in (S.HIRED, S.NOT_SELECTED, S.POSITION_CLOSED)
            breached = respond_by if first_response is None and respond_by <= now else None
            if first_response is not None and first_response > respond_by:
                breached = respond_by  # answered late: the breach was recorded first
            application = Application.objects.create(
                job=job,
                company=company,
                candidate=candidate,
                cover_letter=COVER_LETTER,
                stage=stage,
                submitted_at=submitted,
                respond_by=respond_by,
                viewed_at=(submitted + timedelta(hours=3)) if stage != S.SUBMITTED else None,
                first_response_at=first_response,
                breached_at=breached,
                closed_at=first_response if final else None,
                # The sweeps' claims, as they would have left them.
                reminded_3d_at=(
                    respond_by - timedelta(days=3)
                    if respond_by - timedelta(days=3) <= now
                    and (first_response is None or first_response > respond_by - timedelta(days=3))
                    else None
                ),
                reminded_1d_at=(
                    respond_by - timedelta(days=1)
                    if respond_by - timedelta(days=1) <= now
                    and (first_response is None or first_response > respond_by - timedelta(days=1))
                    else None
                ),
            )
            created += 1
            _timeline(application, note)
            if rating:
                ProcessRating.objects.create(
                    application=application,
                    company=company,
                    speed=rating[0],
                    communication=rating[1],
                    comment_status=ProcessRating.Status.APPROVED,
                )
    return created


def _timeline(application: Application, note: str) -> None:
    a = application
    events = [ApplicationEvent(application=a, kind="submitted", created_at=a.submitted_at)]
    if a.viewed_at:
        events.append(ApplicationEvent(application=a, kind="viewed", created_at=a.viewed_at))
    if a.breached_at:
        events.append(
            ApplicationEvent(
                application=a,
                kind="breach",
                body=f"{a.company.name} did not answer by the deadline.",
                created_at=a.breached_at,
            )
        )
    if a.first_response_at:
        body = (
            POSITION_CLOSED_MESSAGE
            if a.stage == S.POSITION_CLOSED
            else STAGE_MESSAGES.get(a.stage, "")
        )
        events.append(
            ApplicationEvent(
                application=a,
                kind="stage",
                stage=a.stage,
                body=body,
                created_at=a.first_response_at,
            )
        )
    if note == "interview":
        events.append(
            ApplicationEvent(
                application=a,
                kind="message",
                body="Tuesday at 2 pm works well for me. Thank you!",
                author=a.candidate,
                created_at=a.first_response_at + timedelta(hours=5),
            )
        )
    ApplicationEvent.objects.bulk_create(events)
