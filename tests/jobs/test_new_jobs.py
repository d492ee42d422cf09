"""PublishedWindow answers a search in memory as JobSearch.filtered answers it in SQL."""

import dataclasses
import random
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jobs.choices import (
    Credential,
    EmploymentType,
    ExperienceLevel,
    PayPeriod,
    Profession,
    Shift,
    WorkplaceType,
)
from jobs.gazetteer import parse_location
from jobs.models import Job
from jobs.new_jobs import CONDITIONS, PublishedWindow
from jobs.search import MULTI_FILTERS, JobSearch, JobSearchForm
from tests.factories import ClosedJobFactory, ExpiredJobFactory, JobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db

PLACES = [  # (city, state, zip, latitude, longitude): Denver and towns 20 to 70 miles away
    ("Denver", "CO", "80202", 39.7491, -104.9946),
    ("Aurora", "CO", "80012", 39.6994, -104.8370),
    ("Boulder", "CO", "80302", 40.0150, -105.2705),
    ("Castle Rock", "CO", "80104", 39.3722, -104.8561),
    ("Colorado Springs", "CO", "80903", 38.8339, -104.8214),
    ("Austin", "TX", "78701", 30.2711, -97.7437),
]
PROFESSIONS = [Profession.REGISTERED_NURSE, Profession.PHYSICAL_THERAPIST, Profession.PHARMACIST]
TITLES = ["ICU Nurse", "Travel Nurse, ICU", "Charge Nurse", "Physical Therapist", "Pharmacist"]
CREDENTIALS = [c.value for c in Credential][:6]
TEXTS = ["icu", "nurse", "travel", '"charge nurse"', "nurse -travel", "RN", "zzzqx", "therapist"]


def varied_jobs(rng, now, count=90):
    jobs = []
    for n in range(count):
        workplace = rng.choice(list(WorkplaceType.values))
        city, state, zip_code, lat, lng = rng.choice(PLACES)
        employment = rng.choice(list(EmploymentType.values))
        contract = employment in ("contract", "temporary")
        fields = {
            "title": rng.choice(TITLES),
            "profession": rng.choice(PROFESSIONS),
            "employment_type": employment,
            "shift": rng.choice(list(Shift.values)),
            "experience_level": rng.choice(list(ExperienceLevel.values)),
            "workplace_type": workplace,
            "city": "" if workplace == WorkplaceType.REMOTE else city,
            "state": "" if workplace == WorkplaceType.REMOTE else state,
            "zip_code": "" if workplace == WorkplaceType.REMOTE else zip_code,
            "latitude": None if workplace == WorkplaceType.REMOTE and rng.random() < 0.7 else lat,
            "longitude": None if workplace == WorkplaceType.REMOTE and rng.random() < 0.7 else lng,
            "remote_states": rng.choice([[], ["CO"], ["TX", "NM"]])
            if workplace == WorkplaceType.REMOTE
            else [],
            "pay_period": rng.choice([PayPeriod.HOUR, PayPeriod.YEAR]),
            "required_credentials": rng.sample(
                [c.value for c in Credential][:6], rng.randint(0, 2)
            ),
            "license_states": rng.sample(["CO", "TX", "NM"], rng.randint(0, 2)),
            "night_differential": rng.choice([None, Decimal("0"), Decimal("3.50")]),
            "contract_weeks": rng.choice([None, 13]) if contract else None,
        }
        if fields["pay_period"] == PayPeriod.HOUR:
            fields["pay_min"], fields["pay_max"] = Decimal(30 + n % 20), Decimal(50 + n % 40)
        else:
            fields["pay_min"], fields["pay_max"] = Decimal(60_000), Decimal(70_000 + 1000 * n)
        published = now - timedelta(hours=rng.randint(1, 80), minutes=rng.randint(0, 59))
        factory = rng.choices(
            [PublishedJobFactory, ExpiredJobFactory, ClosedJobFactory, JobFactory],
            [12, 1, 1, 1],
        )[0]
        extra = {"published_at": published} if factory is PublishedJobFactory else {}
        jobs.append(factory(**fields, **extra))
    # Two jobs published at the same moment: the id breaks the tie, as the search page does.
    PublishedJobFactory.create_batch(2, published_at=now - timedelta(hours=5))
    # Pay exactly at a minimum the searches ask for: the minimum is inclusive.
    PublishedJobFactory(
        pay_period=PayPeriod.YEAR,
        pay_min=Decimal(80_000),
        pay_max=Decimal(100_000),
        published_at=now - timedelta(hours=2),
    )
    return jobs


def random_search(rng) -> JobSearch:
    params = []
    if rng.random() < 0.4:
        params.append(("q", rng.choice(TEXTS)))
    if rng.random() < 0.5:
        place = rng.choice(["Denver, CO", "Austin, TX", "80302"])
        params += [("location", place), ("radius", rng.choice(["10", "25", "50", "100"]))]
    for name, values in [
        ("profession", PROFESSIONS),
        ("employment_type", list(EmploymentType.values)),
        ("shift", list(Shift.values)),
        ("workplace_type", list(WorkplaceType.values)),
        ("experience_level", list(ExperienceLevel.values)),
        ("credential", CREDENTIALS),
    ]:
        if rng.random() < 0.3:
            params += [(name, value) for value in rng.sample(values, rng.randint(1, 2))]
    if rng.random() < 0.2:
        params.append(("min_pay", rng.choice(["75000", "100000", "40"])))
        params.append(("pay_period", rng.choice(["year", "hour"])))
    if rng.random() < 0.2:
        params.append(("posted_within", rng.choice(["1", "3"])))
    if rng.random() < 0.15:
        params.append(("night_differential", "1"))
    if rng.random() < 0.15:
        params.append(("travel", "1"))
    search = JobSearchForm(QueryDict(urlencode(params))).search()
    if rng.random() < 0.1:
        qualified = (("rn", "bls"), ("CO",))
        search = dataclasses.replace(search, qualified_with=qualified)
    return search


def in_sql(search: JobSearch, *, since, now, limit) -> list[int]:
    jobs = search.filtered(now).filter(published_at__gt=since, published_at__lte=now)
    return list(jobs.order_by("-published_at", "-pk").values_list("pk", flat=True)[:limit])


def test_the_window_finds_what_the_search_finds_for_three_hundred_random_searches():
    rng = random.Random(20261202)
    now = timezone.now()
    varied_jobs(rng, now)
    window = PublishedWindow(since=now - timedelta(days=3), now=now)
    assert len(window) == Job.objects.published().filter(published_at__gt=window.since).count()
    found_some = 0
    for _ in range(300):
        search = random_search(rng)
        since = now - timedelta(hours=rng.choice([72, 48, 24, 6]))
        limit = rng.choice([3, 21])
        expected = in_sql(search, since=since, now=now, limit=limit)
        assert window.matches(search, since=since, limit=limit) == expected, search
        found_some += bool(expected)
    assert found_some > 100  # the searches are not all empty


def test_excluded_jobs_are_left_out_and_the_next_ones_taken():
    now = timezone.now()
    jobs = [PublishedJobFactory(published_at=now - timedelta(hours=h)) for h in range(1, 6)]
    window = PublishedWindow(since=now - timedelta(days=1), now=now)
    search = JobSearch()
    since = now - timedelta(days=1)
    assert window.matches(search, since=since, limit=2) == [jobs[0].pk, jobs[1].pk]
    assert window.matches(search, since=since, limit=2, exclude={jobs[0].pk}) == [
        jobs[1].pk,
        jobs[2].pk,
    ]


def test_a_location_search_matches_remote_jobs_by_the_states_they_hire_in():
    now = timezone.now()
    anywhere = PublishedJobFactory(workplace_type=WorkplaceType.REMOTE, remote_states=[])
    colorado = PublishedJobFactory(workplace_type=WorkplaceType.REMOTE, remote_states=["CO"])
    PublishedJobFactory(workplace_type=WorkplaceType.REMOTE, remote_states=["TX"])
    window = PublishedWindow(since=now - timedelta(days=1), now=timezone.now())
    search = JobSearch(place=parse_location("Denver, CO"), filters={"workplace_type": ("remote",)})
    assert sorted(window.matches(search, since=now - timedelta(days=1), limit=10)) == sorted(
        [anywhere.pk, colorado.pk]
    )


def test_the_texts_of_many_searches_cost_one_query():
    now = timezone.now()
    PublishedJobFactory.create_batch(3, title="ICU Nurse")
    PublishedJobFactory(title="Pharmacist", profession=Profession.PHARMACIST, specialty="")
    window = PublishedWindow(since=now - timedelta(days=1), now=timezone.now())
    denver = parse_location("Denver, CO")
    searches = [JobSearch(q="icu", place=denver, radius=radius) for radius in (10, 25, 50)]
    searches += [JobSearch(q="nurse"), JobSearch(q="pharmacist"), JobSearch(q="zzzqx")]
    with CaptureQueriesContext(connection) as queries:
        window.prepare_texts(searches)
        found = [window.matches(s, since=now - timedelta(days=1), limit=5) for s in searches]
    assert len([q for q in queries.captured_queries if "@@" in q["sql"]]) == 1
    assert [len(ids) for ids in found] == [3, 3, 3, 3, 1, 0]
    # A text not prepared is looked up on its own.
    with CaptureQueriesContext(connection) as queries:
        window.matches(JobSearch(q="icu nurse"), since=now - timedelta(days=1), limit=5)
    assert len([q for q in queries.captured_queries if "@@" in q["sql"]]) == 1


def test_the_window_knows_every_condition_and_field_of_a_search():
    """A new filter on the search page must be taught to PublishedWindow (job alerts would
    otherwise ignore it): this fails until jobs/new_jobs.py and this list know it."""
    assert {f.name for f in dataclasses.fields(JobSearch)} == {
        "q", "place", "radius", "filters", "min_pay_annual", "posted_within", "sort",
        "qualified_with", "night_differential", "travel", "verbatim",
    }  # fmt: skip
    assert set(MULTI_FILTERS) == {
        "profession", "employment_type", "shift", "workplace_type", "experience_level",
        "credential",
    }  # fmt: skip
    everything = JobSearch(
        place=parse_location("Denver, CO"),
        filters=dict.fromkeys(MULTI_FILTERS, ("x",)),
        min_pay_annual=1,
        posted_within=1,
        qualified_with=((), ()),
        night_differential=True,
        travel=True,
    )
    assert set(everything.conditions(timezone.now())) == CONDITIONS


def test_a_minimum_pay_is_met_by_a_range_reaching_it_exactly():
    now = timezone.now()
    exactly = PublishedJobFactory(
        pay_period=PayPeriod.YEAR,
        pay_min=Decimal(80_000),
        pay_max=Decimal(100_000),
        published_at=now - timedelta(hours=1),
    )
    PublishedJobFactory(
        pay_period=PayPeriod.YEAR,
        pay_min=Decimal(80_000),
        pay_max=Decimal(99_999),
        published_at=now - timedelta(hours=1),
    )
    window = PublishedWindow(since=now - timedelta(days=1), now=now)
    search = JobSearch(min_pay_annual=100_000)
    since = now - timedelta(days=1)
    assert window.matches(search, since=since, limit=5) == [exactly.pk]
    assert in_sql(search, since=since, now=now, limit=5) == [exactly.pk]


def test_the_chunks_of_one_run_share_a_window_that_covers_them(monkeypatch):
    now = timezone.now()
    first = PublishedWindow.shared(since=now - timedelta(days=1), now=now)
    assert PublishedWindow.shared(since=now - timedelta(hours=20), now=now) is first
    wider = PublishedWindow.shared(since=now - timedelta(days=7), now=now)
    assert wider is not first and wider.since == now - timedelta(days=7)
    assert PublishedWindow.shared(since=now - timedelta(days=1), now=now) is wider
    assert (
        PublishedWindow.shared(since=now - timedelta(days=1), now=now + timedelta(minutes=5))
        is not wider
    )
    later_run = PublishedWindow.shared(since=now - timedelta(days=1), now=now)
    monkeypatch.setattr("jobs.new_jobs.REUSE_SECONDS", -1)  # loaded too long ago
    assert PublishedWindow.shared(since=now - timedelta(days=1), now=now) is not later_run
