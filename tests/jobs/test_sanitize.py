"""Job descriptions keep a small subset of HTML; everything else is stripped by nh3."""

import pytest

from jobs.sanitize import sanitize_description, visible_text


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>Hello <script>alert(1)</script>world</p>", "<p>Hello world</p>"),
        ('<p onclick="steal()" onmouseover="x()">Hi</p>', "<p>Hi</p>"),
        ("<style>p { display: none }</style><p>Hi</p>", "<p>Hi</p>"),
        ('<a href="javascript:alert(1)">x</a>', '<a rel="nofollow noopener">x</a>'),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', '<a rel="nofollow noopener">x</a>'),
        ('<a href="data:text/html,hi">x</a>', '<a rel="nofollow noopener">x</a>'),
        ('<img src="x" onerror="alert(1)"><p>Hi</p>', "<p>Hi</p>"),
        ('<iframe src="https://evil.example"></iframe><p>Hi</p>', "<p>Hi</p>"),
        ('<p style="color:red" class="x" id="y">Hi</p>', "<p>Hi</p>"),
        ("<h1>Big</h1><h2>Bigger</h2>", "BigBigger"),
        ("<!-- secret --><p>Hi</p>", "<p>Hi</p>"),
        ("<svg><script>alert(1)</script></svg><p>Hi</p>", "<p>Hi</p>"),
        ("<form action='/x'><input name='q'></form><p>Hi</p>", "<p>Hi</p>"),
    ],
)
def test_dangerous_markup_is_removed(dirty, clean):
    assert sanitize_description(dirty) == clean


def test_allowed_tags_are_kept():
    html = (
        "<h3>Shift</h3><h4>Nights</h4><p>A <strong>b</strong> <em>c</em> <b>d</b> <i>e</i> "
        "<u>f</u><br>g</p><ul><li>one</li></ul><ol><li>two</li></ol>"
    )

    assert sanitize_description(html) == html


def test_links_keep_their_address_and_get_nofollow_noopener():
    html = '<a href="https://example.org/a" target="_blank" rel="me">site</a>'

    assert sanitize_description(html) == (
        '<a href="https://example.org/a" rel="nofollow noopener">site</a>'
    )


def test_plain_text_becomes_paragraphs_and_line_breaks():
    text = "Day shift on 4 West.\nEvery other weekend.\n\nPay: $40 < $50 & more"

    assert sanitize_description(text) == (
        "<p>Day shift on 4 West.<br>Every other weekend.</p><p>Pay: $40 &lt; $50 &amp; more</p>"
    )


def test_empty_description_stays_empty():
    assert sanitize_description("") == ""
    assert sanitize_description(None) == ""


def test_visible_text_ignores_markup_and_scripts():
    html = "<p>Hi &amp; <b>welcome</b></p>\n\n<script>var x = 1;</script><p>  there </p>"

    assert visible_text(html) == "Hi & welcome there"
