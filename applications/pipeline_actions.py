"""Long pipeline actions in the background (issue 15): "not selected" for many applicants and the
CSV export of many. A few run at once in the request; above PIPELINE_SYNC_LIMIT (answers) or
PIPELINE_EXPORT_SYNC_LIMIT (export rows) a
PipelineAction row is written and a Celery task (applications.tasks.run_pipeline_action, given
its id) does the work in chunks, counting as it goes, while the team watches the progress page.

Running an action twice does it once: the row is claimed with a conditional UPDATE, and each
chunk of "not selected" skips applications already answered (their outbox keys are unique too).
"""

import io
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from applications import selectors
from applications.applicant_csv import write_applicants
from applications.models import PipelineAction
from applications.services import applications_not_selected
from infra.queueing import send_task_on_commit
from notifications.services import Recipient, notify

RUN_TASK = "applications.tasks.run_pipeline_action"
EXPORT_READY_KIND = "applications.export_ready"
CHUNK = 25
# An export's file is kept this long, like a candidate's data export.
EXPORT_DAYS = 7


def runs_in_background(count: int, *, export: bool = False) -> bool:
    limit = settings.PIPELINE_EXPORT_SYNC_LIMIT if export else settings.PIPELINE_SYNC_LIMIT
    return count > limit


def action_url(action: PipelineAction) -> str:
    return reverse("applications_dashboard:action", args=[action.pk])


@transaction.atomic
def not_selected_start(*, company, author, application_ids, message: str, job=None):
    """Queue "not selected" with `message` for the company's `application_ids`."""
    ids = sorted({int(pk) for pk in application_ids})
    action = PipelineAction.objects.create(
        kind=PipelineAction.Kind.NOT_SELECTED,
        company=company,
        job=job,
        requested_by=author,
        application_ids=ids,
        message=message,
        total=len(ids),
    )
    send_task_on_commit(RUN_TASK, action.pk)
    return action


@transaction.atomic
def export_start(*, company, author, filters: dict, job=None):
    """Queue a CSV export of the company's applicants (or one job's) matching `filters`
    (stage, answered, job_id: the pipeline page's)."""
    filters = {key: filters.get(key) or "" for key in ("stage", "answered", "job_id")}
    total = selectors.pipeline(company, job=job, **filters).count()
    action = PipelineAction.objects.create(
        kind=PipelineAction.Kind.EXPORT,
        company=company,
        job=job,
        requested_by=author,
        filters=filters,
        total=total,
    )
    send_task_on_commit(RUN_TASK, action.pk)
    return action


def action_run(*, action_id: int) -> bool:
    """Do the work of one action (the task's body). Returns whether this run did it; a
    finished action, or one another worker holds, is left alone."""
    action = PipelineAction.objects.select_related("company", "job", "requested_by").filter(
        pk=action_id
    )
    action = action.first()
    if action is None or not action.claim():
        return False
    if action.kind == PipelineAction.Kind.NOT_SELECTED:
        _run_not_selected(action)
    else:
        _run_export(action)
    return True


def _run_not_selected(action: PipelineAction) -> None:
    # A resumed run starts over: chunks already done move nobody (final stages are skipped),
    # so `moved` then counts only what this run answered.
    action.done, moved = 0, 0
    ids = action.application_ids
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        moved += applications_not_selected(
            company=action.company,
            application_ids=chunk,
            message=action.message,
            author=action.requested_by,
            job=action.job,
        )
        action.advance(len(chunk))
    action.finish(moved=moved)


def _run_export(action: PipelineAction) -> None:
    filters = action.filters or {}
    applicants = selectors.pipeline(
        action.company,
        job=action.job,
        stage=filters.get("stage", ""),
        answered=filters.get("answered", ""),
        job_id=filters.get("job_id") or None,
    )
    action.done = 0
    buffer = io.StringIO()
    rows = write_applicants(buffer, applicants, progress=action.advance)
    with transaction.atomic():
        action.file.save("export.csv", ContentFile(buffer.getvalue().encode()), save=False)
        action.total = rows
        action.finish(file=action.file, total=rows)
        author = action.requested_by
        if author is not None:
            notify(
                to=Recipient(email=author.email, user_id=author.pk),
                kind=EXPORT_READY_KIND,
                key=f"{EXPORT_READY_KIND}:action:{action.pk}",
                template="applications/email/export_ready",
                context={
                    "company": action.company,
                    "job": action.job,
                    "rows": rows,
                    "url": settings.SITE_URL + action_url(action),
                },
                about=action,
            )


def actions_resume_stalled() -> int:
    """Beat: queue again the actions whose task was lost (Redis down) or whose worker died."""
    ids = list(PipelineAction.stalled().values_list("pk", flat=True)[:100])
    for pk in ids:
        send_task_on_commit(RUN_TASK, pk)
    return len(ids)


def actions_purge_old() -> int:
    """Beat: forget actions finished more than EXPORT_DAYS ago, with their files."""
    old = list(
        PipelineAction.objects.filter(finished_at__lt=timezone.now() - timedelta(days=EXPORT_DAYS))
    )
    files = [action.file for action in old if action.file]
    transaction.on_commit(lambda: [file.delete(save=False) for file in files])
    PipelineAction.objects.filter(pk__in=[action.pk for action in old]).delete()
    return len(old)
