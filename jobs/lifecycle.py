"""A job's lifecycle rules, without writes: which action each state allows, and why not.

Draft -> (publish) -> published, or pending review for a company staff have not verified yet.
Published <-> paused; published/paused/expired -> (renew) 30 more days; most states -> closed.
The writes are in jobs/services.py; the dashboard's reads in jobs/selectors.py.
"""

from jobs.models import Job

Status = Job.Status

# The states each action may start from.
ALLOWED_FROM = {
    "publish": {Status.DRAFT},
    "pause": {Status.PUBLISHED},
    "resume": {Status.PAUSED},
    "close": {Status.PENDING_REVIEW, Status.PUBLISHED, Status.PAUSED, Status.EXPIRED},
    "renew": {Status.PUBLISHED, Status.PAUSED, Status.EXPIRED},
    "duplicate": set(Status),
    "delete": {Status.DRAFT},
    "edit": {Status.DRAFT, Status.PENDING_REVIEW, Status.PUBLISHED, Status.PAUSED, Status.EXPIRED},
    "approve": {Status.PENDING_REVIEW},
    "feature": {Status.PUBLISHED, Status.PAUSED},
    "unfeature": set(Status),
    "send_back": {Status.PENDING_REVIEW, Status.PUBLISHED, Status.PAUSED},
}
REFUSALS = {
    "publish": "Only a draft can be published, and this job is {status}.",
    "pause": "Only a published job can be paused, and this job is {status}.",
    "resume": "Only a paused job can be resumed, and this job is {status}.",
    "close": "A job that is {status} cannot be closed.",
    "renew": "Only published, paused or expired jobs can be renewed, and this job is {status}.",
    "delete": "Only drafts can be deleted, and this job is {status}. Close it instead.",
    "edit": "A {status} job cannot be edited. Duplicate it to post it again.",
    "approve": "Only jobs waiting for review can be approved, and this job is {status}.",
    "feature": "Only a published or paused job can be featured, and this job is {status}.",
    "send_back": "A {status} job cannot be sent back to the employer.",
}
# Actions an employer sees as buttons, in display order.
EMPLOYER_ACTIONS = [
    "publish", "resume", "renew", "pause", "feature", "unfeature", "close", "duplicate", "delete",
]  # fmt: skip


def job_can(job: Job, action: str) -> bool:
    if action == "feature" and job.is_featured:
        return False
    if action == "unfeature" and not job.is_featured:
        return False
    return job.status in ALLOWED_FROM[action]


def job_available_actions(job: Job) -> list[str]:
    """The employer actions that make sense for the job's current state."""
    return [action for action in EMPLOYER_ACTIONS if job_can(job, action)]


def refusal_message(job: Job, action: str) -> str:
    """Why `action` is not possible for the job in its current state."""
    if action == "close" and job.status == Status.DRAFT:
        return "A draft is not live, so there is nothing to close: delete it instead."
    return REFUSALS[action].format(status=job.get_status_display().lower())
