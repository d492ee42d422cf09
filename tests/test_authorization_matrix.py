"""The authorization matrix (GUIDE §7): every URL x every role of the standard cast.

The cases live in tests/authz_cases.py. A URL pattern added without a decision there makes
test_every_url_pattern_has_an_authorization_decision fail with its name.
"""

import pytest
from django.contrib import admin
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from tests.authz_cases import (
    ADMIN_EDITORS_MAY_NOT_VIEW,
    ADMIN_EDITORS_MAY_VIEW,
    GET_CASES,
    NOT_ALLOWED,
    NOT_FOUND,
    POST_CASES,
    ROLES,
    SHADOWED,
    World,
    admin_cases,
    admin_model_key,
)

pytestmark = pytest.mark.django_db

ALL_GET_CASES = GET_CASES + admin_cases()


def project_url_patterns(patterns=None, prefix="", namespace=""):
    """(name, route) of every URL pattern, through every include; the admin site's own
    patterns are left to the admin cases (its index and every registered model's list)."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            if inner == "admin":
                continue
            yield from project_url_patterns(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name or route, route


@pytest.fixture
def world(request):
    return World(request)


@pytest.fixture(autouse=True, scope="module")
def _sessions_in_cookies():
    # Where the session is kept plays no part in who may see what; signed cookies spare each
    # sign-in its database round trips (a fifth of this file's run time).
    with override_settings(SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies"):
        yield


# Where a request may write without changing anything of anyone's: sessions (in cookies here
# anyway) and the migration ledger.
UNWATCHED_TABLES = {"django_session", "django_migrations"}


def database_fingerprint() -> dict[str, str]:
    """A digest of every row of every table, in one query: a refused POST must leave it as it
    was, whatever table the view might have touched (the rows an Action names, and all others)."""
    quote = connection.ops.quote_name
    tables = sorted(set(connection.introspection.table_names()) - UNWATCHED_TABLES)
    # Table names from the introspection, quoted: nothing of a request's in this SQL.
    sql = " UNION ALL ".join(
        f"SELECT '{table}', md5(coalesce(string_agg(md5(t::text), '' ORDER BY md5(t::text)), ''))"  # noqa: S608
        f" FROM {quote(table)} t"
        for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(cursor.fetchall())


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(
        table for table in before.keys() | after.keys() if before.get(table) != after.get(table)
    )


def sign_in(client, world, role):
    user = world.user(role)
    if user is not None:
        client.force_login(user)


# The matrix is complete --------------------------------------------------------------------


def test_every_url_pattern_has_an_authorization_decision():
    declared = {case.name for case in ALL_GET_CASES} | set(SHADOWED)
    undecided = [
        f"{name} ({route})" for name, route in project_url_patterns() if name not in declared
    ]
    assert not undecided, (
        "URL patterns without a line in the authorization matrix (tests/authz_cases.py): "
        + ", ".join(undecided)
    )


def test_the_matrix_names_only_existing_url_patterns():
    existing = {name for name, _ in project_url_patterns()}
    stale = {case.name for case in GET_CASES + POST_CASES} - existing
    assert not stale, f"cases for URL patterns that no longer exist: {sorted(stale)}"


def test_every_registered_admin_model_has_a_decision_for_editors():
    registered = {admin_model_key(model) for model in admin.site._registry}
    undecided = registered - ADMIN_EDITORS_MAY_VIEW - ADMIN_EDITORS_MAY_NOT_VIEW
    assert not undecided, (
        "admin models without a decision for the Editors group (tests/authz_cases.py): "
        + ", ".join(sorted(undecided))
    )
    assert not (ADMIN_EDITORS_MAY_VIEW & ADMIN_EDITORS_MAY_NOT_VIEW)


def test_every_post_only_url_pattern_has_a_post_case():
    # A URL that answers GET with 405 exists to change something: the matrix must show who may.
    post_only = {case.name for case in ALL_GET_CASES if NOT_ALLOWED in case.expect.values()}
    without = post_only - {action.name for action in POST_CASES}
    assert not without, f"POST-only URL patterns without a POST case: {sorted(without)}"


def test_every_url_pattern_with_an_id_has_a_case_for_someone_elses_object():
    # An id in a URL is a guess away from someone else's object: for each, some signed-in role
    # that is not its owner must be answered 404, by GET or by POST.
    refused = {
        case.name
        for case in ALL_GET_CASES + POST_CASES
        if any(outcome == NOT_FOUND for role, outcome in case.expect.items() if role != "guest")
    }
    with_ids = {name for name, route in project_url_patterns() if "<int:" in route}
    without = with_ids - refused
    assert not without, (
        "URL patterns with an id and no case where someone else's object is a 404: "
        + ", ".join(sorted(without))
    )


def test_case_ids_are_unique():
    get_ids = [case.id for case in ALL_GET_CASES]
    post_ids = [case.id for case in POST_CASES]
    assert len(get_ids) == len(set(get_ids))
    assert len(post_ids) == len(set(post_ids))


def test_shadowed_patterns_are_answered_by_the_pattern_before_them():
    for name, answered_by in SHADOWED.items():
        assert resolve(reverse(name)).view_name == answered_by


# GET and POST: every case x every role ---------------------------------------------------
#
# One test per case asks it as each role in turn, each inside a savepoint rolled back after it:
# the world is built once per case instead of once per role, and a failing case lists every role
# it fails for at once.


def as_each_role(world, ask) -> list[str]:
    """Run `ask(client, role)` for every role, each with a fresh client, an empty cache (rate
    limits) and a savepoint rolled back afterwards; the problems found, one line each."""
    for role in ROLES:
        world.user(role)  # the cast exists before any savepoint
    problems = []
    for role in ROLES:
        cache.clear()
        client = Client()
        sign_in(client, world, role)
        savepoint = transaction.savepoint()
        try:
            problem = ask(client, role)
        except Exception as error:  # noqa: BLE001 (a crash is one more line of the report)
            problem = f"as {role}: {type(error).__name__}: {error}"
        finally:
            transaction.savepoint_rollback(savepoint)
        if problem:
            problems.append(problem)
    return problems


@pytest.mark.parametrize("case", ALL_GET_CASES, ids=lambda case: case.id)
def test_get(world, case):
    path = case.path(world)
    assert resolve(path.split("?")[0]).view_name == case.name, f"{path} is not {case.name}"

    def ask(client, role):
        response = client.get(path)
        if response.status_code >= 500:
            return f"GET {path} as {role}: {response.status_code}"
        problem = case.expect[role].mismatch(response, path, world)
        return problem and f"GET {path} as {role}: {problem}"

    problems = as_each_role(world, ask)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("action", POST_CASES, ids=lambda action: action.id)
def test_post(world, action):
    path = action.path(world)
    assert resolve(path).view_name == action.name, f"{path} is not {action.name}"
    action.data(world), action.state(world)  # their objects exist before any savepoint

    def ask(client, role):
        data = action.data(world)
        before = action.state(world)
        refused = role not in action.acts | action.elsewhere
        everything_before = database_fingerprint() if refused else None

        response = client.post(path, data)

        if response.status_code >= 500:
            return f"POST {path} as {role}: {response.status_code}"
        problem = action.expect[role].mismatch(response, path, world)
        if problem:
            return f"POST {path} as {role}: {problem}"
        after = action.state(world)
        if role in action.acts and after == before:
            return f"POST {path} as {role} should have changed {before}"
        if role not in action.acts and after != before:
            return f"POST {path} as {role} changed {before} to {after}"
        touched = refused and changed_tables(everything_before, database_fingerprint())
        return touched and f"POST {path} as {role} was refused but wrote to {touched}"

    problems = as_each_role(world, ask)
    assert not problems, "\n".join(problems)


# Nothing of one company shows on another company's pages -----------------------------------

OWN_COMPANY_PAGES = [
    "employers:dashboard",
    "employers:company",
    "employers:team",
    "employers:plan",
    "jobs_dashboard:list",
    "jobs_dashboard:new",
    "applications_dashboard:inbox",
    "applications_dashboard:inbox_export",
    "pricing:index",
]


@pytest.mark.parametrize("name", OWN_COMPANY_PAGES)
def test_other_company_sees_nothing_of_lakeside_on_its_own_pages(client, world, name):
    lakeside = [
        world.company.name,
        world.owner.email,
        world.recruiter_membership.user.email,
        world.invitation.email,
        world.draft.title,
        world.published.title,
        world.closed.title,
        world.application.candidate.email,
        world.application.candidate.full_name,
        world.note.body,
    ]
    client.force_login(world.user("other_employer"))

    response = client.get(reverse(name))

    page = text_of(response)
    leaked = [text for text in lakeside if text in page]
    assert not leaked, f"{name} shows Summit's owner Lakeside's {leaked}"


@pytest.mark.parametrize(
    "name", ["applications_dashboard:inbox", "applications_dashboard:applicant"]
)
def test_lakeside_sees_nothing_of_summits_applicants_or_notes(client, world, name):
    lakeside, summit = world.application, world.summit_application
    path = (
        reverse(name, args=[world.application.pk]) if name.endswith("applicant") else reverse(name)
    )
    client.force_login(world.user("employer_owner"))

    page = text_of(client.get(path))

    assert lakeside.candidate.full_name in page
    summits = [summit.candidate.email, summit.candidate.full_name, "Summit note"]
    leaked = [text for text in summits if text in page]
    assert not leaked, f"{path} shows Summit's {leaked}"


# Public listings show only what the public may see ----------------------------------------


def text_of(response) -> str:
    assert response.status_code == 200
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


JOB_LISTINGS = [
    "/",
    "/jobs/",
    "/jobs/feed/",
    "/jobs/feed.xml",
    "/sitemap.xml?section=jobs",
    "/companies/lakeside-health/",
]
ARTICLE_LISTINGS = ["/blog/", "/blog/feed/", "/sitemap.xml?section=articles"]


@pytest.mark.parametrize("path", JOB_LISTINGS)
def test_job_listings_show_live_jobs_only(client, world, path):
    hidden = [world.draft, world.pending, world.paused, world.closed, world.expired]
    live = world.published

    page = text_of(client.get(path))

    assert live.get_absolute_url() in page
    shown = [job.status for job in hidden if job.get_absolute_url() in page]
    assert not shown, f"{path} lists jobs that are {shown}"


@pytest.mark.parametrize("role", ["guest", "staff_editor"])
@pytest.mark.parametrize("path", ARTICLE_LISTINGS)
def test_article_listings_show_published_articles_only(client, world, path, role):
    sign_in(client, world, role)
    hidden = [world.draft_article, world.scheduled_article]
    published = world.article

    page = text_of(client.get(path))

    assert published.get_absolute_url() in page
    shown = [article.status for article in hidden if article.get_absolute_url() in page]
    assert not shown, f"{path} lists articles that are {shown}"
