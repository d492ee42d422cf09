"""The judged query set: queries a nurse, tech, coder or physician types, each with the jobs it
must find, on a corpus built from factories. Reports recall (of all results) and precision of
the first ten results per query and overall, and fails below recall 0.9 or precision@10 0.8
overall, or on any query that finds nothing while matching jobs exist.

Run with -s to see the table; the summary line is printed whatever the outcome:
    .venv/bin/python scripts/devstack.py pytest tests/jobs/test_search_judged.py -s
"""

import pytest

from jobs.choices import Profession as P
from jobs.choices import WorkplaceType
from jobs.models import Job
from jobs.search import JobSearch
from tests.factories import CompanyFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db

MIN_RECALL = 0.9
MIN_PRECISION_AT_10 = 0.8

# key: (title, profession, specialty, required credentials)
CORPUS = {
    "rn_icu": ("Registered Nurse, ICU", P.REGISTERED_NURSE, "ICU", ["rn", "bls"]),
    "rn_er": ("Emergency Department RN", P.REGISTERED_NURSE, "Emergency", ["rn", "bls"]),
    "rn_tele": ("Telemetry Registered Nurse", P.REGISTERED_NURSE, "Telemetry", ["rn"]),
    "rn_medsurg": ("Staff Nurse", P.REGISTERED_NURSE, "Medical-surgical", ["rn"]),
    "rn_ld": ("Labor and Delivery Nurse", P.REGISTERED_NURSE, "Labor and delivery", ["rn"]),
    "rn_or": ("Perioperative Registered Nurse", P.REGISTERED_NURSE, "Operating room", ["rn"]),
    "rn_pacu": ("Recovery Room RN", P.REGISTERED_NURSE, "Post-anesthesia care unit", ["rn"]),
    "rn_nicu": ("Neonatal ICU Nurse", P.REGISTERED_NURSE, "Neonatal intensive care unit", ["rn"]),
    "rn_picu": ("Pediatric Intensive Care Nurse", P.REGISTERED_NURSE, "PICU", ["rn"]),
    "rn_travel": ("Travel Registered Nurse", P.REGISTERED_NURSE, "Cardiac step-down", ["rn"]),
    "rn_charge": ("Charge Nurse", P.REGISTERED_NURSE, "Oncology", ["rn", "bls"]),
    "lpn": ("Licensed Practical Nurse", P.LICENSED_PRACTICAL_NURSE, "Long-term care", ["lpn"]),
    "lvn": ("LVN", P.LICENSED_PRACTICAL_NURSE, "Clinic", ["lpn"]),
    "lpn_charge": ("Charge LPN", P.LICENSED_PRACTICAL_NURSE, "Rehabilitation", ["lpn"]),
    "np_family": ("Family Nurse Practitioner", P.NURSE_PRACTITIONER, "Primary care", ["aprn"]),
    "np_psych": ("Psychiatric Nurse Practitioner", P.NURSE_PRACTITIONER, "Psychiatry", ["aprn"]),
    "crna": ("Certified Registered Nurse Anesthetist", P.CRNA, "Cardiac anesthesia", ["aprn"]),
    "cna": ("Certified Nursing Assistant", P.CERTIFIED_NURSING_ASSISTANT, "Skilled nursing", []),
    "cna_aide": ("Nurse Aide", P.CERTIFIED_NURSING_ASSISTANT, "Memory care", []),
    "pct": ("Patient Care Technician", P.CERTIFIED_NURSING_ASSISTANT, "Medical-surgical", []),
    "md_hosp": ("Hospitalist Physician", P.PHYSICIAN, "Internal medicine", ["board_certified"]),
    "md_em": ("Emergency Medicine Physician", P.PHYSICIAN, "Emergency medicine", ["dea"]),
    "md_fm": ("Family Medicine Physician", P.PHYSICIAN, "Family medicine", ["dea"]),
    "pa": ("Physician Assistant", P.PHYSICIAN_ASSISTANT, "Orthopedics", ["nccpa"]),
    "pa_derm": ("PA-C, Dermatology", P.PHYSICIAN_ASSISTANT, "Dermatology", ["nccpa"]),
    "aa": ("Certified Anesthesiologist Assistant", P.ANESTHESIOLOGIST_ASSISTANT, "Surgery", []),
    "coder": ("Medical Coder", P.MEDICAL_CODER, "Risk adjustment", ["cpc"]),
    "coder_ip": ("Inpatient Coder", P.MEDICAL_CODER, "Inpatient DRG", ["ccs"]),
    "coder_op": ("Outpatient Coding Specialist", P.MEDICAL_CODER, "Outpatient surgery", ["cpc"]),
    "coder_ra": ("Risk Adjustment Coder", P.MEDICAL_CODER, "HCC", ["crc"]),
    "coder_remote": ("Remote Medical Coder", P.MEDICAL_CODER, "Profee", ["cpc"]),
    "biller": ("Medical Biller", P.MEDICAL_BILLER, "Denials management", []),
    "cdi": ("CDI Specialist", P.CLINICAL_DOCUMENTATION_SPECIALIST, "Inpatient CDI", ["cdip"]),
    "cdi_2": (
        "Clinical Documentation Integrity Specialist",
        P.CLINICAL_DOCUMENTATION_SPECIALIST,
        "Pediatric",
        ["cdip"],
    ),
    "him": ("HIM Supervisor", P.HEALTH_INFORMATION_MANAGER, "Release of information", ["rhia"]),
    "rph": ("Clinical Pharmacist", P.PHARMACIST, "Inpatient pharmacy", ["pharmacist_license"]),
    "rph_retail": ("Retail Pharmacist", P.PHARMACIST, "Retail", ["pharmacist_license"]),
    "cpht": ("Pharmacy Technician", P.PHARMACY_TECHNICIAN, "Retail pharmacy", ["cpht"]),
    "cpht_iv": ("IV Pharmacy Technician", P.PHARMACY_TECHNICIAN, "Sterile compounding", []),
    "rad": ("Radiologic Technologist", P.RADIOLOGIC_TECHNOLOGIST, "General radiography", ["arrt"]),
    "rad_xray": ("X-Ray Technologist", P.RADIOLOGIC_TECHNOLOGIST, "Orthopedic clinic", ["arrt"]),
    "rad_ct": ("CT Technologist", P.RADIOLOGIC_TECHNOLOGIST, "CT", ["arrt"]),
    "rad_mri": ("MRI Technologist", P.RADIOLOGIC_TECHNOLOGIST, "MRI", ["arrt"]),
    "rtt": ("Radiation Therapist", P.RADIATION_THERAPIST, "Radiation oncology", ["arrt"]),
    "dosi": ("Medical Dosimetrist", P.DOSIMETRIST, "Treatment planning", ["cmd"]),
    "nmt": ("Nuclear Medicine Technologist", P.NUCLEAR_MEDICINE_TECHNOLOGIST, "PET/CT", ["nmtcb"]),
    "sono": ("Diagnostic Medical Sonographer", P.SONOGRAPHER, "OB/GYN ultrasound", ["rdms"]),
    "sono_echo": ("Cardiac Sonographer", P.SONOGRAPHER, "Echocardiography", []),
    "sono_vasc": ("Vascular Ultrasound Technologist", P.SONOGRAPHER, "Vascular", []),
    "rt": ("Respiratory Therapist", P.RESPIRATORY_THERAPIST, "Critical care", ["rrt"]),
    "rt_neo": ("Neonatal Respiratory Therapist", P.RESPIRATORY_THERAPIST, "Neonatal", ["rrt"]),
    "pt": ("Physical Therapist", P.PHYSICAL_THERAPIST, "Orthopedics", ["pt_license"]),
    "pt_op": ("Outpatient Physical Therapist", P.PHYSICAL_THERAPIST, "Sports medicine", []),
    "pta": ("Physical Therapist Assistant", P.PHYSICAL_THERAPIST, "Home health", []),
    "ot": ("Occupational Therapist", P.OCCUPATIONAL_THERAPIST, "Hand therapy", ["ot_license"]),
    "ot_peds": ("Pediatric Occupational Therapist", P.OCCUPATIONAL_THERAPIST, "Pediatrics", []),
    "cota": (
        "Certified Occupational Therapy Assistant",
        P.OCCUPATIONAL_THERAPIST,
        "Acute care",
        [],
    ),
    "slp": ("Speech-Language Pathologist", P.SPEECH_LANGUAGE_PATHOLOGIST, "Swallowing", []),
    "slp_peds": ("Speech Therapist", P.SPEECH_LANGUAGE_PATHOLOGIST, "Pediatrics", []),
    "ma": ("Medical Assistant", P.MEDICAL_ASSISTANT, "Family medicine", []),
    "cma": ("Certified Medical Assistant", P.MEDICAL_ASSISTANT, "Dermatology", ["cma"]),
    "mls": ("Medical Laboratory Scientist", P.MEDICAL_LABORATORY_SCIENTIST, "Blood bank", []),
    "mlt": ("Medical Laboratory Technician", P.MEDICAL_LABORATORY_SCIENTIST, "Core lab", []),
    "medic": ("Paramedic", P.PARAMEDIC, "Emergency medical services", ["nremt"]),
    "emt": ("EMT", P.PARAMEDIC, "Interfacility transport", ["nremt"]),
    "cst": ("Surgical Technologist", P.SURGICAL_TECHNOLOGIST, "Operating room", ["cst"]),
    "rd": ("Registered Dietitian", P.DIETITIAN, "Clinical nutrition", []),
    "lcsw": ("Clinical Social Worker", P.SOCIAL_WORKER, "Case management", []),
    "rdh": ("Dental Hygienist", P.DENTAL_HYGIENIST, "General dentistry", []),
    # Desk jobs whose descriptions mention clinical roles: they must not crowd the results.
    "access": ("Patient Access Representative", P.HEALTHCARE_ADMINISTRATOR, "Registration", []),
    "secretary": ("Unit Secretary", P.HEALTHCARE_ADMINISTRATOR, "Front desk", []),
}
MENTIONS = {
    "access": "Work beside registered nurses, coders and physical therapists at the front desk.",
    "secretary": "Support the nurses, respiratory therapists and sonographers of a busy unit.",
}
RN = ["rn_icu", "rn_er", "rn_tele", "rn_medsurg", "rn_ld", "rn_or", "rn_pacu", "rn_nicu"]
RN += ["rn_picu", "rn_travel", "rn_charge"]
LPN = ["lpn", "lvn", "lpn_charge"]
NP = ["np_family", "np_psych"]
CNA = ["cna", "cna_aide", "pct"]
MD = ["md_hosp", "md_em", "md_fm"]
CODERS = ["coder", "coder_ip", "coder_op", "coder_ra", "coder_remote"]
RAD = ["rad", "rad_xray", "rad_ct", "rad_mri"]
SONO = ["sono", "sono_echo", "sono_vasc"]
RT = ["rt", "rt_neo"]
PT = ["pt", "pt_op", "pta"]
OT = ["ot", "ot_peds", "cota"]

# query: the jobs it must find
JUDGED = {
    "nurse": RN + LPN + NP + ["crna"],
    "registered nurse": RN,
    "RN": RN,
    "LPN": LPN,
    "LVN": LPN,
    "NP": NP,
    "nurse practitioner": NP,
    "CRNA": ["crna"],
    "nurse anesthetist": ["crna"],
    "CNA": CNA,
    "PCT": CNA,
    "ICU nurse": ["rn_icu", "rn_nicu", "rn_picu"],
    "ER nurse": ["rn_er"],
    "L&D nurse": ["rn_ld"],
    "med-surg RN": ["rn_medsurg"],
    "tele RN": ["rn_tele"],
    "PACU": ["rn_pacu"],
    "OR nurse": ["rn_or"],
    "travel nurse": ["rn_travel"],
    "charge nurse": ["rn_charge", "lpn_charge"],
    "NICU": ["rn_nicu"],
    "physician": MD,
    "doctor": MD,
    "hospitalist": ["md_hosp"],
    "PA": ["pa", "pa_derm"],
    "PA-C": ["pa", "pa_derm"],
    "anesthesiologist assistant": ["aa"],
    "medical coder": CODERS,
    "coding": CODERS,
    "CPC": CODERS,
    "risk adjustment coder": ["coder_ra", "coder"],
    "remote coder": ["coder_remote"],
    "CDI": ["cdi", "cdi_2"],
    "medical billing": ["biller"],
    "HIM": ["him"],
    "pharmacist": ["rph", "rph_retail"],
    "pharmacy tech": ["cpht", "cpht_iv"],
    "CPhT": ["cpht", "cpht_iv"],
    "rad tech": RAD,
    "x-ray tech": RAD,
    "CT tech": ["rad_ct"],
    "MRI": ["rad_mri"],
    "radiation therapist": ["rtt"],
    "dosimetrist": ["dosi"],
    "nuclear medicine": ["nmt"],
    "sonographer": SONO,
    "ultrasound tech": SONO,
    "echo tech": ["sono_echo"],
    "respiratory therapist": RT,
    "RRT": RT,
    "RT": RT + RAD,
    "physical therapy": PT,
    "PT": PT,
    "PTA": ["pta"],
    "occupational therapy": OT,
    "COTA": ["cota"],
    "SLP": ["slp", "slp_peds"],
    "speech therapist": ["slp", "slp_peds"],
    "medical assistant": ["ma", "cma"],
    "CMA": ["ma", "cma"],
    "MLS": ["mls", "mlt"],
    "lab tech": ["mls", "mlt"],
    "EMT": ["medic", "emt"],
    "paramedic": ["medic", "emt"],
    "surgical tech": ["cst"],
    "dietician": ["rd"],
    "LCSW": ["lcsw"],
}


@pytest.fixture
def corpus(db):
    company = CompanyFactory()
    jobs = {}
    for key, (title, profession, specialty, credentials) in CORPUS.items():
        jobs[key] = PublishedJobFactory(
            company=company,
            title=title,
            profession=profession,
            specialty=specialty,
            required_credentials=credentials,
            workplace_type=WorkplaceType.REMOTE if "remote" in key else WorkplaceType.ONSITE,
            description=f"<p>{MENTIONS.get(key, 'Join a team that answers every applicant.')}</p>",
        ).pk
    return jobs


def judge(query: str, relevant: set[int]) -> tuple[float, float, int, int]:
    search = JobSearch(q=query)
    found = list(search.queryset().values_list("pk", flat=True))
    first_page = [job.pk for job in search.run().jobs[:10]]
    recall = len(relevant & set(found)) / len(relevant)
    precision = len(relevant & set(first_page)) / len(first_page) if first_page else 0.0
    return recall, precision, len(found), len(first_page)


def test_the_judged_query_set_finds_and_ranks_the_right_jobs(corpus, capsys):
    assert len(JUDGED) >= 40
    assert Job.objects.published().count() == len(CORPUS)
    rows, empty = [], []
    for query, keys in JUDGED.items():
        relevant = {corpus[key] for key in keys}
        recall, precision, found, shown = judge(query, relevant)
        rows.append((query, recall, precision, found, len(relevant)))
        if not found:
            empty.append(query)
    recall = sum(r[1] for r in rows) / len(rows)
    precision = sum(r[2] for r in rows) / len(rows)
    with capsys.disabled():
        print()
        print(f"{'query':<28} {'recall':>6} {'P@10':>6} {'found':>6} {'judged':>6}")
        for query, r, p, found, judged in rows:
            flag = "" if r >= MIN_RECALL and p >= MIN_PRECISION_AT_10 else "  <"
            print(f"{query:<28} {r:6.2f} {p:6.2f} {found:6d} {judged:6d}{flag}")
        print(
            f"judged query set: {len(rows)} queries, recall {recall:.3f}, "
            f"precision@10 {precision:.3f} (bars {MIN_RECALL} and {MIN_PRECISION_AT_10})"
        )
    assert not empty, f"queries that find nothing although matching jobs exist: {empty}"
    assert recall >= MIN_RECALL
    assert precision >= MIN_PRECISION_AT_10
