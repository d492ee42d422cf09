"""Reads of the employers app that other apps use."""

from accounts.models import User
from notifications.services import Recipient


def team_recipients_by_company(company_ids) -> dict[int, list[Recipient]]:
    """{company id: its hiring team (owners and recruiters) as email recipients}; one query."""
    users = (
        User.objects.filter(membership__company_id__in=company_ids, is_active=True)
        .exclude(email="")
        .order_by("email")
        .values_list("membership__company_id", "pk", "email")
    )
    teams: dict[int, list[Recipient]] = {company_id: [] for company_id in company_ids}
    for company_id, user_id, email in users:
        teams[company_id].append(Recipient(email=email, user_id=user_id))
    return teams


def team_recipients(company_id: int) -> list[Recipient]:
    """Everyone on the company's hiring team, for emails about the company's jobs."""
    return team_recipients_by_company([company_id])[company_id]
