from articles.commenttext import count_links, render_comment
from articles.richtext import reading_minutes, sanitize_body, table_of_contents


def test_body_sanitizer_removes_script_handlers_and_dangerous_urls():
    dirty = (
        '<p onclick="steal()">Hi<script>alert(1)</script></p>'
        '<img src="x" onerror="alert(2)" alt="x">'
        '<a href="javascript:alert(3)">bad</a><a href="https://example.com" target="_blank">ok</a>'
        '<img src="data:image/png;base64,AAAA" alt="inline">'
        "<style>body{display:none}</style><iframe src='https://evil.example'></iframe>"
    )
    clean = sanitize_body(dirty)
    for fragment in ["<script", "alert(1)", "onclick", "onerror", "javascript:", "data:", "<style",
                     "<iframe", "target="]:  # fmt: skip
        assert fragment not in clean
    assert '<a href="https://example.com">ok</a>' in clean
    assert "<p>Hi</p>" in clean


def test_headings_get_unique_ids_that_avoid_the_pages_own_anchors():
    body = sanitize_body(
        "<h2>Pay</h2><h3>Pay</h3><h2>Comments</h2><h2 id='evil'>FAQ</h2><h4>Not listed</h4>"
    )
    assert '<h2 id="pay">Pay</h2>' in body
    assert '<h3 id="pay-2">Pay</h3>' in body
    assert '<h2 id="comments-2">Comments</h2>' in body
    assert '<h2 id="faq-2">FAQ</h2>' in body
    assert [(e.level, e.anchor, e.text) for e in table_of_contents(body)] == [
        (2, "pay", "Pay"),
        (3, "pay-2", "Pay"),
        (2, "comments-2", "Comments"),
        (2, "faq-2", "FAQ"),
    ]


def test_sanitizing_twice_keeps_the_same_anchors():
    once = sanitize_body("<h2>What coders do</h2><p>Text</p>")
    assert sanitize_body(once) == once


def test_an_empty_editor_document_is_stored_as_empty():
    assert sanitize_body("<p></p>") == ""


def test_reading_time_counts_words_and_is_at_least_a_minute():
    assert reading_minutes("<p>short</p>") == 1
    assert reading_minutes("<p>" + "word " * 900 + "</p>") == 4


def test_comment_text_is_escaped_and_links_are_nofollow_ugc():
    html = render_comment(
        '<script>alert("x")</script> see https://example.com/a?b=1&c=2. and www.example.org\n\n'
        "second paragraph"
    )
    assert "<script" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert (
        '<a href="https://example.com/a?b=1&amp;c=2" rel="nofollow ugc">'
        "https://example.com/a?b=1&amp;c=2</a>." in html
    )
    assert '<a href="https://www.example.org" rel="nofollow ugc">www.example.org</a>' in html
    assert html.count("<p>") == 2


def test_a_link_cannot_smuggle_markup_through_its_address():
    html = render_comment('https://example.com/"onmouseover="alert(1)')
    assert 'onmouseover="' not in html
    assert count_links("one https://a.example two http://b.example three www.c.example") == 3
