"""One design system (issue 15): the tokens in static/css/site.css hold every colour, and every
text colour the site sets on a background passes WCAG 2.2 AA contrast. Tables of our own pages
all use the one table component, whose rows become cards on phones."""

import re
from pathlib import Path

import pytest
from django.conf import settings

CSS = Path(settings.BASE_DIR) / "static" / "css"
TEMPLATES = Path(settings.BASE_DIR) / "templates"
SITE = (CSS / "site.css").read_text()
# Stylesheets of the site's pages; print.css is black on white by design, articles-admin.css
# styles the editor inside Django's admin.
OURS = sorted(p for p in CSS.glob("*.css") if p.name not in {"print.css", "articles-admin.css"})
AA = {"text": 4.5, "ui": 3.0}


def tokens() -> dict[str, str]:
    root = re.search(r":root\s*{(.*?)}", SITE, re.S).group(1)
    return dict(re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", root))


TOKENS = tokens()


def resolve(value: str, seen=()) -> str | None:
    """A hex colour for `value` (a token reference or a literal), or None when it is none."""
    value = value.strip()
    match = re.fullmatch(r"var\((--[\w-]+)\)", value)
    if match:
        name = match.group(1)
        assert name not in seen, f"token cycle at {name}"
        return resolve(TOKENS[name], (*seen, name)) if name in TOKENS else None
    if re.fullmatch(r"#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}", value):
        return value
    return {"white": "#ffffff", "black": "#000000"}.get(value)


def luminance(hex_colour: str) -> float:
    digits = hex_colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


PAIRS = re.findall(r"@contrast (text|ui) (--[\w-]+) on (--[\w-]+)", SITE)


def test_wcag_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)


def test_the_tokens_define_a_type_scale_a_spacing_grid_and_the_declared_pairs():
    assert [TOKENS[f"--step-{n}"] for n in ("-1", "0", "1", "2", "3", "4")] == [
        "0.875rem", "1rem", "1.125rem", "1.375rem", "1.75rem", "2.25rem",
    ]  # fmt: skip
    # An 8 px grid: each space a multiple of 0.5rem.
    spaces = [float(TOKENS[f"--space-{n}"].removesuffix("rem")) for n in range(1, 7)]
    assert all((space * 2).is_integer() for space in spaces) and spaces == sorted(spaces)
    assert len(PAIRS) >= 25
    for _kind, fg, bg in PAIRS:
        assert resolve(f"var({fg})") and resolve(f"var({bg})"), (fg, bg)


@pytest.mark.parametrize(("kind", "fg", "bg"), PAIRS, ids=[f"{f} on {b}" for _, f, b in PAIRS])
def test_every_declared_pair_passes_aa(kind, fg, bg):
    ratio = contrast(resolve(f"var({fg})"), resolve(f"var({bg})"))

    assert ratio >= AA[kind], f"{fg} on {bg}: {ratio:.2f}:1, below {AA[kind]}:1"


def rules(css: str):
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    for selector, body in re.findall(r"([^{}]+){([^{}]*)}", css):
        yield selector.strip(), dict(re.findall(r"([\w-]+)\s*:\s*([^;]+)", body))


def test_every_rule_that_sets_text_and_background_colours_passes_aa():
    """Beyond the declared pairs: any rule of ours that sets both a text colour and a plain
    background colour (a badge, a pill, a tab, a button) is checked as it is written."""
    failures, checked = [], 0
    for path in OURS:
        for selector, props in rules(path.read_text()):
            background = props.get("background-color") or props.get("background")
            if "color" not in props or not background:
                continue
            fg, bg = resolve(props["color"]), resolve(background)
            if fg and bg:
                checked += 1
                ratio = contrast(fg, bg)
                if ratio < AA["text"]:
                    failures.append(f"{path.name}: {selector} {ratio:.2f}:1")
    assert checked >= 30
    assert not failures, failures


def test_stylesheets_use_the_tokens_not_colour_literals():
    literal = re.compile(r"#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsla?\(")
    found = []
    for path in OURS:
        css = re.sub(r"/\*.*?\*/", "", path.read_text(), flags=re.S)
        if path.name == "site.css":
            css = css.replace(re.search(r":root\s*{.*?}", css, re.S).group(0), "")
        found += [f"{path.name}: {m.group(0)}" for m in literal.finditer(css)]
    assert not found, found


def page_templates():
    for path in sorted(TEMPLATES.rglob("*.html")):
        if "email" not in path.parts and "admin" not in path.parts:
            yield path


def test_every_table_of_ours_is_the_card_table_with_labelled_cells():
    """Each <table> uses .table--cards, and each data cell carries the data-label its card
    shows on a phone (or is the row's actions)."""
    problems, tables = [], 0
    for path in page_templates():
        html = path.read_text()
        for table in re.findall(r"<table\b[^>]*>.*?</table>", html, re.S):
            tables += 1
            name = path.relative_to(TEMPLATES)
            if "table--cards" not in re.match(r"<table\b[^>]*>", table).group(0):
                problems.append(f"{name}: a table without table--cards")
            for cell in re.findall(r"<td\b[^>]*>", table):
                if "data-label=" not in cell and "table__actions" not in cell:
                    problems.append(f"{name}: {cell}")
    assert tables >= 8
    assert not problems, problems


def test_no_inline_styles_in_page_templates():
    """CSP allows no inline style attributes to matter; everything is a component class."""
    found = [
        str(path.relative_to(TEMPLATES))
        for path in page_templates()
        if re.search(r"\sstyle=", path.read_text())
    ]
    assert not found, found
