"""Every change is a POST: a GET to any of these endpoints changes nothing and is refused."""

import pytest
from django.urls import reverse

from applications.models import Application, ApplicationEvent, ScreeningQuestion
from jobs.models import Job
from tests.applications.factories import ScreeningQuestionFactory

pytestmark = pytest.mark.django_db

POST_ONLY = [
    ("applications:withdraw", "candidate", "application"),
    ("applications:message", "candidate", "application"),
    ("applications_dashboard:move", "employer_owner", "application"),
    ("applications_dashboard:note", "employer_owner", "application"),
    ("applications_dashboard:message", "employer_owner", "application"),
    ("applications_dashboard:bulk_not_selected", "employer_owner", None),
    ("applications_dashboard:question_delete", "employer_owner", "question"),
    ("employers:application_emails", "employer_owner", None),
    ("jobs:external_apply", "candidate", "job"),
]


def snapshot():
    return (
        list(Application.objects.values_list("stage", "viewed_at", "first_response_at")),
        ApplicationEvent.objects.count(),
        ScreeningQuestion.objects.count(),
        list(Job.objects.values_list("external_apply_clicks", flat=True)),
    )


@pytest.mark.parametrize(("name", "role", "target"), POST_ONLY, ids=[p[0] for p in POST_ONLY])
def test_get_is_refused_on_every_post_endpoint(client, request, application, name, role, target):
    client.force_login(request.getfixturevalue(role))
    question = ScreeningQuestionFactory(job=application.job)
    args = {
        "application": [application.pk],
        "question": [application.job.pk, question.pk],
        "job": [application.job.slug],
        None: [],
    }[target]
    before = snapshot()

    response = client.get(reverse(name, args=args))

    assert response.status_code == 405
    assert snapshot() == before
