"""Reads for the No-Ghosting badge on the employer's dashboard (and the lead's or the pipeline's
pages): how many applications are due soon or overdue."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from applications.no_ghosting import awaiting_answer, ended_job_q

DUE_SOON = timedelta(days=3)


@dataclass(frozen=True)
class DeadlineCounts:
    due_soon: int  # unanswered, deadline within 3 days
    overdue: int  # unanswered, deadline passed

    def __bool__(self):
        return bool(self.due_soon or self.overdue)


def deadline_counts(company_id: int) -> DeadlineCounts:
    """The company's applications still owed a first answer whose deadline is within 3 days,
    and those past it (one query over the partial index on respond_by)."""
    now = timezone.now()
    counts = (
        awaiting_answer()
        .filter(company_id=company_id, respond_by__lte=now + DUE_SOON)
        .exclude(ended_job_q())
        .aggregate(
            due_soon=Count("pk", filter=Q(respond_by__gt=now)),
            overdue=Count("pk", filter=Q(respond_by__lte=now)),
        )
    )
    return DeadlineCounts(**counts)
