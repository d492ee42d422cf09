"""Typeahead on the What and Where boxes: the suggestions, and the ARIA combobox by keyboard."""

import pytest

from jobs.suggestions import what_suggestions, where_suggestions
from tests.factories import CompanyFactory, PublishedJobFactory


@pytest.mark.django_db
def test_what_suggests_professions_vocabulary_and_live_titles(db):
    PublishedJobFactory(title="Nurse Manager, Oncology", specialty="Oncology")
    PublishedJobFactory(title="Nurse Manager, Oncology", specialty="Oncology")

    suggestions = what_suggestions("nurse")
    values = [s.value for s in suggestions]

    assert values[0] in {"Nurse Practitioner"}  # professions whose name starts with it first
    assert "Nurse Manager, Oncology" in values
    assert next(s for s in suggestions if s.value == "Nurse Manager, Oncology").hint == "2 jobs"
    assert what_suggestions("n") == []  # too short to say anything


@pytest.mark.django_db
def test_what_suggests_an_abbreviation_with_what_it_stands_for(db):
    cna = next(s for s in what_suggestions("cna") if s.value == "CNA")
    assert cna.hint == "certified nursing assistant"


def test_where_suggests_cities_and_zip_codes():
    cities = where_suggestions("denv")
    assert cities[0].value == "Denver, CO"
    assert cities[0].hint == "Colorado"
    assert [s.value for s in where_suggestions("san francisco, ca")] == ["San Francisco, CA"]
    zips = where_suggestions("8020")
    assert zips and all(s.value.startswith("8020") for s in zips)
    assert zips[0].hint == "Denver, CO"


@pytest.mark.django_db
def test_the_typeahead_endpoints_answer_listbox_options(client):
    PublishedJobFactory(title="Radiation Therapist", specialty="Proton therapy")

    what = client.get("/jobs/suggest/what/", {"q": "radiation"}, headers={"HX-Request": "true"})
    where = client.get("/jobs/suggest/where/", {"location": "80202"})

    assert what.status_code == where.status_code == 200
    assert '<li role="option" id="search-q-option-1"' in what.content.decode()
    assert 'data-value="Radiation Therapist"' in what.content.decode()
    assert 'data-value="80202"' in where.content.decode()
    assert "max-age=300" in what["Cache-Control"]
    assert "option" not in client.get("/jobs/suggest/what/", {"q": "x"}).content.decode()


@pytest.mark.django_db
def test_the_typeahead_costs_no_query_once_its_phrases_are_cached(
    client, django_assert_num_queries
):
    PublishedJobFactory(title="Radiation Therapist")
    client.get("/jobs/suggest/what/", {"q": "rad"})

    with django_assert_num_queries(0):
        client.get("/jobs/suggest/what/", {"q": "radi"})


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_what_box_is_a_combobox_used_by_keyboard(live_server, page):
    company = CompanyFactory()
    PublishedJobFactory(title="Radiation Therapist", company=company)
    PublishedJobFactory(title="Radiologic Technologist", company=company)
    page.goto(live_server.url + "/jobs/")
    what = page.get_by_role("combobox", name="What")
    assert what.get_attribute("aria-expanded") == "false"

    what.press_sequentially("radiati")
    listbox = page.get_by_role("listbox", name="Job suggestions")
    listbox.wait_for()
    assert what.get_attribute("aria-expanded") == "true"
    page.get_by_text("suggestion", exact=False).first.wait_for(state="attached")
    assert "suggestion" in page.locator("#typeahead-status").inner_text()

    what.press("ArrowDown")
    first = listbox.get_by_role("option").first
    assert first.get_attribute("aria-selected") == "true"
    assert what.get_attribute("aria-activedescendant") == first.get_attribute("id")
    chosen = first.get_attribute("data-value")

    what.press("Escape")
    assert listbox.is_hidden()
    assert what.get_attribute("aria-expanded") == "false"
    assert what.input_value() == "radiati"  # Escape closes the list, the text stays

    what.press("ArrowDown")
    what.press("Enter")
    page.wait_for_url(lambda url: "q=Radiation" in url)
    assert what.input_value() == chosen
    page.locator("#result-count").get_by_text("1 job").wait_for()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_where_box_suggests_cities_by_keyboard(live_server, page):
    PublishedJobFactory(title="Staff Nurse")
    page.goto(live_server.url + "/jobs/?q=nurse")
    where = page.get_by_role("combobox", name="Where")

    where.press_sequentially("Denv")
    page.get_by_role("option", name="Denver, CO").wait_for()
    where.press("ArrowDown")
    where.press("Enter")

    page.wait_for_url(lambda url: "location=Denver" in url)
    assert where.input_value() == "Denver, CO"
    page.locator("#result-count").get_by_text("within 25 miles of Denver, CO").wait_for()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_search_boxes_are_plain_fields(live_server, browser):
    PublishedJobFactory(title="Radiation Therapist")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/jobs/")

    what = page.get_by_label("What")
    assert what.get_attribute("role") is None  # no combobox without its script
    what.fill("radiation therapist")
    what.press("Enter")

    page.wait_for_url(lambda url: "q=radiation" in url)
    assert page.locator(".job-card__title").all_inner_texts() == ["Radiation Therapist"]
    context.close()
