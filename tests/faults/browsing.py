"""A visitor of the app under test over real HTTP, timing every request."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

import requests

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Visitor:
    base_url: str
    timings: list[tuple[str, float, int]] = field(default_factory=list)

    def __post_init__(self):
        self.session = requests.Session()

    def request(self, label: str, method: str, path: str, **kwargs) -> requests.Response:
        started = time.monotonic()
        response = self.session.request(
            method, self.base_url + path, timeout=30, allow_redirects=False, **kwargs
        )
        elapsed = time.monotonic() - started
        self.timings.append((label, elapsed, response.status_code))
        return response

    def get(self, path: str, label: str | None = None) -> requests.Response:
        return self.request(label or f"GET {path}", "GET", path)

    def post_form(self, form_path: str, data: dict, *, action: str | None = None, label: str,
                  files: dict | None = None) -> requests.Response:  # fmt: skip
        """GET the page with the form, then POST `data` with its CSRF token to `action`."""
        page = self.get(form_path, label=f"GET {form_path}")
        assert page.status_code == 200, (form_path, page.status_code)
        token = CSRF_INPUT.search(page.text)
        assert token, f"no CSRF token on {form_path}"
        return self.request(
            label,
            "POST",
            action or form_path,
            data={"csrfmiddlewaretoken": token.group(1), **data},
            files=files,
            headers={"Referer": self.base_url + form_path},
        )

    def sign_in(self, email: str, password: str) -> None:
        response = self.post_form(
            "/accounts/login/", {"login": email, "password": password}, label="POST sign-in"
        )
        assert response.status_code == 302, response.text[:2000]

    def slowest(self) -> tuple[str, float, int]:
        return max(self.timings, key=lambda timing: timing[1])

    def report(self, title: str) -> str:
        lines = [f"{title}: {len(self.timings)} requests"]
        lines += [f"  {seconds * 1000:7.0f} ms  {status}  {label}" for label, seconds, status
                  in self.timings]  # fmt: skip
        return "\n".join(lines)
