"""Controlled vocabularies of a healthcare job.

Stored values are stable slugs; labels may change."""

from django.db import models

# Shared with companies (employers sits below jobs, so the vocabulary lives there).
from employers.choices import STATE_NAMES, US_STATES, FacilityType  # noqa: F401


class Profession(models.TextChoices):
    REGISTERED_NURSE = "registered_nurse", "Registered Nurse"
    LICENSED_PRACTICAL_NURSE = "licensed_practical_nurse", "Licensed Practical Nurse"
    NURSE_PRACTITIONER = "nurse_practitioner", "Nurse Practitioner"
    CERTIFIED_NURSING_ASSISTANT = "certified_nursing_assistant", "Certified Nursing Assistant"
    CRNA = "crna", "Certified Registered Nurse Anesthetist"
    PHYSICIAN = "physician", "Physician"
    PHYSICIAN_ASSISTANT = "physician_assistant", "Physician Assistant"
    ANESTHESIOLOGIST_ASSISTANT = "anesthesiologist_assistant", "Anesthesiologist Assistant"
    MEDICAL_CODER = "medical_coder", "Medical Coder"
    MEDICAL_BILLER = "medical_biller", "Medical Biller"
    HEALTH_INFORMATION_MANAGER = "health_information_manager", "Health Information Manager"
    CLINICAL_DOCUMENTATION_SPECIALIST = (
        "clinical_documentation_specialist",
        "Clinical Documentation Specialist",
    )
    PHARMACIST = "pharmacist", "Pharmacist"
    PHARMACY_TECHNICIAN = "pharmacy_technician", "Pharmacy Technician"
    RADIOLOGIC_TECHNOLOGIST = "radiologic_technologist", "Radiologic Technologist"
    RADIATION_THERAPIST = "radiation_therapist", "Radiation Therapist"
    DOSIMETRIST = "dosimetrist", "Medical Dosimetrist"
    NUCLEAR_MEDICINE_TECHNOLOGIST = "nuclear_medicine_technologist", "Nuclear Medicine Technologist"
    SONOGRAPHER = "sonographer", "Diagnostic Medical Sonographer"
    MEDICAL_LABORATORY_SCIENTIST = "medical_laboratory_scientist", "Medical Laboratory Scientist"
    RESPIRATORY_THERAPIST = "respiratory_therapist", "Respiratory Therapist"
    PHYSICAL_THERAPIST = "physical_therapist", "Physical Therapist"
    OCCUPATIONAL_THERAPIST = "occupational_therapist", "Occupational Therapist"
    SPEECH_LANGUAGE_PATHOLOGIST = "speech_language_pathologist", "Speech-Language Pathologist"
    ART_THERAPIST = "art_therapist", "Art Therapist"
    MEDICAL_ASSISTANT = "medical_assistant", "Medical Assistant"
    PARAMEDIC = "paramedic", "Paramedic / EMT"
    SURGICAL_TECHNOLOGIST = "surgical_technologist", "Surgical Technologist"
    DIETITIAN = "dietitian", "Registered Dietitian"
    SOCIAL_WORKER = "social_worker", "Clinical Social Worker"
    DENTAL_HYGIENIST = "dental_hygienist", "Dental Hygienist"
    HEALTHCARE_ADMINISTRATOR = "healthcare_administrator", "Healthcare Administrator"


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", "Full-time"
    PART_TIME = "part_time", "Part-time"
    CONTRACT = "contract", "Contract"
    PER_DIEM = "per_diem", "Per diem"
    TEMPORARY = "temporary", "Temporary"
    INTERNSHIP = "internship", "Internship"


# schema.org JobPosting employmentType values for Google for Jobs.
SCHEMA_EMPLOYMENT_TYPE = {
    EmploymentType.FULL_TIME: "FULL_TIME",
    EmploymentType.PART_TIME: "PART_TIME",
    EmploymentType.CONTRACT: "CONTRACTOR",
    EmploymentType.PER_DIEM: "PER_DIEM",
    EmploymentType.TEMPORARY: "TEMPORARY",
    EmploymentType.INTERNSHIP: "INTERN",
}


class Shift(models.TextChoices):
    DAY = "day", "Day shift"
    EVENING = "evening", "Evening shift"
    NIGHT = "night", "Night shift"
    ROTATING = "rotating", "Rotating shifts"
    WEEKENDS = "weekends", "Weekends"


class ExperienceLevel(models.TextChoices):
    ENTRY = "entry", "Entry level / new grad"
    MID = "mid", "Experienced (2–5 years)"
    SENIOR = "senior", "Senior (5+ years)"
    LEADERSHIP = "leadership", "Leadership / management"


class WorkplaceType(models.TextChoices):
    ONSITE = "onsite", "On-site"
    HYBRID = "hybrid", "Hybrid"
    REMOTE = "remote", "Remote"


class PayPeriod(models.TextChoices):
    HOUR = "hour", "per hour"
    YEAR = "year", "per year"


class DifferentialUnit(models.TextChoices):
    """How a shift differential is added to the base rate."""

    DOLLARS_PER_HOUR = "usd_hour", "dollars an hour"
    PERCENT = "percent", "percent of base pay"


# Employment types whose jobs may carry a contract (length, guaranteed hours, weekly pay).
CONTRACT_TYPES = ("contract", "temporary")

HOURS_PER_YEAR = 2080  # 40 hours x 52 weeks: how an hourly rate compares with a salary


class Credential(models.TextChoices):
    RN_LICENSE = "rn", "RN license"
    LPN_LICENSE = "lpn", "LPN license"
    APRN = "aprn", "APRN license"
    BLS = "bls", "BLS"
    ACLS = "acls", "ACLS"
    PALS = "pals", "PALS"
    NRP = "nrp", "NRP"
    CCRN = "ccrn", "CCRN"
    CEN = "cen", "CEN"
    CPC = "cpc", "CPC (AAPC)"
    CCS = "ccs", "CCS (AHIMA)"
    CCA = "cca", "CCA (AHIMA)"
    CRC = "crc", "CRC (AAPC)"
    CDIP = "cdip", "CDIP (AHIMA)"
    RHIA = "rhia", "RHIA"
    RHIT = "rhit", "RHIT"
    ARRT = "arrt", "ARRT"
    CMD = "cmd", "CMD (MDCB)"
    NMTCB = "nmtcb", "CNMT (NMTCB)"
    RDMS = "rdms", "RDMS"
    RRT = "rrt", "RRT"
    NCCAA = "nccaa", "NCCAA certification"
    NCCPA = "nccpa", "PA-C (NCCPA)"
    BOARD_CERTIFIED = "board_certified", "Board certified (physician)"
    DEA = "dea", "DEA registration"
    PHARMD_LICENSE = "pharmacist_license", "Pharmacist license"
    CPHT = "cpht", "CPhT"
    PT_LICENSE = "pt_license", "PT license"
    OT_LICENSE = "ot_license", "OT license"
    ATR = "atr", "ATR-BC (art therapy)"
    CMA = "cma", "CMA (AAMA)"
    NREMT = "nremt", "NREMT"
    CST = "cst", "CST"


class Benefit(models.TextChoices):
    HEALTH = "health", "Health insurance"
    DENTAL = "dental", "Dental insurance"
    VISION = "vision", "Vision insurance"
    RETIREMENT = "retirement", "401(k) / 403(b) with match"
    PTO = "pto", "Paid time off"
    TUITION = "tuition", "Tuition reimbursement"
    CME = "cme", "CME allowance"
    RELOCATION = "relocation", "Relocation assistance"
    CHILDCARE = "childcare", "Childcare support"
    LOAN_REPAYMENT = "loan_repayment", "Student loan repayment"
    MALPRACTICE = "malpractice", "Malpractice coverage"
    FLEXIBLE = "flexible", "Flexible scheduling"
