"""Applications in each state, resumes and screening questions."""

import io
from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from pypdf import PdfWriter

from applications.models import (
    Application,
    Resume,
    ScreeningQuestion,
    Stage,
)
from tests.factories import CandidateFactory, PublishedJobFactory


def pdf_bytes(pages: int = 1) -> bytes:
    """A real PDF (cross-reference table, page tree) of blank pages: the resume check parses."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=612, height=792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF_BYTES = pdf_bytes()


class ResumeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resume

    owner = factory.SubFactory(CandidateFactory)
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="resume.pdf"))
    original_name = "Casey resume.pdf"
    format = Resume.Format.PDF
    size = len(PDF_BYTES)
    # The first resume of a person is their default, as resume_add makes it.
    is_default = factory.LazyAttribute(
        lambda o: not Resume.objects.filter(owner=o.owner, is_default=True).exists()
    )


class ScreeningQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScreeningQuestion

    job = factory.SubFactory(PublishedJobFactory)
    prompt = "Do you hold an active RN license in Colorado?"
    kind = ScreeningQuestion.Kind.YES_NO
    required = True


class ApplicationFactory(factory.django.DjangoModelFactory):
    """Submitted just now, unanswered."""

    class Meta:
        model = Application

    job = factory.SubFactory(PublishedJobFactory)
    company = factory.LazyAttribute(lambda o: o.job.company)
    candidate = factory.SubFactory(CandidateFactory)
    resume = factory.LazyAttribute(lambda o: ResumeFactory(owner=o.candidate))
    cover_letter = "I have five years on a med-surg floor."
    stage = Stage.SUBMITTED


class AnsweredApplicationFactory(ApplicationFactory):
    stage = Stage.INTERVIEW
    viewed_at = factory.LazyFunction(timezone.now)
    first_response_at = factory.LazyFunction(timezone.now)


class OverdueApplicationFactory(ApplicationFactory):
    submitted_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=9))
    respond_by = factory.LazyFunction(lambda: timezone.now() - timedelta(days=2))


class WithdrawnApplicationFactory(ApplicationFactory):
    stage = Stage.WITHDRAWN
    closed_at = factory.LazyFunction(timezone.now)
