"""Synthetic job postings for the benchmark database, loaded with COPY.

Realistic and varied: every profession (weighted as a real board is: registered nurses are many,
dosimetrists few, so "nurse" is broad and "radiation therapist" narrow), titles, specialties and
descriptions in the field's words, ZIP codes across every state, every shift, employment type and
pay range; about 90% live, the rest drafts, jobs waiting for review, paused, closed or expired.

Run inside the benchmark's Django environment (bench/run.py does): `python -m bench.generate N`.
The data depends only on N and this file, so bench/run.py reloads only when either changed.
"""

import hashlib
import random
import sys
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

GENERATOR_VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
COMPANIES = 400
SEED = 20261201

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
    from jobs.gazetteer import _index

    by_zip = _index()[0]
    zips = sorted(by_zip)
    return [by_zip[z] for z in rng.sample(zips, min(count, len(zips)))]


def companies_create(rng):
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
        for n in range(COMPANIES)
    ]
    return [c.pk for c in Company.objects.bulk_create(companies)]


def job_rows(scale: int):
    """Yield (column -> value) dicts, `scale` of them."""
    from django.utils import timezone

    from demo.jobs import build_description

    rng = random.Random(SEED)  # noqa: S311 - benchmark data, not security
    table = roles()
    names = list(table)
    weights = [WEIGHTS[n] for n in names]
    spots = places(rng)
    company_ids = companies_create(rng)
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
            "company_id": rng.choice(company_ids),
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


def load(scale: int) -> None:
    """Replace every job with `scale` synthetic ones, through COPY, then analyze."""
    from django.db import connection

    from jobs.models import Job

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE jobs_job CASCADE")
        raw = cursor.cursor
        rows = job_rows(scale)
        first = next(rows)
        known = {f.column for f in Job._meta.concrete_fields}
        columns = [c for c in first if c in known]
        # Columns added to the model later get their model default.
        defaults = {
            f.column: f.get_default()
            for f in Job._meta.concrete_fields
            if f.column not in first
            and not f.primary_key
            and not getattr(f, "generated", False)
            and f.column != "search_vector"
            and not f.null
        }
        columns += list(defaults)
        sql = f"COPY jobs_job ({', '.join(columns)}) FROM STDIN"  # noqa: S608 - our own names
        with raw.copy(sql) as copy:
            copy.write_row([first.get(c, defaults.get(c)) for c in columns])
            for n, row in enumerate(rows, start=2):
                copy.write_row([row.get(c, defaults.get(c)) for c in columns])
                if n % 100_000 == 0:
                    print(f"[bench] {n:,} jobs written", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value text)")
        cursor.execute(
            "INSERT INTO bench_meta VALUES ('data', %s) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            [f"{scale}:{GENERATOR_VERSION}"],
        )
    with connection.cursor() as cursor:  # Django's autocommit: VACUUM runs outside a transaction
        cursor.execute("VACUUM ANALYZE jobs_job")
        cursor.execute("ANALYZE")


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
