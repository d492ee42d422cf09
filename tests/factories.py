"""factory_boy factories, one per state the tests need."""

from datetime import timedelta
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from employers.models import Company, Membership
from jobs.choices import (
    EmploymentType,
    ExperienceLevel,
    FacilityType,
    PayPeriod,
    Profession,
    Shift,
    WorkplaceType,
)
from jobs.models import Job

TEST_PASSWORD = "correct-horse-battery-staple-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    full_name = factory.Faker("name")
    role = User.Role.CANDIDATE
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        """A verified primary address, as after the confirmation link (False skips it)."""
        obj.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class CandidateFactory(UserFactory):
    role = User.Role.CANDIDATE


class EmployerUserFactory(UserFactory):
    role = User.Role.EMPLOYER


class StaffEditorFactory(UserFactory):
    is_staff = True


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Lakeside Health {n}")
    slug = factory.Sequence(lambda n: f"lakeside-health-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    company = factory.SubFactory(CompanyFactory)
    user = factory.SubFactory(EmployerUserFactory)
    role = Membership.Role.RECRUITER


class JobFactory(factory.django.DjangoModelFactory):
    """A draft job in Denver, CO with a complete, valid set of fields."""

    class Meta:
        model = Job

    company = factory.SubFactory(CompanyFactory)
    title = factory.Sequence(lambda n: f"Registered Nurse, Medical-Surgical {n}")
    profession = Profession.REGISTERED_NURSE
    specialty = "Medical-surgical"
    facility_type = FacilityType.HOSPITAL
    employment_type = EmploymentType.FULL_TIME
    shift = Shift.DAY
    experience_level = ExperienceLevel.MID
    workplace_type = WorkplaceType.ONSITE
    city = "Denver"
    state = "CO"
    zip_code = "80202"
    latitude = 39.7491
    longitude = -104.9946
    pay_min = Decimal("38.00")
    pay_max = Decimal("52.00")
    pay_period = PayPeriod.HOUR
    required_credentials = factory.LazyFunction(lambda: ["rn", "bls"])
    # Colorado's pay-transparency rule asks for the benefits (jobs/pay_rules.py).
    benefits = factory.LazyFunction(lambda: ["health", "pto"])
    description = "<p>Care for adult patients on a 32-bed medical-surgical unit.</p>"
    status = Job.Status.DRAFT


class PublishedJobFactory(JobFactory):
    status = Job.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))


class ExpiredJobFactory(JobFactory):
    status = Job.Status.EXPIRED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=40))
    expires_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))


class ClosedJobFactory(JobFactory):
    status = Job.Status.CLOSED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=20))
    closed_at = factory.LazyFunction(timezone.now)
