"""The little Markdown people type into a plain text box: **bold**, *italics*, bullet and
numbered lists, [links](https://...), paragraphs and line breaks. Nothing else is markup.

`to_html` escapes everything first and only then adds our own tags, so the HTML it returns holds
no tag the writer typed; callers still pass it through nh3 (employers/richtext.py), which also
checks link schemes. `from_html` turns that HTML back into the same Markdown for the edit form.
"""

import html
import re
from html.parser import HTMLParser

# A backslash keeps the next punctuation character literal (\* is an asterisk).
_ESCAPE_RE = re.compile(r"\\([!-/:-@\[-`{-~])")
_PLACEHOLDER_RE = re.compile("\ue000(\\d+)\ue001")
_URL_RE = re.compile(r"(?:https?://|mailto:)[^\s()<>]+")
_LINK_RE = re.compile(r"\[([^\]\n]+)\]\((" + _URL_RE.pattern + r")\)")
_STRONG_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
# Single asterisks and underscores only at word edges: "24*7" and "snake_case" stay as typed.
_EM_RE = re.compile(
    r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"
    r"|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"
)
_BULLET_RE = re.compile(r"^[-*+]\s+(.*)$")
_NUMBER_RE = re.compile(r"^\d{1,3}[.)]\s+(.*)$")
_BLANK_LINES_RE = re.compile(r"\n\s*\n")


def _inline(text: str) -> str:
    """Escaped HTML for one run of text, with bold, italics and links."""
    tokens: list[str] = []

    def keep(fragment: str) -> str:
        tokens.append(fragment)
        return f"\ue000{len(tokens) - 1}\ue001"

    text = _ESCAPE_RE.sub(lambda m: keep(html.escape(m.group(1))), text)

    def link(match: re.Match) -> str:
        label = html.escape(_ESCAPE_RE.sub(r"\1", match.group(1)))
        return keep(f'<a href="{html.escape(match.group(2))}">{label}</a>')

    text = _LINK_RE.sub(link, text)
    text = html.escape(text)
    text = _STRONG_RE.sub(r"<strong>\2</strong>", text)
    text = _EM_RE.sub(lambda m: f"<em>{m.group(1) or m.group(2)}</em>", text)
    while _PLACEHOLDER_RE.search(text):  # a kept fragment may hold another one
        text = _PLACEHOLDER_RE.sub(lambda m: tokens[int(m.group(1))], text)
    return text


def _literal(text: str) -> str:
    """`text` with a backslash before whatever `to_html` would read as markup."""
    text = re.sub(r"([\\*_\[\]])", r"\\\1", text)
    text = re.sub(r"^(\s*)([-+])(?=\s)", r"\1\\\2", text)
    return re.sub(r"^(\s*\d{1,3})([.)])(?=\s)", r"\1\\\2", text)


def _list_item(line: str) -> tuple[str, str] | None:
    stripped = line.strip()
    if match := _BULLET_RE.match(stripped):
        return "ul", match.group(1)
    if match := _NUMBER_RE.match(stripped):
        return "ol", match.group(1)
    return None


def _runs(block: str) -> list[tuple[str, list[list[str]]]]:
    """A block's lines grouped into runs: ("p", [[line, ...]]) or ("ul"/"ol", [item lines...])."""
    runs: list[tuple[str, list[list[str]]]] = []
    for line in block.split("\n"):
        if not line.strip():
            continue
        kind, rest = _list_item(line) or ("p", line)
        last = runs[-1] if runs else None
        if kind != "p":
            if last is None or last[0] != kind:
                runs.append((kind, []))
            runs[-1][1].append([rest.strip()])
        elif last is not None and last[0] != "p" and line[:1].isspace():
            last[1][-1].append(line.strip())  # an indented line continues the list item
        elif last is not None and last[0] == "p":
            last[1][0].append(line.strip())
        else:
            runs.append(("p", [[line.strip()]]))
    return runs


def to_html(text: str) -> str:
    """HTML for typed text: a blank line starts a paragraph, a single newline is a line break,
    lines starting "- ", "* " or "1. " make a list (an indented line continues an item)."""
    out: list[str] = []
    for block in _BLANK_LINES_RE.split((text or "").replace("\r\n", "\n").strip()):
        for kind, groups in _runs(block):
            parts = ["<br>".join(_inline(line) for line in lines) for lines in groups]
            if kind == "p":
                out.append(f"<p>{parts[0]}</p>")
            else:
                out.append(f"<{kind}>" + "".join(f"<li>{p}</li>" for p in parts) + f"</{kind}>")
    return "".join(out)


class CannotExpress(Exception):
    """The HTML holds something the typed subset cannot say (a nested list, a table)."""


class _MarkdownWriter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.line: list[str] = []
        self.lines: list[str] = []
        self.list_kind = ""
        self.number = 0
        self.href = ""

    def _end_block(self) -> None:
        self._end_line()
        if self.lines:
            self.blocks.append("\n".join(self.lines))
            self.lines = []

    def _end_line(self) -> None:
        text = "".join(self.line).rstrip()
        if text.strip():
            # A list item's continuation keeps its indent; anything else starts at the margin.
            self.lines.append(text if self.list_kind and text.startswith("  ") else text.strip())
        self.line = []

    def handle_starttag(self, tag, attrs):
        if tag == "p" and not self.list_kind:
            self._end_block()
        elif tag == "br":
            self._end_line()
            if self.list_kind:
                self.line.append("  ")  # an indented line continues the list item
        elif tag in {"strong", "b"}:
            self.line.append("**")
        elif tag in {"em", "i"}:
            self.line.append("*")
        elif tag == "a" and not self.href:
            self.href = dict(attrs).get("href") or ""
            if not _URL_RE.fullmatch(self.href):
                raise CannotExpress(self.href)
            self.line.append("[")
        elif tag in {"ul", "ol"} and not self.list_kind:
            self._end_block()
            self.list_kind, self.number = tag, 0
        elif tag == "li" and self.list_kind:
            self._end_line()
            self.number += 1
            self.line.append("- " if self.list_kind == "ul" else f"{self.number}. ")
        else:
            raise CannotExpress(tag)

    def handle_endtag(self, tag):
        if tag == "p":
            self._end_block()
        elif tag in {"strong", "b"}:
            self.line.append("**")
        elif tag in {"em", "i"}:
            self.line.append("*")
        elif tag == "a" and self.href:
            self.line.append(f"]({self.href})")
            self.href = ""
        elif tag in {"ul", "ol"}:
            self._end_block()
            self.list_kind = ""
        elif tag == "li":
            self._end_line()

    def handle_data(self, data):
        if self.list_kind and not self.line and not data.strip():
            return  # whitespace between list items
        text = re.sub(r"\s+", " ", data)
        at_line_start = not "".join(self.line).strip()
        if _inline(text) != html.escape(text) or (at_line_start and _list_item(text)):
            # Typed as it stands, this text would turn into markup: keep its characters literal.
            text = _literal(text)
        self.line.append(text)


def from_html(value: str) -> str:
    """The typed text that `to_html` turns into `value` (HTML it could have made);
    CannotExpress if `value` holds anything else."""
    writer = _MarkdownWriter()
    writer.feed(value or "")
    writer.close()
    writer._end_block()
    return "\n\n".join(writer.blocks)
