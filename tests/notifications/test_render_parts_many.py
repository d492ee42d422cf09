"""render_parts_many renders a template once per shape of context and fills in each context's
strings: the result must be exactly render_parts' for every context, escaping included."""

import pytest

import notifications.rendering as rendering
from notifications.rendering import render_parts, render_parts_many
from tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db

TEMPLATE = "applications/email/breach"


def breach_context(n, *, similar=2, company="Tidewater Bay"):
    return {
        "job": {"title": f"Nurse #{n} <Nights> & \"Days\" 'weekends'"},
        "company": {"name": company},
        "submitted_on": "November 26",
        "respond_by_on": "December 3, 2026",
        "similar_jobs": [
            {
                "title": f"Similar {n}.{i} & <b>co</b>",
                "company": "Summit & Sons",
                "place": "" if i else "Norfolk, VA",
                "url": f"https://example.com/jobs/{n}-{i}/?a=1&b=2",
            }
            for i in range(similar)
        ],
        "application_url": f"https://example.com/me/applications/{n}/",
        "search_url": "https://example.com/jobs/",
    }


def test_each_email_is_exactly_what_rendering_it_alone_gives():
    contexts = [
        breach_context(1),
        breach_context(2, similar=0),
        breach_context(3, similar=3, company="A\nB <script>alert(1)</script>"),
        breach_context(4),
        # A value that looks like a slot token is text like any other.
        breach_context(5, company="\ue0000&\ue001 \ue0001&amp;\ue001"),
    ]

    many = render_parts_many(TEMPLATE, contexts)

    assert many == [render_parts(TEMPLATE, context) for context in contexts]
    subject, text, html = many[2]
    assert "\n" not in subject and "<script>" not in html and "&lt;script&gt;" in html
    assert "<script>" in text  # the text part is not HTML-escaped, as render_parts does it
    assert "a=1&amp;b=2" in many[0][2] and "a=1&b=2" in many[0][1]


def test_contexts_of_one_shape_share_one_render(monkeypatch):
    renders = []
    real = rendering.render_to_string
    monkeypatch.setattr(
        rendering, "render_to_string", lambda *a, **k: renders.append(a[0]) or real(*a, **k)
    )

    render_parts_many(TEMPLATE, [breach_context(n) for n in range(50)])

    assert len(renders) == 3  # subject, text and HTML, once for the 50 emails


def test_a_model_instance_in_the_context_is_refused():
    job = PublishedJobFactory()
    with pytest.raises(TypeError):
        render_parts_many(TEMPLATE, [{**breach_context(1), "job": job}])
