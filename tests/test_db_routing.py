"""The read replica (DATABASE_REPLICA_URL): safe requests read from it, writes and transactions
go to the primary, and a client that just wrote reads the primary (read-your-writes).

The replica here is a second alias on the primary's test database, as Django's
`TEST: {"MIRROR": "default"}` arranges: each query's alias shows where it went, and committed
rows (transactional tests) are visible on both."""

import copy

import pytest
from django.db import connections, router, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from candidates.models import SavedJob
from infra.db_routing import PIN_COOKIE, replica_reads
from jobs.models import Job
from tests.factories import CandidateFactory, PublishedJobFactory


@pytest.fixture(scope="module")
def replica_alias(django_db_setup):
    """A "replica" alias on the primary's test database, as DATABASE_REPLICA_URL's
    `TEST: {"MIRROR": "default"}` makes it. Module-scoped, so that it exists before each
    test's database access is set up (which checks the aliases a test may use)."""
    alias_settings = copy.deepcopy(connections["default"].settings_dict)
    alias_settings["TEST"] = {**alias_settings.get("TEST", {}), "MIRROR": "default"}
    connections.settings["replica"] = alias_settings
    yield
    connections["replica"].close()
    del connections["replica"]
    del connections.settings["replica"]


pytestmark = [
    pytest.mark.usefixtures("replica_alias"),
    pytest.mark.django_db(transaction=True, databases=["default", "replica"]),
]


@pytest.fixture
def replica(settings):
    """The router and the pin middleware, as settings add them with DATABASE_REPLICA_URL
    (tests/test_scale_out_settings.py)."""
    settings.DATABASE_ROUTERS = ["infra.db_routing.ReplicaRouter"]
    settings.MIDDLEWARE = ["infra.db_routing.PrimaryPinMiddleware", *settings.MIDDLEWARE]
    settings.DATABASE_REPLICA_PIN_SECONDS = 10
    return connections["replica"]


class Queries:
    """The SQL each alias ran during the block."""

    def __enter__(self):
        self.primary = CaptureQueriesContext(connections["default"])
        self.replica = CaptureQueriesContext(connections["replica"])
        self.primary.__enter__()
        self.replica.__enter__()
        return self

    def __exit__(self, *exc):
        self.replica.__exit__(*exc)
        self.primary.__exit__(*exc)


def test_an_anonymous_job_page_reads_only_from_the_replica(replica, client):
    job = PublishedJobFactory(title="Night Charge Nurse")

    with Queries() as queries:
        response = client.get(job.get_absolute_url())

    assert response.status_code == 200
    assert "Night Charge Nurse" in response.text
    assert len(queries.replica) > 0
    assert len(queries.primary) == 0
    assert PIN_COOKIE not in response.cookies


def test_search_reads_from_the_replica(replica, client):
    PublishedJobFactory(title="Wound Care Nurse")

    with Queries() as queries:
        response = client.get(reverse("jobs:search"), {"q": "wound care"})

    assert response.status_code == 200
    assert "Wound Care Nurse" in response.text
    assert len(queries.replica) > 0
    assert len(queries.primary) == 0


def test_a_post_writes_to_the_primary_and_pins_the_client_there(replica, client):
    candidate = CandidateFactory()
    job = PublishedJobFactory()
    client.force_login(candidate)

    with Queries() as queries:
        response = client.post(reverse("candidates:save_job", args=[job.pk]))

    assert response.status_code in {200, 302}
    assert SavedJob.objects.filter(user=candidate, job=job).exists()
    assert len(queries.replica) == 0
    pin = response.cookies[PIN_COOKIE]
    assert pin["max-age"] == 10 and pin["httponly"]

    # The next page shows what the candidate just saved even if the replica lags: it reads
    # the primary while the pin cookie lasts.
    with Queries() as queries:
        response = client.get(reverse("candidates:saved"))

    assert response.status_code == 200
    assert job.title in response.text
    assert len(queries.replica) == 0
    assert len(queries.primary) > 0


def test_a_signed_in_client_without_recent_writes_reads_the_replica(replica, client):
    candidate = CandidateFactory()
    client.force_login(candidate)

    with Queries() as queries:
        response = client.get(reverse("candidates:saved"))

    assert response.status_code == 200
    assert len(queries.replica) > 0
    # Nothing of a plain page view is written, so nothing is read from the primary either.
    assert len(queries.primary) == 0


def test_once_the_pin_expires_the_client_reads_the_replica_again(replica, client):
    job = PublishedJobFactory()
    client.cookies[PIN_COOKIE] = "1"

    with Queries() as queries:
        client.get(job.get_absolute_url())
    assert len(queries.replica) == 0 and len(queries.primary) > 0

    del client.cookies[PIN_COOKIE]  # what the browser does after max-age
    with Queries() as queries:
        client.get(job.get_absolute_url())
    assert len(queries.replica) > 0 and len(queries.primary) == 0


def test_reads_inside_a_transaction_go_to_the_primary(replica):
    with replica_reads():
        assert Job.objects.all().db == "replica"
        with transaction.atomic():
            assert Job.objects.all().db == "default"
            assert router.db_for_read(SavedJob) == "default"
        assert Job.objects.all().db == "replica"


def test_a_write_sends_the_rest_of_the_request_to_the_primary(replica):
    job = PublishedJobFactory()

    with replica_reads() as state:
        assert Job.objects.all().db == "replica"
        with Queries() as queries:
            Job.objects.filter(pk=job.pk).update(title="Renamed")
            assert Job.objects.get(pk=job.pk).title == "Renamed"

    assert state.wrote
    assert len(queries.replica) == 0


def test_writes_and_locking_reads_always_go_to_the_primary(replica):
    with replica_reads():
        assert router.db_for_write(Job) == "default"
    with replica_reads():
        assert Job.objects.select_for_update().db == "default"
    with replica_reads():
        assert Job.objects.all().db == "replica"


def test_outside_a_request_everything_reads_the_primary(replica):
    # Celery tasks and commands: their claims and read-then-write steps never see a stale row.
    assert Job.objects.all().db == "default"
    assert router.db_for_read(Job) == "default"


def test_the_replica_is_never_migrated(replica):
    assert router.allow_migrate("default", "jobs")
    assert not router.allow_migrate("replica", "jobs")
