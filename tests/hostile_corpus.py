"""Hostile input, by category: what tests/test_hostile_input.py pushes through every form field
and every GET parameter it discovers.

Every payload carries MARK, so a check can tell our text from the page's own. BROKEN_UTF8 values
are bytes: they are sent as they are (in a POST body) or percent-encoded (in a query string), never
decoded first.
"""

MARK = "hcXSS"

CORPUS: dict[str, list[str | bytes]] = {
    "script": [
        f"<script>alert('{MARK}')</script>",
        f'"><script>alert("{MARK}")</script>',
        f"</textarea></title><script>alert('{MARK}')</script>",
    ],
    "event_handler": [
        f"<img src=x onerror=alert('{MARK}')>",
        f'" autofocus onfocus="alert(\'{MARK}\')" x="',
        f"' onmouseover='alert(\"{MARK}\")' x='",
    ],
    "javascript_url": [
        f"javascript:alert('{MARK}')",
        f" JaVaScRiPt:alert('{MARK}')",
        f"java\tscript:alert('{MARK}')",
    ],
    "data_url": [
        f"data:text/html,<script>alert('{MARK}')</script>",
        f"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==#{MARK}",
    ],
    "svg": [
        f"<svg onload=alert('{MARK}')>",
        f"<svg><script>alert('{MARK}')</script></svg>",
        f"<svg><a xlink:href=\"javascript:alert('{MARK}')\"><text>x</text></a></svg>",
    ],
    "css": [
        f"</style><script>alert('{MARK}')</script>",
        f"red;background:url(javascript:alert('{MARK}'))",
        f"<div style=\"background:url(javascript:alert('{MARK}'))\">{MARK}</div>",
    ],
    "long": [
        "A" * 50_000 + MARK,
        ("Registered nurse, nights, " * 400) + MARK,
    ],
    "nul": [
        f"Nurse\x00{MARK}",
        f"\x00\x00{MARK}\x00",
    ],
    "broken_utf8": [
        b"\xff\xfe" + MARK.encode(),
        b"Nurse \xc3\x28 " + MARK.encode(),
        b"\xed\xa0\x80" + MARK.encode(),  # a lone surrogate, as UTF-8 bytes
    ],
    "right_to_left": [
        f"\u202eAdministrator {MARK}",
        f"\u2066\u202e<b>{MARK}</b>\u2069",
    ],
    "sql": [
        f"' OR 1=1 --{MARK}",
        f"1; DROP TABLE accounts_user; --{MARK}",
        f'" OR ""="{MARK}',
    ],
    "template": [
        f"{{{{ 7*7 }}}}{MARK}",
        f"{{% debug %}}{MARK}",
        f"${{7*7}}{MARK}",
        f"{{{{ request.user.password }}}}{MARK}",
    ],
    "header_injection": [
        f"a@b.c\r\nBcc: x@y.z{MARK}",
        f"a@b.c\nSubject: {MARK}",
    ],
}

# Categories that mean something wherever they stand in a value go in one payload (a field that
# escapes one escapes them all); a URL scheme only counts at the start, and NUL, broken UTF-8, a
# very long string and a header break each decide a refusal on their own, so they go alone.
BUNDLED = ("script", "event_handler", "svg", "css", "right_to_left", "sql", "template")
SENDS = [BUNDLED, *[(category,) for category in CORPUS if category not in BUNDLED]]

# What a page would show had a template payload been evaluated.
EVALUATED = [f"49{MARK}", "sql_queries"]


def sample(categories: tuple[str, ...], turn: int) -> str | bytes:
    """One payload of each of `categories`, joined, a different variant as `turn` goes on: every
    field gets every category, and the variants of a category spread over the fields."""
    picked = [CORPUS[category][turn % len(CORPUS[category])] for category in categories]
    return picked[0] if len(picked) == 1 else " ".join(picked)
