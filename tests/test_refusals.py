"""The one refusal type and the one place that shows it (infra/middleware.py)."""

import re
from datetime import timedelta

import pytest
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.utils import timezone

from employers.models import Invitation
from infra.middleware import RefusalMiddleware
from infra.refusals import Refusal, on_refusal_redirect
from jobs.models import Job
from tests.factories import JobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_a_refused_job_action_without_a_next_page_returns_to_the_job_with_the_reason(
    client, employer_owner, company
):
    job = PublishedJobFactory(company=company)
    client.force_login(employer_owner)

    response = client.post(f"/dashboard/jobs/{job.pk}/publish/")

    assert response.status_code == 302
    assert response["Location"] == f"/dashboard/jobs/{job.pk}/"
    followed = client.get(response["Location"])
    assert "Only a draft can be published" in messages_of(followed)[0]


def test_a_refusal_never_redirects_to_another_site(client, employer_owner, company):
    job = PublishedJobFactory(company=company)
    client.force_login(employer_owner)

    response = client.post(
        f"/dashboard/jobs/{job.pk}/publish/", {"next": "https://evil.example/phish"}
    )

    assert response["Location"] == f"/dashboard/jobs/{job.pk}/"


def test_a_plan_refusal_carries_its_link_to_the_plans(client, employer_owner, company):
    company.is_verified = True
    company.save()
    PublishedJobFactory(company=company)
    draft = JobFactory(company=company)
    client.force_login(employer_owner)

    response = client.post(
        f"/dashboard/jobs/{draft.pk}/publish/", {"next": "/dashboard/jobs/"}, follow=True
    )

    [message] = messages_of(response)
    assert re.search(r'<a href="/pricing/#plans">Compare plans</a>', message)
    assert Job.objects.get(pk=draft.pk).status == Job.Status.DRAFT


def test_a_refused_team_action_returns_to_the_team_page(client, employer_owner, company):
    invitation = Invitation.objects.create(
        company=company,
        email="newhire@example.com",
        invited_by=employer_owner,
        expires_at=timezone.now() + timedelta(days=7),
        revoked_at=timezone.now(),
    )
    client.force_login(employer_owner)

    response = client.post(f"/dashboard/team/invitations/{invitation.pk}/revoke/", follow=True)

    assert response.redirect_chain[-1][0] == "/dashboard/team/"
    assert "already accepted or revoked" in messages_of(response)[0]


def _through_middleware(rf, view, **kwargs):
    request = rf.post("/somewhere/")
    SessionMiddleware(lambda r: None).process_request(request)
    MessageMiddleware(lambda r: None).process_request(request)
    request.user = type("Guest", (), {"is_authenticated": False})()
    middleware = RefusalMiddleware(lambda r: HttpResponse())
    middleware.process_view(request, view, (), kwargs)
    try:
        return view(request, **kwargs)
    except Refusal as refusal:
        return middleware.process_exception(request, refusal)


def test_a_refusal_with_nowhere_to_return_says_why_on_a_409_page(rf):
    def view(request):
        raise Refusal("The shop is closed today.", "closed")

    response = _through_middleware(rf, view)

    assert response.status_code == 409
    assert "The shop is closed today." in response.content.decode()
    assert "Nothing was changed." in response.content.decode()


def test_a_view_names_where_its_refusals_return_to(rf):
    @on_refusal_redirect(lambda request, pk: f"/things/{pk}/")
    def view(request, pk):
        raise Refusal("Not now.")

    response = _through_middleware(rf, view, pk=7)

    assert (response.status_code, response["Location"]) == (302, "/things/7/")


def test_other_exceptions_are_left_alone(rf):
    request = rf.get("/")
    assert RefusalMiddleware(lambda r: None).process_exception(request, ValueError("x")) is None


def test_refusal_html_escapes_its_message():
    refusal = Refusal("<b>no</b>", link="/pricing/")
    assert refusal.as_html() == '&lt;b&gt;no&lt;/b&gt; <a href="/pricing/">Compare plans</a>'
