from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from articles.models import Comment
from articles.services import articles_mark_due_published, comment_notify_editors


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_editors_of_comment(comment_id: int) -> bool:
    """Email the editors about one new comment (idempotent: claims the comment first)."""
    return comment_notify_editors(comment_id=comment_id)


@shared_task
def notify_editors_of_pending_comments() -> int:
    """Sweep: re-queue comment notifications that never ran (e.g. Redis was down)."""
    stale = timezone.now() - timedelta(minutes=5)
    ids = list(
        Comment.objects.awaiting_notification()
        .filter(created_at__lt=stale)
        .exclude(status=Comment.Status.SPAM)
        .values_list("pk", flat=True)[:500]
    )
    for comment_id in ids:
        notify_editors_of_comment.delay(comment_id)
    return len(ids)


@shared_task
def mark_due_articles_published() -> int:
    """Scheduled articles whose time has come are labelled Published (visibility never waits
    for this: it is a query on the publish time)."""
    return articles_mark_due_published()
