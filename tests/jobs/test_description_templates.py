"""Employers start a new job from a job description template written by editors."""

import pytest

from jobs.models import JobDescriptionTemplate

pytestmark = pytest.mark.django_db


@pytest.fixture
def coder_template():
    return JobDescriptionTemplate.objects.create(
        title="Medical Coder (Outpatient)",
        profession="medical_coder",
        summary="Code outpatient encounters for a multi-specialty group.\n\nFully remote.",
        responsibilities="Assign ICD-10-CM and CPT codes\n- Query providers <when> unclear",
        qualifications="CPC or CCS\nTwo years of outpatient coding",
        certifications=["cpc"],
    )


def test_new_job_form_offers_published_templates_only(client, employer_owner, coder_template):
    JobDescriptionTemplate.objects.create(
        title="Retired template", profession="pharmacist", summary="x", responsibilities="x",
        qualifications="x", is_published=False,
    )  # fmt: skip
    client.force_login(employer_owner)
    page = client.get("/dashboard/jobs/new/").content.decode()
    assert "Start from a job description template" in page
    assert "Medical Coder (Outpatient)" in page
    assert "Retired template" not in page


def test_choosing_a_template_prefills_the_form(client, employer_owner, coder_template):
    client.force_login(employer_owner)
    response = client.get(f"/dashboard/jobs/new/?template={coder_template.pk}")
    form = response.context["form"]
    assert form["title"].value() == "Medical Coder (Outpatient)"
    assert form["profession"].value() == "medical_coder"
    assert form["required_credentials"].value() == ["cpc"]
    description = form["description"].value()
    assert "<li>Query providers &lt;when&gt; unclear</li>" in description
    assert "<p>Fully remote.</p>" in description


def test_an_unknown_template_gives_a_blank_form_and_a_message(client, employer_owner):
    client.force_login(employer_owner)
    response = client.get("/dashboard/jobs/new/?template=999999")
    assert response.status_code == 200
    assert response.context["form"]["title"].value() in (None, "")
    assert "no longer available" in str(list(response.context["messages"])[0])


def test_editors_may_manage_templates_in_admin(client, staff_editor):
    client.force_login(staff_editor)
    assert client.get("/admin/jobs/jobdescriptiontemplate/").status_code == 200
    assert client.get("/admin/jobs/job/").status_code == 403


def test_use_this_template_from_a_guide_reaches_the_prefilled_form(
    client, employer_owner, coder_template
):
    client.force_login(employer_owner)
    response = client.get(f"/post-a-job/?template={coder_template.pk}", follow=True)
    assert response.redirect_chain[-1][0] == f"/dashboard/jobs/new/?template={coder_template.pk}"
    assert response.context["form"]["title"].value() == "Medical Coder (Outpatient)"


def test_guests_are_sent_to_employer_signup_and_then_to_the_template(client, coder_template):
    response = client.get(f"/post-a-job/?template={coder_template.pk}")
    assert response["Location"] == (
        f"/accounts/signup/employer/?next=%2Fdashboard%2Fjobs%2Fnew%2F%3Ftemplate%3D{coder_template.pk}"
    )
