"""The shape of the code: layers and cycles (GUIDE.md section 1), one definition of a live job."""

import ast
from pathlib import Path

import grimp

from jobs.models import Job

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["config", "demo", "pages", "articles", "candidates", "jobs", "employers", "accounts"]
PACKAGES += [p for p in ("applications", "notifications", "infra") if (ROOT / p).is_dir()]


def strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm: the groups of modules that import each other, directly or not."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for child in graph[node]:
            if child not in index:
                visit(child)
                low[node] = min(low[node], low[child])
            elif child in on_stack:
                low[node] = min(low[node], index[child])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            groups.append(group)

    for node in graph:
        if node not in index:
            visit(node)
    return groups


def import_graph():
    built = grimp.build_graph(*PACKAGES, include_external_packages=False, cache_dir=None)
    modules = {m for m in built.modules if ".migrations" not in m}
    return built, {m: built.find_modules_directly_imported_by(m) & modules for m in modules}


def test_the_import_graph_sees_imports_inside_function_bodies():
    built, _ = import_graph()
    # jobs/tasks.py imports jobs.view_counts inside a task's body: the graph must count it.
    assert "jobs.view_counts" in built.find_modules_directly_imported_by("jobs.tasks")


def test_no_module_takes_part_in_an_import_cycle():
    _, graph = import_graph()
    cycles = [sorted(group) for group in strongly_connected(graph) if len(group) > 1]
    assert cycles == []


def _status_literals(path: Path):
    """(line, value) of job status strings given to a `status` lookup or written in SQL."""
    statuses = set(Job.Status.values)
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.keyword) and node.arg and node.arg.split("__")[-1] == "status":
            values = [node.value]
            if isinstance(node.value, (ast.Tuple, ast.List, ast.Set)):
                values = node.value.elts
            for value in values:
                if isinstance(value, ast.Constant) and value.value in statuses:
                    yield node.value.lineno, value.value
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value.lower()
            for status in statuses:
                if f"status = '{status}'" in text or f"status='{status}'" in text:
                    yield node.lineno, status
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            if any("JOB_STATUS" in name for name in names):
                yield node.lineno, node.value.value


def test_no_job_status_literal_outside_the_jobs_app():
    found = []
    for package in PACKAGES:
        if package == "jobs":
            continue
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            found += [
                f"{path.relative_to(ROOT)}:{line} {value}" for line, value in _status_literals(path)
            ]
    assert found == []


def test_live_jobs_are_defined_once_and_used_by_the_job_model(db):
    from django.utils import timezone

    from jobs.models import live_job_q
    from tests.factories import PublishedJobFactory

    live = PublishedJobFactory()
    ended = PublishedJobFactory(expires_at=timezone.now())
    assert list(Job.objects.published()) == [live]
    assert list(Job.objects.filter(live_job_q())) == [live]
    assert (live.is_open, ended.is_open) == (True, False)
