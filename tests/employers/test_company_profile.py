"""The company profile in the dashboard: owners edit it, recruiters read it, bad input is refused
with the rest of the form kept."""

import io

import pytest
from PIL import Image

from employers.choices import CompanySize, FacilityType
from employers.models import Company
from tests.employers.uploads import image_bytes, noise_png, upload

pytestmark = pytest.mark.django_db

URL = "/dashboard/company/"


def profile(**overrides) -> dict:
    data = {
        "name": "Lakeside Health System",
        "facility_type": FacilityType.HOSPITAL,
        "size": CompanySize.S_1001_5000,
        "website": "https://lakeside.example.org",
        "about": "A 420-bed teaching hospital.\n\nWe train nurses from three colleges.",
        "locations": "Madison, WI\nGreen Bay, Wisconsin",
        "benefits": "Tuition reimbursement\nOn-site childcare",
    }
    return data | overrides


# Who may see and change it -----------------------------------------------------------------


def test_guest_is_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={URL}"


def test_candidate_is_refused(client, candidate):
    client.force_login(candidate)

    assert client.get(URL).status_code == 403


def test_employer_without_a_company_is_refused_with_an_explanation(client, lone_employer):
    client.force_login(lone_employer)

    response = client.get(URL)

    assert response.status_code == 403
    assert "not on a company&#x27;s hiring team yet" in response.content.decode()


def test_owner_sees_the_form_filled_with_the_profile(client, employer_owner, company):
    company.website = "https://lakeside.example.org"
    company.save()
    client.force_login(employer_owner)

    html = client.get(URL).content.decode()

    assert 'enctype="multipart/form-data"' in html
    assert 'value="https://lakeside.example.org"' in html
    assert '<label for="id_name">Company or facility name</label>' in html


def test_recruiter_sees_the_profile_read_only(client, employer_recruiter, company):
    client.force_login(employer_recruiter)

    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Only Lakeside Health's owner can change the company profile" in html
    assert '<form class="card form form-card"' not in html


def test_recruiter_cannot_change_the_company(client, employer_recruiter, company):
    client.force_login(employer_recruiter)

    response = client.post(URL, profile(name="Taken Over"))

    assert response.status_code == 403
    company.refresh_from_db()
    assert company.name == "Lakeside Health"


def test_other_companys_owner_changes_only_their_own_company(client, other_employer, company):
    client.force_login(other_employer)

    client.post(URL, profile(name="Summit Clinics Group"))

    company.refresh_from_db()
    assert company.name == "Lakeside Health"
    assert Company.objects.get(slug="summit-clinics").name == "Summit Clinics Group"


# Saving ------------------------------------------------------------------------------------


def test_owner_saves_the_whole_profile(client, employer_owner, company):
    client.force_login(employer_owner)

    response = client.post(URL, profile())

    assert response.status_code == 302
    assert response["Location"] == URL
    company.refresh_from_db()
    assert company.name == "Lakeside Health System"
    assert company.slug == "lakeside-health"  # links to the company page keep working
    assert company.facility_type == FacilityType.HOSPITAL
    assert company.size == CompanySize.S_1001_5000
    assert company.website == "https://lakeside.example.org"
    assert company.about == (
        "<p>A 420-bed teaching hospital.</p><p>We train nurses from three colleges.</p>"
    )
    assert [(loc.city, loc.state) for loc in company.locations.all()] == [
        ("Madison", "WI"),
        ("Green Bay", "WI"),
    ]
    assert company.benefits == ["Tuition reimbursement", "On-site childcare"]


def test_the_form_shows_typed_paragraphs_back_as_plain_text(client, employer_owner, company):
    client.force_login(employer_owner)
    client.post(URL, profile(about="Nurses & doctors.\n\nPatients < 18 welcome."))

    html = client.get(URL).content.decode()

    assert "Nurses &amp; doctors.\n\nPatients &lt; 18 welcome.</textarea>" in html
    assert "&lt;p&gt;" not in html


def test_saving_again_replaces_the_locations(client, employer_owner, company):
    client.force_login(employer_owner)
    client.post(URL, profile())

    client.post(URL, profile(locations="Austin, TX"))

    assert [loc.label for loc in company.locations.all()] == ["Austin, TX"]


def test_about_is_sanitized(client, employer_owner, company):
    client.force_login(employer_owner)

    client.post(
        URL,
        profile(
            about='<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:x()">me</a>'
            '<a href="https://ok.example">ok</a><img src=x></p>'
        ),
    )

    company.refresh_from_db()
    assert "script" not in company.about
    assert "onclick" not in company.about
    assert "javascript" not in company.about
    assert "<img" not in company.about
    assert '<a href="https://ok.example" rel="nofollow noopener noreferrer">ok</a>' in company.about


def test_website_must_be_http_or_https(client, employer_owner, company):
    client.force_login(employer_owner)

    response = client.post(URL, profile(website="ftp://lakeside.example.org"))

    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter a web address that starts with https://" in html
    assert 'aria-invalid="true"' in html
    company.refresh_from_db()
    assert company.website == ""


def test_website_without_a_scheme_gets_https(client, employer_owner, company):
    client.force_login(employer_owner)

    client.post(URL, profile(website="lakeside.example.org"))

    company.refresh_from_db()
    assert company.website == "https://lakeside.example.org"


def test_a_location_without_a_state_is_refused_and_the_form_is_kept(
    client, employer_owner, company
):
    client.force_login(employer_owner)

    response = client.post(URL, profile(locations="Madison, WI\nSomewhere nice", name="New"))

    assert response.status_code == 400
    html = response.content.decode()
    assert "Line 2 (“Somewhere nice”): write a city and a state, like Norfolk, VA." in html
    assert 'value="New"' in html  # what they typed is still there
    assert "nothing was saved yet" in html
    company.refresh_from_db()
    assert company.name == "Lakeside Health"
    assert not company.locations.exists()


def test_an_unknown_state_is_refused(client, employer_owner):
    client.force_login(employer_owner)

    response = client.post(URL, profile(locations="Springfield, ZZ"))

    assert response.status_code == 400
    assert "Line 1" in response.content.decode()


def test_too_many_benefits_are_refused(client, employer_owner):
    client.force_login(employer_owner)

    benefits = "\n".join(f"Benefit {n}" for n in range(16))
    response = client.post(URL, profile(benefits=benefits))

    assert response.status_code == 400
    assert "List at most 15 benefits (you listed 16)." in response.content.decode()


def test_name_cannot_be_blank(client, employer_owner):
    client.force_login(employer_owner)

    response = client.post(URL, profile(name="  "))

    assert response.status_code == 400


# The logo ----------------------------------------------------------------------------------


def saved_logo(company) -> Image.Image:
    company.refresh_from_db()
    with company.logo.open("rb") as f:
        image = Image.open(io.BytesIO(f.read()))
        image.load()
    return image


@pytest.mark.parametrize(
    ("fmt", "name", "content_type"),
    [("PNG", "logo.png", "image/png"), ("JPEG", "logo.jpg", "image/jpeg"),
     ("WEBP", "logo.webp", "image/webp")],
)  # fmt: skip
def test_logo_is_resized_and_reencoded(client, employer_owner, company, fmt, name, content_type):
    client.force_login(employer_owner)

    response = client.post(
        URL, profile(logo=upload(name, image_bytes(fmt, size=(1600, 800)), content_type))
    )

    assert response.status_code == 302
    image = saved_logo(company)
    assert image.format == "WEBP"
    assert image.size == (400, 200)
    assert company.logo.name.startswith("logos/") and company.logo.name.endswith(".webp")


def test_transparent_logo_keeps_its_transparency(client, employer_owner, company):
    client.force_login(employer_owner)

    data = image_bytes("PNG", size=(100, 100), color=(0, 0, 0, 0), mode="RGBA")
    client.post(URL, profile(logo=upload("logo.png", data)))

    assert saved_logo(company).mode == "RGBA"


def test_a_text_file_renamed_png_is_refused(client, employer_owner, company):
    client.force_login(employer_owner)

    response = client.post(URL, profile(logo=upload("logo.png", b"just some text, not pixels")))

    assert response.status_code == 400
    html = response.content.decode()
    assert "This file is not a PNG, JPEG or WebP image." in html
    assert 'id="id_logo_error"' in html
    company.refresh_from_db()
    assert not company.logo
    assert company.name == "Lakeside Health"  # nothing else saved either


def test_an_image_over_2_mb_is_refused(client, employer_owner, company):
    data = noise_png()
    assert len(data) > 2.5 * 1024 * 1024
    client.force_login(employer_owner)

    response = client.post(URL, profile(logo=upload("big.png", data)))

    assert response.status_code == 400
    assert "a logo can be at most 2 MB" in response.content.decode()
    company.refresh_from_db()
    assert not company.logo


def test_a_gif_is_refused_even_though_it_is_an_image(client, employer_owner, company):
    client.force_login(employer_owner)

    response = client.post(
        URL, profile(logo=upload("logo.png", image_bytes("GIF", size=(50, 50)), "image/gif"))
    )

    assert response.status_code == 400
    assert "not a PNG, JPEG or WebP image" in response.content.decode()


def test_a_truncated_image_is_refused(client, employer_owner, company):
    client.force_login(employer_owner)
    data = image_bytes("JPEG", size=(400, 400))[:600]

    response = client.post(URL, profile(logo=upload("logo.jpg", data, "image/jpeg")))

    assert response.status_code == 400
    company.refresh_from_db()
    assert not company.logo


def test_an_image_with_huge_dimensions_is_refused_before_decoding(client, employer_owner):
    client.force_login(employer_owner)
    data = image_bytes("PNG", size=(6000, 5000), mode="L", color=0)  # small file, 30 Mpx
    assert len(data) < 2 * 1024 * 1024

    response = client.post(URL, profile(logo=upload("wide.png", data)))

    assert response.status_code == 400
    assert "6000 x 5000 pixels" in response.content.decode()


def test_replacing_the_logo_deletes_the_old_file(
    client, employer_owner, company, django_capture_on_commit_callbacks
):
    client.force_login(employer_owner)
    client.post(URL, profile(logo=upload("a.png", image_bytes())))
    company.refresh_from_db()
    first = company.logo.name
    storage = company.logo.storage

    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, profile(logo=upload("b.png", image_bytes(color=(200, 0, 0)))))

    company.refresh_from_db()
    assert company.logo.name != first
    assert not storage.exists(first)
    assert storage.exists(company.logo.name)


def test_owner_can_remove_the_logo(
    client, employer_owner, company, django_capture_on_commit_callbacks
):
    client.force_login(employer_owner)
    client.post(URL, profile(logo=upload("a.png", image_bytes())))
    company.refresh_from_db()
    old = company.logo.name

    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, profile(remove_logo="on"))

    company.refresh_from_db()
    assert not company.logo
    assert not company.logo.storage.exists(old)


def test_saving_without_a_new_file_keeps_the_logo(client, employer_owner, company):
    client.force_login(employer_owner)
    client.post(URL, profile(logo=upload("a.png", image_bytes())))
    company.refresh_from_db()
    logo = company.logo.name

    client.post(URL, profile(name="Renamed"))

    company.refresh_from_db()
    assert company.logo.name == logo


def test_only_post_and_get_are_allowed(client, employer_owner):
    client.force_login(employer_owner)

    assert client.put(URL).status_code == 405
