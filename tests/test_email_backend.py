"""The development email backend: one whole .eml file per message in EMAIL_FILE_DIR."""

import pytest
from django.core.mail import EmailMessage

from infra.email_backends import DirectoryAndConsoleBackend


def message():
    return EmailMessage("Your job is live", "Body", "hello@example.com", ["dana@example.com"])


def test_each_email_is_written_whole_as_its_own_eml_file(tmp_path, settings):
    settings.EMAIL_FILE_DIR = tmp_path
    assert DirectoryAndConsoleBackend().send_messages([message(), message()]) == 2
    files = sorted(path.name for path in tmp_path.iterdir())
    assert len(files) == 2 and all(name.endswith(".eml") for name in files)
    assert b"Subject: Your job is live" in (tmp_path / files[0]).read_bytes()


def test_a_write_cut_short_leaves_no_eml_that_looks_sent(tmp_path, settings, monkeypatch):
    settings.EMAIL_FILE_DIR = tmp_path

    def killed(*args):
        raise OSError("the process stopped here")

    monkeypatch.setattr("infra.email_backends.os.replace", killed)
    with pytest.raises(OSError):
        DirectoryAndConsoleBackend().send_messages([message()])
    assert not list(tmp_path.glob("*.eml"))
