from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.staff import editor_recipients
from articles.models import Article, Comment
from infra.refusals import Refusal
from notifications.services import notify_many

COMMENT_KIND = "articles.new_comment"


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
    Editors get an email about it, written to the outbox in the same transaction (unless an
    editor wrote it)."""
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
    )
    if not editor:  # editors do not need an email about their own replies
        comment_notify_editors(comment=comment)
    return comment


def comments_approve(*, comments) -> int:
    return comments.exclude(status=Comment.Status.APPROVED).update(
        status=Comment.Status.APPROVED, moderated_at=timezone.now()
    )


def comments_mark_spam(*, comments) -> int:
    return comments.exclude(status=Comment.Status.SPAM).update(
        status=Comment.Status.SPAM, moderated_at=timezone.now()
    )


def comment_notify_editors(*, comment: Comment) -> int:
    """Queue the editors' email about a new comment, once per comment and editor."""
    site = settings.SITE_URL
    return notify_many(
        to=editor_recipients(),
        kind=COMMENT_KIND,
        key=f"{COMMENT_KIND}:comment:{comment.pk}",
        template="articles/email/new_comment",
        context={
            "comment": comment,
            "article": comment.article,
            "admin_url": f"{site}/admin/articles/comment/{comment.pk}/change/",
            "queue_url": f"{site}/admin/articles/comment/?status__exact=pending",
        },
        about=comment,
    )


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
