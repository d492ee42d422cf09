"""docker-compose.yml shows the stack spread as over several machines: replicas of the web and
the workers, one beat, a primary and a streaming replica behind PgBouncer, Redis, and a front
that spreads requests. Read as YAML (Docker need not be installed to run the suite)."""

import configparser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def services():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


@pytest.fixture(scope="module")
def pgbouncer_ini():
    parser = configparser.ConfigParser()
    parser.read_string((ROOT / "deploy/pgbouncer/pgbouncer.ini").read_text())
    return parser


def replicas(service):
    return service.get("deploy", {}).get("replicas", 1)


def test_every_part_of_the_stack_is_a_service(services):
    assert {"web", "worker", "beat", "db", "db-replica", "pgbouncer", "redis", "proxy"} <= set(
        services
    )


def test_two_web_and_two_worker_replicas_and_exactly_one_beat(services):
    assert replicas(services["web"]) == 2
    assert replicas(services["worker"]) == 2
    assert replicas(services["beat"]) == 1
    assert "beat" in services["beat"]["command"] and "beat" not in services["worker"]["command"]
    # Replicas cannot share a published port: only the front publishes one.
    assert "ports" not in services["web"]
    assert services["proxy"]["ports"] == ["8000:8000"]


def test_the_app_reaches_postgres_through_pgbouncer_in_transaction_mode(services, pgbouncer_ini):
    for name in ["web", "worker", "beat"]:
        environment = services[name]["environment"]
        primary = urlsplit(environment["DATABASE_URL"])
        replica = urlsplit(environment["DATABASE_REPLICA_URL"])
        assert (primary.hostname, primary.port) == ("pgbouncer", 6432)
        assert (replica.hostname, replica.port) == ("pgbouncer", 6432)
        assert environment["DATABASE_PGBOUNCER"] == "true"
        # Each name PgBouncer is asked for leads to the right server.
        primary_entry = pgbouncer_ini["databases"][primary.path.lstrip("/")]
        replica_entry = pgbouncer_ini["databases"][replica.path.lstrip("/")]
        assert "host=db " in primary_entry and "host=db-replica " in replica_entry
    assert pgbouncer_ini["pgbouncer"]["pool_mode"] == "transaction"
    assert pgbouncer_ini["pgbouncer"]["listen_port"] == "6432"


def test_migrations_go_straight_to_the_primary(services):
    environment = services["migrate"]["environment"]
    assert urlsplit(environment["DATABASE_URL"]).hostname == "db"
    assert environment["DATABASE_REPLICA_URL"] == ""
    for name in ["web", "worker", "beat"]:
        assert "migrate" in services[name]["depends_on"]


def test_the_replica_streams_from_the_primary(services):
    replica = services["db-replica"]
    assert replica["environment"]["PRIMARY_HOST"] == "db"
    entrypoint = (ROOT / "deploy/postgres/replica-entrypoint.sh").read_text()
    assert "pg_basebackup" in entrypoint and "--write-recovery-conf" in entrypoint
    init = (ROOT / "deploy/postgres/primary-init.sh").read_text()
    assert "REPLICATION LOGIN" in init and "host replication replicator" in init
    mounted = [volume.split(":")[0] for volume in services["db"]["volumes"]]
    assert "./deploy/postgres/primary-init.sh" in mounted
    for path in ["deploy/postgres/primary-init.sh", "deploy/postgres/replica-entrypoint.sh"]:
        assert (ROOT / path).stat().st_mode & 0o111, f"{path} must be executable"


def test_resumes_are_shared_by_every_replica_but_never_served_by_the_front(services):
    for name in ["web", "worker", "beat"]:
        targets = {
            volume.split(":")[1]: volume.split(":")[0] for volume in services[name]["volumes"]
        }
        assert targets["/app/var/private"] == "private"
        assert targets["/app/var/media"] == "media"
    front = [volume.split(":")[0] for volume in services["proxy"]["volumes"]]
    assert "private" not in front and "media" in front
    assert "/private" not in (ROOT / "deploy/nginx.conf").read_text()
