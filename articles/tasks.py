from celery import shared_task

from articles.services import articles_mark_due_published


@shared_task
def mark_due_articles_published() -> int:
    """Scheduled articles whose time has come are labelled Published (visibility never waits
    for this: it is a query on the publish time)."""
    return articles_mark_due_published()
