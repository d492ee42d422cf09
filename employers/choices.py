"""Vocabularies of a company profile.

The facility types and states mirror jobs.choices (same stored values), but are defined here
because jobs depends on employers, never the other way round; a test keeps the two in step.
"""

from django.db import models


class CompanySize(models.TextChoices):
    S_1_10 = "1-10", "1–10 employees"
    S_11_50 = "11-50", "11–50 employees"
    S_51_200 = "51-200", "51–200 employees"
    S_201_500 = "201-500", "201–500 employees"
    S_501_1000 = "501-1000", "501–1,000 employees"
    S_1001_5000 = "1001-5000", "1,001–5,000 employees"
    S_5000_PLUS = "5000+", "More than 5,000 employees"


class FacilityType(models.TextChoices):
    HOSPITAL = "hospital", "Hospital"
    CLINIC = "clinic", "Clinic / outpatient center"
    PHYSICIAN_PRACTICE = "physician_practice", "Physician practice"
    CANCER_CENTER = "cancer_center", "Cancer center"
    IMAGING_CENTER = "imaging_center", "Imaging center"
    LONG_TERM_CARE = "long_term_care", "Long-term care / skilled nursing"
    HOME_HEALTH = "home_health", "Home health / hospice"
    PHARMACY = "pharmacy", "Pharmacy"
    LABORATORY = "laboratory", "Laboratory"
    INSURER = "insurer", "Health insurer / payer"
    REMOTE_CODING_COMPANY = "remote_coding_company", "Remote coding company"
    STAFFING_AGENCY = "staffing_agency", "Staffing agency"
    GOVERNMENT = "government", "Government / public health"


US_STATES = [
    ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"),
    ("CA", "California"), ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"),
    ("DC", "District of Columbia"), ("FL", "Florida"), ("GA", "Georgia"), ("HI", "Hawaii"),
    ("ID", "Idaho"), ("IL", "Illinois"), ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"),
    ("KY", "Kentucky"), ("LA", "Louisiana"), ("ME", "Maine"), ("MD", "Maryland"),
    ("MA", "Massachusetts"), ("MI", "Michigan"), ("MN", "Minnesota"), ("MS", "Mississippi"),
    ("MO", "Missouri"), ("MT", "Montana"), ("NE", "Nebraska"), ("NV", "Nevada"),
    ("NH", "New Hampshire"), ("NJ", "New Jersey"), ("NM", "New Mexico"), ("NY", "New York"),
    ("NC", "North Carolina"), ("ND", "North Dakota"), ("OH", "Ohio"), ("OK", "Oklahoma"),
    ("OR", "Oregon"), ("PA", "Pennsylvania"), ("PR", "Puerto Rico"), ("RI", "Rhode Island"),
    ("SC", "South Carolina"), ("SD", "South Dakota"), ("TN", "Tennessee"), ("TX", "Texas"),
    ("UT", "Utah"), ("VT", "Vermont"), ("VA", "Virginia"), ("WA", "Washington"),
    ("WV", "West Virginia"), ("WI", "Wisconsin"), ("WY", "Wyoming"),
]  # fmt: skip
STATE_NAMES = dict(US_STATES)
