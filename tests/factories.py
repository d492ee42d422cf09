"""factory_boy factories, one per state the tests need."""

import factory
from allauth.account.models import EmailAddress

from accounts.models import User
from employers.models import Company, Membership

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
