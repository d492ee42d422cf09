"""Development email: every message is written to EMAIL_FILE_DIR as its own .eml file and echoed
to the console, so a developer can open verification links from var/mail/."""

import os
import sys
import threading
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


class DirectoryAndConsoleBackend(BaseEmailBackend):
    _lock = threading.Lock()
    _counter = 0

    def send_messages(self, email_messages):
        directory = Path(settings.EMAIL_FILE_DIR)
        directory.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            raw = message.message().as_bytes(linesep="\n")
            with self._lock:
                DirectoryAndConsoleBackend._counter += 1
                stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
                path = directory / f"{stamp}-{DirectoryAndConsoleBackend._counter}.eml"
            # Written whole or not at all: a process killed mid-write leaves a hidden .part
            # file, never a half message that looks sent.
            part = path.with_name(f".{path.name}.part")
            part.write_bytes(raw)
            os.replace(part, path)
            sys.stdout.write(
                f"\n----- email to {', '.join(message.recipients())} saved as {path} -----\n"
            )
            sys.stdout.write(raw.decode("utf-8", errors="replace") + "\n" + "-" * 79 + "\n")
            sys.stdout.flush()
            sent += 1
        return sent
