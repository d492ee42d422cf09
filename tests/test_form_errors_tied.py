"""Forms tell assistive technology what went wrong and where (issue 15 item 2): after an
invalid submission of each form of the journeys, every field marked aria-invalid names its
error with aria-describedby, every id it names exists, the error text is there, and every
visible input has a label."""

import pytest
from lxml import html as lxml_html

from tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db


def assert_errors_tied(response, *, expect_invalid: set[str]):
    doc = lxml_html.fromstring(response.content)
    ids = {el.get("id") for el in doc.iter() if el.get("id")}
    invalid = doc.xpath('//*[@aria-invalid="true"]')
    names = {el.get("name") for el in invalid}
    assert expect_invalid <= names, f"not marked aria-invalid: {expect_invalid - names}"
    for field in invalid:
        described = (field.get("aria-describedby") or "").split()
        if not described:
            # A group of radios or checkboxes: the fieldset around them names the error.
            group = next(iter(field.xpath("ancestor::fieldset[1]")), None)
            described = (group.get("aria-describedby") or "").split() if group is not None else []
        assert any(ref.endswith("_error") or "error" in ref for ref in described), (
            f"{field.get('name')} is invalid but names no error: {described}"
        )
        missing = [ref for ref in described if ref not in ids]
        assert not missing, f"{field.get('name')} points at missing ids {missing}"
        error = next(doc.get_element_by_id(ref) for ref in described if "error" in ref)
        assert error.text_content().strip(), f"{field.get('name')}: the error is empty"
    labelled = {el.get("for") for el in doc.iter("label")}
    for control in doc.xpath(
        '//main//input[not(@type="hidden") and not(@type="submit") and not(@tabindex="-1")]'
        "|//main//select|//main//textarea"
    ):
        assert (
            control.get("id") in labelled
            or control.get("aria-label")
            or control.get("aria-labelledby")
        ), f"no label for {lxml_html.tostring(control)[:120]}"


def test_sign_up_errors_are_tied_to_their_fields(client):
    response = client.post(
        "/accounts/signup/employer/",
        {"full_name": "", "email": "not-an-email", "password1": "x", "password2": "y"},
    )
    assert_errors_tied(response, expect_invalid={"email", "company_name"})


def test_contact_errors_are_tied_to_their_fields(client):
    response = client.post("/contact/", {"name": "", "email": "nope", "message": ""})
    assert_errors_tied(response, expect_invalid={"email", "message"})


def test_profile_errors_are_tied_to_their_fields(client, candidate):
    client.force_login(candidate)
    response = client.post("/me/profile/about/", {"years_experience": "99", "city": "Nowhere"})
    assert_errors_tied(response, expect_invalid={"years_experience", "state"})


def test_apply_errors_are_tied_to_their_fields(client, candidate):
    job = PublishedJobFactory()
    client.force_login(candidate)
    response = client.post(f"/jobs/{job.slug}/apply/", {"cover_letter": "Hello"})
    assert_errors_tied(response, expect_invalid={"resume_file"})


def test_job_posting_errors_are_tied_to_their_fields(client, employer_owner):
    client.force_login(employer_owner)
    response = client.post("/dashboard/jobs/new/", {"title": "Night Nurse", "zip_code": "1234"})
    assert_errors_tied(response, expect_invalid={"zip_code"})


def test_report_errors_are_tied_to_their_fields(client):
    job = PublishedJobFactory()
    response = client.post(f"/jobs/{job.slug}/report/", {"report-reporter_email": "nope"})
    assert_errors_tied(response, expect_invalid={"report-reason", "report-reporter_email"})
