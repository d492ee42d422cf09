"""Several hundred varied, invented healthcare jobs for the demo companies.

Generated from a fixed random seed, so every fresh database gets the same jobs; written once
(when the demo companies have no jobs yet), never on top of someone's edits.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from jobs.choices import (
    Benefit,
    Credential,
    EmploymentType,
    ExperienceLevel,
    FacilityType,
    PayPeriod,
    Profession,
    Shift,
    WorkplaceType,
)
from jobs.gazetteer import city_place, zip_place
from jobs.models import Job

# profession: (titles, specialties, credentials required, preferred, pay range, period, facility)
ROLES = {
    Profession.REGISTERED_NURSE: (
        ["Registered Nurse", "Staff Nurse", "Charge Nurse", "Travel Registered Nurse"],
        ["ICU", "Emergency", "Medical-surgical", "Labor and delivery", "Oncology", "Telemetry",
         "Pediatrics", "Operating room", "Neonatal ICU", "Cardiac step-down"],
        ["rn", "bls"], ["acls", "ccrn", "pals"], (36, 68), PayPeriod.HOUR, FacilityType.HOSPITAL,
    ),
    Profession.LICENSED_PRACTICAL_NURSE: (
        ["Licensed Practical Nurse", "LPN", "Charge LPN"],
        ["Long-term care", "Rehabilitation", "Home health", "Clinic"],
        ["lpn", "bls"], [], (25, 36), PayPeriod.HOUR, FacilityType.LONG_TERM_CARE,
    ),
    Profession.NURSE_PRACTITIONER: (
        ["Nurse Practitioner", "Family Nurse Practitioner", "Psychiatric Nurse Practitioner"],
        ["Primary care", "Urgent care", "Psychiatry", "Cardiology", "Women's health"],
        ["aprn", "dea", "bls"], [], (115_000, 165_000), PayPeriod.YEAR, FacilityType.CLINIC,
    ),
    Profession.CERTIFIED_NURSING_ASSISTANT: (
        ["Certified Nursing Assistant", "Patient Care Technician"],
        ["Skilled nursing", "Medical-surgical", "Memory care"],
        ["bls"], [], (17, 24), PayPeriod.HOUR, FacilityType.LONG_TERM_CARE,
    ),
    Profession.PHYSICIAN: (
        ["Hospitalist Physician", "Family Medicine Physician", "Emergency Medicine Physician",
         "Radiation Oncologist", "Outpatient Psychiatrist"],
        ["Internal medicine", "Family medicine", "Emergency medicine", "Radiation oncology",
         "Psychiatry"],
        ["board_certified", "dea"], ["acls"], (240_000, 480_000), PayPeriod.YEAR,
        FacilityType.HOSPITAL,
    ),
    Profession.PHYSICIAN_ASSISTANT: (
        ["Physician Assistant", "Surgical Physician Assistant"],
        ["Orthopedics", "Dermatology", "Emergency medicine", "Cardiothoracic surgery"],
        ["nccpa", "dea"], ["bls"], (110_000, 150_000), PayPeriod.YEAR,
        FacilityType.PHYSICIAN_PRACTICE,
    ),
    Profession.ANESTHESIOLOGIST_ASSISTANT: (
        ["Certified Anesthesiologist Assistant", "Anesthesiologist Assistant"],
        ["General surgery", "Cardiac anesthesia", "Ambulatory surgery"],
        ["nccaa", "acls", "bls"], ["pals"], (160_000, 215_000), PayPeriod.YEAR,
        FacilityType.HOSPITAL,
    ),
    Profession.MEDICAL_CODER: (
        ["Medical Coder", "Remote Medical Coder", "Inpatient Coder", "Risk Adjustment Coder",
         "Outpatient Coding Specialist", "Coding Auditor"],
        ["Risk adjustment", "Inpatient DRG", "Outpatient surgery", "Emergency department",
         "Profee", "Radiology coding"],
        ["cpc"], ["ccs", "crc"], (24, 38), PayPeriod.HOUR, FacilityType.REMOTE_CODING_COMPANY,
    ),
    Profession.MEDICAL_BILLER: (
        ["Medical Biller", "Revenue Cycle Specialist", "Billing and Denials Specialist"],
        ["Denials management", "Accounts receivable", "Prior authorization"],
        [], ["cpc"], (19, 27), PayPeriod.HOUR, FacilityType.PHYSICIAN_PRACTICE,
    ),
    Profession.HEALTH_INFORMATION_MANAGER: (
        ["Health Information Management Director", "HIM Supervisor", "Release of Information Lead"],
        ["Health information management", "Data integrity", "Privacy and release of information"],
        ["rhia"], ["rhit"], (72_000, 118_000), PayPeriod.YEAR, FacilityType.HOSPITAL,
    ),
    Profession.CLINICAL_DOCUMENTATION_SPECIALIST: (
        ["Clinical Documentation Integrity Specialist", "CDI Specialist"],
        ["Inpatient CDI", "Pediatric CDI", "Outpatient CDI"],
        ["cdip"], ["rn", "ccs"], (80_000, 108_000), PayPeriod.YEAR, FacilityType.HOSPITAL,
    ),
    Profession.PHARMACIST: (
        ["Clinical Pharmacist", "Staff Pharmacist", "Oncology Pharmacist"],
        ["Inpatient pharmacy", "Oncology", "Ambulatory care", "Retail pharmacy"],
        ["pharmacist_license"], ["bls"], (128_000, 158_000), PayPeriod.YEAR, FacilityType.HOSPITAL,
    ),
    Profession.PHARMACY_TECHNICIAN: (
        ["Pharmacy Technician", "IV Pharmacy Technician"],
        ["Sterile compounding", "Inpatient pharmacy", "Retail pharmacy"],
        ["cpht"], [], (19, 26), PayPeriod.HOUR, FacilityType.PHARMACY,
    ),
    Profession.RADIOLOGIC_TECHNOLOGIST: (
        ["Radiologic Technologist", "CT Technologist", "MRI Technologist"],
        ["CT", "MRI", "General radiography", "Interventional radiology"],
        ["arrt", "bls"], [], (31, 49), PayPeriod.HOUR, FacilityType.IMAGING_CENTER,
    ),
    Profession.RADIATION_THERAPIST: (
        ["Radiation Therapist", "Lead Radiation Therapist"],
        ["Radiation oncology", "Proton therapy", "Stereotactic radiosurgery"],
        ["arrt", "bls"], [], (42, 58), PayPeriod.HOUR, FacilityType.CANCER_CENTER,
    ),
    Profession.DOSIMETRIST: (
        ["Medical Dosimetrist", "Certified Medical Dosimetrist", "Remote Dosimetrist"],
        ["Treatment planning", "Brachytherapy", "Proton therapy"],
        ["cmd"], ["arrt"], (115_000, 150_000), PayPeriod.YEAR, FacilityType.CANCER_CENTER,
    ),
    Profession.NUCLEAR_MEDICINE_TECHNOLOGIST: (
        ["Nuclear Medicine Technologist", "PET/CT Technologist"],
        ["PET/CT", "Nuclear cardiology", "General nuclear medicine"],
        ["nmtcb", "bls"], ["arrt"], (39, 55), PayPeriod.HOUR, FacilityType.IMAGING_CENTER,
    ),
    Profession.SONOGRAPHER: (
        ["Diagnostic Medical Sonographer", "Cardiac Sonographer"],
        ["Echocardiography", "Vascular", "OB/GYN ultrasound"],
        ["rdms", "bls"], [], (36, 50), PayPeriod.HOUR, FacilityType.IMAGING_CENTER,
    ),
    Profession.RESPIRATORY_THERAPIST: (
        ["Respiratory Therapist", "Neonatal Respiratory Therapist"],
        ["Critical care", "Neonatal", "Pulmonary rehabilitation"],
        ["rrt", "bls"], ["acls", "nrp"], (31, 45), PayPeriod.HOUR, FacilityType.HOSPITAL,
    ),
    Profession.PHYSICAL_THERAPIST: (
        ["Physical Therapist", "Outpatient Physical Therapist", "Home Health Physical Therapist"],
        ["Orthopedics", "Neurological rehab", "Sports medicine", "Home health"],
        ["pt_license", "bls"], [], (88_000, 118_000), PayPeriod.YEAR, FacilityType.CLINIC,
    ),
    Profession.OCCUPATIONAL_THERAPIST: (
        ["Occupational Therapist", "Pediatric Occupational Therapist"],
        ["Pediatrics", "Hand therapy", "Acute care"],
        ["ot_license", "bls"], [], (85_000, 112_000), PayPeriod.YEAR, FacilityType.CLINIC,
    ),
    Profession.ART_THERAPIST: (
        ["Art Therapist", "Creative Arts Therapist"],
        ["Pediatric oncology", "Behavioral health", "Hospice"],
        ["atr"], [], (52_000, 72_000), PayPeriod.YEAR, FacilityType.HOSPITAL,
    ),
    Profession.MEDICAL_ASSISTANT: (
        ["Medical Assistant", "Clinical Medical Assistant", "Lead Medical Assistant"],
        ["Family medicine", "Dermatology", "Pediatrics", "Cardiology"],
        [], ["cma", "bls"], (18, 25), PayPeriod.HOUR, FacilityType.PHYSICIAN_PRACTICE,
    ),
    Profession.MEDICAL_LABORATORY_SCIENTIST: (
        ["Medical Laboratory Scientist", "Microbiology Technologist"],
        ["Blood bank", "Microbiology", "Core laboratory"],
        [], [], (32, 46), PayPeriod.HOUR, FacilityType.LABORATORY,
    ),
    Profession.SPEECH_LANGUAGE_PATHOLOGIST: (
        ["Speech-Language Pathologist"],
        ["Pediatrics", "Adult neuro rehab", "Swallowing disorders"],
        [], [], (78_000, 104_000), PayPeriod.YEAR, FacilityType.CLINIC,
    ),
}  # fmt: skip

# ZIP codes of the demo cities, spread over the country.
ZIPS = [
    "80202", "80302", "80903", "02115", "10016", "19104", "21201", "27710", "30322", "33136",
    "35233", "37232", "43210", "44195", "46202", "48109", "53226", "55905", "60611", "63110",
    "64108", "68198", "70112", "73104", "75390", "77030", "78229", "84132", "85006", "87106",
    "89102", "92037", "94143", "97239", "98195", "99204", "96813", "04102", "05401", "03756",
]  # fmt: skip

OPENINGS = [
    "We are looking for a {title} to join our {specialty} team.",
    "Our {specialty} service is growing and we need an experienced {title}.",
    "Join a {facility} that believes good care starts with well-supported staff: we are hiring a "
    "{title} for {specialty}.",
    "Bring your {specialty} experience to a team that answers every applicant within a week.",
]
DUTIES = {
    "clinical": [
        "Assess, plan and deliver safe care for your assigned patients",
        "Work alongside physicians, therapists and pharmacists in daily huddles",
        "Document care accurately in the electronic health record",
        "Teach patients and families what to expect after discharge",
        "Take part in quality and safety projects on the unit",
    ],
    "coding": [
        "Review clinical documentation and assign ICD-10-CM, CPT and HCPCS codes",
        "Query providers when documentation is incomplete or unclear",
        "Meet accuracy targets of 95% or better in quarterly audits",
        "Keep up with payer rules and annual code set changes",
        "Flag denial trends to the revenue cycle team",
    ],
}
HOURS_TEXT = {
    Shift.DAY: "Day shift, 7:00 to 19:30, three shifts a week.",
    Shift.EVENING: "Evening shift, 15:00 to 23:30.",
    Shift.NIGHT: "Night shift, 19:00 to 7:30, with a night differential.",
    Shift.ROTATING: "Rotating day and night shifts on a six-week schedule.",
    Shift.WEEKENDS: "Weekend program: Friday to Sunday, with weekend premium pay.",
}
DESK_PROFESSIONS = {
    Profession.MEDICAL_CODER,
    Profession.MEDICAL_BILLER,
    Profession.CLINICAL_DOCUMENTATION_SPECIALIST,
    Profession.HEALTH_INFORMATION_MANAGER,
    Profession.DOSIMETRIST,
}


def credential_need(code: str) -> str:
    """A "What you bring" line for a required credential, in the words of its label."""
    if code == Credential.BOARD_CERTIFIED:
        return "Board certification in your specialty"
    return f"Current {Credential(code).label}"


def build_description(rng, title, specialty, facility_label, profession, shift, required):
    opening = rng.choice(OPENINGS).format(
        title=title, specialty=specialty.lower(), facility=facility_label.lower()
    )
    duties = rng.sample(DUTIES["coding" if profession in DESK_PROFESSIONS else "clinical"], 4)
    needs = [credential_need(code) for code in required] or ["Relevant training or experience"]
    return (
        f"<p>{opening}</p>"
        "<h3>What you will do</h3><ul>"
        + "".join(f"<li>{duty}.</li>" for duty in duties)
        + "</ul><h3>What you bring</h3><ul>"
        + "".join(f"<li>{need}.</li>" for need in needs)
        + "<li>Clear communication and a steady hand on busy days.</li></ul>"
        f"<h3>Schedule</h3><p>{HOURS_TEXT[shift]}</p>"
        "<p>We reply to every applicant within 7 days, whatever the answer.</p>"
    )


# Which demo employers hire which professions, by the company's facility type; hospitals and
# the staffing agency hire everyone.
HIRES_EVERYONE = {FacilityType.HOSPITAL, FacilityType.STAFFING_AGENCY}


def employers_for(profession_facility, companies):
    specialised = [c for c in companies if c.facility_type == profession_facility]
    return specialised + [c for c in companies if c.facility_type in HIRES_EVERYONE]


def seed_jobs(companies, created_by=None, count=360) -> int:
    """Create about `count` live jobs at `companies`, unless they already have jobs.

    Each job goes to a company that hires that profession, in one of the company's own cities,
    and no company gets more live or featured jobs than its plan allows.
    """
    if Job.objects.filter(company__in=companies).exists():
        return 0
    rng = random.Random(20261122)  # noqa: S311 - demo data, not security
    now = timezone.now()
    companies = list(companies)
    places = {
        company.pk: [
            place
            for location in company.locations.all()
            if (place := city_place(location.city, location.state))
        ]
        or [zip_place(rng.choice(ZIPS))]
        for company in companies
    }
    live = dict.fromkeys((c.pk for c in companies), 0)
    featured = dict.fromkeys((c.pk for c in companies), 0)
    professions = list(ROLES)
    jobs = []
    for index in range(count):
        profession = professions[index % len(professions)]
        titles, specialties, required, preferred, (low, high), period, facility = ROLES[profession]
        open_to_more = [
            c
            for c in employers_for(facility, companies)
            if c.plan_details.max_active_jobs is None or live[c.pk] < c.plan_details.max_active_jobs
        ]
        if not open_to_more:
            continue
        specialists = [c for c in open_to_more if c.facility_type == facility]
        company = rng.choice(specialists if specialists and rng.random() < 0.6 else open_to_more)
        live[company.pk] += 1
        feature_limit = company.plan_details.max_featured_jobs
        is_featured = index % 23 == 0 and (
            feature_limit is None or featured[company.pk] < feature_limit
        )
        featured[company.pk] += is_featured
        title_base = rng.choice(titles)
        if profession == Profession.PHYSICIAN:  # each physician title names its specialty
            specialty = specialties[titles.index(title_base)]
        else:
            specialty = rng.choice(specialties)
        redundant = (
            profession == Profession.PHYSICIAN or specialty.split()[0].lower() in title_base.lower()
        )
        title = f"{title_base}, {specialty}" if rng.random() < 0.6 and not redundant else title_base
        shift = (
            Shift.DAY
            if profession in DESK_PROFESSIONS
            else rng.choice([Shift.DAY, Shift.DAY, Shift.NIGHT, Shift.EVENING, Shift.ROTATING,
                             Shift.WEEKENDS])
        )  # fmt: skip
        if profession in DESK_PROFESSIONS and rng.random() < 0.7:
            workplace = WorkplaceType.REMOTE
        else:
            workplace = rng.choice([WorkplaceType.ONSITE] * 5 + [WorkplaceType.HYBRID])
        place = rng.choice(places[company.pk])
        step = 1 if period == PayPeriod.HOUR else 1000
        pay_min = rng.randrange(low, high - (high - low) // 4, step)
        spread = high - low
        widen = rng.randrange(max(step, spread // 8), max(2 * step, spread // 2))
        pay_max = pay_min + max(step, widen // step * step)
        employment = rng.choices(
            [EmploymentType.FULL_TIME, EmploymentType.PART_TIME, EmploymentType.PER_DIEM,
             EmploymentType.CONTRACT, EmploymentType.TEMPORARY, EmploymentType.INTERNSHIP],
            weights=[60, 12, 12, 9, 5, 2],
        )[0]  # fmt: skip
        published = now - timedelta(days=rng.randrange(0, 28), hours=rng.randrange(0, 24))
        remote = workplace == WorkplaceType.REMOTE
        clinical = clinical_pay(rng, shift, employment, period, pay_min)
        jobs.append(
            Job(
                company=company,
                created_by=created_by,
                title=title,
                profession=profession,
                specialty=specialty,
                facility_type=facility,
                employment_type=employment,
                shift=shift,
                experience_level=rng.choice(list(ExperienceLevel)),
                workplace_type=workplace,
                remote_states=(
                    sorted(rng.sample(["CO", "TX", "FL", "AZ", "NC", "GA", "OH", "PA"], 3))
                    if remote and rng.random() < 0.4
                    else []
                ),
                city="" if remote else place.city,
                state="" if remote else place.state,
                zip_code="" if remote else place.zip_code,
                latitude=None if remote else place.latitude,
                longitude=None if remote else place.longitude,
                pay_min=Decimal(pay_min),
                pay_max=Decimal(pay_max),
                pay_period=period,
                sign_on_bonus=(
                    Decimal(rng.choice([2500, 5000, 10000, 15000])) if rng.random() < 0.2 else None
                ),
                required_credentials=list(required),
                preferred_credentials=rng.sample(preferred, min(len(preferred), 2)),
                license_states=[place.state] if "rn" in required or "lpn" in required else [],
                visa_sponsorship=rng.random() < 0.15,
                benefits=sorted(rng.sample([b.value for b in Benefit], rng.randrange(3, 8))),
                description=build_description(
                    rng,
                    title_base,
                    specialty,
                    FacilityType(facility).label,
                    profession,
                    shift,
                    required,
                ),  # fmt: skip
                **clinical,
                status=Job.Status.PUBLISHED,
                is_featured=is_featured,
                published_at=published,
                expires_at=published + timedelta(days=30),
            )
        )
    Job.objects.bulk_create(jobs, batch_size=200)
    return len(jobs)


def clinical_pay(rng, shift, employment, period, pay_min) -> dict:
    """Shift differentials for most hourly night and evening jobs, and a travel contract's
    weekly pay (taxable rate and stipends apart) for contract jobs."""
    fields = {}
    if period != PayPeriod.HOUR:
        return fields
    if shift in {Shift.NIGHT, Shift.ROTATING} and rng.random() < 0.8:
        fields |= {"night_differential": Decimal(rng.choice([3, 4, 5, 6])),
                   "night_differential_unit": "usd_hour"}  # fmt: skip
    if shift == Shift.EVENING and rng.random() < 0.7:
        fields |= {"evening_differential": Decimal(rng.choice([2, 3, 4])),
                   "evening_differential_unit": "usd_hour"}  # fmt: skip
    if shift == Shift.WEEKENDS and rng.random() < 0.7:
        fields |= {"weekend_differential": Decimal(rng.choice([10, 15])),
                   "weekend_differential_unit": "percent"}  # fmt: skip
    if employment == EmploymentType.CONTRACT:
        hours = rng.choice([36, 36, 40, 48])
        taxable = Decimal(max(20, pay_min - 15))
        housing, meals = (
            Decimal(rng.choice([900, 1200, 1500])),
            Decimal(rng.choice([300, 350, 400])),
        )
        fields |= {
            "contract_weeks": rng.choice([8, 13, 13, 26]),
            "guaranteed_hours": hours,
            "taxable_hourly_rate": taxable,
            "housing_stipend_weekly": housing,
            "meals_stipend_weekly": meals,
            "weekly_gross": taxable * hours + housing + meals,
            "cancellation_policy": "Up to 2 shifts per contract may be cancelled without pay; "
            "either side may end the contract with 2 weeks' notice.",
        }
    return fields


def seed_pay_history(companies, *, per_profession=70) -> int:
    """Older postings (closed or expired within the last year) so /pay/ has figures by state
    and experience from the first run: about `per_profession` for each profession, in the
    companies' own cities. Written once, like the live jobs."""
    if Job.objects.filter(
        company__in=companies, status__in=[Job.Status.CLOSED, Job.Status.EXPIRED]
    ).exists():
        return 0
    rng = random.Random(20261201)  # noqa: S311 - demo data, not security
    now = timezone.now()
    companies = list(companies)
    places = {
        company.pk: [
            place
            for location in company.locations.all()
            if (place := city_place(location.city, location.state))
        ]
        or [zip_place(rng.choice(ZIPS))]
        for company in companies
    }
    jobs = []
    for profession, role in ROLES.items():
        titles, specialties, required, _preferred, (low, high), period, facility = role
        hiring = employers_for(facility, companies) or companies
        step = 1 if period == PayPeriod.HOUR else 1000
        for _ in range(per_profession):
            company = rng.choice(hiring)
            place = rng.choice(places[company.pk])
            level = rng.choice(list(ExperienceLevel))
            # Experience pays: the level moves the range up through the profession's band.
            lift = list(ExperienceLevel).index(level) * (high - low) // 8
            pay_min = min(high - step, rng.randrange(low, low + (high - low) // 2, step) + lift)
            pay_max = pay_min + max(step, rng.randrange(step, max(2 * step, (high - low) // 3)))
            pay_max -= pay_max % step
            published = now - timedelta(days=rng.randrange(35, 360))
            closed = rng.random() < 0.5
            title = rng.choice(titles)
            jobs.append(
                Job(
                    company=company,
                    title=title,
                    profession=profession,
                    specialty=rng.choice(specialties),
                    facility_type=facility,
                    employment_type=EmploymentType.FULL_TIME,
                    experience_level=level,
                    city=place.city,
                    state=place.state,
                    zip_code=place.zip_code,
                    latitude=place.latitude,
                    longitude=place.longitude,
                    pay_min=Decimal(pay_min),
                    pay_max=Decimal(max(pay_max, pay_min)),
                    pay_period=period,
                    required_credentials=list(required),
                    benefits=sorted(rng.sample([b.value for b in Benefit], 3)),
                    description=f"<p>{title} at {company.name}: a past posting, kept for the "
                    "pay figures of the last year.</p>",
                    status=Job.Status.CLOSED if closed else Job.Status.EXPIRED,
                    published_at=published,
                    expires_at=published + timedelta(days=30),
                    closed_at=published + timedelta(days=rng.randrange(5, 30)) if closed else None,
                )
            )
    Job.objects.bulk_create(jobs, batch_size=500)
    return len(jobs)
