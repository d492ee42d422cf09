from django.db import transaction

from accounts.models import User
from employers.models import Company, Membership


@transaction.atomic
def company_create(*, owner: User, name: str) -> Company:
    """Create a company with `owner` as its first team member and owner."""
    company = Company.objects.create(name=name.strip(), slug=Company.unique_slug_for(name))
    Membership.objects.create(company=company, user=owner, role=Membership.Role.OWNER)
    return company
