"""Many saved searches against the jobs published in one window of time, in one pass.

The search page asks PostgreSQL one question per search. A daily job alert run asks 100,000
questions about the same few thousand new jobs: one query each cost 5 ms of SQL and as much
Python, an hour for the run. `PublishedWindow` loads those jobs once (only the columns the
filters read) and answers each search in memory with the conditions of `JobSearch.conditions`
and `JobSearch.where`; tests/jobs/test_new_jobs.py keeps the two in step by comparing them on
random searches, and fails when JobSearch gains a condition this module does not know. Only
the text condition stays in SQL (stemming, synonyms, websearch syntax): one pass over the
window's jobs tests every distinct text of a chunk of alerts (`prepare_texts`).
"""

import math
import time
from collections import defaultdict
from datetime import datetime, timedelta
from typing import NamedTuple

from django.db.models import BooleanField, ExpressionWrapper

from jobs.choices import CONTRACT_TYPES, WorkplaceType
from jobs.gazetteer import EARTH_RADIUS_MILES, bounding_box
from jobs.models import Job
from jobs.search import JobSearch

# The JobSearch conditions (names from JobSearch.conditions) that `PublishedWindow` evaluates.
CONDITIONS = {
    "profession",
    "employment_type",
    "shift",
    "experience_level",
    "workplace_type",
    "credential",
    "min_pay",
    "qualify",
    "posted_within",
    "night_differential",
    "travel",
}
LOCATED = (WorkplaceType.ONSITE, WorkplaceType.HYBRID)
TEXTS_PER_QUERY = 50
REUSE_SECONDS = 60
_shared: dict = {}


class WindowJob(NamedTuple):
    """What the filters read of a job. `position`: its place in the window, newest first."""

    position: int
    pk: int
    published_at: datetime
    profession: str
    employment_type: str
    shift: str
    workplace_type: str
    experience_level: str
    required_credentials: list
    license_states: list
    pay_max_annual: int | None
    latitude: float | None
    longitude: float | None
    remote_states: list
    night_differential: object  # Decimal or None
    contract_weeks: int | None


COLUMNS = WindowJob._fields[1:]


def _cell(latitude: float, longitude: float) -> tuple[int, int]:
    return math.floor(latitude), math.floor(longitude)


def miles_between(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle miles, computed as Job.objects.with_distance computes them in SQL."""
    lat, lng = math.radians(lat1), math.radians(lng1)
    haversine = (
        math.sin((math.radians(lat2) - lat) / 2) ** 2
        + math.cos(lat)
        * math.cos(math.radians(lat2))
        * math.sin((math.radians(lng2) - lng) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(min(haversine, 1.0)))


class PublishedWindow:
    """The live jobs published in (since, now], newest first (published_at, then id, as the
    search page's "Newest" sort), indexed by profession and by one-degree cells of the map."""

    def __init__(self, *, since: datetime, now: datetime):
        self.since, self.now = since, now
        self.queryset = Job.objects.published().filter(
            published_at__gt=since, published_at__lte=now
        )
        rows = self.queryset.order_by("-published_at", "-pk").values_list(*COLUMNS)
        self.jobs = [WindowJob(position, *row) for position, row in enumerate(rows)]
        self.by_profession: dict[str, list[WindowJob]] = defaultdict(list)
        self.by_cell: dict[tuple[int, int], list[WindowJob]] = defaultdict(list)
        self.remote: list[WindowJob] = []
        for job in self.jobs:
            self.by_profession[job.profession].append(job)
            if job.workplace_type == WorkplaceType.REMOTE:
                self.remote.append(job)
            if job.latitude is not None and job.longitude is not None:
                self.by_cell[_cell(job.latitude, job.longitude)].append(job)
        self._text: dict[str, tuple[list[WindowJob], frozenset[int]]] = {}
        self.loaded_at = time.monotonic()

    @classmethod
    def shared(cls, *, since: datetime, now: datetime) -> "PublishedWindow":
        """This process's window of the run at `now` when it covers `since` and was loaded in
        the last REUSE_SECONDS, else a new one: the chunks of one alert run that a worker
        takes share one load of the jobs and one pass per text. (A job ended in that minute
        may still be listed, as cached search pages may list it.)"""
        window = _shared.get("window")
        if (
            window is None
            or window.now != now
            or window.since > since
            or time.monotonic() - window.loaded_at > REUSE_SECONDS
        ):
            window = _shared["window"] = cls(since=since, now=now)
        return window

    def __len__(self):
        return len(self.jobs)

    def prepare_texts(self, searches) -> None:
        """Match the texts of many searches in one pass over the window's rows (a query per
        TEXTS_PER_QUERY texts): each text alone walked its text index over the whole board."""
        texts = {}
        for search in searches:
            if search.q and search.q not in self._text:
                if search.tsquery:
                    texts.setdefault(search.q, search)
                else:
                    self._text[search.q] = ([], frozenset())
        texts = list(texts.values())
        for start in range(0, len(texts), TEXTS_PER_QUERY):
            batch = texts[start : start + TEXTS_PER_QUERY]
            tests = {
                f"text_{n}": ExpressionWrapper(search.matches(), output_field=BooleanField())
                for n, search in enumerate(batch)
            }
            matched = [set() for _ in batch]
            rows = self.queryset.annotate(**tests).order_by().values_list("pk", *tests)
            for pk, *hits in rows:
                for found, hit in zip(matched, hits, strict=True):
                    if hit:
                        found.add(pk)
            for search, ids in zip(batch, matched, strict=True):
                self._text[search.q] = (
                    [job for job in self.jobs if job.pk in ids],
                    frozenset(ids),
                )

    def text_matches(self, search: JobSearch) -> tuple[list[WindowJob], frozenset[int]]:
        """The window's jobs matching the search's text, newest first, and their ids."""
        if search.q not in self._text:
            self.prepare_texts([search])
        return self._text[search.q]

    def matches(
        self, search: JobSearch, *, since: datetime, limit: int, exclude=frozenset()
    ) -> list[int]:
        """Ids of the newest `limit` jobs of the window published after `since` that `search`
        finds (JobSearch.filtered(now)), leaving out the ids in `exclude`."""
        accepts = self._accepts(search)
        found = []
        for job in self._candidates(search):
            if job.published_at <= since:
                break  # newest first: every later one is older
            if job.pk not in exclude and accepts(job):
                found.append(job.pk)
                if len(found) == limit:
                    break
        return found

    # Narrowing ---------------------------------------------------------------------------

    def _candidates(self, search: JobSearch) -> list[WindowJob]:
        """The fewest jobs, newest first, that hold every match: the text's matches, the jobs
        near the place, or the jobs of the professions asked for."""
        options = []
        if search.q:
            options.append(self.text_matches(search)[0])
        if search.place is not None:
            options.append(self._near(search))
        if search.filters.get("profession"):
            options.append(
                self._merged(self.by_profession.get(p, []) for p in search.filters["profession"])
            )
        return min(options, key=len) if options else self.jobs

    def _near(self, search: JobSearch) -> list[WindowJob]:
        place = search.place
        min_lat, max_lat, min_lng, max_lng = bounding_box(
            place.latitude, place.longitude, search.radius
        )
        (low_lat, low_lng), (high_lat, high_lng) = _cell(min_lat, min_lng), _cell(max_lat, max_lng)
        groups = [
            self.by_cell.get((lat, lng), [])
            for lat in range(low_lat, high_lat + 1)
            for lng in range(low_lng, high_lng + 1)
        ]
        if WorkplaceType.REMOTE in search.filters.get("workplace_type", ()):
            groups.append(self.remote)
        return self._merged(groups)

    @staticmethod
    def _merged(groups) -> list[WindowJob]:
        groups = [group for group in groups if group]
        if len(groups) == 1:
            return groups[0]
        return sorted({job.position: job for group in groups for job in group}.values())

    # The conditions (JobSearch.conditions, JobSearch.where, JobSearch.base) ---------------

    def _accepts(self, search: JobSearch):
        """A function telling whether a window job meets every condition of `search`."""
        checks = []
        filters = search.filters
        for name in ("profession", "employment_type", "shift", "experience_level"):
            if filters.get(name):
                allowed = frozenset(filters[name])
                index = WindowJob._fields.index(name)
                checks.append(lambda job, allowed=allowed, index=index: job[index] in allowed)
        where = _where(search)
        if where is not None:
            checks.append(where)
        if filters.get("credential"):
            wanted = frozenset(filters["credential"])
            checks.append(lambda job: not wanted.isdisjoint(job.required_credentials))
        if search.min_pay_annual:
            least = search.min_pay_annual
            checks.append(
                lambda job: job.pay_max_annual is not None and job.pay_max_annual >= least
            )
        if search.qualified_with is not None:
            credentials, states = (frozenset(values) for values in search.qualified_with)
            checks.append(
                lambda job: (
                    credentials.issuperset(job.required_credentials)
                    and states.issuperset(job.license_states)
                )
            )
        if search.posted_within:
            earliest = self.now - timedelta(days=search.posted_within)
            checks.append(lambda job: job.published_at >= earliest)
        if search.night_differential:
            checks.append(
                lambda job: job.night_differential is not None and job.night_differential > 0
            )
        if search.travel:
            checks.append(
                lambda job: job.employment_type in CONTRACT_TYPES and job.contract_weeks is not None
            )
        if search.q:
            texts = self.text_matches(search)[1]
            checks.append(lambda job: job.pk in texts)
        return lambda job: all(check(job) for check in checks)


def _where(search: JobSearch):
    """JobSearch.where: the place and the workplace types together (remote jobs match a place
    by the states they hire in)."""
    workplace = search.filters.get("workplace_type", ())
    place = search.place
    if place is None:
        if not workplace:
            return None
        allowed = frozenset(workplace)
        return lambda job: job.workplace_type in allowed
    located = frozenset(t for t in (workplace or LOCATED) if t != WorkplaceType.REMOTE)
    remote = WorkplaceType.REMOTE in workplace
    min_lat, max_lat, min_lng, max_lng = bounding_box(
        place.latitude, place.longitude, search.radius
    )
    radius, state = search.radius, place.state

    def where(job) -> bool:
        if job.workplace_type in located:
            return (
                job.latitude is not None
                and job.longitude is not None
                and min_lat <= job.latitude <= max_lat
                and min_lng <= job.longitude <= max_lng
                and miles_between(place.latitude, place.longitude, job.latitude, job.longitude)
                <= radius
            )
        return (
            remote
            and job.workplace_type == WorkplaceType.REMOTE
            and (not job.remote_states or state in job.remote_states)
        )

    return where
