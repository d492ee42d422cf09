"""scripts/audit-dependencies.py reads pip-audit's JSON: never a pass when nothing was audited."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "audit-dependencies.py"
_spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
audit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit)

NOT_FOUND = "Dependency not found on PyPI and could not be audited: django (5.2.19)"


def test_a_known_vulnerability_fails_the_step_and_names_the_fix():
    report = {
        "dependencies": [
            {
                "name": "django",
                "version": "5.2.1",
                "vulns": [{"id": "PYSEC-1", "fix_versions": ["5.2.2"]}],
            },
            {"name": "celery", "version": "5.5.0", "vulns": []},
        ]
    }
    code, message = audit.verdict(report, "")
    assert code == 1
    assert "django 5.2.1: PYSEC-1 (fixed in 5.2.2)" in message


def test_no_answer_from_the_database_is_skipped_and_says_why():
    code, message = audit.verdict(None, "ConnectionError: Failed to resolve 'api.osv.dev'")
    assert code == 0
    assert message.startswith("pip-audit skipped: advisory database unreachable (")
    assert "api.osv.dev" in message


def test_nothing_audited_is_a_skip_not_a_pass():
    report = {"dependencies": [{"name": "django", "skip_reason": NOT_FOUND}]}
    code, message = audit.verdict(report, "")
    assert code == 0
    assert message.startswith("pip-audit skipped: advisory database unreachable")
    assert "no known vulnerabilities" not in message


def test_packages_left_unaudited_are_named_beside_the_clean_ones():
    report = {
        "dependencies": [
            {"name": "django", "version": "5.2.19", "vulns": []},
            {"name": "zipcodes", "skip_reason": NOT_FOUND},
        ]
    }
    code, message = audit.verdict(report, "")
    assert code == 0
    assert "no known vulnerabilities in 1 audited" in message
    assert "NOT audited (1" in message and "zipcodes" in message
