"""Factories of the candidate area, one per state the tests need."""

from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from applications.models import Resume
from candidates.models import (
    CandidateProfile,
    Certification,
    Education,
    License,
    SavedJob,
    Visibility,
    WorkExperience,
)
from tests.applications.factories import PDF_BYTES
from tests.factories import CandidateFactory, PublishedJobFactory


def in_days(days: int):
    return timezone.localdate() + timedelta(days=days)


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CandidateProfile

    user = factory.SubFactory(CandidateFactory)
    headline = "ICU nurse, 6 years, nights"
    profession = "registered_nurse"
    specialties = factory.LazyFunction(lambda: ["ICU"])
    years_experience = 6


class VisibleProfileFactory(ProfileFactory):
    visibility = Visibility.VERIFIED_EMPLOYERS


class LicenseFactory(factory.django.DjangoModelFactory):
    """A current Colorado RN license, not verified."""

    class Meta:
        model = License

    profile = factory.SubFactory(ProfileFactory)
    license_type = License.Type.RN
    state = "CO"
    number = factory.Sequence(lambda n: f"RN.{1000000 + n}")
    expires_on = factory.LazyFunction(lambda: in_days(400))


class ExpiredLicenseFactory(LicenseFactory):
    expires_on = factory.LazyFunction(lambda: in_days(-3))


class CompactLicenseFactory(LicenseFactory):
    is_compact = True


class VerifiedLicenseFactory(LicenseFactory):
    verification_url = "https://www.nursys.com/LQC/LQCSearch.aspx"
    verified_at = factory.LazyFunction(timezone.localdate)
    verified_by = factory.SubFactory("tests.factories.StaffEditorFactory")


class CertificationFactory(factory.django.DjangoModelFactory):
    """A current BLS card."""

    class Meta:
        model = Certification

    profile = factory.SubFactory(ProfileFactory)
    credential = "bls"
    issuer = "American Heart Association"
    expires_on = factory.LazyFunction(lambda: in_days(500))


class EducationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Education

    profile = factory.SubFactory(ProfileFactory)
    school = "University of Colorado"
    degree = "BSN"
    graduation_year = 2018


class WorkExperienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkExperience

    profile = factory.SubFactory(ProfileFactory)
    title = "Staff Nurse, MICU"
    employer = "Denver Health"
    started_on = factory.LazyFunction(lambda: in_days(-2000))


class ResumeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resume

    owner = factory.SubFactory(CandidateFactory)
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="resume.pdf"))
    original_name = "resume.pdf"
    format = Resume.Format.PDF
    size = len(PDF_BYTES)


class SavedJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedJob

    user = factory.SubFactory(CandidateFactory)
    job = factory.SubFactory(PublishedJobFactory)


class DenverProfileFactory(VisibleProfileFactory):
    """A visible ICU nurse in Denver, CO, open to work now."""

    city = "Denver"
    state = "CO"
    latitude = 39.74
    longitude = -104.99
    available_from = factory.LazyFunction(lambda: in_days(-1))
