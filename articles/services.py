from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from articles.models import Article, Comment
from infra.queueing import enqueue_on_commit
from infra.refusals import Refusal

EDITORS_GROUP = "Editors"


def is_editor(user) -> bool:
    """Staff who may moderate comments: their comments appear at once, labelled "Editor"."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("articles.change_comment")
    )


def commenter_is_trusted(user) -> bool:
    """Editors, and signed-in people with a verified email and an approved comment already."""
    if not user.is_authenticated:
        return False
    if is_editor(user):
        return True
    verified = EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True)
    return verified.exists() and Comment.objects.approved().filter(user=user).exists()


@transaction.atomic
def comment_submit(
    *,
    article: Article,
    body: str,
    user=None,
    name: str = "",
    email: str = "",
    parent: Comment | None = None,
    ip_address: str | None = None,
) -> Comment:
    """Store a comment: approved at once for trusted people, otherwise held for moderation.
    Editors are emailed about it once it is committed (unless an editor wrote it)."""
    from articles.tasks import notify_editors_of_comment

    if parent is not None and (parent.parent_id or parent.article_id != article.pk):
        raise Refusal("Replies go one level deep, on the same article.", "reply_depth")
    user = user if user is not None and user.is_authenticated else None
    editor = user is not None and is_editor(user)
    trusted = user is not None and commenter_is_trusted(user)
    now = timezone.now()
    comment = Comment.objects.create(
        article=article,
        parent=parent,
        user=user,
        # A member without a name is not shown by their email address.
        name=((user.full_name or "healthcareers member") if user else name).strip()[:80],
        email=user.email if user else email,
        body=body.strip(),
        by_editor=editor,
        status=Comment.Status.APPROVED if trusted else Comment.Status.PENDING,
        moderated_at=now if trusted else None,
        ip_address=ip_address,
        # Editors do not need an email about their own replies.
        editors_notified_at=now if editor else None,
    )
    if not editor:
        enqueue_on_commit(notify_editors_of_comment, comment.pk)
    return comment


def comments_approve(*, comments) -> int:
    return comments.exclude(status=Comment.Status.APPROVED).update(
        status=Comment.Status.APPROVED, moderated_at=timezone.now()
    )


def comments_mark_spam(*, comments) -> int:
    return comments.exclude(status=Comment.Status.SPAM).update(
        status=Comment.Status.SPAM, moderated_at=timezone.now()
    )


def editor_recipients() -> list[str]:
    """Active members of the Editors group; STAFF_NOTIFICATION_EMAILS, or superusers, if none."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    emails = list(users.filter(groups__name=EDITORS_GROUP).values_list("email", flat=True))
    if emails:
        return sorted(set(emails))
    if settings.STAFF_NOTIFICATION_EMAILS:
        return list(settings.STAFF_NOTIFICATION_EMAILS)
    return list(users.filter(is_superuser=True).values_list("email", flat=True))


def comment_notify_editors(*, comment_id: int) -> bool:
    """Email the editors about a new comment exactly once; False if it was already done."""
    claimed = Comment.objects.filter(pk=comment_id, editors_notified_at__isnull=True).update(
        editors_notified_at=timezone.now()
    )
    if not claimed:
        return False
    comment = Comment.objects.select_related("article").get(pk=comment_id)
    recipients = editor_recipients()
    if not recipients:
        return True
    context = {
        "comment": comment,
        "article": comment.article,
        "site_url": settings.SITE_URL,
        "admin_url": f"{settings.SITE_URL}/admin/articles/comment/{comment.pk}/change/",
        "queue_url": f"{settings.SITE_URL}/admin/articles/comment/?status__exact=pending",
    }
    message = EmailMultiAlternatives(
        subject=render_to_string("articles/email/new_comment_subject.txt", context).strip(),
        body=render_to_string("articles/email/new_comment.txt", context),
        to=recipients,
    )
    message.attach_alternative(
        render_to_string("articles/email/new_comment.html", context), "text/html"
    )
    try:
        message.send()
    except Exception:
        # Give the claim back so that a retry or the periodic sweep sends it later.
        Comment.objects.filter(pk=comment_id).update(editors_notified_at=None)
        raise
    return True


def articles_publish_now(*, articles) -> int:
    """Admin action: publish the selected articles at this moment."""
    now = timezone.now()
    not_yet_public = articles.filter(Q(status=Article.Status.DRAFT) | Q(publish_at__gt=now))
    return not_yet_public.update(status=Article.Status.PUBLISHED, publish_at=now)


def articles_unpublish(*, articles) -> int:
    """Admin action: back to draft (the public gets a 404 again)."""
    return articles.update(status=Article.Status.DRAFT)


def articles_mark_due_published() -> int:
    """Tidy the stored status of scheduled articles whose time has come.

    Only cosmetic for editors' lists: visibility is a query on publish_at (see
    ArticleQuerySet.published), so a missed run never delays an article."""
    return Article.objects.filter(
        status=Article.Status.SCHEDULED, publish_at__lte=timezone.now()
    ).update(status=Article.Status.PUBLISHED)
