"""The search vocabulary: abbreviations, synonyms and word forms applied to the query, kept in a
table staff edit in admin."""

import pytest

from jobs.choices import Profession
from jobs.models import VocabularyTerm
from jobs.vocabulary import build_vocabulary, expand, parse, segment
from tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db


def titles(client, q, **params):
    response = client.get("/jobs/", {"q": q, **params})
    assert response.status_code == 200
    return [job.title for job in response.context["results"].jobs]


def test_the_seed_holds_a_few_hundred_terms_of_the_field(db):
    assert VocabularyTerm.objects.count() >= 250
    for term in ["rn", "lvn", "cna", "crna", "pa-c", "rt", "arrt", "slp", "cpc", "l&d", "pacu"]:
        assert VocabularyTerm.objects.filter(term=term).exists(), term


def test_an_abbreviation_finds_the_words_it_stands_for(client):
    PublishedJobFactory(title="Certified Nursing Assistant", specialty="Memory care")
    PublishedJobFactory(title="Medical Coder")

    assert titles(client, "CNA") == ["Certified Nursing Assistant"]


def test_an_ambiguous_abbreviation_expands_to_every_meaning(client):
    PublishedJobFactory(title="Respiratory Therapist", profession=Profession.RESPIRATORY_THERAPIST)
    PublishedJobFactory(
        title="Radiologic Technologist", profession=Profession.RADIOLOGIC_TECHNOLOGIST
    )
    PublishedJobFactory(title="Medical Coder", profession=Profession.MEDICAL_CODER)

    assert set(titles(client, "RT")) == {"Respiratory Therapist", "Radiologic Technologist"}


def test_synonyms_work_both_ways(client):
    PublishedJobFactory(title="Diagnostic Medical Sonographer", specialty="Vascular")
    PublishedJobFactory(title="Ultrasound Lead", specialty="OB")

    both = {"Diagnostic Medical Sonographer", "Ultrasound Lead"}
    assert set(titles(client, "ultrasound")) == both
    assert set(titles(client, "sonography")) == both


def test_word_forms_join_therapy_and_therapist(client):
    PublishedJobFactory(title="Occupational Therapist", specialty="Pediatrics")
    PublishedJobFactory(title="Hand Therapy Lead", specialty="Occupational")

    assert set(titles(client, "occupational therapy")) == {
        "Occupational Therapist",
        "Hand Therapy Lead",
    }


def test_a_multi_word_term_is_matched_as_a_whole(client):
    PublishedJobFactory(title="Pharmacy Technician", specialty="Retail pharmacy")
    PublishedJobFactory(title="Pharmacist", specialty="Inpatient", description="<p>tech</p>")

    assert titles(client, "pharmacy tech")[0] == "Pharmacy Technician"


def test_or_at_the_start_is_the_operating_room_and_between_words_an_or(client):
    PublishedJobFactory(title="Registered Nurse", specialty="Operating room")
    PublishedJobFactory(title="Registered Nurse", specialty="ICU")
    PublishedJobFactory(title="Medical Coder", specialty="Inpatient")

    assert len(titles(client, "OR nurse")) == 1
    assert len(titles(client, "icu or coder")) == 2


def test_quoted_phrases_and_exclusions_keep_their_websearch_meaning(client):
    PublishedJobFactory(title="Charge Nurse", specialty="Telemetry")
    PublishedJobFactory(title="Nurse in charge of education", specialty="Telemetry")

    assert titles(client, '"charge nurse"') == ["Charge Nurse"]
    assert titles(client, "nurse -education") == ["Charge Nurse"]


def test_words_without_any_letters_search_nothing_without_error(client):
    assert titles(client, "!!! --- ???") == []
    assert expand("") is None


def test_parsing_splits_clauses_and_segments_the_longest_terms():
    known = build_vocabulary(
        [
            ("rad tech", "abbreviation", ["radiologic technologist"], []),
            ("tech", "abbreviation", ["technician"], []),
        ]
    )
    clauses = parse('rad tech night "home health" -travel or coder')
    assert len(clauses) == 2
    assert [p for p, _ in segment(clauses[0].words, known)] == ["rad tech", "night"]
    assert clauses[0].phrases == ["home health"]
    assert clauses[0].excluded == ["travel"]
    assert clauses[1].words == ["coder"]


def test_abbreviations_are_one_way_and_synonyms_both_ways():
    known = build_vocabulary(
        [
            ("rn", "abbreviation", ["registered nurse"], ["registered_nurse"]),
            ("dietician", "synonym", ["dietitian"], []),
        ]
    )
    assert known["rn"].alternatives == ("rn", "registered nurse")
    assert "registered nurse" not in known
    assert known["dietitian"].alternatives == ("dietitian", "dietician")
    assert known["rn"].professions == ("registered_nurse",)


def test_an_editor_adds_a_synonym_in_admin_and_the_next_search_uses_it(client, staff_editor):
    PublishedJobFactory(title="Phlebotomist", specialty="Outpatient lab")
    assert titles(client, "blood drawer") == []  # the vocabulary is now cached

    client.force_login(staff_editor)
    response = client.post(
        "/admin/jobs/vocabularyterm/add/",
        {
            "term": "Blood Drawer",
            "kind": "synonym",
            "expansions": "phlebotomist, phlebotomy",
            "is_active": "on",
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert VocabularyTerm.objects.get(term="blood drawer").expansions == [
        "phlebotomist",
        "phlebotomy",
    ]
    assert titles(client, "blood drawer") == ["Phlebotomist"]


def test_deactivating_a_term_in_admin_takes_it_out_of_the_next_search(client, staff_editor):
    PublishedJobFactory(title="Recovery Nurse", specialty="Post-anesthesia care unit")
    assert titles(client, "pacu") == ["Recovery Nurse"]
    term = VocabularyTerm.objects.get(term="pacu")

    client.force_login(staff_editor)
    client.post(
        "/admin/jobs/vocabularyterm/",
        {"action": "deactivate", "_selected_action": [term.pk], "index": 0},
    )

    term.refresh_from_db()
    assert not term.is_active
    assert titles(client, "pacu") == []


def test_the_admin_lists_and_searches_the_vocabulary(client, staff_editor):
    client.force_login(staff_editor)

    listed = client.get("/admin/jobs/vocabularyterm/", {"q": "sonographer"})

    assert listed.status_code == 200
    html = listed.content.decode()
    assert ">rdms<" in html
    assert ">ultrasound<" in html


def test_people_without_staff_rights_cannot_edit_the_vocabulary(client, candidate):
    client.force_login(candidate)

    response = client.get("/admin/jobs/vocabularyterm/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
