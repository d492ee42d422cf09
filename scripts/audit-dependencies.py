"""pip-audit of requirements.lock, a step of `make test`.

Known vulnerabilities fail the step. Where the advisory database cannot be reached (no network, or
a registry mirror that does not serve PyPI's per-version JSON, where the advisories live), the step
says "skipped" and why, and passes without claiming the lock is clean. pip-audit itself would print
"No known vulnerabilities found" when it could audit nothing, so its verdict is read from its JSON.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# Socket timeout per request, and for the whole run: a slow network must not stall CI.
SOCKET_TIMEOUT = 10
RUN_TIMEOUT = 180


def verdict(report: dict | None, error: str) -> tuple[int, str]:
    """(exit code, message) for pip-audit's JSON report, or None and why there is none."""
    if report is None:
        return 0, f"pip-audit skipped: advisory database unreachable ({error})"
    dependencies = report.get("dependencies", [])
    skipped = [d for d in dependencies if d.get("skip_reason")]
    audited = [d for d in dependencies if not d.get("skip_reason")]
    vulnerable = [d for d in audited if d.get("vulns")]
    if vulnerable:
        lines = [f"pip-audit FAILED: {len(vulnerable)} pinned packages have known vulnerabilities"]
        for dep in vulnerable:
            for vuln in dep["vulns"]:
                fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
                lines.append(f"  {dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixed})")
        return 1, "\n".join(lines)
    if not audited:
        reason = skipped[0]["skip_reason"] if skipped else "the lock pins nothing"
        return 0, (
            f"pip-audit skipped: advisory database unreachable (none of {len(skipped)} pinned "
            f"packages could be looked up; first: {reason})"
        )
    message = f"pip-audit: no known vulnerabilities in {len(audited)} audited pinned packages"
    if skipped:
        names = ", ".join(d["name"] for d in skipped)
        message += f"; NOT audited ({len(skipped)}, not found in the database): {names}"
    return 0, message


def run_pip_audit() -> tuple[dict | None, str]:
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "report.json"
        command = [
            str(BIN / "pip-audit"),
            # The lock is fully pinned by `make lock`: audit its pins as they are, without
            # resolving them again in a throwaway virtualenv.
            *("-r", str(ROOT / "requirements.lock"), "--no-deps", "--disable-pip"),
            *("--progress-spinner", "off", "--timeout", str(SOCKET_TIMEOUT)),
            *("-f", "json", "-o", str(output)),
        ]
        try:
            done = subprocess.run(  # noqa: S603 - fixed command, our own paths
                command, capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False
            )
        except subprocess.TimeoutExpired:
            return None, f"no answer within {RUN_TIMEOUT} s"
        text = output.read_text() if output.exists() else ""
        if not text.strip():
            lines = [line for line in done.stderr.splitlines() if line.strip()]
            return None, lines[-1][:300] if lines else f"pip-audit exited {done.returncode}"
        return json.loads(text), ""


def main() -> int:
    code, message = verdict(*run_pip_audit())
    print(message, flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
