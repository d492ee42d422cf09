"""Synthetic job postings for the benchmark database, loaded with COPY.

Realistic and varied: every profession (weighted as a real board is: registered nurses are many,
dosimetrists few, so "nurse" is broad and "radiation therapist" narrow), titles, specialties and
descriptions in the field's words, ZIP codes across every state, every shift, employment type and
pay range; about 90% live, the rest drafts, jobs waiting for review, paused, closed or expired.

People and their activity, scaled with N (at N = 1,000,000: 2,000 companies of very different
sizes, the largest with about an eighth of the jobs; 200,000 candidates; 100,000 saved daily
alerts; 1,000,000 applications of every age and stage, the largest company with thousands of
applicants). Every table is loaded with COPY.

Run inside the benchmark's Django environment (bench/run.py does): `python -m bench.generate N`.
The data depends only on N and this file, so bench/run.py reloads only when either changed.
"""

import hashlib
import itertools
import random
import sys
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

GENERATOR_VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
SEED = 20261201
# Per 1,000,000 jobs; everything scales with N.
COMPANIES_PER_MILLION = 2_000
CANDIDATES_PER_MILLION = 200_000
ALERTS_PER_MILLION = 100_000
APPLICATIONS_PER_MILLION = 1_000_000
# One password hash for every benchmark account (hashing 200,000 would take minutes).
PASSWORD = "pbkdf2_sha256$1000000$bench$" + "x" * 43
# Stages of the applications, as a real board's spread: most never get past "submitted" or
# "viewed", a fifth are turned down, few reach an offer.
STAGE_SHARES = [("submitted", 30), ("viewed", 15), ("reviewing", 15), ("interview", 8),
                ("offer", 2), ("hired", 2), ("not_selected", 20), ("withdrawn", 5),
                ("position_closed", 3)]  # fmt: skip
RESPONSE = {"reviewing", "interview", "offer", "hired", "not_selected"}
FINAL = {"hired", "not_selected", "withdrawn", "position_closed"}

# (profession, weight, titles, specialties, required credentials, pay range, period)
EXTRA_ROLES = {
    "crna": (
        ["Certified Registered Nurse Anesthetist", "CRNA", "Nurse Anesthetist"],
        ["Cardiac anesthesia", "Obstetric anesthesia", "Ambulatory surgery"],
        ["aprn", "bls", "acls"], [], (190_000, 260_000), "year", "hospital",
    ),
    "paramedic": (
        ["Paramedic", "EMT-Basic", "Critical Care Paramedic", "Emergency Medical Technician"],
        ["Emergency medical services", "Interfacility transport", "Flight"],
        ["nremt", "bls"], ["acls", "pals"], (18, 32), "hour", "hospital",
    ),
    "surgical_technologist": (
        ["Surgical Technologist", "Certified Surgical Technologist", "Surgical Tech"],
        ["Operating room", "Cardiovascular surgery", "Orthopedic surgery"],
        ["cst", "bls"], [], (24, 36), "hour", "hospital",
    ),
    "dietitian": (
        ["Registered Dietitian", "Clinical Dietitian", "Outpatient Dietitian"],
        ["Clinical nutrition", "Renal nutrition", "Pediatric nutrition"],
        [], [], (58_000, 82_000), "year", "hospital",
    ),
    "social_worker": (
        ["Clinical Social Worker", "Medical Social Worker", "LCSW Case Manager"],
        ["Case management", "Behavioral health", "Hospice"],
        [], [], (56_000, 84_000), "year", "hospital",
    ),
    "dental_hygienist": (
        ["Dental Hygienist", "Registered Dental Hygienist"],
        ["General dentistry", "Periodontics", "Pediatric dentistry"],
        [], [], (38, 52), "hour", "physician_practice",
    ),
    "healthcare_administrator": (
        ["Practice Manager", "Nurse Manager", "Director of Operations"],
        ["Operations", "Revenue cycle", "Quality"],
        [], [], (80_000, 150_000), "year", "hospital",
    ),
}  # fmt: skip

WEIGHTS = {
    "registered_nurse": 20, "licensed_practical_nurse": 6, "nurse_practitioner": 5,
    "certified_nursing_assistant": 8, "crna": 1, "physician": 6, "physician_assistant": 3,
    "anesthesiologist_assistant": 0.4, "medical_coder": 5, "medical_biller": 3,
    "health_information_manager": 1, "clinical_documentation_specialist": 1, "pharmacist": 3,
    "pharmacy_technician": 4, "radiologic_technologist": 5, "radiation_therapist": 0.3,
    "dosimetrist": 0.2, "nuclear_medicine_technologist": 1, "sonographer": 3,
    "respiratory_therapist": 3, "physical_therapist": 4, "occupational_therapist": 3,
    "art_therapist": 0.2, "medical_assistant": 5, "medical_laboratory_scientist": 2,
    "speech_language_pathologist": 2, "paramedic": 2, "surgical_technologist": 2,
    "dietitian": 1, "social_worker": 2, "dental_hygienist": 1, "healthcare_administrator": 1,
}  # fmt: skip

EMPLOYMENT = (["full_time", "part_time", "per_diem", "contract", "temporary", "internship"],
              [60, 12, 12, 9, 5, 2])  # fmt: skip
SHIFTS = ["day", "day", "night", "evening", "rotating", "weekends"]
EXPERIENCE = ["entry", "mid", "senior", "leadership"]
BENEFITS = ["health", "dental", "vision", "retirement", "pto", "tuition", "cme", "relocation",
            "childcare", "loan_repayment", "malpractice", "flexible"]  # fmt: skip
# (status, share): about 90% live.
STATUSES = [("live", 0.90), ("draft", 0.025), ("pending_review", 0.01), ("paused", 0.015),
            ("closed", 0.025), ("expired", 0.025)]  # fmt: skip


def roles():
    from demo.jobs import ROLES

    table = {str(k): v for k, v in ROLES.items()}
    table.update(EXTRA_ROLES)
    return {name: table[name] for name in WEIGHTS}


def places(rng, count=3000):
    from jobs.choices import STATE_NAMES
    from jobs.gazetteer import _index

    by_zip = _index()[0]
    # The 50 states and DC only: a job's state is one of the form's choices.
    zips = sorted(z for z, place in by_zip.items() if place.state in STATE_NAMES)
    return [by_zip[z] for z in rng.sample(zips, min(count, len(zips)))]


def company_count(scale: int) -> int:
    return max(20, scale * COMPANIES_PER_MILLION // 1_000_000)


def companies_create(rng, scale):
    from employers.models import Company

    Company.objects.filter(slug__startswith="bench-").delete()
    facility = ["hospital", "clinic", "long_term_care", "imaging_center", "physician_practice",
                "staffing_agency", "remote_coding_company", "pharmacy", "laboratory",
                "cancer_center"]  # fmt: skip
    companies = [
        Company(
            name=f"Bench Health System {n}",
            slug=f"bench-health-system-{n}",
            is_verified=True,
            facility_type=rng.choice(facility),
            plan="enterprise",
        )
        for n in range(company_count(scale))
    ]
    return [c.pk for c in Company.objects.bulk_create(companies)]


def company_weights(count: int) -> list[float]:
    """Zipf-like sizes: company k has 1/(k+1) of the first's jobs, so the largest has about
    an eighth of all jobs and the smallest a few dozen per million."""
    return [1 / (k + 1) for k in range(count)]


def job_rows(scale: int):
    """Yield (column -> value) dicts, `scale` of them."""
    from django.utils import timezone

    from demo.jobs import build_description

    rng = random.Random(SEED)  # noqa: S311 - benchmark data, not security
    table = roles()
    names = list(table)
    weights = [WEIGHTS[n] for n in names]
    spots = places(rng)
    company_ids = companies_create(rng, scale)
    sizes = list(itertools.accumulate(company_weights(len(company_ids))))
    now = timezone.now()
    status_names = [s for s, _ in STATUSES]
    status_weights = [w for _, w in STATUSES]
    for _ in range(scale):
        profession = rng.choices(names, weights)[0]
        titles, specialties, required, preferred, (low, high), period, facility = table[profession]
        specialty = rng.choice(specialties)
        title = rng.choice(titles)
        if rng.random() < 0.5:
            title = f"{title}, {specialty}"
        if rng.random() < 0.15:
            title = f"{rng.choice(['Travel', 'Per Diem', 'Senior', 'Lead', 'Night'])} {title}"
        desk = profession in {"medical_coder", "medical_biller", "health_information_manager",
                              "clinical_documentation_specialist", "dosimetrist"}  # fmt: skip
        remote = desk and rng.random() < 0.6 or rng.random() < 0.02
        workplace = "remote" if remote else rng.choice(["onsite"] * 5 + ["hybrid"])
        place = rng.choice(spots)
        shift = "day" if desk else rng.choice(SHIFTS)
        step = 1 if period == "hour" else 1000
        pay_min = rng.randrange(low, high - (high - low) // 4, step)
        pay_max = pay_min + max(step, rng.randrange(step, max(2 * step, (high - low) // 2), step))
        status = rng.choices(status_names, status_weights)[0]
        published = now - timedelta(days=rng.random() * 29)
        expires = published + timedelta(days=30)
        if status == "expired":
            published = now - timedelta(days=30 + rng.random() * 300)
            expires = published + timedelta(days=30)
        db_status = {"live": "published", "expired": "published"}.get(status, status)
        if status in {"draft", "pending_review"}:
            published = expires = None
        yield {
            "company_id": rng.choices(company_ids, cum_weights=sizes)[0],
            "title": title[:160],
            "profession": profession,
            "specialty": specialty,
            "facility_type": facility,
            "employment_type": rng.choices(*EMPLOYMENT)[0],
            "shift": shift,
            "experience_level": rng.choice(EXPERIENCE),
            "workplace_type": workplace,
            "remote_states": sorted(rng.sample(["CO", "TX", "FL", "AZ", "NC", "GA", "OH"], 2))
            if remote and rng.random() < 0.4
            else [],
            "city": "" if remote else place.city,
            "state": "" if remote else place.state,
            "zip_code": "" if remote else place.zip_code,
            "latitude": None if remote else place.latitude,
            "longitude": None if remote else place.longitude,
            "pay_min": Decimal(pay_min),
            "pay_max": Decimal(pay_max),
            "pay_period": period,
            "sign_on_bonus": Decimal(5000) if rng.random() < 0.15 else None,
            "required_credentials": list(required),
            "preferred_credentials": rng.sample(preferred, min(len(preferred), 2)),
            "license_states": [place.state] if "rn" in required and not remote else [],
            "visa_sponsorship": rng.random() < 0.1,
            "benefits": sorted(rng.sample(BENEFITS, rng.randrange(3, 8))),
            "description": build_description(
                rng, title, specialty, facility.replace("_", " "), profession, shift, required
            )
            + "<p>"
            + " ".join(rng.sample(FILLER, 6))
            + "</p>",
            "apply_method": "on_site",
            "apply_url": "",
            "status": db_status,
            "is_featured": rng.random() < 0.03,
            "review_note": "",
            "created_at": published or now,
            "updated_at": published or now,
            "published_at": published,
            "expires_at": expires,
            "closed_at": now if status == "closed" else None,
            "expiry_reminder_sent_at": None,
            "view_count": rng.randrange(0, 500),
        }


FILLER = [
    "We offer a supportive preceptor program for every new hire.",
    "Our teams share decisions in daily safety huddles.",
    "Parking is free and the campus is on two bus lines.",
    "You will have a clear path to charge and lead roles.",
    "We pay for your certification renewals and continuing education.",
    "Our patient satisfaction scores are in the top decile of the state.",
    "Staffing ratios are published on every unit.",
    "Float pool and self-scheduling options are available.",
    "Shared governance councils meet monthly and you are welcome to join.",
    "Interpreters are available around the clock for patients and families.",
    "Wellness programs, an employee assistance program and on-site fitness rooms.",
    "Our electronic health record is Epic, with remote access for charting.",
]


def copy_rows(cursor, model, rows, label: str) -> int:
    """COPY dicts of column -> value into the model's table; columns the rows leave out get
    their model default (so fields added to a model later need no change here)."""
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return 0
    fields = model._meta.concrete_fields
    known = {f.column for f in fields}
    columns = [c for c in first if c in known]
    defaults = {
        f.column: f.get_default()
        for f in fields
        if f.column not in first
        and not f.primary_key
        and not getattr(f, "generated", False)
        and f.column != "search_vector"
        and not f.null
    }
    columns += list(defaults)
    table = model._meta.db_table
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"  # noqa: S608 - our own names
    count = 0
    with cursor.cursor.copy(sql) as copy:
        for row in itertools.chain([first], rows):
            copy.write_row([row.get(c, defaults.get(c)) for c in columns])
            count += 1
            if count % 200_000 == 0:
                print(f"[bench] {count:,} {label} written", flush=True)
    return count


def candidate_rows(count: int, now):
    for n in range(count):
        yield {
            "password": PASSWORD,
            "email": f"bench-candidate-{n}@example.com",
            "full_name": f"Bench Candidate {n}",
            "role": "candidate",
            "is_active": True,
            "is_staff": False,
            "is_superuser": False,
            "date_joined": now - timedelta(days=n % 700),
        }


def alert_rows(rng, user_ids, count: int, now):
    """Daily alerts of candidates: a profession, often a place, sometimes words or a shift,
    as people save them from the search page."""
    from urllib.parse import urlencode

    from jobs.choices import STATE_NAMES
    from jobs.gazetteer import _index

    by_zip = _index()[0]
    cities = sorted({f"{p.city}, {p.state}" for p in by_zip.values() if p.state in STATE_NAMES})
    cities = cities[::7]
    names = list(WEIGHTS)
    weights = [WEIGHTS[n] for n in names]
    owners = rng.sample(user_ids, min(count, len(user_ids)))
    for n, user_id in enumerate(owners):
        params = [("profession", rng.choices(names, weights)[0])]
        if rng.random() < 0.6:
            params += [("location", rng.choice(cities)), ("radius", rng.choice(["25", "50"]))]
        if rng.random() < 0.2:
            params.append(("q", rng.choice(["icu", "travel", "pediatric", "senior", "lead"])))
        if rng.random() < 0.2:
            params.append(("shift", rng.choice(["day", "night"])))
        query = urlencode(sorted(params))
        yield {
            "user_id": user_id,
            "email": "",
            "query_string": query,
            "label": query[:200],
            "frequency": "daily",
            "confirmed_at": now - timedelta(days=30),
            "is_active": True,
            "last_run_at": now - timedelta(days=1, minutes=n % 60),
            "created_at": now - timedelta(days=30 + n % 300),
        }


def application_rows(rng, jobs, candidate_ids, count: int, now):
    """`count` applications: each candidate applies to a few jobs (never one twice), some
    time after the job was published; older ones have moved further along."""
    from django.conf import settings

    respond = timedelta(days=settings.NO_GHOSTING_RESPONSE_DAYS)
    stages = [s for s, _ in STAGE_SHARES]
    cum = list(itertools.accumulate(w for _, w in STAGE_SHARES))
    per_candidate = max(1, round(count / len(candidate_ids)))
    made = 0
    for candidate_id in itertools.cycle(candidate_ids):
        if made >= count:
            return
        for job_id, company_id, published in (
            jobs[i] for i in rng.sample(range(len(jobs)), min(per_candidate, count - made))
        ):
            age = (now - published).total_seconds()
            submitted = published + timedelta(seconds=rng.random() * max(age, 60) * 0.95)
            stage = rng.choices(stages, cum_weights=cum)[0]
            respond_by = submitted + respond
            answered = submitted + timedelta(hours=rng.random() * 150)
            if stage in RESPONSE and answered > now:
                stage = "viewed"
            overdue = stage in {"submitted", "viewed"} and respond_by <= now
            yield {
                "job_id": job_id,
                "company_id": company_id,
                "candidate_id": candidate_id,
                "cover_letter": "",
                "stage": stage,
                "submitted_at": submitted,
                "respond_by": respond_by,
                "viewed_at": answered if stage != "submitted" and answered <= now else None,
                "first_response_at": answered if stage in RESPONSE else None,
                "breached_at": respond_by if overdue else None,
                "closed_at": min(now, answered) if stage in FINAL else None,
                "reminded_3d_at": respond_by - timedelta(days=3) if overdue else None,
                "reminded_1d_at": respond_by - timedelta(days=1) if overdue else None,
                "updated_at": min(now, answered),
            }
            made += 1


def load(scale: int) -> None:
    """Replace every job, company and benchmark account with `scale`-sized synthetic ones,
    through COPY, then analyze."""
    from django.db import connection, transaction
    from django.utils import timezone

    from accounts.models import User
    from applications.models import Application
    from candidates.models import JobAlert
    from employers.models import Membership
    from jobs.models import Job

    now = timezone.now()
    rng = random.Random(SEED + 1)  # noqa: S311 - benchmark data, not security
    # One transaction: a load that fails leaves the old data and every index as they were.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE jobs_job, accounts_user CASCADE")
        # Building an index once from all its rows (a sort) is many times faster than updating
        # it row by row: the indexes of the big tables go, and come back after the COPY (those
        # behind a constraint stay; a unique index checks its rows again when it is rebuilt).
        indexes = plain_indexes(cursor, BULK_TABLES)
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {name}")
        # Every row refers only to rows made before it: the foreign keys need no check row by
        # row. The jobs keep one trigger, the one that builds their search vector.
        cursor.execute("ALTER TABLE jobs_job DISABLE TRIGGER ALL")
        cursor.execute("ALTER TABLE jobs_job ENABLE TRIGGER jobs_job_search_vector")
        copy_rows(cursor, Job, job_rows(scale), "jobs")
        cursor.execute("ALTER TABLE jobs_job ENABLE TRIGGER ALL")
        cursor.execute("SET LOCAL session_replication_role = replica")
        candidates = max(50, scale * CANDIDATES_PER_MILLION // 1_000_000)
        copy_rows(cursor, User, candidate_rows(candidates, now), "candidates")
        cursor.execute("SELECT id FROM accounts_user WHERE role = 'candidate' ORDER BY id")
        candidate_ids = [row[0] for row in cursor.fetchall()]
        # One owner per company (the largest company's owner reads its applicant inbox).
        cursor.execute("SELECT id FROM employers_company ORDER BY id")
        company_ids = [row[0] for row in cursor.fetchall()]
        employers = (
            {
                "password": PASSWORD,
                "email": f"bench-employer-{n}@example.com",
                "full_name": f"Bench Employer {n}",
                "role": "employer",
                "is_active": True,
                "is_staff": False,
                "is_superuser": False,
                "date_joined": now,
            }
            for n in range(len(company_ids))
        )
        copy_rows(cursor, User, employers, "employers")
        cursor.execute("SELECT id FROM accounts_user WHERE role = 'employer' ORDER BY id")
        employer_ids = [row[0] for row in cursor.fetchall()]
        copy_rows(
            cursor,
            Membership,
            (
                {"company_id": c, "user_id": u, "role": "owner", "created_at": now}
                for c, u in zip(company_ids, employer_ids, strict=True)
            ),
            "memberships",
        )
        alerts = max(10, scale * ALERTS_PER_MILLION // 1_000_000)
        copy_rows(cursor, JobAlert, alert_rows(rng, candidate_ids, alerts, now), "alerts")
        cursor.execute(
            "SELECT id, company_id, published_at FROM jobs_job "
            "WHERE published_at IS NOT NULL ORDER BY id"
        )
        jobs = cursor.fetchall()
        applications = max(100, scale * APPLICATIONS_PER_MILLION // 1_000_000)
        copy_rows(
            cursor,
            Application,
            application_rows(rng, jobs, candidate_ids, applications, now),
            "applications",
        )
        del jobs
        cursor.execute("SET LOCAL session_replication_role = origin")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the few checks still pending
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for name, definition in indexes:
            print(f"[bench] building {name}", flush=True)
            cursor.execute(definition)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value text)")
        cursor.execute(
            "INSERT INTO bench_meta VALUES ('data', %s) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            [f"{scale}:{GENERATOR_VERSION}"],
        )
    with connection.cursor() as cursor:  # Django's autocommit: VACUUM runs outside a transaction
        for table in ("jobs_job", "accounts_user", "applications_application"):
            cursor.execute(f"VACUUM ANALYZE {table}")
        cursor.execute("ANALYZE")


BULK_TABLES = ["jobs_job", "accounts_user", "candidates_jobalert", "applications_application"]


def plain_indexes(cursor, tables) -> list[tuple[str, str]]:
    """(name, CREATE INDEX statement) of the tables' indexes that back no constraint (a
    primary key or a UNIQUE constraint; a conditional UniqueConstraint is an index only)."""
    cursor.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "JOIN pg_class t ON t.oid = i.indrelid WHERE t.relname = ANY(%s) "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) "
        "ORDER BY 1",
        [tables],
    )
    return cursor.fetchall()


def loaded_fingerprint() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('bench_meta') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return ""
        cursor.execute("SELECT value FROM bench_meta WHERE key = 'data'")
        row = cursor.fetchone()
    return row[0] if row else ""


if __name__ == "__main__":
    import django

    django.setup()
    wanted = int(sys.argv[1])
    if loaded_fingerprint() == f"{wanted}:{GENERATOR_VERSION}":
        print(f"[bench] reusing the loaded {wanted:,} jobs", flush=True)
    else:
        print(f"[bench] loading {wanted:,} synthetic jobs with COPY", flush=True)
        load(wanted)
