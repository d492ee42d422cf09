"""In-process checks of the benchmark pages: SQL queries per page, and whether each search's
first page and count agree with a straightforward reference query.

Run by bench/run.py inside the benchmark's environment: `python -m bench.probe PATH...`; prints
one JSON object {path: {"queries": n, "check": "..."}}.
"""

import json
import sys
from urllib.parse import parse_qs, urlsplit

REFERENCE_SAMPLE = 20


def reference_check(path: str, response) -> str:
    """Compare the page with JobSearch.queryset(), which orders every match with no shortcut."""
    from django.http import QueryDict

    from jobs.search import JobSearchForm

    results = response.context["results"]
    shown = [job.pk for job in results.jobs]
    params = QueryDict(urlsplit(path).query)
    search = JobSearchForm(params).search()
    exact = search.queryset()
    problems = []
    # Every job shown must match the search.
    if exact.filter(pk__in=shown).count() != len(set(shown)):
        problems.append("shows jobs outside the search")
    if len(shown) != len(set(shown)):
        problems.append("shows a job twice")
    # Newest-first and pay order: the page must be exactly the reference page.
    if search.effective_sort != "relevance":
        page = int(params.get("page") or 1)
        start = (page - 1) * REFERENCE_SAMPLE
        expected = list(exact.values_list("pk", flat=True)[start : start + REFERENCE_SAMPLE])
        if expected != shown:
            problems.append("order differs from the reference")
    # The count: exact below the cap, "at least" above it.
    count = exact.count()
    shown_total = results.total
    capped = getattr(results, "total_is_capped", False)
    if capped and count < shown_total:
        problems.append(f"count {shown_total}+ but only {count} match")
    if not capped and count != shown_total:
        problems.append(f"count {shown_total}, exact {count}")
    return "; ".join(problems) or "ok"


def main(paths):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()  # records each response's template context (and allows testserver)
    import os

    from django.conf import settings

    cookies = json.loads(os.environ.get("BENCH_PROBE_COOKIES") or "{}")
    report = {}
    for path in paths:
        client = Client()
        if path in cookies:
            name, value = cookies[path].split("=", 1)
            client.cookies[name] = value
            assert name == settings.SESSION_COOKIE_NAME  # noqa: S101 - a benchmark self-check
        client.get(path)  # warm caches the way the timed runs do
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        entry = {"queries": len(queries), "status": response.status_code}
        if urlsplit(path).path == "/jobs/" and parse_qs(urlsplit(path).query):
            entry["check"] = reference_check(path, response)
        report[path] = entry
    print(json.dumps(report))


if __name__ == "__main__":
    import django

    django.setup()
    main(sys.argv[1:])
