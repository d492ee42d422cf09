"""The demo job seeker María Álvarez (ICU nurse, nights): a full profile, licenses (one
expiring soon, one checked by staff on Nursys), certifications, a resume and saved jobs.

Written once, when she has no profile yet, never on top of someone's edits."""

from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import User
from applications.models import Resume
from candidates.alerts import alert_create_for_user
from candidates.models import (
    CandidateProfile,
    Certification,
    Education,
    JobAlert,
    License,
    SavedJob,
    Visibility,
    WorkAuthorization,
)
from candidates.models import WorkExperience as Experience
from jobs.gazetteer import city_place
from jobs.models import Job

MARIA = "maria.alvarez@example.com"
ADMIN = "admin@healthcareers.example"
RESUME_NAME = "resumes/demo-maria-alvarez.pdf"


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of these objects (numbered from 1, the first the catalog) with the cross-reference
    table a PDF reader looks for."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj" % number + body + b"endobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# A one-page PDF that says who it is for (a real PDF, so it passes the resume checks).
_TEXT = b"BT /F1 18 Tf 72 720 Td (Maria Alvarez, RN - ICU, nights) Tj ET"
RESUME_PDF = _pdf(
    [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n%s\nendstream " % (len(_TEXT), _TEXT),
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
)


# Job seekers who made their profiles visible, so Find Candidates shows results to the demo
# Enterprise and Professional employers (Tidewater Bay, Northfield Coding...). They never sign in.
# email, name, headline, profession, specialties, years, (city, state), available in days,
# licenses [(type, state, compact)], certifications
FINDABLE = [
    ("devon.price@example.com", "Devon Price", "Travel ICU RN, compact license, open now",
     "registered_nurse", ["ICU", "CVICU"], 9, ("Norfolk", "VA"), 0,
     [("rn", "VA", True)], ["bls", "acls"]),
    ("keisha.morgan@example.com", "Keisha Morgan", "Med-surg and telemetry nurse, days",
     "registered_nurse", ["Telemetry", "Med-surg"], 4, ("Virginia Beach", "VA"), 30,
     [("rn", "VA", False)], ["bls"]),
    ("tomas.herrera@example.com", "Tomás Herrera", "Certified coder (CPC), inpatient and ED",
     "medical_coder", ["Inpatient coding", "ED"], 6, ("Minneapolis", "MN"), 0,
     [], ["cpc"]),
    ("grace.okafor@example.com", "Grace Okafor", "Pediatric nurse practitioner",
     "nurse_practitioner", ["Pediatrics"], 11, ("Phoenix", "AZ"), 60,
     [("aprn", "AZ", False), ("rn", "AZ", True)], ["pals"]),
    ("ben.kowalski@example.com", "Ben Kowalski", "Respiratory therapist, NICU and adult ICU",
     "respiratory_therapist", ["NICU", "Ventilator management"], 8, ("Chesapeake", "VA"), 14,
     [("respiratory_therapist", "VA", False)], ["bls", "nrp"]),
]  # fmt: skip


def seed_findable_candidates() -> int:
    """Visible profiles for Find Candidates, each written once (never over someone's edits)."""
    today = timezone.localdate()
    created = 0
    for row in FINDABLE:
        email, name, headline, profession, specialties, years, (city, state), days = row[:8]
        licenses, certs = row[8:]
        user, new = User.objects.get_or_create(
            email=email, defaults={"full_name": name, "role": User.Role.CANDIDATE}
        )
        if new:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        if CandidateProfile.objects.filter(user=user).exists():
            continue
        place = city_place(city, state)
        profile = CandidateProfile.objects.create(
            user=user,
            headline=headline,
            profession=profession,
            specialties=specialties,
            years_experience=years,
            city=city,
            state=state,
            latitude=place.latitude if place else None,
            longitude=place.longitude if place else None,
            available_from=today + timedelta(days=days),
            visibility=Visibility.VERIFIED_EMPLOYERS,
        )
        License.objects.bulk_create(
            License(
                profile=profile,
                license_type=kind,
                state=where,
                number=f"{kind.upper()[:3]}-{profile.pk:05d}",
                is_compact=compact,
                expires_on=today + timedelta(days=500),
            )
            for kind, where, compact in licenses
        )
        Certification.objects.bulk_create(
            Certification(profile=profile, credential=code, expires_on=today + timedelta(days=400))
            for code in certs
        )
        created += 1
    return created


# María's job alerts: (query string, frequency). Kept apart from her profile so that a database
# seeded before alerts existed gets them too.
MARIA_ALERTS = [
    ("q=icu+nurse&shift=night&location=Denver%2C+CO&radius=25", JobAlert.Frequency.DAILY),
    ("profession=registered_nurse&travel=1", JobAlert.Frequency.WEEKLY),
]


def seed_candidates() -> int:
    findable = seed_findable_candidates()
    user = User.objects.filter(email=MARIA).first()
    if user is None:
        return findable
    created = findable + seed_job_alerts(user)
    if CandidateProfile.objects.filter(user=user).exists():
        return created
    return created + seed_profile(user)


def seed_job_alerts(user) -> int:
    """Her two alerts, once each (the same search twice is the alert she has)."""
    created = 0
    for query, frequency in MARIA_ALERTS:
        _, new = alert_create_for_user(user=user, query_string=query, frequency=frequency)
        created += new
    return created


def seed_profile(user) -> int:
    today = timezone.localdate()
    profile = CandidateProfile.objects.create(
        user=user,
        headline="ICU nurse, 7 years, nights; CCRN",
        profession="registered_nurse",
        specialties=["ICU", "Cardiac step-down"],
        years_experience=7,
        desired_pay_min=52,
        desired_pay_period="hour",
        shifts=["night", "weekends"],
        workplace_types=["onsite"],
        locations=["Denver CO", "Aurora CO"],
        willing_to_relocate=True,
        work_authorization=WorkAuthorization.CITIZEN,
        visibility=Visibility.VERIFIED_EMPLOYERS,
        city="Denver",
        state="CO",
        latitude=39.7392,
        longitude=-104.9903,
        available_from=today + timedelta(days=14),
    )
    checker = User.objects.filter(email=ADMIN).first()
    licenses = [
        License(
            profile=profile,
            license_type=License.Type.RN,
            state="CO",
            number="RN.1764210",
            is_compact=True,
            expires_on=today + timedelta(days=40),  # expiring soon: the reminder is due
            verification_url="https://www.nursys.com/LQC/LQCSearch.aspx" if checker else "",
            verified_at=today - timedelta(days=3) if checker else None,
            verified_by=checker,
        ),
        License(
            profile=profile,
            license_type=License.Type.RN,
            state="CA",
            number="RN 95512873",
            expires_on=today + timedelta(days=610),
        ),
    ]
    License.objects.bulk_create(licenses)
    Certification.objects.bulk_create(
        [
            Certification(
                profile=profile,
                credential="bls",
                issuer="American Heart Association",
                expires_on=today + timedelta(days=420),
            ),
            Certification(
                profile=profile,
                credential="acls",
                issuer="American Heart Association",
                number="ACLS-20931",
                expires_on=today + timedelta(days=12),
            ),
            Certification(
                profile=profile,
                credential="ccrn",
                issuer="AACN",
                number="CCRN-448120",
                expires_on=today + timedelta(days=900),
            ),
        ]
    )
    Education.objects.create(
        profile=profile,
        school="University of Colorado College of Nursing",
        degree="BSN",
        field_of_study="Nursing",
        graduation_year=2018,
    )
    Experience.objects.bulk_create(
        [
            Experience(
                profile=profile,
                title="Staff Nurse, Medical ICU (nights)",
                employer="Front Range General Hospital",
                location="Aurora, CO",
                started_on=date(2021, 3, 1),
                summary="24-bed MICU; charge nurse two nights a week; preceptor for new grads.",
            ),
            Experience(
                profile=profile,
                title="Registered Nurse, Cardiac Step-Down",
                employer="St. Anne's Medical Center",
                location="Denver, CO",
                started_on=date(2018, 7, 1),
                ended_on=date(2021, 2, 28),
            ),
        ]
    )
    resume = Resume(
        owner=user,
        original_name="Maria-Alvarez-RN-resume.pdf",
        format=Resume.Format.PDF,
        size=len(RESUME_PDF),
        is_default=True,
    )
    # One stored file however often the demo is reseeded on a fresh database.
    storage = Resume._meta.get_field("file").storage
    if not storage.exists(RESUME_NAME):
        storage.save(RESUME_NAME, ContentFile(RESUME_PDF))
    resume.file.name = RESUME_NAME
    resume.save()
    nurse_jobs = Job.objects.published().filter(profession="registered_nurse").order_by("pk")
    saved = [SavedJob(user=user, job=job) for job in nurse_jobs[:3]]
    closed = Job.objects.filter(status=Job.Status.CLOSED).order_by("pk").first()
    if closed:
        # Already told: the demo shows the note on the page without a queued email.
        saved.append(SavedJob(user=user, job=closed, closed_noticed_at=timezone.now()))
    SavedJob.objects.bulk_create(saved)
    return 1 + len(licenses) + 3 + 1 + 2 + 1 + len(saved)
