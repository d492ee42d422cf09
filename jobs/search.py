"""Job search at /jobs/: the form (every filter is a plain GET parameter, so a search is a
bookmarkable URL) and the queries behind it.

A search costs a constant number of SQL queries whatever the number of results:
  1. the facet counts and the total, in one UNION ALL of GROUP BY queries. Faceting is
     disjunctive: each group's counts ignore that group's own selection, so with "Night shift"
     ticked the other shifts still show how many jobs they would add;
  2. the page of results;
  3. only when a text search finds few jobs: the spelling suggestion (jobs.suggestions).

Location is "City, ST" or a ZIP plus a radius: a bounding box on the (latitude, longitude) index
narrows the rows, the exact great-circle distance decides. Remote jobs have no place, so a location
search leaves them out unless the searcher also ticks "Remote": then the remote jobs open to
residents of the searched state (or of any state) come with the nearby ones.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import timedelta
from functools import reduce
from operator import or_
from urllib.parse import urlencode

from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Case, CharField, Count, F, Func, Q, Value, When
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from jobs.choices import (
    CONTRACT_TYPES,
    HOURS_PER_YEAR,
    Credential,
    EmploymentType,
    ExperienceLevel,
    PayPeriod,
    Profession,
    Shift,
    WorkplaceType,
)
from jobs.gazetteer import Place, UnknownLocation, bounding_box, parse_location
from jobs.models import Job
from jobs.suggestions import spelling_suggestion

PAGE_SIZE = 20
RADIUS_CHOICES = [(10, "10 miles"), (25, "25 miles"), (50, "50 miles"), (100, "100 miles")]
DEFAULT_RADIUS = 25
MIN_PAY_CHOICES = [50_000, 75_000, 100_000, 150_000, 200_000]  # a year
POSTED_WITHIN_CHOICES = [
    (1, "Past 24 hours"),
    (3, "Past 3 days"),
    (7, "Past week"),
    (30, "Past 30 days"),
]
# A text search with fewer results than this gets a "Did you mean" when one exists.
FEW_RESULTS = 3
BROAD_COUNTS_SECONDS = 60


class Sort:
    RELEVANCE = "relevance"
    DATE = "date"
    PAY = "pay"
    choices = [(RELEVANCE, "Relevance"), (DATE, "Newest"), (PAY, "Highest pay")]


# A stale or hand-edited URL should still search: values we don't know are ignored, not errors.
class FilterChoiceField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def clean(self, value):
        known = {str(key) for key, _ in self.choices}
        return list(dict.fromkeys(v for v in (value or []) if v in known))


class OptionalChoiceField(forms.TypedChoiceField):
    def clean(self, value):
        try:
            return super().clean(value)
        except ValidationError:
            return self.empty_value


class OptionalIntegerField(forms.IntegerField):
    def clean(self, value):
        try:
            return super().clean(value)
        except ValidationError:
            return None


class JobSearchForm(forms.Form):
    q = forms.CharField(label="What", required=False)
    location = forms.CharField(label="Where", required=False)
    radius = OptionalChoiceField(
        label="Within", choices=RADIUS_CHOICES, coerce=int, required=False, empty_value=None
    )
    profession = FilterChoiceField(label="Profession", choices=Profession.choices, required=False)
    employment_type = FilterChoiceField(
        label="Employment type", choices=EmploymentType.choices, required=False
    )
    shift = FilterChoiceField(label="Shift", choices=Shift.choices, required=False)
    workplace_type = FilterChoiceField(
        label="Workplace", choices=WorkplaceType.choices, required=False
    )
    experience_level = FilterChoiceField(
        label="Experience", choices=ExperienceLevel.choices, required=False
    )
    min_pay = OptionalIntegerField(min_value=1, max_value=100_000_000, required=False)
    pay_period = OptionalChoiceField(
        choices=PayPeriod.choices, required=False, empty_value=PayPeriod.YEAR
    )
    posted_within = OptionalChoiceField(
        label="Posted", choices=POSTED_WITHIN_CHOICES, coerce=int, required=False, empty_value=None
    )
    credential = FilterChoiceField(
        label="Credential required", choices=Credential.choices, required=False
    )
    sort = OptionalChoiceField(label="Sort by", choices=Sort.choices, required=False)
    # Clinical pay filters (issue 12): plain booleans, ?night_differential=1, ?travel=1.
    night_differential = forms.BooleanField(label="Night differential", required=False)
    travel = forms.BooleanField(label="Travel contracts", required=False)
    page = OptionalIntegerField(min_value=1, required=False)

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())[:200]

    def clean_location(self):
        text = " ".join(self.cleaned_data["location"].split())[:100]
        if text:
            try:
                self.cleaned_data["place"] = parse_location(text)
            except UnknownLocation as error:
                raise ValidationError(str(error), code="unknown_location") from error
        return text

    def search(self) -> "JobSearch":
        """The search these parameters ask for; an unknown location is left out (and reported
        as the location field's error) so the rest of the search still runs."""
        self.is_valid()
        data = self.cleaned_data
        min_pay = data.get("min_pay")
        if min_pay and data.get("pay_period") == PayPeriod.HOUR:
            min_pay *= HOURS_PER_YEAR
        return JobSearch(
            q=data.get("q", ""),
            place=data.get("place"),
            radius=data.get("radius") or DEFAULT_RADIUS,
            filters={name: tuple(data.get(name) or ()) for name in MULTI_FILTERS},
            min_pay_annual=min_pay,
            posted_within=data.get("posted_within"),
            sort=data.get("sort") or "",
            night_differential=bool(data.get("night_differential")),
            travel=bool(data.get("travel")),
        )


MULTI_FILTERS = [
    "profession",
    "employment_type",
    "shift",
    "workplace_type",
    "experience_level",
    "credential",
]


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    hint: str = ""


@dataclass
class FacetGroup:
    name: str
    legend: str
    kind: str  # "checkbox" or "radio"
    options: list[FacetOption]

    # Long groups (professions, credentials) show their biggest values and fold the rest away.
    FOLD_AFTER = 6

    @property
    def selected(self):
        return [option for option in self.options if option.selected and option.value]

    @property
    def shown(self):
        if len(self.options) <= self.FOLD_AFTER + 2:
            return self.options
        return self.options[: self.FOLD_AFTER]

    @property
    def folded(self):
        return self.options[len(self.shown) :]

    @property
    def folded_selected(self) -> bool:
        return any(option.selected for option in self.folded)


@dataclass
class SearchResults:
    total: int
    page: Page
    jobs: list
    facets: list[FacetGroup]
    suggestion: str | None = None


@dataclass(frozen=True)
class JobSearch:
    """One search, as the form asked for it. `run()` gives a page of results with the facet
    counts; `queryset()` gives every matching job (for anything else that must agree with the
    search page, such as job alerts)."""

    q: str = ""
    place: Place | None = None
    radius: int = DEFAULT_RADIUS
    filters: dict = field(default_factory=dict)
    min_pay_annual: int | None = None
    posted_within: int | None = None
    sort: str = ""
    # "Jobs I qualify for": the searcher's credential codes and license states, given as plain
    # data by the view (jobs knows nothing of candidates); None when the filter is off.
    qualified_with: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    night_differential: bool = False
    travel: bool = False

    @property
    def effective_sort(self) -> str:
        if self.sort == Sort.RELEVANCE and not self.q:
            return Sort.DATE
        return self.sort or (Sort.RELEVANCE if self.q else Sort.DATE)

    @property
    def has_filters(self) -> bool:
        return bool(
            any(self.filters.values())
            or self.min_pay_annual
            or self.posted_within
            or self.place
            or self.qualified_with is not None
            or self.night_differential
            or self.travel
        )

    # Conditions ---------------------------------------------------------------------------

    def base(self):
        """Live jobs matching the text (ranked) and annotated with their distance."""
        jobs = Job.objects.published()
        if self.q:
            jobs = jobs.text_search(self.q)
        if self.place:
            jobs = jobs.with_distance(self.place.latitude, self.place.longitude)
        return jobs

    def where(self, workplace_types) -> Q | None:
        """Location and workplace type together: they interact for remote jobs."""
        if not self.place:
            return Q(workplace_type__in=workplace_types) if workplace_types else None
        located = workplace_types or [WorkplaceType.ONSITE, WorkplaceType.HYBRID]
        located = [t for t in located if t != WorkplaceType.REMOTE]
        min_lat, max_lat, min_lng, max_lng = bounding_box(
            self.place.latitude, self.place.longitude, self.radius
        )
        parts = []
        if located:
            parts.append(
                Q(workplace_type__in=located)
                # The box uses the (latitude, longitude) index; the distance is exact.
                & Q(latitude__range=(min_lat, max_lat), longitude__range=(min_lng, max_lng))
                & Q(distance__lte=self.radius)
            )
        if WorkplaceType.REMOTE in workplace_types:
            parts.append(
                Q(workplace_type=WorkplaceType.REMOTE)
                & (Q(remote_states=[]) | Q(remote_states__contains=[self.place.state]))
            )
        return reduce(or_, parts)

    def conditions(self, now) -> dict[str, Q]:
        """The active condition of each facet group, by group name."""
        conditions = {}
        for name in ["profession", "employment_type", "shift", "experience_level"]:
            if self.filters.get(name):
                conditions[name] = Q(**{f"{name}__in": self.filters[name]})
        where = self.where(self.filters.get("workplace_type", ()))
        if where is not None:
            conditions["workplace_type"] = where
        if self.filters.get("credential"):
            conditions["credential"] = Q(required_credentials__overlap=self.filters["credential"])
        if self.min_pay_annual:
            conditions["min_pay"] = Q(pay_max_annual__gte=self.min_pay_annual)
        if self.qualified_with is not None:
            credentials, states = (list(values) for values in self.qualified_with)
            conditions["qualify"] = Q(required_credentials__contained_by=credentials) & Q(
                license_states__contained_by=states
            )
        if self.posted_within:
            conditions["posted_within"] = Q(
                published_at__gte=now - timedelta(days=self.posted_within)
            )
        if self.night_differential:
            conditions["night_differential"] = Q(night_differential__gt=0)
        if self.travel:
            conditions["travel"] = Q(
                employment_type__in=CONTRACT_TYPES, contract_weeks__isnull=False
            )
        return conditions

    def queryset(self, now=None):
        """The matching jobs in the order of the chosen sort."""
        jobs = self.base().with_company().filter(*self.conditions(now or timezone.now()).values())
        sort = self.effective_sort
        if sort == Sort.RELEVANCE:
            # Featured jobs first among equally relevant ones.
            return jobs.order_by(F("rank").desc(), "-is_featured", "-published_at", "-pk")
        if sort == Sort.PAY:
            return jobs.order_by("-pay_max_annual", "-published_at", "-pk")
        return jobs.order_by("-published_at", "-pk")

    # Facets -------------------------------------------------------------------------------

    def pay_thresholds(self) -> list[int]:
        thresholds = set(MIN_PAY_CHOICES)
        if self.min_pay_annual:
            thresholds.add(self.min_pay_annual)
        return sorted(thresholds)

    def facet_values(self, now) -> dict:
        """The expression each group counts by. Pay and age are bucketed (the highest threshold
        a job clears, the smallest window it is in) and added up in Python."""
        pay_bucket = Case(
            *[
                When(pay_max_annual__gte=t, then=Value(str(t)))
                for t in reversed(self.pay_thresholds())
            ],
            default=Value(""),
            output_field=CharField(),
        )
        age_bucket = Case(
            *[
                When(published_at__gte=now - timedelta(days=days), then=Value(str(days)))
                for days, _ in POSTED_WITHIN_CHOICES
            ],
            default=Value(""),
            output_field=CharField(),
        )
        return {
            "profession": F("profession"),
            "employment_type": F("employment_type"),
            "shift": F("shift"),
            "workplace_type": F("workplace_type"),
            "experience_level": F("experience_level"),
            "min_pay": pay_bucket,
            "posted_within": age_bucket,
            "credential": Func(
                F("required_credentials"), function="unnest", output_field=CharField()
            ),
        }

    def count_facets(self, now) -> tuple[int, dict[str, dict[str, int]]]:
        """(total, {group: {value: count}}) in one query."""
        conditions = self.conditions(now)

        def counted(name, value):
            jobs = self.base()
            for other, condition in conditions.items():
                if other != name:
                    jobs = jobs.filter(condition)
            if name == "workplace_type" and self.place:
                # Counting workplace types near a place: every type, remote ones by state.
                jobs = jobs.filter(self.where([t for t, _ in WorkplaceType.choices]))
            return (
                jobs.annotate(facet=Value(name, output_field=CharField()), value=value)
                .values("facet", "value")
                .annotate(n=Count("pk"))
                .order_by()
            )

        total = counted("total", Value("", output_field=CharField()))
        groups = [counted(name, value) for name, value in self.facet_values(now).items()]
        counts: dict[str, dict[str, int]] = {}
        for row in total.union(*groups, all=True):
            counts.setdefault(row["facet"], {})[row["value"]] = row["n"]
        return counts.get("total", {}).get("", 0), counts

    def facet_groups(self, counts) -> list[FacetGroup]:
        def group(name, legend, choices, *, show_empty=False):
            group_counts = counts.get(name, {})
            selected = set(self.filters.get(name, ()))
            options = [
                FacetOption(value, label, group_counts.get(value, 0), value in selected)
                for value, label in choices
            ]
            if not show_empty:
                options = [o for o in options if o.count or o.selected]
            return FacetGroup(name, legend, "checkbox", options)

        def by_count(choices, name):
            return sorted(choices, key=lambda c: -counts.get(name, {}).get(c[0], 0))

        pay_counts = counts.get("min_pay", {})
        pay_options = [FacetOption("", "Any pay", 0, not self.min_pay_annual)]
        for threshold in self.pay_thresholds():
            pay_options.append(
                FacetOption(
                    str(threshold),
                    f"${threshold // 1000:,}k or more"
                    if threshold % 1000 == 0
                    else f"${threshold:,} or more",
                    sum(n for t, n in pay_counts.items() if t and int(t) >= threshold),
                    threshold == self.min_pay_annual,
                    hint=f"about ${threshold / HOURS_PER_YEAR:,.0f}/hr",
                )
            )
        age_counts = counts.get("posted_within", {})
        age_options = [FacetOption("", "Any time", 0, not self.posted_within)]
        for days, label in POSTED_WITHIN_CHOICES:
            age_options.append(
                FacetOption(
                    str(days),
                    label,
                    sum(n for d, n in age_counts.items() if d and int(d) <= days),
                    days == self.posted_within,
                )
            )
        return [
            group("profession", "Profession", by_count(Profession.choices, "profession")),
            group("employment_type", "Employment type", EmploymentType.choices),
            group("shift", "Shift", Shift.choices),
            group("workplace_type", "Workplace", WorkplaceType.choices, show_empty=True),
            FacetGroup("min_pay", "Minimum pay", "radio", pay_options),
            group("experience_level", "Experience", ExperienceLevel.choices),
            FacetGroup("posted_within", "Posted", "radio", age_options),
            group("credential", "Credential required", by_count(Credential.choices, "credential")),
        ]

    # Running it ---------------------------------------------------------------------------

    def cached_facet_counts(self, now):
        """The counts of a search without text or place (the busiest: /jobs/ itself, a profession
        from the home page) span every live job, so they are shared for a minute. The results
        themselves are always fresh."""
        if self.q or self.place:
            return self.count_facets(now)
        key = "jobs:facets:" + hashlib.sha256(repr(self).encode()).hexdigest()
        counted = cache.get(key)
        if counted is None:
            counted = self.count_facets(now)
            cache.set(key, counted, BROAD_COUNTS_SECONDS)
        return counted

    def run(self, page_number=None) -> SearchResults:
        now = timezone.now()
        total, counts = self.cached_facet_counts(now)
        paginator = Paginator(self.queryset(now), PAGE_SIZE)
        paginator.count = total  # known from the facet query: no separate COUNT(*)
        page = paginator.get_page(page_number)
        jobs = list(page.object_list) if total else []
        suggestion = spelling_suggestion(self.q) if self.q and total < FEW_RESULTS else None
        return SearchResults(total, page, jobs, self.facet_groups(counts), suggestion)


def search_url(params: QueryDict, **changes) -> str:
    """/jobs/ with `params` changed: a value of None removes the parameter, a list sets all its
    values. The page number is dropped unless given: a changed search starts on page 1."""
    params = params.copy()
    params.pop("page", None)
    for name, value in changes.items():
        if value is None or value == []:
            params.pop(name, None)
        elif isinstance(value, list | tuple):
            params.setlist(name, [str(v) for v in value])
        else:
            params[name] = str(value)
    query = urlencode(
        [(k, v) for k, values in params.lists() for v in values if v != ""], doseq=False
    )
    return reverse("jobs:search") + (f"?{query}" if query else "")


def page_numbers(page: Page, around: int = 2) -> list[int | None]:
    """Page numbers for the pagination links: the first, the last and a window around the
    current page; None where numbers are left out."""
    last = page.paginator.num_pages
    shown = {1, last, *range(page.number - around, page.number + around + 1)}
    numbers, previous = [], 0
    for n in sorted(n for n in shown if 1 <= n <= last):
        if n - previous > 1:
            numbers.append(None)
        numbers.append(n)
        previous = n
    return numbers
