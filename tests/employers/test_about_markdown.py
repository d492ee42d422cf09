"""A company's About text: the little Markdown people type (**bold**, *italics*, lists, links)
becomes safe HTML on the company page, and comes back as the same Markdown in the edit form."""

from html.parser import HTMLParser

import pytest

from employers.markdown_subset import CannotExpress, from_html
from employers.richtext import editable_text, sanitize_about

URL = "/dashboard/company/"

TYPED = (
    "We are **proud** of our *nurses*.\n\n"
    "What you get:\n"
    "- Free parking\n"
    "- A 403(b) with a **6%** match\n\n"
    "1. Apply online\n"
    "2. Meet the team"
)


def test_bold_italics_and_lists_become_html():
    assert sanitize_about(TYPED) == (
        "<p>We are <strong>proud</strong> of our <em>nurses</em>.</p>"
        "<p>What you get:</p>"
        "<ul><li>Free parking</li><li>A 403(b) with a <strong>6%</strong> match</li></ul>"
        "<ol><li>Apply online</li><li>Meet the team</li></ol>"
    )


def test_links_are_kept_with_their_rel_and_only_for_web_and_mail_addresses():
    html = sanitize_about("See [our site](https://ok.example/a_b?x=1&y=2) or [me](javascript:x())")

    assert (
        '<a href="https://ok.example/a_b?x=1&amp;y=2" rel="nofollow noopener noreferrer">'
        "our site</a>" in html
    )
    assert "javascript" not in html.replace("[me](javascript:x())", "")
    assert "<a" in html and html.count("<a") == 1


def test_asterisks_and_underscores_inside_words_stay_as_typed():
    assert sanitize_about("Open 24*7; file_name and 2*3*4.") == (
        "<p>Open 24*7; file_name and 2*3*4.</p>"
    )


def test_a_backslash_keeps_an_asterisk_literal():
    assert sanitize_about(r"Rated \*\*five\*\* stars") == "<p>Rated **five** stars</p>"


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, sorted(name for name, _ in attrs)))


@pytest.mark.parametrize(
    "typed",
    [
        "**<script>alert(1)</script>**",
        "*<img src=x onerror=alert(1)>*",
        '[x](https://ok.example/"onmouseover="alert(1))',
        "[**x**](https://ok.example/) and [y](data:text/html,hi)",
    ],
)
def test_markup_typed_inside_markdown_is_never_html(typed):
    collector = TagCollector()
    collector.feed(sanitize_about(typed))

    for tag, attributes in collector.tags:
        assert tag in {"p", "strong", "em", "a"}
        assert attributes == (["href", "rel"] if tag == "a" else [])


def test_the_edit_form_gets_back_the_markdown_that_was_typed():
    stored = sanitize_about(TYPED)

    typed_again = editable_text(stored)

    assert "**proud**" in typed_again and "*nurses*" in typed_again
    assert "- Free parking" in typed_again and "2. Meet the team" in typed_again
    assert "<" not in typed_again
    assert sanitize_about(typed_again) == stored


def test_literal_asterisks_survive_a_round_trip_through_the_form():
    stored = sanitize_about(r"Rated \*\*five\*\* stars, **really**")

    assert sanitize_about(editable_text(stored)) == stored


def test_html_markdown_cannot_say_is_shown_as_html():
    with pytest.raises(CannotExpress):
        from_html("<ul><li>a<ul><li>nested</li></ul></li></ul>")
    assert editable_text("<ul><li>a<ul><li>b</li></ul></li></ul>").startswith("<ul>")


def test_about_typed_with_markdown_shows_formatted_on_the_company_page(
    client, employer_owner, company
):
    client.force_login(employer_owner)
    form = {
        "name": company.name,
        "facility_type": "hospital",
        "size": "",
        "website": "",
        "about": TYPED,
        "locations": "",
        "benefits": "",
    }

    assert client.post(URL, form).status_code == 302
    page = client.get(company.get_absolute_url()).content.decode()

    assert "<strong>proud</strong>" in page
    assert "<li>Free parking</li>" in page
    assert "**" not in page
    # and the form shows the Markdown again, not tags
    assert "We are **proud** of our *nurses*." in client.get(URL).content.decode()
