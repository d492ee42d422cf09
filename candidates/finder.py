"""Find Candidates: the reads behind the employer's search of visible profiles.

Only profiles their owners made visible to verified employers, only for a verified company on a
plan that includes the search, never for a company the candidate blocked (by name, or by a
domain its team's emails or website use). Names and emails stay hidden until the candidate
applies to that company or accepts its invitation. Paging is capped so the pool cannot be
scraped page by page, and each company may open only so many profiles a day.
"""

import math
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import (
    CharField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    OuterRef,
    Prefetch,
    Q,
    Value,
)
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt
from django.utils import timezone

from applications.models import Application
from candidates.models import (
    NLC_STATES,
    CandidateInvitation,
    CandidateProfile,
    Certification,
    CompanyBlock,
    License,
    ProfileView,
    Visibility,
)
from employers.models import Membership
from employers.quotas import QuotaCheck, can_search_candidates, pricing_url
from infra.refusals import Refusal
from jobs.gazetteer import EARTH_RADIUS_MILES, Place, bounding_box

RADIUS_CHOICES = [(10, "10 miles"), (25, "25 miles"), (50, "50 miles"), (100, "100 miles")]
PAGE_SIZE = 20
MAX_PAGES = 10


def daily_view_cap() -> int:
    return getattr(settings, "FIND_CANDIDATES_DAILY_VIEWS", 200)


# Who may search -----------------------------------------------------------------------------


def search_access(company) -> QuotaCheck:
    """May `company` use Find Candidates? Its plan must include it and staff must have verified
    it (candidates chose to be seen by verified employers only)."""
    check = can_search_candidates(company)
    if check and not company.is_verified:
        return QuotaCheck(
            allowed=False,
            used=0,
            limit=0,
            message=(
                "Candidates show their profiles to verified employers only. Find Candidates "
                "opens once our staff have verified your company."
            ),
        )
    return check


# Blocks --------------------------------------------------------------------------------------


def normalize_domain(text: str) -> str:
    """'@Hospital.org', 'https://www.hospital.org/careers' -> 'hospital.org'."""
    text = (text or "").strip().lower()
    if "@" in text:
        text = text.rsplit("@", 1)[1]
    if "//" in text:
        text = urlsplit(text).hostname or ""
    text = text.split("/", 1)[0].strip(".")
    return text.removeprefix("www.")


def with_parents(domain: str) -> set[str]:
    """'mail.hospital.org' -> {'mail.hospital.org', 'hospital.org'}: a block of the parent
    domain covers its subdomains."""
    labels = domain.split(".")
    return {".".join(labels[i:]) for i in range(len(labels) - 1)} if len(labels) > 1 else set()


def company_domains(company) -> set[str]:
    """Every domain a company uses: its team members' email domains and its website's host."""
    emails = Membership.objects.filter(company=company).values_list("user__email", flat=True)
    domains = set()
    for source in [*emails, company.website]:
        domain = normalize_domain(source)
        if domain:
            domains |= with_parents(domain)
    return domains


def blocked_by_q(company) -> Q:
    """Profiles whose owner blocked `company` (by name or by one of its domains)."""
    blocks = CompanyBlock.objects.filter(user=OuterRef("user_id")).filter(
        Q(kind=CompanyBlock.Kind.NAME, value=company.name.strip().lower())
        | Q(kind=CompanyBlock.Kind.DOMAIN, value__in=sorted(company_domains(company)))
    )
    return Q(Exists(blocks))


# Search --------------------------------------------------------------------------------------


@dataclass
class CandidateSearch:
    q: str = ""
    profession: str = ""
    credential: str = ""
    license_state: str = ""
    place: Place | None = None
    radius: int = 25
    available_now: bool = False
    available_by: object = None  # a date

    def queryset(self, company):
        today = timezone.localdate()
        profiles = visible_profiles_for(company)
        if self.q:
            text = Func(
                F("specialties"), Value(" "), function="array_to_string", output_field=CharField()
            )
            profiles = profiles.annotate(specialty_text=text)
            for word in self.q.split()[:8]:
                profiles = profiles.filter(
                    Q(headline__icontains=word) | Q(specialty_text__icontains=word)
                )
        if self.profession:
            profiles = profiles.filter(profession=self.profession)
        current = Q(expires_on__isnull=True) | Q(expires_on__gte=today)
        if self.credential:
            profiles = profiles.filter(
                Exists(
                    Certification.objects.filter(
                        current, profile=OuterRef("pk"), credential=self.credential
                    )
                )
                | Exists(
                    License.objects.filter(
                        current, profile=OuterRef("pk"), license_type=self.credential
                    )
                )
            )
        if self.license_state:
            covers = Q(state=self.license_state)
            if self.license_state in NLC_STATES:
                # A multistate nurse license from a compact state covers every compact state.
                covers |= Q(
                    is_compact=True,
                    license_type__in=License.COMPACT_TYPES,
                    state__in=sorted(NLC_STATES),
                )
            profiles = profiles.filter(
                Exists(License.objects.filter(current, covers, profile=OuterRef("pk")))
            )
        if self.available_now:
            profiles = profiles.filter(available_from__lte=today)
        elif self.available_by:
            profiles = profiles.filter(available_from__lte=self.available_by)
        if self.place:
            min_lat, max_lat, min_lng, max_lng = bounding_box(
                self.place.latitude, self.place.longitude, self.radius
            )
            profiles = (
                with_distance(profiles, self.place.latitude, self.place.longitude)
                .filter(
                    latitude__range=(min_lat, max_lat),
                    longitude__range=(min_lng, max_lng),
                    distance__lte=self.radius,
                )
                .order_by("distance", "-updated_at", "-pk")
            )
        return profiles


def with_distance(profiles, latitude: float, longitude: float):
    """Great-circle miles from the point, as jobs.models.JobQuerySet.with_distance does."""
    lat, lng = math.radians(latitude), math.radians(longitude)
    half_dlat = (Radians("latitude") - Value(lat)) / 2
    half_dlng = (Radians("longitude") - Value(lng)) / 2
    haversine = Power(Sin(half_dlat), 2) + Value(math.cos(lat)) * Cos(Radians("latitude")) * Power(
        Sin(half_dlng), 2
    )
    miles = Value(2 * EARTH_RADIUS_MILES) * ASin(Sqrt(Least(haversine, Value(1.0))))
    return profiles.annotate(distance=ExpressionWrapper(miles, output_field=FloatField()))


def visible_profiles_for(company):
    """The profiles `company` may see: visible ones of active candidate accounts, minus those
    whose owner blocked it; with what a result card shows (three queries per page)."""
    today = timezone.localdate()
    current = Q(expires_on__isnull=True) | Q(expires_on__gte=today)
    return (
        CandidateProfile.objects.filter(
            visibility=Visibility.VERIFIED_EMPLOYERS,
            user__is_active=True,
            user__role="candidate",
        )
        .exclude(blocked_by_q(company))
        .select_related("user")
        .prefetch_related(
            Prefetch("certifications", queryset=Certification.objects.filter(current)),
            Prefetch("licenses", queryset=License.objects.filter(current)),
        )
        .order_by("-updated_at", "-pk")
    )


def result_page(search: CandidateSearch, company, page_number) -> tuple:
    """(page, capped): at most MAX_PAGES pages of PAGE_SIZE; `capped` says more matched than
    the pages show (the employer should narrow the search)."""
    limit = PAGE_SIZE * MAX_PAGES
    rows = list(search.queryset(company)[: limit + 1])
    capped = len(rows) > limit
    page = Paginator(rows[:limit], PAGE_SIZE).get_page(page_number)
    return page, capped


# The reveal rule -----------------------------------------------------------------------------


def revealed_user_ids(company, user_ids) -> set[int]:
    """Which of these candidates `company` may know by name: those who applied to one of its
    jobs or accepted one of its invitations."""
    user_ids = list(user_ids)
    applied = Application.objects.filter(company=company, candidate_id__in=user_ids).values_list(
        "candidate_id", flat=True
    )
    accepted = CandidateInvitation.objects.filter(
        company=company, candidate_id__in=user_ids, accepted_at__isnull=False
    ).values_list("candidate_id", flat=True)
    return set(applied) | set(accepted)


# The detail page and its daily cap -----------------------------------------------------------


def profile_for_company(company, pk: int) -> CandidateProfile | None:
    """One visible profile `company` may open, with its sections; None when hidden, blocked or
    unknown (the view answers 404, whichever it is)."""
    return (
        visible_profiles_for(company)
        .prefetch_related("education", "experience")
        .filter(pk=pk)
        .first()
    )


def record_profile_view(*, company, profile) -> None:
    """Count today's opening of `profile` by `company` (a profile opened twice a day counts
    once); refused when the company has opened its daily allowance of other profiles."""
    today = timezone.localdate()
    views = ProfileView.objects.filter(company=company, viewed_on=today)
    if views.filter(profile=profile).exists():
        return
    if views.count() >= daily_view_cap():
        raise Refusal(
            f"Your team has opened {daily_view_cap()} candidate profiles today, the daily "
            "limit that keeps profiles from being copied in bulk. It resets tomorrow; "
            "the profiles you already opened today stay open.",
            "daily_views_used",
        )
    ProfileView.objects.get_or_create(company=company, profile=profile, viewed_on=today)


def contacts_this_month(company) -> int:
    now = timezone.localtime()
    start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return CandidateInvitation.objects.filter(company=company, created_at__gte=start).count()


def contact_allowance(company) -> QuotaCheck:
    """May `company` send one more invitation this month?"""
    plan = company.plan_details
    used = contacts_this_month(company)
    limit = plan.monthly_candidate_contacts
    if limit is None or used < limit:
        return QuotaCheck(allowed=True, used=used, limit=limit)
    return QuotaCheck(
        allowed=False,
        used=used,
        limit=limit,
        message=(
            f"Your {plan.name} plan includes {limit} contacts a month, and this month's are "
            "used. They renew on the first of next month; Enterprise has unlimited contacts."
        ),
        upgrade_url=pricing_url(),
    )
