from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from articles.models import Comment
from articles.services import comment_notify_editors, comments_approve, comments_mark_spam
from notifications.delivery import deliver_due
from notifications.models import Notification
from notifications.tasks import deliver_due as deliver_due_task
from tests.articles.factories import (
    CommentFactory,
    DraftArticleFactory,
    PendingCommentFactory,
    PublishedArticleFactory,
)
from tests.factories import CandidateFactory

pytestmark = pytest.mark.django_db

GUEST = {"name": "Pat Guest", "email": "pat@example.com", "body": "Very useful, thank you!"}


@pytest.fixture
def article(db):
    return PublishedArticleFactory(slug="pay-ranges")


def post(client, article, **data):
    return client.post(f"/blog/{article.slug}/comments/", data)


def test_comment_url_refuses_get(client, article):
    assert client.get(f"/blog/{article.slug}/comments/").status_code == 405


def test_guest_comment_waits_for_moderation_then_shows_once_approved(
    client, article, staff_editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, article, **GUEST)
    assert response.status_code == 302
    assert response["Location"] == f"/blog/{article.slug}/#comments"
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert not comment.by_editor

    page = client.get(article.get_absolute_url())
    assert "Your comment will appear once an editor has approved it" in page.content.decode()
    assert GUEST["body"] not in page.content.decode()

    comments_approve(comments=Comment.objects.filter(pk=comment.pk))
    assert GUEST["body"] in client.get(article.get_absolute_url()).content.decode()


def test_guest_must_give_name_and_a_valid_email(client, article):
    response = post(client, article, name="", email="not-an-email", body="Hello there")
    assert response.status_code == 400
    form = response.context["form"]
    assert {"name", "email"} <= set(form.errors)
    assert not Comment.objects.exists()


def test_honeypot_comment_is_dropped_silently(client, article):
    response = post(client, article, **GUEST, website="http://spam.example")
    assert response.status_code == 302
    assert not Comment.objects.exists()


@override_settings(ARTICLE_COMMENT_RATE_LIMIT="2/m")
def test_comments_are_rate_limited_per_address(client, article):
    for n in range(2):
        assert post(client, article, **{**GUEST, "body": f"Comment number {n}"}).status_code == 302
    response = post(client, article, **{**GUEST, "body": "One too many"})
    assert response.status_code == 429
    assert "posted several comments in a short time" in response.content.decode()
    assert response.context["form"]["body"].value() == "One too many"
    assert Comment.objects.count() == 2


def test_more_than_two_links_are_refused_with_a_clear_message(client, article):
    body = "See https://a.example and https://b.example and www.c.example"
    response = post(client, article, **{**GUEST, "body": body})
    assert response.status_code == 400
    assert "no more than 2 links" in response.content.decode()
    assert not Comment.objects.exists()
    two = "See https://a.example and https://b.example"
    assert post(client, article, **{**GUEST, "body": two}).status_code == 302


def test_script_in_a_comment_is_shown_as_text(client, article):
    CommentFactory(
        article=article, body='<script>alert("x")</script> <img src=x onerror=alert(1)> ok'
    )
    content = client.get(article.get_absolute_url()).content.decode()
    assert '<script>alert("x")' not in content
    assert "<img src=x" not in content
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in content


def test_links_in_comments_are_nofollow_ugc(client, article):
    CommentFactory(article=article, body="My notes: https://notes.example/coding")
    content = client.get(article.get_absolute_url()).content.decode()
    assert (
        '<a href="https://notes.example/coding" rel="nofollow ugc">'
        "https://notes.example/coding</a>" in content
    )


def test_replies_go_one_level_deep(client, article):
    top = CommentFactory(article=article)
    reply = CommentFactory(article=article, parent=top)
    assert post(client, article, **GUEST, parent=top.pk).status_code == 302
    assert Comment.objects.filter(parent=top).count() == 2

    response = post(client, article, **GUEST, parent=reply.pk)
    assert response.status_code == 400
    assert "only reply to a published top-level comment" in response.content.decode()
    assert not Comment.objects.filter(parent=reply).exists()


def test_cannot_reply_to_a_comment_of_another_article_or_a_pending_one(client, article):
    elsewhere = CommentFactory()
    pending = PendingCommentFactory(article=article)
    for parent in (elsewhere, pending):
        assert post(client, article, **GUEST, parent=parent.pk).status_code == 400
    assert not Comment.objects.filter(parent__isnull=False).exists()


def test_drafts_take_no_comments(client):
    draft = DraftArticleFactory()
    assert post(client, draft, **GUEST).status_code == 404


def test_trusted_member_comment_appears_at_once(client, article):
    member = CandidateFactory(full_name="Morgan Member")
    CommentFactory(user=member, article=article, status=Comment.Status.APPROVED)
    client.force_login(member)
    response = post(client, article, body="Second thought from me.")
    comment = Comment.objects.latest("pk")
    assert comment.status == Comment.Status.APPROVED
    assert comment.name == "Morgan Member" and comment.email == member.email
    assert response["Location"] == f"/blog/{article.slug}/#comment-{comment.pk}"
    assert "Second thought from me." in client.get(article.get_absolute_url()).content.decode()


def test_member_without_a_name_is_not_shown_by_email(client, article):
    member = CandidateFactory(full_name="")
    client.force_login(member)
    post(client, article, body="Nameless but kind.")
    assert Comment.objects.get().name == "healthcareers member"


def test_member_without_an_approved_comment_waits(client, article):
    client.force_login(CandidateFactory())
    post(client, article, body="My first comment here.")
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_member_with_an_unverified_email_waits(client, article):
    member = CandidateFactory(verified_email=False)
    EmailAddress.objects.create(user=member, email=member.email, verified=False, primary=True)
    CommentFactory(user=member, article=article)
    client.force_login(member)
    post(client, article, body="Unverified but chatty.")
    assert Comment.objects.latest("pk").status == Comment.Status.PENDING


def test_editor_reply_appears_at_once_labelled_and_notifies_nobody(
    client, article, staff_editor, django_capture_on_commit_callbacks
):
    top = CommentFactory(article=article)
    client.force_login(staff_editor)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, article, body="Thanks for reading!", parent=top.pk)
    reply = Comment.objects.get(parent=top)
    assert reply.by_editor and reply.status == Comment.Status.APPROVED
    assert mail.outbox == []
    content = client.get(article.get_absolute_url()).content.decode()
    assert '<span class="badge badge--teal">Editor</span>' in content


def test_editors_are_notified_of_a_new_comment_exactly_once(
    client, article, staff_editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, article, **GUEST)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [staff_editor.email]
    assert "to approve" in message.subject and article.title in message.subject
    assert GUEST["body"] in message.body
    assert "/admin/articles/comment/" in message.alternatives[0][0]
    assert "one of healthcareers's editors" in message.body  # why they got it

    comment = Comment.objects.get()
    # A second notify for the same comment, or another delivery run, sends nothing more.
    assert comment_notify_editors(comment=comment) == 0
    deliver_due_task.delay()
    assert len(mail.outbox) == 1
    assert Notification.objects.get().about == comment


def test_a_newline_in_a_guest_name_cannot_break_the_editors_email(
    client, article, staff_editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, article, **{**GUEST, "name": "Pat\nGuest"})
    (message,) = mail.outbox
    assert message.subject.endswith("from Pat Guest")
    assert Notification.objects.get().status == Notification.Status.SENT


def test_a_failed_send_is_retried_by_a_later_run(
    client, article, staff_editor, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.test_contact.BrokenMailServer"
    with django_capture_on_commit_callbacks(execute=True):
        post(client, article, **GUEST)
    assert Notification.objects.get().status == Notification.Status.PENDING

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(timezone.now() + timedelta(minutes=10), tick=False):
        assert deliver_due()["sent"] == 1
    assert len(mail.outbox) == 1


def test_spam_can_be_marked_in_bulk(article):
    comments = [PendingCommentFactory(article=article) for _ in range(3)]
    assert comments_mark_spam(comments=Comment.objects.filter(pk__in=[c.pk for c in comments])) == 3
    assert Comment.objects.filter(status=Comment.Status.SPAM).count() == 3
