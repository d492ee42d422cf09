"""Pages stay light and make no third-party requests (issue 15): for a representative page of
each role, the HTML plus every same-site stylesheet and script it references stays at or under
150 KB uncompressed (images aside), and nothing it loads comes from another site. Run with -s
to see the table of weights."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from tests.applications.factories import ApplicationFactory
from tests.articles.factories import PublishedArticleFactory
from tests.candidates.factories import DenverProfileFactory, ProfileFactory, SavedJobFactory
from tests.factories import CandidateFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db

BUDGET = 150 * 1024

# Tags whose attribute makes the browser fetch something; <a href> is only a link.
FETCHING = {
    ("script", "src"),
    ("link", "href"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("iframe", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("input", "src"),
}
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""")


class _Resources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stylesheets, self.scripts, self.fetched = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if (tag, name) in FETCHING and value:
                urls = [value]
                if name == "srcset":
                    urls = [part.split()[0] for part in value.split(",") if part.strip()]
                self.fetched += [(tag, url.strip()) for url in urls if url.strip()]
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split() and attrs.get("href"):
            self.stylesheets.append(attrs["href"])
        if tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])


def is_off_site(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob") or not (parts.scheme or parts.netloc):
        return False
    return not url.startswith(settings.SITE_URL + "/")


def static_bytes(url: str) -> bytes:
    path = urlsplit(url).path
    assert path.startswith(settings.STATIC_URL), f"{url} is not a static file"
    found = finders.find(path.removeprefix(settings.STATIC_URL))
    assert found, f"{url} is referenced but no static finder has it"
    with open(found, "rb") as handle:
        return handle.read()


def weigh(client, url):
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    html = response.content
    parser = _Resources()
    parser.feed(html.decode())
    css = {href: static_bytes(href) for href in parser.stylesheets if not is_off_site(href)}
    js = {src: static_bytes(src) for src in parser.scripts if not is_off_site(src)}
    off_site = [f"<{tag}> {ref}" for tag, ref in parser.fetched if is_off_site(ref)]
    for href, body in css.items():
        off_site += [f"{href}: {ref}" for ref in CSS_URL.findall(body.decode()) if is_off_site(ref)]
    return {
        "html": len(html),
        "css": sum(map(len, css.values())),
        "js": sum(map(len, js.values())),
        "off_site": off_site,
    }


@pytest.fixture
def cast(client, company, employer_owner, candidate, private_storage):
    job = PublishedJobFactory(
        company=company,
        title="ICU Nurse, Nights",
        description="<p>Care for critically ill adults on a 24-bed unit.</p>" * 30,
    )
    for _ in range(12):
        PublishedJobFactory(company=company)
    article = PublishedArticleFactory()
    ProfileFactory(user=candidate)
    application = ApplicationFactory(job=job, candidate=candidate)
    SavedJobFactory(user=candidate, job=job)
    for _ in range(5):
        DenverProfileFactory(user=CandidateFactory())
        ApplicationFactory(job=job)
    return {"job": job, "article": article, "application": application}


def test_every_page_stays_under_the_budget_and_loads_nothing_from_another_site(
    client, cast, company, employer_owner, candidate, capsys
):
    job, article, application = cast["job"], cast["article"], cast["application"]
    public = [
        "/",
        "/jobs/",
        "/jobs/?q=nurse",
        f"/jobs/{job.slug}/",
        "/companies/",
        f"/companies/{company.slug}/",
        "/pricing/",
        "/blog/",
        f"/blog/{article.slug}/",
        "/pay/",
        "/pay/registered-nurse/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/signup/candidate/",
    ]
    employer = [
        "/dashboard/",
        "/dashboard/jobs/",
        "/dashboard/applicants/",
        f"/dashboard/jobs/{job.pk}/",
    ]
    candidate_pages = [
        "/me/",
        "/me/profile/",
        "/me/applications/",
        f"/me/applications/{application.pk}/",
        "/me/saved/",
        "/me/alerts/",
    ]

    rows = []
    rows += [("guest", url, weigh(client, url)) for url in public]
    client.force_login(employer_owner)
    rows += [("employer", url, weigh(client, url)) for url in employer]
    company.plan, company.is_verified = "professional", True
    company.save()
    rows += [("professional", "/candidates/", weigh(client, "/candidates/"))]
    client.logout()
    client.force_login(candidate)
    rows += [("candidate", url, weigh(client, url)) for url in candidate_pages]

    with capsys.disabled():
        print(f"\n{'role':<13}{'page':<44}{'HTML':>8}{'CSS':>8}{'JS':>8}{'total':>9}")
        for role, url, weight in rows:
            total = weight["html"] + weight["css"] + weight["js"]
            print(
                f"{role:<13}{url[:43]:<44}{weight['html'] / 1024:>7.1f}K"
                f"{weight['css'] / 1024:>7.1f}K{weight['js'] / 1024:>7.1f}K{total / 1024:>8.1f}K"
            )
    heavy = [
        (url, weight["html"] + weight["css"] + weight["js"])
        for _, url, weight in rows
        if weight["html"] + weight["css"] + weight["js"] > BUDGET
    ]
    off_site = [(url, weight["off_site"]) for _, url, weight in rows if weight["off_site"]]
    assert not heavy, f"over {BUDGET // 1024} KB: {heavy}"
    assert not off_site, f"third-party requests: {off_site}"


def test_an_off_site_script_or_stylesheet_is_caught():
    parser = _Resources()
    parser.feed(
        '<link rel="stylesheet" href="https://fonts.example.com/a.css">'
        '<script src="//cdn.example.com/x.js"></script>'
        f'<img src="{settings.SITE_URL}/static/img/a.png"'
        ' srcset="https://img.example.com/b.png 2x">'
        '<a href="https://example.org/">an ordinary link</a>'
    )

    off = [ref for _, ref in parser.fetched if is_off_site(ref)]

    assert off == [
        "https://fonts.example.com/a.css",
        "//cdn.example.com/x.js",
        "https://img.example.com/b.png",
    ]
