"""Every form submit gives visible feedback (issue 15): a view that takes a POST and redirects
says what happened with a message (shown as a toast on the next page, in a live region), or
leads to a page that is itself the answer (listed here, with why)."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = ["accounts", "applications", "articles", "candidates", "employers", "jobs", "pages"]
# Redirects whose next page is the feedback.
ANSWERED_BY_THE_NEXT_PAGE = {
    "applications/views.py:_apply": "the confirmation page with the answer-by date",
    "jobs/views.py:external_apply": "the employer's own application page (a counted link)",
}


def post_views_that_redirect():
    for app in APPS:
        for path in sorted((ROOT / app).glob("*views*.py")):
            source = path.read_text()
            for node in ast.parse(source).body:
                if not isinstance(node, ast.FunctionDef):
                    continue
                body = ast.get_source_segment(source, node)
                decorators = [ast.unparse(d) for d in node.decorator_list]
                takes_post = (
                    any("require_POST" in d for d in decorators)
                    or 'request.method == "POST"' in body
                    or "request.POST or None" in body
                )
                if takes_post and "redirect(" in body.replace("redirect_to_login(", ""):
                    yield f"{path.relative_to(ROOT)}:{node.name}", body


def test_every_post_that_redirects_says_what_happened():
    views = dict(post_views_that_redirect())
    silent = [
        name
        for name, body in views.items()
        if "messages." not in body and name not in ANSWERED_BY_THE_NEXT_PAGE
    ]

    assert len(views) >= 30
    assert not silent, f"POST views that redirect without a message: {silent}"
    assert set(ANSWERED_BY_THE_NEXT_PAGE) <= set(views)


def test_messages_are_shown_in_a_live_region_on_every_page():
    base = (ROOT / "templates" / "base.html").read_text()

    assert 'role="status"' in base and "message--{{ message.tags" in base
