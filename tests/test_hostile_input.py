"""Hostile input (issue 14 item 2): the corpus of tests/hostile_corpus.py through every form field
and every GET parameter of the site, found the way a visitor finds them.

For each page of the authorization matrix (tests/authz_cases.py, the admin's pages aside), each of
a guest, the candidate and Lakeside's owner who may open it renders it; every <form> on it is read
with an HTML parser. A POST form is sent once as rendered (with the matrix's valid data for its
URL, where the page leaves fields empty) and then once per field and corpus category, that field
hostile and the others as before, each in a savepoint rolled back afterwards. A GET form's inputs,
and the parameters the listings read (q, where, page, sort), get the corpus in the query string.

Whatever the answer: no 5xx; no payload of ours where it would run (a <script> or <style> with our
text, an on* or style attribute with it, a javascript:/data: URL with it, a template evaluated);
no redirect off the site or to a script URL; no email header with a line break. A refused POST
changes no row of any table, and its errors name the hostile field (an error on a field that was
fine before is half a refusal). An accepted POST's pages, and the emails it queued, pass the same
checks.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from urllib.parse import urlencode, urljoin, urlsplit

import lxml.html
import pytest
from django import forms as django_forms
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings
from django.urls import Resolver404, resolve

from notifications.models import Notification
from tests.authz_cases import GET_CASES, OK, POST_CASES, World
from tests.hostile_corpus import CORPUS, EVALUATED, MARK, SENDS, sample
from tests.test_authorization_matrix import changed_tables, database_fingerprint

pytestmark = pytest.mark.django_db

ROLES = ("guest", "candidate", "employer_owner")
PAGES = [case for case in GET_CASES if not case.name.startswith(("admin", "mfa_"))]
# Parameters the listings read besides their forms' own inputs.
KNOWN_PARAMS = ("q", "where", "page", "sort")
SKIPPED_INPUTS = {"submit", "button", "image", "reset", "file"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "poster"}
SCRIPT_URL = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)

# A form or parameter met on several pages (the header's search box) is tried once.
SEEN: set = set()
TRIED: Counter = Counter()  # category -> fields and parameters that got it
SENT: Counter = Counter()  # method -> requests

# The matrix's valid data for a URL, where a page renders its form empty.
VALID = {}
for action in POST_CASES:
    VALID.setdefault(action.name, action.data)
# A city needs its state (a refusal that rightly names the other field): a valid pair.
VALID["candidates:about"] = lambda world: {"city": "Denver", "state": "CO"}


@pytest.fixture(autouse=True, scope="module")
def _sessions_in_cookies():
    with override_settings(SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies"):
        yield


@pytest.fixture
def world(request):
    return World(request)


# What must never be on a page -------------------------------------------------------------


def flat(value: str) -> str:
    return re.sub(r"[\s\x00-\x1f]+", "", value)


def dom_problems(html: str, where: str) -> list[str]:
    if MARK not in html:
        return []
    problems = []
    document = lxml.html.document_fromstring(html)
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag in ("script", "style") and MARK in (element.text or ""):
            problems.append(f"{where}: our text inside <{tag}>")
        for attribute, value in element.attrib.items():
            if MARK not in value:
                continue
            name = attribute.lower()
            if name.startswith("on") or name == "style":
                problems.append(f"{where}: our text in a {name}= attribute of <{tag}>")
            elif name in URL_ATTRIBUTES and SCRIPT_URL.match(flat(value)):
                problems.append(f"{where}: a script URL of ours in {name}= of <{tag}>")
    text = document.text_content()
    problems += [f"{where}: a template evaluated ({sign!r})" for sign in EVALUATED if sign in text]
    return problems


def response_problems(response, where: str) -> list[str]:
    if response.status_code >= 500:
        return [f"{where}: {response.status_code}"]
    problems = []
    location = response.get("Location", "")
    if location:
        target = urlsplit(location.strip())
        if SCRIPT_URL.match(flat(location)) or target.netloc not in ("", "testserver"):
            problems.append(f"{where}: redirect to {location[:120]!r}")
    if "html" in response.get("Content-Type", "") and not response.streaming:
        problems += dom_problems(response.content.decode(errors="replace"), where)
    return problems


def email_problems(since: int, where: str) -> list[str]:
    problems = []
    for email in Notification.objects.filter(pk__gt=since):
        headers = [email.to_email, email.subject, *map(str, email.reply_to)]
        headers += [str(value) for value in email.headers.values()]
        if any("\r" in header or "\n" in header for header in headers):
            problems.append(f"{where}: an email header with a line break ({email.kind})")
        problems += dom_problems(email.body_html, f"{where}, email {email.kind}")
    return problems


# Reading forms off a page -----------------------------------------------------------------


def page_forms(html: str):
    try:
        return lxml.html.document_fromstring(html).forms
    except Exception:  # noqa: BLE001 (an empty or non-HTML body has no forms)
        return []


def hidden_fields_of(form) -> set[str]:
    return {
        control.get("name")
        for control in form.inputs
        if control.tag == "input" and (control.get("type") or "").lower() == "hidden"
    }


def fields_of(form) -> list[str]:
    names = []
    for control in form.inputs:
        name = control.get("name")
        kind = (control.get("type") or "text").lower() if control.tag == "input" else control.tag
        if name and name != "csrfmiddlewaretoken" and kind not in SKIPPED_INPUTS:
            names.append(name)
    return list(dict.fromkeys(names))


def rendered_values(form) -> list[tuple[str, str]]:
    pairs = [(name, value) for name, value in form.form_values() if name != "csrfmiddlewaretoken"]
    for button in form.xpath(".//button[@name] | .//input[@type='submit'][@name]"):
        pairs.append((button.get("name"), button.get("value") or ""))
        break  # the first submit button, as pressing Enter would
    return pairs


def baseline(form, view_name: str, world) -> list[tuple[str, str]]:
    pairs = rendered_values(form)
    valid = VALID.get(view_name)
    if valid is None:
        return pairs
    overrides = {
        name: value
        for name, value in valid(world).items()
        if name in fields_of(form) and not hasattr(value, "read")
    }
    kept = [(name, value) for name, value in pairs if name not in overrides]
    for name, value in overrides.items():
        values = value if isinstance(value, list | tuple) else [value]
        kept += [(name, str(item)) for item in values]
    return kept


def with_field(pairs, field: str, payload) -> list[tuple[str, str | bytes]]:
    replaced = [(name, value) for name, value in pairs if name != field]
    return [*replaced, (field, payload)]


# Judging one POST -------------------------------------------------------------------------


def bound_forms(response):
    context = response.context
    if context is None:
        return []
    found = []
    for layer in context:
        for value in layer.dicts if hasattr(layer, "dicts") else [layer]:
            if isinstance(value, dict):
                found += [v for v in value.values() if isinstance(v, django_forms.BaseForm)]
    return [form for form in found if form.is_bound]


def error_fields(response) -> set[str] | None:
    """The fields (by their names in the POST) that the response's forms say are wrong, "__all__"
    for errors of no field; None when the POST was accepted (a redirect without an error)."""
    errors: set[str] = set()
    for form in bound_forms(response):
        for field, _ in form.errors.items():
            errors.add("__all__" if field == "__all__" else form.add_prefix(field))
    if response.status_code in (301, 302, 303):
        refused = [m for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
        if not errors and not refused:
            return None
        errors |= {"(message) " + str(m) for m in refused}
    return errors


def kinds(errors: set[str]) -> set[str]:
    """The fields named, with every page message as one "(message)"."""
    return {"(message)" if error.startswith("(message)") else error for error in errors}


def post(client, path: str, pairs) -> object:
    body = urlencode(pairs, doseq=False)
    return client.generic("POST", path, body, content_type="application/x-www-form-urlencoded")


def try_form(signed_in, world, role, page_path, form) -> list[str]:
    action = urljoin(page_path, form.get("action") or page_path)
    try:
        view_name = resolve(urlsplit(action).path).view_name
    except Resolver404:
        return [f"{page_path}: a form posts to {action}, which is no URL of the site"]
    fields = fields_of(form)
    key = (view_name, tuple(sorted(fields)))
    if key in SEEN or not fields:
        return []
    SEEN.add(key)
    pairs = baseline(form, view_name, world)

    hidden = hidden_fields_of(form)
    visible = [name for name in fields if name not in hidden]
    rows_before = database_fingerprint()  # the same before each try: each is rolled back
    savepoint = transaction.savepoint()
    try:
        plain = post(signed_in(), action, pairs)
        plain_errors = error_fields(plain) or set()
    finally:
        transaction.savepoint_rollback(savepoint)

    problems = []
    for turn, field in enumerate(fields):
        for categories in SENDS:
            payload = sample(categories, turn)
            TRIED.update(categories)
            SENT["POST"] += 1
            where = f"POST {action} as {role}, {field}={'+'.join(categories)}"
            cache.clear()
            savepoint = transaction.savepoint()
            try:
                # A fresh sign-in each time: a POST may have signed out (or deleted) its sender.
                client = signed_in()
                # Where a refusal may name the field: next to it, or at the top of the form for a
                # hidden one (nobody could see it next to it), or in the page's message when it
                # is the form's one field, or the form is a button with no visible field at all.
                naming = {field}
                if field in hidden:
                    naming.add("__all__")
                if (len(visible) == 1 and field in visible) or not visible:
                    naming.add("(message)")
                problems += judge_post(
                    client, action, pairs, field, naming, payload, plain_errors, rows_before, where
                )
            except Exception as error:  # noqa: BLE001 (a crash is one more line of the report)
                problems.append(f"{where}: {type(error).__name__}: {error}")
            finally:
                transaction.savepoint_rollback(savepoint)
    return problems


def judge_post(
    client, action, pairs, field, naming, payload, plain_errors, rows_before, where
) -> list[str]:
    last_email = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    response = post(client, action, with_field(pairs, field, payload))

    problems = response_problems(response, where)
    errors = error_fields(response)
    if errors is None:  # accepted: what it stored shows safely, in pages and in emails
        problems += email_problems(last_email, where)
        target = response.get("Location")
        if target and not SCRIPT_URL.match(flat(target)):
            problems += response_problems(client.get(target), f"{where}, then GET {target}")
        return problems
    touched = changed_tables(rows_before, database_fingerprint())
    if touched:
        problems.append(f"{where}: refused, but wrote to {touched}")
    new = kinds(errors) - kinds(plain_errors)
    if new - naming:
        problems.append(f"{where}: refused naming {sorted(errors - plain_errors)}, not {field}")
    elif errors and not kinds(errors) & naming and not plain_errors:
        problems.append(f"{where}: refused without naming {field}: {sorted(errors)}")
    return problems


# Judging one GET parameter ----------------------------------------------------------------


def get_params(page_path: str, forms) -> dict[str, set[str]]:
    """Where each GET form sends its inputs (the header's search box goes to /jobs/ from every
    page), with the parameters listings read besides."""
    params: dict[str, set[str]] = {}
    for form in forms:
        if (form.get("method") or "get").lower() == "get":
            action = urlsplit(urljoin(page_path, form.get("action") or page_path)).path
            params.setdefault(action, set(KNOWN_PARAMS)).update(fields_of(form))
    return params


def try_params(client, role, base, params) -> list[str]:
    problems = []
    try:
        view_name = resolve(base).view_name
    except Resolver404:
        return [f"a GET form sends to {base}, which is no URL of the site"]
    for turn, param in enumerate(sorted(params)):
        key = (view_name, param)
        if key in SEEN:
            continue
        SEEN.add(key)
        for categories in SENDS:
            payload = sample(categories, turn)
            TRIED.update(categories)
            SENT["GET"] += 1
            query = urlencode({param: payload})
            where = f"GET {base}?{param}={'+'.join(categories)} as {role}"
            cache.clear()
            try:
                problems += response_problems(client.get(f"{base}?{query}"), where)
            except Exception as error:  # noqa: BLE001
                problems.append(f"{where}: {type(error).__name__}: {error}")
    return problems


# The walk ---------------------------------------------------------------------------------


@pytest.mark.parametrize("case", PAGES, ids=lambda case: case.id)
def test_hostile_input_through_every_form_and_parameter(world, case):
    for role in ROLES:
        world.user(role)
    path = case.path(world)
    problems = []
    for role in ROLES:
        if case.expect[role] != OK:
            continue

        client = Client()
        if (user := world.user(role)) is not None:
            client.force_login(user)

        def signed_in(template=client):
            # The session is in its cookie: a copy signs in again without writing a row.
            fresh = Client()
            fresh.cookies = copy.deepcopy(template.cookies)
            return fresh

        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        forms = page_forms(response.content.decode())
        for form in forms:
            if (form.get("method") or "get").lower() == "post":
                problems += try_form(signed_in, world, role, path, form)
        for action, params in get_params(path, forms).items():
            problems += try_params(client, role, action, params)
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_every_category_was_tried():
    # Runs after the walk above: it tried every category (and prints the figure).
    if not TRIED:
        pytest.skip("the walk did not run (deselected)")
    assert set(TRIED) == set(CORPUS), f"categories never tried: {set(CORPUS) - set(TRIED)}"
    # Each field and parameter got every category: all counts are the same.
    assert len(set(TRIED.values())) == 1, f"categories tried unevenly: {dict(TRIED)}"
    print(f"\nhostile inputs: {dict(SENT)} requests, {TRIED['script']} fields and parameters")


# The checks themselves can fail -----------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        f"<p><script>alert('{MARK}')</script></p>",
        f"<p><img src=x onerror=alert('{MARK}')></p>",
        f'<input value="" autofocus onfocus="alert(\'{MARK}\')">',
        f"<a href=\" JaVa\tScRiPt:alert('{MARK}')\">x</a>",
        f"<a href=\"data:text/html,<script>alert('{MARK}')</script>\">x</a>",
        f"<svg onload=alert('{MARK}')></svg>",
        f"<div style=\"background:url(javascript:alert('{MARK}'))\">x</div>",
        f"<style></style><p>49{MARK}</p>",
    ],
)
def test_the_page_check_sees_a_payload_that_would_run(html):
    assert dom_problems(f"<!DOCTYPE html><html><body>{html}</body></html>", "page")


def test_the_page_check_lets_escaped_payloads_be():
    escaped = "".join(
        f"<p>{payload}</p><input value='{payload}'><a href='/jobs/?q={payload}'>x</a>"
        for payload in (
            f"&lt;script&gt;alert('{MARK}')&lt;/script&gt;",
            f"&lt;img src=x onerror=alert('{MARK}')&gt;",
            f"javascript:alert(&quot;{MARK}&quot;)",
            f"{{{{ 7*7 }}}}{MARK}",
        )
    )
    assert dom_problems(f"<!DOCTYPE html><html><body>{escaped}</body></html>", "page") == []
