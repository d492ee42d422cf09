"""Profiles and plans of the demo companies (invented, like everything in the demo data).

Idempotent: a company is filled in only while its profile is still empty (no "about" text), so
running it again changes nothing and never overwrites what someone edited.
"""

from django.db import transaction

from employers.models import Company, CompanyLocation
from employers.plans import ENTERPRISE, FREE, PROFESSIONAL
from employers.richtext import sanitize_about

# name: (facility type, size, website, plan, locations, about, benefits)
PROFILES = {
    "Tidewater Bay Medical Center": (
        "hospital", "1001-5000", "https://tidewaterbay.example", ENTERPRISE,
        [("Norfolk", "VA"), ("Virginia Beach", "VA"), ("Chesapeake", "VA")],
        "A 480-bed teaching hospital on the Chesapeake Bay, with a Level I trauma center, a "
        "regional heart program and the area's only neonatal ICU.\n\n"
        "Our nurses practise under shared governance: unit councils set schedules and choose "
        "equipment. New graduates join a 12-month residency with a dedicated preceptor.",
        ["Tuition reimbursement up to $5,250 a year", "Night and weekend differentials",
         "403(b) with a 6% match", "On-site childcare", "Free parking"],
    ),
    "Northfield Coding Collective": (
        "remote_coding_company", "51-200", "https://northfieldcoding.example", ENTERPRISE,
        [("Minneapolis", "MN")],
        "A remote-first team of certified coders and CDI specialists serving community "
        "hospitals and physician groups in 14 states.\n\n"
        "We pay for your AAPC or AHIMA membership and CEUs, audit for learning rather than "
        "blame, and keep productivity targets realistic.",
        ["Fully remote", "Paid AAPC/AHIMA membership", "CEU allowance", "Flexible hours"],
    ),
    "Sunpath Pediatric Clinics": (
        "clinic", "201-500", "https://sunpathpeds.example", FREE,
        [("Phoenix", "AZ"), ("Tempe", "AZ"), ("Mesa", "AZ")],
        "Eleven pediatric clinics caring for children from birth to 18, with same-day sick "
        "visits and Spanish-speaking staff at every site.",
        ["No nights, no holidays", "Health, dental and vision from day one", "Paid CME"],
    ),
    "Granite Peak Cancer Institute": (
        "cancer_center", "501-1000", "https://granitepeak.example", ENTERPRISE,
        [("Denver", "CO"), ("Boulder", "CO")],
        "A comprehensive cancer center with radiation oncology, infusion and survivorship "
        "programs, and a clinical trials unit open to every patient who qualifies.",
        ["Relocation assistance", "Student loan repayment", "Four-day weeks in radiation "
         "therapy"],
    ),
    "Riverbend Home Health Partners": (
        "home_health", "51-200", "https://riverbendhome.example", FREE,
        [("Columbus", "OH"), ("Dayton", "OH")],
        "Home health and hospice nurses, aides and therapists caring for patients across "
        "central Ohio, with mileage paid and tablets for charting on the road.",
        ["Mileage reimbursement", "Company tablet and phone", "Flexible scheduling"],
    ),
    "Mesa Alta Imaging Partners": (
        "imaging_center", "201-500", "https://mesaalta.example", PROFESSIONAL,
        [("Albuquerque", "NM"), ("Santa Fe", "NM")],
        "Outpatient MRI, CT, ultrasound and nuclear medicine in seven centers, open evenings "
        "and Saturdays for patients who work.",
        ["Registry fees paid", "Shift differentials", "401(k) with match"],
    ),
    "Lakeshore Behavioral Health": (
        "clinic", "201-500", "https://lakeshorebh.example", PROFESSIONAL,
        [("Chicago", "IL"), ("Evanston", "IL")],
        "Outpatient and intensive outpatient mental health and addiction treatment, with "
        "psychiatrists, nurse practitioners, therapists and peer specialists on one team.",
        ["Clinical supervision toward licensure", "Paid wellness days", "Hybrid schedules"],
    ),
    "Prairie Wind Family Medicine": (
        "physician_practice", "11-50", "https://prairiewind.example", FREE,
        [("Omaha", "NE")],
        "A physician-owned family medicine practice with four physicians, two nurse "
        "practitioners and a lab, caring for three generations of the same families.",
        ["Malpractice coverage", "CME allowance", "Profit sharing"],
    ),
    "Coastal Ridge Pharmacy Services": (
        "pharmacy", "51-200", "https://coastalridge.example", FREE,
        [("Charleston", "SC"), ("Savannah", "GA")],
        "Long-term care and specialty pharmacy services for nursing homes and clinics along "
        "the southeast coast.",
        ["Paid certification for technicians", "Health and dental insurance"],
    ),
    "Blue Spruce Rehabilitation Network": (
        "clinic", "201-500", "https://bluespruce.example", PROFESSIONAL,
        [("Portland", "OR"), ("Salem", "OR"), ("Eugene", "OR")],
        "Outpatient physical, occupational and speech therapy in twelve clinics, with "
        "mentorship for new graduates and protected time for documentation.",
        ["Mentorship program", "Continuing education budget", "Paid time off"],
    ),
    "Cascadia Summit Health": (
        "hospital", "5000+", "https://cascadiasummit.example", ENTERPRISE,
        [("Seattle", "WA"), ("Tacoma", "WA"), ("Spokane", "WA"), ("Portland", "OR")],
        "A nonprofit health system of six hospitals and forty clinics across Washington and "
        "Oregon, known for its stroke and cardiac programs.\n\n"
        "Every new hire gets a named mentor for their first 90 days, and self-scheduling is "
        "standard on all inpatient units.",
        ["Self-scheduling on inpatient units", "Pension plan", "Student loan repayment",
         "Relocation assistance"],
    ),
    "Lone Star Gulf Medical Group": (
        "hospital", "5000+", "https://lonestargulf.example", ENTERPRISE,
        [("Houston", "TX"), ("Dallas", "TX"), ("San Antonio", "TX"), ("Austin", "TX")],
        "Four acute-care hospitals and a children's hospital on the Texas Gulf Coast and in "
        "Central Texas, with a Level I trauma center in Houston.\n\n"
        "We pay for certifications and give new graduates a paid 16-week orientation.",
        ["Paid certifications", "Sign-on bonuses for critical care", "401(k) with match",
         "Tuition reimbursement"],
    ),
    "Great Lakes University Health": (
        "hospital", "5000+", "https://greatlakesuh.example", ENTERPRISE,
        [("Ann Arbor", "MI"), ("Detroit", "MI"), ("Cleveland", "OH"), ("Chicago", "IL"),
         ("Milwaukee", "WI")],
        "An academic medical center and its regional hospitals around the Great Lakes, "
        "training the next generation of clinicians in every specialty.\n\n"
        "Staff can take courses at the university tuition-free.",
        ["Tuition-free university courses", "Research opportunities", "Pension plan",
         "Childcare center"],
    ),
    "Sunbelt Travel Clinicians": (
        "staffing_agency", "201-500", "https://sunbelttravel.example", ENTERPRISE,
        [("Atlanta", "GA"), ("Orlando", "FL"), ("Nashville", "TN"), ("Charlotte", "NC")],
        "A staffing partner placing travel and per diem nurses, technologists and therapists "
        "in hospitals across the Southeast.\n\n"
        "A dedicated recruiter answers your calls, and housing stipends are paid weekly.",
        ["Weekly housing stipend", "Day-one health insurance", "Referral bonuses"],
    ),
}  # fmt: skip


@transaction.atomic
def seed_companies_profile() -> int:
    """Fill the profiles and set the plans of the demo companies that still have an empty
    profile; returns how many companies were filled in."""
    filled = 0
    for company in Company.objects.filter(name__in=PROFILES, about=""):
        facility, size, website, plan, places, about, benefits = PROFILES[company.name]
        company.facility_type = facility
        company.size = size
        company.website = website
        company.plan = plan
        company.about = sanitize_about(about)
        company.benefits = benefits
        company.save()
        if not company.locations.exists():
            CompanyLocation.objects.bulk_create(
                CompanyLocation(company=company, city=city, state=state, position=index)
                for index, (city, state) in enumerate(places)
            )
        filled += 1
    return filled
