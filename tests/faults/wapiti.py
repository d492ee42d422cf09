"""wapiti, the web vulnerability scanner, in a virtualenv of its own.

wapiti3 pins versions of aiohttp, httpx, mitmproxy, sqlalchemy... that conflict with the app's,
so it is not in requirements.lock: it gets its own virtualenv, built from the pinned list
beside this file, cached outside the work tree ($WAPITI_VENV, by default
~/.cache/healthcareers/wapiti-<version>: CI runs in a fresh clone, where var/ starts empty).
wapiti3 3.2.3 is the last release for Python 3.11 (3.3 needs 3.12).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

REQUIREMENTS = Path(__file__).with_name("wapiti-requirements.txt")
VERSION = "3.2.3"
# Attack modules: injections (xss, stored xss, sql, command, file, CRLF, open redirect), and
# the checks of headers, CSP, cookie flags, CSRF tokens and HTTP methods.
MODULES = "xss,permanentxss,sql,exec,file,crlf,redirect,csp,http_headers,cookieflags,csrf,methods"
# wapiti's levels in its JSON report (wapiti3 definitions/base.py): 0 info ... 4 critical.
INFO_LEVEL = 0
# The crawl stops after max_scan_seconds, each attack module after this many seconds.
MAX_ATTACK_SECONDS = 12
LEVELS = {0: "info", 1: "low", 2: "medium", 3: "high", 4: "critical"}


class Unavailable(Exception):
    """wapiti could not be installed here; the message says why."""


def venv_dir() -> Path:
    digest = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()[:8]
    default = Path.home() / ".cache" / "healthcareers" / f"wapiti-{VERSION}-{digest}"
    return Path(os.environ.get("WAPITI_VENV", default))


def ensure_wapiti() -> Path:
    """The wapiti executable, installing it first when its virtualenv is not there yet."""
    venv = venv_dir()
    wapiti = venv / "bin" / "wapiti"
    marker = venv / ".installed"
    if marker.exists() and wapiti.exists():
        return wapiti
    venv.parent.mkdir(parents=True, exist_ok=True)
    steps = [
        [sys.executable, "-m", "venv", "--clear", str(venv)],
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
         "--disable-pip-version-check", "-r", str(REQUIREMENTS)],
    ]  # fmt: skip
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, timeout=900)
        if done.returncode != 0:
            raise Unavailable(
                f"`{' '.join(step[-3:])}` failed: " + (done.stderr or done.stdout)[-1500:]
            )
    marker.write_text(VERSION)
    return wapiti


def scan(base_url: str, report: Path, *, workdir: Path, max_scan_seconds: int) -> dict:
    """Crawl and attack `base_url` (this host and port only), return the JSON report."""
    wapiti = ensure_wapiti()
    command = [
        str(wapiti), "-u", base_url + "/", "--scope", "folder", "-m", MODULES,
        "--flush-session", "--store-session", str(workdir / "session"),
        "--store-config", str(workdir / "config"),
        "-d", "2", "--max-links-per-page", "25", "--max-files-per-dir", "15",
        "--max-scan-time", str(max_scan_seconds), "--max-attack-time", str(MAX_ATTACK_SECONDS),
        "--tasks", "4", "-t", "10", "-l", "1",
        # Signing out would end the crawl's session for nothing; the admin is staff-only.
        "-x", base_url + "/accounts/logout/", "-x", base_url + "/admin/*",
        "--no-bugreport", "-f", "json", "-o", str(report), "-v", "1",
    ]  # fmt: skip
    log = workdir / "wapiti.log"
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        try:
            code = process.wait(timeout=max_scan_seconds + 12 * MAX_ATTACK_SECONDS + 60)
        except subprocess.TimeoutExpired:
            process.kill()  # our own child, by its pid
            process.wait()
            raise AssertionError("wapiti overran its time:\n" + log.read_text()[-3000:]) from None
    if code != 0 or not report.exists():
        raise AssertionError(f"wapiti exited {code}:\n" + log.read_text()[-3000:])
    return json.loads(report.read_text())


def findings(report: dict, *, above: int = INFO_LEVEL) -> list[dict]:
    """Every finding (vulnerability, anomaly or additional) whose level is above `above`."""
    found = []
    for section in ("vulnerabilities", "anomalies", "additionals"):
        for category, items in (report.get(section) or {}).items():
            for item in items:
                if item.get("level", 0) > above:
                    found.append({"section": section, "category": category, **item})
    return found


def summary(report: dict, *, workdir: Path) -> str:
    counts = {}
    for section in ("vulnerabilities", "anomalies", "additionals"):
        for category, items in (report.get(section) or {}).items():
            for item in items:
                key = (section, category, LEVELS.get(item.get("level", 0), "?"))
                counts[key] = counts.get(key, 0) + 1
    log = (workdir / "wapiti.log").read_text(errors="replace")
    found = re.search(r"Wapiti found (\d+) URLs and forms", log)
    capped = re.findall(r"Max attack time was reached for module (\w+)", log)
    lines = [
        f"wapiti {VERSION}: {found.group(1) if found else '?'} URLs and forms crawled; modules "
        f"{MODULES}; stopped at {MAX_ATTACK_SECONDS} s: {', '.join(capped) or 'none'}"
    ]
    lines += [f"  {n} x {cat} ({sec}, {level})" for (sec, cat, level), n in sorted(counts.items())]
    if not counts:
        lines.append("  no findings")
    return "\n".join(lines)
