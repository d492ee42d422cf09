"""Applications in the states the No-Ghosting tests need, built directly (the apply flow's
services are another engineer's; these set the columns those services would set)."""

from datetime import timedelta

import factory
from django.conf import settings
from django.utils import timezone

from applications.models import Application, ProcessRating, Stage
from tests.factories import CandidateFactory, PublishedJobFactory


def _days(n):
    return timedelta(days=n)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """Submitted now to a live job, unanswered, due in NO_GHOSTING_RESPONSE_DAYS."""

    class Meta:
        model = Application

    job = factory.SubFactory(PublishedJobFactory)
    company = factory.LazyAttribute(lambda o: o.job.company)
    candidate = factory.SubFactory(CandidateFactory)
    stage = Stage.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)
    respond_by = factory.LazyAttribute(
        lambda o: o.submitted_at + _days(settings.NO_GHOSTING_RESPONSE_DAYS)
    )


class AnsweredApplicationFactory(ApplicationFactory):
    """Answered (in review) `answered_after` after submission; on time by default."""

    class Params:
        answered_after = timedelta(days=1)

    stage = Stage.REVIEWING
    first_response_at = factory.LazyAttribute(lambda o: o.submitted_at + o.answered_after)


class OverdueApplicationFactory(ApplicationFactory):
    """Unanswered and past its deadline (by a day), breach not yet recorded."""

    submitted_at = factory.LazyFunction(
        lambda: timezone.now() - _days(settings.NO_GHOSTING_RESPONSE_DAYS + 1)
    )


class BreachedApplicationFactory(OverdueApplicationFactory):
    breached_at = factory.LazyAttribute(lambda o: o.respond_by)


class NotSelectedApplicationFactory(AnsweredApplicationFactory):
    """The final answer: not selected."""

    stage = Stage.NOT_SELECTED
    closed_at = factory.LazyAttribute(lambda o: o.first_response_at)


class ProcessRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcessRating

    application = factory.SubFactory(NotSelectedApplicationFactory)
    company = factory.LazyAttribute(lambda o: o.application.company)
    speed = 4
    communication = 5
