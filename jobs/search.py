"""Job search at /jobs/: the form (every filter is a plain GET parameter, so a search is a
bookmarkable URL) and the queries behind it.

Text is expanded with the field's vocabulary (jobs.vocabulary: "CNA" also means "certified
nursing assistant", "ultrasound" also "sonography"), then matched against the stored, weighted
search vector (GIN index).

Ranking (relevance sort), documented here because people must be able to trust it. Each job
gets a tier, an integer:
    4  its profession is one the query names ("nurse": registered nurse, LPN/LVN, nurse
       practitioner, CRNA, from the vocabulary; "radiation therapist": that profession)
  + 2  its title matches the whole query
  + 1  the query's words appear as an exact phrase (multi-word queries)
and jobs are ordered by tier, then by the text rank rounded to one decimal (ts_rank_cd over
title A > specialty, profession and credentials B > description C, normalized to 0..1, so a job
that only mentions the words in its description stays below), then featured before not
featured (so a featured job is marked and lifted only among equally good matches, never above a
far better one), then the newest first (recency breaks ties).
The work is bounded: only the newest CANDIDATES matches (walked in date order through the
index, stopping early) are ranked, never every match of a broad query.

A search costs a constant number of SQL queries whatever the number of results:
  1. the ids of the newest COUNT_CAP + 1 matches, walking the partial index of live jobs in
     date order and stopping there: the count ("1,000+" beyond the cap), the candidates that
     relevance ranks, the pages of a newest-first sort. For relevance the walk first tests only
     each job's head (title, specialty, profession, credentials: an indexed expression, see
     migration 0010), which spares reading the long, out-of-line search vector of every job
     walked past; when the heads alone match more than the cap, those are the candidates (the
     formula ranks them above description-only matches anyway), otherwise a second walk over
     the whole vectors finds every match (a narrow query: the GIN index, not the walk). Only
     for text alone, when the planner expects many head matches (an EXPLAIN, no scan);
  2. with filters (or a place), the ids of the newest FACET_SAMPLE + 1 jobs the facets count
     (the text and place matches; without filters these are the ids of 1);
  3. the facet counts over those ids, in one UNION ALL of GROUP BY queries. Faceting is
     disjunctive: each group's counts ignore that group's own selection, so with "Night
     shift" ticked the other shifts still show how many jobs they would add. When the text
     and place match at most FACET_SAMPLE jobs the ids are all of them and the counts are
     exact; beyond that the counts of the newest FACET_SAMPLE are scaled to the planner's
     estimate of the matches (one EXPLAIN, no scan) and shown as "about" (and "posted within",
     which a sample of the newest cannot estimate, shows no counts). Why a sample rather than
     counts precomputed by a beat task: the counts must follow any text and place, which no
     table of summaries can, and a sample of a thousand rows costs the same at any scale;
  4. the page of results (for relevance, the CANDIDATES newest matches ranked);
  5. only when a text search finds few jobs: the spelling suggestion (jobs.suggestions), and
     when it finds none and a correction exists, the corrected search (1-4 again).
Browsing without text or place (/jobs/, a profession from the home page) shares 1-3 for a
minute (they span every live job) and only walks the index to the page itself, always fresh.

Location is "City, ST" or a ZIP plus a radius: a bounding box on the (latitude, longitude) index
narrows the rows, the exact great-circle distance decides. Remote jobs have no place, so a location
search leaves them out unless the searcher also ticks "Remote": then the remote jobs open to
residents of the searched state (or of any state) come with the nearby ones.
"""

import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import timedelta
from functools import cached_property, reduce
from operator import or_
from urllib.parse import urlencode

from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Round
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
from jobs.vocabulary import ExpandedQuery, expand

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
# Bounds on the work of one search (see the module docstring).
CANDIDATES = 1000
COUNT_CAP = 1000
FACET_SAMPLE = 1000


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
    # Set by "Search instead for ...": search the words as typed, without a spelling correction.
    verbatim = forms.BooleanField(required=False)

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
            verbatim=bool(data.get("verbatim")),
        )


class _SharedFields(dict):
    """The fields of a form that is only read: a deep copy of them is the same fields."""

    def __deepcopy__(self, memo):
        return self


class _SearchParameters(JobSearchForm):
    """Never rendered, only cleaned: its instances share the class's fields instead of deep-
    copying them (Django copies every field, choices and widget for each form), which was
    most of a millisecond for each alert of a run."""


# After the class statement: the form metaclass sets base_fields itself.
_SearchParameters.base_fields = _SharedFields(JobSearchForm.base_fields)


def search_from_query(query_string: str) -> "JobSearch":
    """The search a query string asks for, as the search page reads it (a saved alert's)."""
    return _SearchParameters(QueryDict(query_string)).search()


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
    count: int | None  # None: not counted
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
    total_is_capped: bool = False  # more than `total` match: shown as "1,000+"
    counts_are_estimates: bool = False  # facet counts from a sample: shown as "about"
    corrected_from: str = ""  # the misspelt query that found nothing; these are for `suggestion`
    remote_total: int | None = None  # of `total`, the remote jobs (a place search with Remote)
    search: "JobSearch | None" = None  # the search these are the results of (maybe corrected)

    @property
    def nearby_total(self) -> int:
        return self.total - (self.remote_total or 0)


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
    verbatim: bool = False

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

    @cached_property
    def tsquery(self) -> ExpandedQuery | None:
        return expand(self.q) if self.q else None

    def matches(self) -> Q:
        """The text condition: the stored search vector against the expanded query."""
        return Q(
            Func(
                F("search_vector"),
                self.tsquery.expression(),
                template="(%(expressions)s)",
                arg_joiner=" @@ ",
                output_field=BooleanField(),
            )
        )

    def head_matches(self) -> Q:
        """The text condition on the job's head only (title, specialty, profession and
        credentials: migration 0010's indexed expression), cheap to test row by row."""
        head = Func(
            F("title"),
            F("specialty"),
            F("profession"),
            F("required_credentials"),
            F("preferred_credentials"),
            function="hc_job_head",
        )
        return Q(
            Func(
                head,
                self.tsquery.expression(),
                template="(%(expressions)s)",
                arg_joiner=" @@ ",
                output_field=BooleanField(),
            )
        )

    def base(self, *, head_only=False):
        """Live jobs matching the text, annotated with their distance. `head_only`: matching
        the text in the job's head (which implies matching it at all)."""
        jobs = Job.objects.published()
        if self.q and not self.tsquery:
            return jobs.none()
        if self.q:
            jobs = jobs.filter(self.head_matches() if head_only else self.matches())
        if self.place:
            jobs = jobs.with_distance(self.place.latitude, self.place.longitude)
        return jobs

    def ranked(self, jobs):
        """`jobs` annotated with the tier and text rank of the formula in the module docstring,
        in that order."""
        query = self.tsquery.expression()
        rank = Func(
            F("search_vector"),
            query,
            Value(32),  # rank / (rank + 1): between 0 and 1
            function="ts_rank_cd",
            output_field=FloatField(),
        )
        title_vector = Func(
            RawSQL("'english'::regconfig", ()),
            Func(F("title"), function="hc_unaccent"),
            function="to_tsvector",
        )
        title_match = Func(
            title_vector,
            query,
            template="(%(expressions)s)",
            arg_joiner=" @@ ",
            output_field=BooleanField(),
        )
        tier = Case(When(title_match, then=Value(2)), default=Value(0))
        if self.tsquery.professions:
            tier = tier + Case(
                When(profession__in=self.tsquery.professions, then=Value(4)), default=Value(0)
            )
        words = [w for w in self.q.split() if w.lower() != "or" and not w.startswith("-")]
        if len(words) > 1:
            phrase = Func(
                F("search_vector"),
                Func(
                    RawSQL("'english'::regconfig", ()),
                    Func(Value(" ".join(words)), function="hc_unaccent"),
                    function="phraseto_tsquery",
                ),
                template="(%(expressions)s)",
                arg_joiner=" @@ ",
                output_field=BooleanField(),
            )
            tier = tier + Case(When(phrase, then=Value(1)), default=Value(0))
        return jobs.annotate(
            tier=ExpressionWrapper(tier, output_field=IntegerField()), rank=Round(rank, 1)
        ).order_by("-tier", "-rank", "-is_featured", "-published_at", "-pk")

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

    def filtered(self, now=None, *, head_only=False):
        conditions = self.conditions(now or timezone.now()).values()
        return self.base(head_only=head_only).filter(*conditions)

    def queryset(self, now=None):
        """Every matching job in the order of the chosen sort (the ranking over every match:
        for job alerts and checks; the search page ranks a bounded set, see `results`)."""
        jobs = self.filtered(now).with_company()
        sort = self.effective_sort
        if sort == Sort.RELEVANCE:
            return self.ranked(jobs)
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

    def facet_base(self):
        """The jobs the facets count: the text and place matches (near the place: every
        workplace type, remote ones by state)."""
        jobs = self.base()
        if self.place:
            jobs = jobs.filter(self.where([t for t, _ in WorkplaceType.choices]))
        return jobs

    def newest_ids(self, jobs, limit) -> list[int]:
        """The ids of the newest `limit` of `jobs`: an index walk in date order that stops
        there (the partial index of live jobs, job_live_newest)."""
        return list(jobs.order_by("-published_at", "-pk").values_list("pk", flat=True)[:limit])

    def count_facets(self, now, sample=None) -> tuple[dict[str, dict[str, int]], bool]:
        """({group: {value: count}}, whether the counts are estimates). `sample`: (the ids of
        the newest FACET_SAMPLE jobs of facet_base(), whether there are more), when known
        already. Without more, they are every job to count and the counts are exact;
        otherwise the counts are scaled to the planner's estimate (module docstring)."""
        conditions = self.conditions(now)
        if sample is None:
            ids = self.newest_ids(self.facet_base(), FACET_SAMPLE + 1)
            sample = (ids[:FACET_SAMPLE], len(ids) > FACET_SAMPLE)
        sample, more = sample
        scale = 1.0
        if more:
            scale = max(planned_rows(self.facet_base()), FACET_SAMPLE + 1) / FACET_SAMPLE
        base = Job.objects.filter(pk__in=sample)
        if self.place:
            base = base.with_distance(self.place.latitude, self.place.longitude)

        def counted(name, value):
            jobs = base
            for other, condition in conditions.items():
                if other != name:
                    jobs = jobs.filter(condition)
            return (
                jobs.annotate(facet=Value(name, output_field=CharField()), value=value)
                .values("facet", "value")
                .annotate(n=Count("pk"))
                .order_by()
            )

        if not sample:
            return {}, False
        groups = [counted(name, value) for name, value in self.facet_values(now).items()]
        counts: dict[str, dict[str, int]] = {}
        for row in groups[0].union(*groups[1:], all=True):
            counts.setdefault(row["facet"], {})[row["value"]] = round(row["n"] * scale)
        if scale != 1.0:
            # The newest jobs are a fair sample of everything but their age.
            counts["posted_within"] = None
        return counts, scale != 1.0

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
                    None
                    if age_counts is None  # not counted from a sample of the newest jobs
                    else sum(n for d, n in age_counts.items() if d and int(d) <= days),
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

    def browse_counts(self, now) -> tuple[int, dict, bool]:
        """(matches up to COUNT_CAP + 1, facet counts, whether estimated) of a search without
        text or place: the busiest (/jobs/ itself, a profession from the home page), and
        spanning every live job, so shared for a minute. The page itself is always fresh."""
        key = "jobs:browse-counts:" + hashlib.sha256(repr(self).encode()).hexdigest()
        counted = cache.get(key)
        if counted is None:
            newest = self.newest_ids(self.filtered(now), COUNT_CAP + 1)
            unfiltered = not self.conditions(now)
            sample = (newest[:FACET_SAMPLE], len(newest) > FACET_SAMPLE) if unfiltered else None
            counted = (len(newest), *self.count_facets(now, sample))
            cache.set(key, counted, BROAD_COUNTS_SECONDS)
        return counted

    def browse_results(self, page_number, now) -> SearchResults:
        found, counts, estimated = self.browse_counts(now)
        total = min(found, COUNT_CAP)
        # Date or pay order: an index walk that stops at the page.
        paginator = Paginator(self.queryset(now), PAGE_SIZE)
        paginator.count = total
        page = paginator.get_page(page_number)
        return SearchResults(
            total,
            page,
            list(page.object_list) if total else [],
            self.facet_groups(counts),
            total_is_capped=found > COUNT_CAP,
            counts_are_estimates=estimated,
            search=self,
        )

    def results(self, page_number, now) -> SearchResults:
        if not self.q and not self.place:
            return self.browse_results(page_number, now)
        # The newest COUNT_CAP + 1 matches: the count (capped), the candidates the relevance
        # sort ranks, the newest-first pages, and, without filters, the facets' sample, all
        # from one index walk that stops early.
        sort = self.effective_sort
        newest = []
        heads = self.filtered(now, head_only=True)
        # A broad text query (no filters or place, which the walk would have to step over, and
        # the planner expects more head matches than the cap): the newest matches of the head
        # alone are already more than the cap, and (the formula ranks title and profession
        # matches first) the candidates.
        if (
            sort == Sort.RELEVANCE
            and self.tsquery
            and not self.conditions(now)
            and planned_rows(heads) > COUNT_CAP
        ):
            newest = self.newest_ids(heads, COUNT_CAP + 1)
        if len(newest) <= COUNT_CAP:
            newest = self.newest_ids(self.filtered(now), COUNT_CAP + 1)
        found, newest = len(newest), newest[:COUNT_CAP]
        total = len(newest)
        unfiltered = not self.conditions(now)
        # Without filters the facets count the same jobs (COUNT_CAP is FACET_SAMPLE).
        sample = (newest[:FACET_SAMPLE], found > FACET_SAMPLE) if unfiltered else None
        counts, estimated = self.count_facets(now, sample)
        if sort == Sort.RELEVANCE:
            jobs = Job.objects.filter(pk__in=newest[:CANDIDATES]).with_company()
            if self.place:
                jobs = jobs.with_distance(self.place.latitude, self.place.longitude)
            paginator = Paginator(self.ranked(jobs), PAGE_SIZE)
        elif sort == Sort.DATE:
            paginator = Paginator(newest, PAGE_SIZE)
        else:
            paginator = Paginator(self.queryset(now), PAGE_SIZE)
        paginator.count = total  # known already: no separate COUNT(*)
        page = paginator.get_page(page_number)
        jobs = list(page.object_list) if total else []
        if sort == Sort.DATE and jobs:
            shown = Job.objects.filter(pk__in=jobs).with_company()
            if self.place:
                shown = shown.with_distance(self.place.latitude, self.place.longitude)
            by_id = {job.pk: job for job in shown}
            jobs = [by_id[pk] for pk in jobs]
        remote_total = None
        if self.place and WorkplaceType.REMOTE in self.filters.get("workplace_type", ()):
            remote_total = Job.objects.filter(
                pk__in=newest, workplace_type=WorkplaceType.REMOTE
            ).count()
        return SearchResults(
            total,
            page,
            jobs,
            self.facet_groups(counts),
            total_is_capped=found > COUNT_CAP,
            counts_are_estimates=estimated,
            remote_total=remote_total,
            search=self,
        )

    def run(self, page_number=None) -> SearchResults:
        """A page of results with the facet counts. A text search that finds nothing runs the
        corrected query when the spelling suggestion finds jobs ("Showing results for nurse");
        one that finds a few offers the suggestion ("Did you mean")."""
        now = timezone.now()
        results = self.results(page_number, now)
        if not self.q or results.total >= FEW_RESULTS:
            return results
        suggestion = spelling_suggestion(self.q)
        if suggestion and not results.total and not self.verbatim:
            corrected = replace(self, q=suggestion).results(page_number, now)
            if corrected.total:
                corrected.suggestion = suggestion
                corrected.corrected_from = self.q
                return corrected
        results.suggestion = suggestion
        return results


def planned_rows(jobs) -> int:
    """The planner's estimate of how many rows `jobs` holds: free, and close enough to scale a
    sample's counts (the statistics of the search vector's words come from ANALYZE)."""
    sql, params = jobs.order_by().values("pk").query.sql_with_params()
    # The database `jobs` reads from (the replica, for a search under infra.db_routing).
    with connections[jobs.db].cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


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
