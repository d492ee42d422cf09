"""Demo articles: original career guides, a hiring guide with a job description template, blog
posts and a few comments, credited to the demo editor.

Idempotent: articles are looked up by slug and their parts are written only when the article is
new, so running it again changes nothing and never overwrites an editor's work. Pay and outlook
figures are rounded public estimates for a demo site; editors check them before publishing.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from articles.models import (
    FAQ,
    Article,
    Author,
    CareerStage,
    Category,
    Comment,
    GuideFacts,
    PayLevel,
    ProCon,
    Tag,
)
from jobs.choices import PayPeriod, Profession
from jobs.models import JobDescriptionTemplate

EDITOR_EMAIL = "editor@healthcareers.example"

AUTHORS = [
    # slug, name, job title, bio, linked to the editor's account
    (
        "hana-lindqvist",
        "Hana Lindqvist",
        "Senior careers editor",
        "Hana spent eight years in hospital recruiting before she started writing about "
        "healthcare careers. She edits every guide on healthcareers and answers reader questions "
        "in the comments.",
        True,
    ),
    (
        "samuel-osei",
        "Samuel Osei, MD, CPC",
        "Physician advisor and coding auditor",
        "Samuel practiced hospital medicine for eleven years, then earned his CPC and moved into "
        "coding audits and clinical documentation. He mentors physicians who are weighing the "
        "same move.",
        False,
    ),
]

CATEGORIES = [
    ("career-guides", "Career guides", "What a role involves, what it pays and how to get there."),
    ("hiring", "Hiring", "Guides for employers: job descriptions, pay ranges and interviews."),
    ("medical-coding", "Medical coding", "Coding, documentation and the revenue cycle."),
    ("imaging-and-radiation", "Imaging and radiation", "Radiology, nuclear medicine, therapy."),
    ("anesthesia", "Anesthesia", "The anesthesia care team and the roles in it."),
    ("job-search", "Job search", "Reading postings, applying and negotiating."),
    ("healthcareers-news", "healthcareers news", "What we build and why."),
]

TAGS = [
    "Remote work", "Certification", "Salary", "Career change", "Physicians", "Oncology",
    "No-Ghosting", "Interviews", "Night shift", "Entry level",
]  # fmt: skip


def _money(value) -> Decimal:
    return Decimal(str(value))


ARTICLES = [
    {
        "slug": "medical-coder-career-guide",
        "kind": Article.Kind.CAREER_GUIDE,
        "title": "Medical Coder Career Guide: Work, Pay, Certification and Career Path",
        "summary": (
            "Medical coders turn clinical notes into the codes that pay for care. What the work "
            "is like, which certification to choose, what coders earn and how the career grows."
        ),
        "profession": Profession.MEDICAL_CODER,
        "author": "hana-lindqvist",
        "days_ago": 40,
        "categories": ["career-guides", "medical-coding"],
        "tags": ["Remote work", "Certification", "Salary", "Entry level"],
        "body": """
<p>Every visit, scan and surgery ends up as a short list of codes. Those codes decide what an
insurer pays, feed public health statistics and show up in quality reports. Medical coders are the
people who read the chart and choose them, and good coders are hard to find.</p>
<h2>What a medical coder does all day</h2>
<p>A coder opens an encounter in the electronic health record, reads the provider's notes, the
orders and the results, and assigns diagnosis codes (ICD-10-CM) and procedure codes (CPT and
HCPCS, or ICD-10-PCS for inpatient stays). When a note is vague, the coder sends the provider a
query instead of guessing.</p>
<ul>
<li><strong>Profee coders</strong> code what physicians did, visit by visit.</li>
<li><strong>Facility coders</strong> code hospital outpatient or inpatient stays; inpatient DRG
coding is the most demanding and usually the best paid.</li>
<li><strong>Risk adjustment coders</strong> review charts for chronic conditions that shape
Medicare Advantage payments.</li>
</ul>
<h2>Where coders work</h2>
<p>Hospitals, physician groups, billing companies and health insurers all employ coders, and much
of the work is remote once you have a year or two of experience. Productivity is measured in
charts per hour and accuracy in audit scores, so the job suits people who like focused, quiet
work.</p>
<h3>Is remote work realistic for a new coder?</h3>
<p>Some employers hire new graduates into remote roles, but many want 12 to 24 months of on-site
or supervised work first. An apprentice-level credential plus a hospital job is the most reliable
route.</p>
<h2>Certification: CPC or CCS?</h2>
<p>The AAPC's <strong>CPC</strong> is the most requested credential for physician and outpatient
coding. AHIMA's <strong>CCS</strong> is more common for hospital inpatient work. Both exams are
long, open-book and timed; most people prepare with a course of four to nine months.</p>
<h2>How to get your first coding job</h2>
<ol>
<li>Finish a coding course that covers anatomy, terminology and the three code sets.</li>
<li>Pass the CPC or CCA exam; an apprentice status is normal at first.</li>
<li>Apply to hospital coding, charge entry and billing roles: they lead to coding jobs.</li>
<li>Keep your accuracy high; it matters more than speed in your first year.</li>
</ol>
""",
        "facts": {
            "median_pay": 48780,
            "median_pay_source": "U.S. Bureau of Labor Statistics (medical records specialists)",
            "median_pay_year": 2023,
            "growth_outlook": "About 7% from 2023 to 2033, faster than average",
            "annual_openings": 15000,
            "typical_education": "Postsecondary certificate; CPC or CCS certification",
        },
        "pay_levels": [
            ("Apprentice (0–1 year)", 19, 23, PayPeriod.HOUR, "CPC-A, usually on site"),
            ("Coder (1–3 years)", 23, 29, PayPeriod.HOUR, "Remote work becomes common"),
            (
                "Senior or inpatient coder (3–6 years)",
                28,
                36,
                PayPeriod.HOUR,
                "CCS or specialty credential",
            ),
            (
                "Auditor or coding lead (6+ years)",
                70000,
                90000,
                PayPeriod.YEAR,
                "Salaried, often remote",
            ),
        ],
        "stages": [
            (
                "Apprentice coder",
                "0–1 year",
                "Codes straightforward outpatient visits under review; learns the employer's "
                "systems and query process.",
                "Accuracy over speed; ask questions; remove the apprentice status.",
            ),
            (
                "Medical coder",
                "1–3 years",
                "Codes a specialty or a service line independently and meets a productivity "
                "target.",
                "Pick a specialty, learn its guidelines deeply, keep audit scores above 95%.",
            ),
            (
                "Senior or inpatient coder",
                "3–6 years",
                "Codes complex surgical cases or inpatient stays with DRG assignment.",
                "A second credential (CCS, CRC or a specialty exam) and denial prevention.",
            ),
            (
                "Auditor, educator or coding manager",
                "6+ years",
                "Reviews other coders' work, teaches providers about documentation or runs a "
                "coding team.",
                "Communication, data skills and coding compliance.",
            ),
        ],
        "pros": [
            "Remote work is common after the first year or two",
            "No patient care and predictable daytime hours",
            "Certification takes months, not years",
        ],
        "cons": [
            "Productivity targets can feel relentless",
            "Annual code updates mean continuous study",
            "Entry-level pay is modest until you specialize",
        ],
        "faqs": [
            (
                "How long does it take to become a medical coder?",
                "Most people finish a course and pass the CPC exam in six to twelve months. "
                "Getting the first job can take a few more months; hospital billing and charge "
                "entry roles are good stepping stones.",
            ),
            (
                "Do medical coders need a degree?",
                "No. A certificate program and a national certification are what employers ask "
                "for. An associate degree in health information technology helps for hospital "
                "roles and leads to the RHIT credential.",
            ),
            (
                "Will AI replace medical coders?",
                "Software already suggests codes for simple visits, and coders increasingly "
                "review and correct those suggestions. Complex cases, audits and provider "
                "queries still need people, and those are the better-paid jobs.",
            ),
        ],
        "related": ["doctor-coder-physicians-in-medical-coding", "how-to-hire-a-medical-coder"],
    },
    {
        "slug": "doctor-coder-physicians-in-medical-coding",
        "kind": Article.Kind.CAREER_GUIDE,
        "title": "Doctor Coder: When Physicians Move Into Coding and Documentation",
        "summary": (
            "Physicians who step away from clinical practice can build a second career in "
            "coding audits and clinical documentation. Where a medical degree helps, where it "
            "doesn't, and how to make the move."
        ),
        "profession": Profession.CLINICAL_DOCUMENTATION_SPECIALIST,
        "author": "samuel-osei",
        "days_ago": 30,
        "categories": ["career-guides", "medical-coding"],
        "tags": ["Career change", "Physicians", "Certification", "Remote work"],
        "body": """
<p>“Doctor coder” is not a job title you will find in a hospital org chart, but the path is real:
physicians, including internationally trained doctors waiting for a U.S. residency, work as
coding auditors, clinical documentation specialists and physician advisors. Their clinical
judgment is exactly what these roles lack most.</p>
<h2>Why physicians are good at coding</h2>
<p>Coding a complex hospital stay means understanding why a patient was admitted, which
conditions were treated and what the provider actually meant. A physician reads a note the way it
was written. That makes physicians fast at the hardest part of the work: spotting a diagnosis
that is documented but not supported, or supported but not documented.</p>
<h2>Where a medical degree is not enough</h2>
<p>Coding has its own rulebook. Official guidelines decide, for example, when a symptom can be
coded alongside a diagnosis, and payers add their own policies. Physicians who skip formal coding
training tend to code what is clinically true instead of what the documentation supports, which
fails audits.</p>
<h2>Roles that fit a physician's background</h2>
<ul>
<li><strong>Clinical documentation integrity (CDI) specialist</strong>: reviews charts while the
patient is still in hospital and queries providers so the record is complete.</li>
<li><strong>Coding auditor</strong>: checks other coders' work and payer denials.</li>
<li><strong>Risk adjustment reviewer</strong>: validates chronic conditions for Medicare
Advantage plans.</li>
<li><strong>Physician advisor</strong>: a licensed physician who handles utilization review,
denials and education; this one needs an active license.</li>
</ul>
<h2>How to make the move</h2>
<ol>
<li>Take a coding course and pass the CPC or CCS exam; for CDI, the CCDS or CDIP.</li>
<li>Translate your CV: emphasize documentation, teaching and quality work, not procedures.</li>
<li>Apply for CDI and audit roles where clinical background is listed as preferred.</li>
</ol>
<h3>A note for international medical graduates</h3>
<p>Many IMGs work in CDI while they prepare for the USMLE and residency. Employers value the
clinical knowledge; check that the role does not require a U.S. nursing or medical license.</p>
""",
        "facts": {
            "growth_outlook": "Growing with documentation audits and risk adjustment",
            "typical_education": "MD, DO or international medical degree plus CPC, CCS or CCDS",
        },
        "pay_levels": [
            (
                "CDI specialist or coder (new to coding)",
                65000,
                85000,
                PayPeriod.YEAR,
                "Credential required",
            ),
            ("Senior CDI specialist or auditor", 85000, 110000, PayPeriod.YEAR, "Often remote"),
            (
                "Physician advisor (licensed)",
                200000,
                280000,
                PayPeriod.YEAR,
                "Active license required",
            ),
        ],
        "stages": [
            (
                "Coding or CDI specialist",
                "0–2 years",
                "Reviews records, assigns or validates codes and sends provider queries.",
                "Learn the guidelines; unlearn coding what is clinically likely but undocumented.",
            ),
            (
                "Auditor or senior CDI specialist",
                "2–5 years",
                "Audits coders and CDI staff, appeals denials, teaches providers.",
                "Denial trends, payer policies, clear written appeals.",
            ),
            (
                "Physician advisor or CDI leader",
                "5+ years",
                "Leads documentation programs or, with a license, utilization review.",
                "Leadership, data, and working with hospital finance.",
            ),
        ],
        "pros": [
            "Uses clinical judgment without night calls",
            "Remote work is common",
            "A bridge for IMGs and physicians changing course",
        ],
        "cons": [
            "Starting pay is far below clinical medicine",
            "Some colleagues expect a physician to code without training",
        ],
        "faqs": [
            (
                "Do I need an active medical license to work as a doctor coder?",
                "Not for coding, audit or most CDI roles. Physician advisor and some utilization "
                "review jobs do require an active license.",
            ),
            (
                "Which certification should a physician take first?",
                "The CPC if you want physician or outpatient coding; the CCS for hospital "
                "inpatient coding; the CCDS or CDIP for documentation integrity. Choose by the "
                "jobs you are applying to.",
            ),
        ],
        "related": ["medical-coder-career-guide"],
    },
    {
        "slug": "medical-dosimetrist-career-guide",
        "kind": Article.Kind.CAREER_GUIDE,
        "title": "Medical Dosimetrist Career Guide: Planning Radiation Treatment",
        "summary": (
            "Dosimetrists design the radiation plans that treat cancer while sparing healthy "
            "tissue. The work, the training route through radiation therapy, and the pay."
        ),
        "profession": Profession.DOSIMETRIST,
        "author": "hana-lindqvist",
        "days_ago": 24,
        "categories": ["career-guides", "imaging-and-radiation"],
        "tags": ["Oncology", "Certification", "Salary"],
        "body": """
<p>When a radiation oncologist prescribes a dose to a tumor, someone has to work out how to
deliver it: which beam angles, which energies, how to keep the spinal cord or the heart below its
limits. That person is the medical dosimetrist.</p>
<h2>What dosimetrists do</h2>
<p>Dosimetrists contour organs on CT and MRI images, build treatment plans in planning software,
and iterate until the plan meets the physician's prescription and the safety constraints. They
work closely with physicists, who check the plans, and with radiation therapists, who deliver
them.</p>
<ul>
<li>Intensity-modulated (IMRT) and arc (VMAT) plans make up most of the work.</li>
<li>Stereotactic plans deliver high doses in few sessions and need millimeter precision.</li>
<li>Brachytherapy planning places radioactive sources inside or next to the tumor.</li>
</ul>
<h2>How to become a dosimetrist</h2>
<p>Most dosimetrists were radiation therapists first. The usual route is a bachelor's degree, then
a one- to two-year accredited dosimetry program with a clinical placement, then the Medical
Dosimetrist Certification Board exam (CMD). Programs are small and competitive.</p>
<h3>Can I train on the job?</h3>
<p>The on-the-job route has largely closed: the certification exam now requires graduation from
an accredited program.</p>
<h2>Working life</h2>
<p>Hours are regular and there is no direct patient care at the computer, though you will meet
patients at simulation. Remote planning is growing: some groups plan for several clinics from one
place, and a few hire fully remote dosimetrists.</p>
""",
        "facts": {
            "median_pay": 130000,
            "median_pay_source": "Rounded estimate from dosimetry salary surveys",
            "median_pay_year": 2024,
            "growth_outlook": "Steady, following demand for radiation oncology",
            "typical_education": "Bachelor's degree and an accredited dosimetry program; CMD",
        },
        "pay_levels": [
            ("New CMD (0–2 years)", 100000, 120000, PayPeriod.YEAR, ""),
            (
                "Dosimetrist (2–7 years)",
                120000,
                145000,
                PayPeriod.YEAR,
                "SBRT and brachy experience pays",
            ),
            (
                "Lead or chief dosimetrist",
                140000,
                170000,
                PayPeriod.YEAR,
                "Team and QA responsibility",
            ),
        ],
        "stages": [
            (
                "Radiation therapist",
                "2–4 years",
                "Delivers daily treatments and runs simulation.",
                "Learn anatomy on CT, watch plans being built, ask the dosimetrists.",
            ),
            (
                "Dosimetry student",
                "1–2 years",
                "Classroom physics plus supervised planning in a clinic.",
                "Volume of plans across sites; a good clinical preceptor.",
            ),
            (
                "Certified dosimetrist",
                "0–5 years after CMD",
                "Plans routine and complex cases for several physicians.",
                "Speed with quality; stereotactic and adaptive planning.",
            ),
            (
                "Chief dosimetrist",
                "7+ years",
                "Leads the planning team, protocols and plan quality checks.",
                "Teaching, scheduling and working with physics.",
            ),
        ],
        "pros": [
            "High pay for a role without a graduate degree",
            "Regular daytime hours",
            "Technical, puzzle-like work that directly helps patients",
        ],
        "cons": [
            "Few accredited programs and competitive entry",
            "Deadlines are tight when a patient must start treatment",
        ],
        "faqs": [
            (
                "Is dosimetry the same as medical physics?",
                "No. Physicists hold a graduate degree and residency and are responsible for "
                "equipment and plan checks. Dosimetrists build the plans.",
            ),
            (
                "Can dosimetrists work remotely?",
                "Some can, usually after a few years on site. Employers want you to know the "
                "physicians and the clinic's protocols first.",
            ),
        ],
        "related": ["nuclear-medicine-technologist-career-guide"],
    },
    {
        "slug": "nuclear-medicine-technologist-career-guide",
        "kind": Article.Kind.CAREER_GUIDE,
        "title": "Nuclear Medicine Technologist Career Guide",
        "summary": (
            "Nuclear medicine technologists prepare radioactive tracers, scan patients and help "
            "deliver targeted therapies. The work, training, certification and pay."
        ),
        "profession": Profession.NUCLEAR_MEDICINE_TECHNOLOGIST,
        "author": "hana-lindqvist",
        "days_ago": 18,
        "categories": ["career-guides", "imaging-and-radiation"],
        "tags": ["Oncology", "Certification", "Salary"],
        "body": """
<p>X-rays show structure. Nuclear medicine shows function: how the heart muscle takes up blood,
where a cancer has spread, how fast the kidneys clear a tracer. Nuclear medicine technologists
make those images, and more and more they help treat cancer too.</p>
<h2>What the work involves</h2>
<ul>
<li>Preparing and measuring radiopharmaceutical doses, and keeping exposure as low as possible.</li>
<li>Explaining the scan, placing IV lines and giving the tracer.</li>
<li>Running gamma cameras, SPECT/CT and PET/CT, and checking image quality.</li>
<li>Assisting with therapies such as radioiodine and newer targeted radioligand treatments.</li>
</ul>
<h2>Training and certification</h2>
<p>You can enter through an associate or bachelor's program in nuclear medicine technology, or a
one-year certificate if you are already a radiologic technologist or have a science degree. Then
you certify with the NMTCB (CNMT) or the ARRT (N). Many states also require a license.</p>
<h3>Extra credentials that pay off</h3>
<p>PET and CT credentials make you far more employable, since most new scanners are hybrids.
Nuclear cardiology credentials help in cardiology practices.</p>
<h2>Where the jobs are</h2>
<p>Hospitals employ most technologists, followed by imaging centers and cardiology groups. PET/CT
and theranostics are growing even though the occupation as a whole is small.</p>
""",
        "facts": {
            "median_pay": 92500,
            "median_pay_source": "U.S. Bureau of Labor Statistics",
            "median_pay_year": 2023,
            "growth_outlook": "Little change overall; PET/CT and therapy are growing",
            "annual_openings": 1100,
            "typical_education": "Associate degree or certificate; CNMT or ARRT(N)",
        },
        "pay_levels": [
            ("New graduate", 36, 42, PayPeriod.HOUR, ""),
            ("Technologist (2–5 years)", 42, 50, PayPeriod.HOUR, "PET/CT credential adds more"),
            ("Lead technologist", 50, 58, PayPeriod.HOUR, "Scheduling, QC, radiation safety"),
        ],
        "stages": [
            (
                "Staff technologist",
                "0–3 years",
                "General nuclear medicine and cardiac studies, dose preparation.",
                "Confidence with IVs, camera QC, patient communication.",
            ),
            (
                "PET/CT technologist",
                "2–5 years",
                "Oncology PET/CT and hybrid imaging.",
                "CT credential and cross-sectional anatomy.",
            ),
            (
                "Lead technologist or therapy specialist",
                "5+ years",
                "Runs the department day to day or focuses on radionuclide therapy.",
                "Radiation safety, regulations, training others.",
            ),
        ],
        "pros": [
            "Mix of patient care and technology",
            "Good pay for an associate-level role",
            "New therapies are expanding the field",
        ],
        "cons": [
            "Small field: fewer openings in some regions",
            "Early starts: tracers are prepared before clinics open",
        ],
        "faqs": [
            (
                "Is the radiation exposure dangerous for technologists?",
                "Exposure is monitored with badges and kept well below regulatory limits "
                "through shielding, distance and short handling times.",
            ),
            (
                "NMTCB or ARRT: which certification is better?",
                "Both are widely accepted. Check your state's licensing rules and the job "
                "postings in your area; some employers list one or the other.",
            ),
        ],
        "related": ["medical-dosimetrist-career-guide"],
    },
    {
        "slug": "anesthesiologist-assistant-career-guide",
        "kind": Article.Kind.CAREER_GUIDE,
        "title": "Anesthesiologist Assistant Career Guide",
        "summary": (
            "Certified anesthesiologist assistants (CAAs) deliver anesthesia under the direction "
            "of an anesthesiologist. The training, the states that license them, and the pay."
        ),
        "profession": Profession.ANESTHESIOLOGIST_ASSISTANT,
        "author": "hana-lindqvist",
        "days_ago": 12,
        "categories": ["career-guides", "anesthesia"],
        "tags": ["Salary", "Certification"],
        "body": """
<p>An anesthesiologist assistant is a master's-trained clinician who works in the anesthesia care
team model. Under the medical direction of an anesthesiologist, a CAA does the pre-anesthetic
assessment, induces and maintains anesthesia, manages airways and monitors the patient through
surgery and recovery.</p>
<h2>What a typical day looks like</h2>
<p>Days start early with machine checks and patient interviews. An anesthesiologist usually
directs up to four rooms, with a CAA or nurse anesthetist in each. Cases range from short
outpatient procedures to cardiac and trauma surgery.</p>
<h2>Training</h2>
<p>CAA programs are master's degrees of about 24 to 28 months that accept students with a
pre-medical science background. Graduates sit the NCCAA certifying exam and keep it through
continuing education and periodic re-examination.</p>
<h3>Who applies</h3>
<p>Many applicants considered medical school and want clinical depth with a shorter route.
Prerequisites look like pre-med: biology, chemistry, organic chemistry, physics and calculus.</p>
<h2>Where CAAs can practice</h2>
<p>CAAs can practice in a limited but growing number of states and in Veterans Affairs
facilities. Check the state before you commit to a program or a move: this is the single biggest
constraint of the career.</p>
""",
        "facts": {
            "median_pay": 190000,
            "median_pay_source": "Rounded estimate from employer postings and society figures",
            "median_pay_year": 2024,
            "growth_outlook": "Strong: more states are licensing CAAs",
            "typical_education": "Master's degree (about 2 years); NCCAA certification",
        },
        "pay_levels": [
            ("New graduate", 160000, 185000, PayPeriod.YEAR, "Sign-on bonuses are common"),
            (
                "Experienced CAA (3+ years)",
                185000,
                220000,
                PayPeriod.YEAR,
                "Call and overtime extra",
            ),
            ("Lead or chief CAA", 210000, 240000, PayPeriod.YEAR, ""),
        ],
        "stages": [
            (
                "CAA student",
                "24–28 months",
                "Didactic year, then clinical rotations across surgical specialties.",
                "Airway skills, pharmacology, case volume in every specialty.",
            ),
            (
                "Certified anesthesiologist assistant",
                "0–5 years",
                "General, regional and specialty cases in the care team.",
                "Cardiac, pediatric or obstetric experience.",
            ),
            (
                "Lead CAA or educator",
                "5+ years",
                "Schedules, trains students and leads quality work.",
                "Teaching and department operations.",
            ),
        ],
        "pros": [
            "Physician-level clinical work in the operating room",
            "High pay after a two-year master's",
            "Team-based practice with an anesthesiologist always involved",
        ],
        "cons": [
            "Practice limited to certain states",
            "Early starts and call",
        ],
        "faqs": [
            (
                "What is the difference between a CAA and a CRNA?",
                "Both deliver anesthesia in the care team. CRNAs are advanced practice nurses "
                "with a nursing background and can practice independently in some states; CAAs "
                "come from a pre-medical background and always work under an anesthesiologist.",
            ),
            (
                "Can a CAA move to another state?",
                "Only to a state or federal system that authorizes CAA practice. Check the "
                "current list before you accept an offer.",
            ),
        ],
        "related": [],
    },
    {
        "slug": "how-to-hire-a-medical-coder",
        "kind": Article.Kind.HIRING_GUIDE,
        "title": "How to Hire a Medical Coder (With a Job Description Template)",
        "summary": (
            "What to look for in a medical coder, which credentials matter for which work, what "
            "to pay, and a job description template you can start your posting from."
        ),
        "profession": Profession.MEDICAL_CODER,
        "author": "hana-lindqvist",
        "days_ago": 8,
        "categories": ["hiring", "medical-coding"],
        "tags": ["Interviews", "Salary", "Remote work"],
        "body": """
<p>A coder who gets it right the first time protects your revenue and your audit record. A coder
who doesn't costs you in denials and rework. Here is how to write a posting that attracts the
first kind.</p>
<h2>Decide what kind of coding the role covers</h2>
<p>“Medical coder” covers very different work. Say which one you need:</p>
<ul>
<li><strong>Professional fee</strong>: physician services, E/M levels, modifiers.</li>
<li><strong>Hospital outpatient</strong>: emergency, surgery, imaging.</li>
<li><strong>Inpatient</strong>: ICD-10-PCS and DRG assignment; hardest to hire.</li>
<li><strong>Risk adjustment</strong>: HCC review for Medicare Advantage.</li>
</ul>
<h2>Ask for the right credential</h2>
<p>Require the CPC for professional and outpatient coding and the CCS for inpatient. An
apprentice credential is fine for entry roles if you have someone to review their work.</p>
<h2>Put the pay in the posting</h2>
<p>Every job on healthcareers shows a pay range. Coders compare offers hourly; remote roles
compete nationally, so check the live range for coding jobs before you post.</p>
<h2>Interview for accuracy</h2>
<p>A short, paid coding test with de-identified charts tells you more than any interview
question. Ask candidates to explain one code they chose and one query they would send.</p>
<h2>Answer every applicant</h2>
<p>Coders talk to each other. Under our No-Ghosting Policy you answer every application within a
week, which is also the fastest way to hire the good ones before someone else does.</p>
""",
        "facts": {},
        "pay_levels": [
            ("Apprentice coder", 19, 23, PayPeriod.HOUR, ""),
            ("Certified coder", 23, 30, PayPeriod.HOUR, ""),
            ("Inpatient or senior coder", 29, 38, PayPeriod.HOUR, "Hardest to hire"),
        ],
        "template": {
            "title": "Medical Coder (Outpatient)",
            "profession": Profession.MEDICAL_CODER,
            "summary": (
                "We are looking for a certified medical coder to code outpatient encounters "
                "accurately and on time, work with our providers on documentation, and help "
                "keep denials low. You will join a small, supportive coding team that reviews "
                "its work together."
            ),
            "responsibilities": "\n".join(
                [
                    "Review provider documentation and assign ICD-10-CM, CPT and HCPCS codes",
                    "Apply modifiers and payer-specific rules correctly",
                    "Send clear, compliant queries when documentation is incomplete",
                    "Work coding-related denials and suggest how to prevent them",
                    "Meet agreed accuracy and productivity targets",
                    "Keep up with annual code and guideline updates",
                ]
            ),
            "qualifications": "\n".join(
                [
                    "One year or more of outpatient or professional fee coding",
                    "Working knowledge of anatomy, medical terminology and coding guidelines",
                    "Comfort with an electronic health record and an encoder",
                    "Care for detail and clear written communication",
                ]
            ),
            # CPC or CCS: the template asks for the more common one; employers adjust.
            "certifications": ["cpc"],
        },
        "faqs": [
            (
                "Should I hire a remote medical coder?",
                "Remote coders widen your pool a great deal. Plan for secure system access, a "
                "review process for the first months and clear productivity expectations.",
            ),
            (
                "CPC or CCS: which should I require?",
                "CPC for physician and outpatient work, CCS for hospital inpatient work. For "
                "mixed roles, accept either and test for the skills you need.",
            ),
        ],
        "related": ["medical-coder-career-guide"],
    },
    {
        "slug": "how-to-read-pay-on-a-healthcare-job-posting",
        "kind": Article.Kind.BLOG_POST,
        "title": "How to Read the Pay on a Healthcare Job Posting",
        "summary": (
            "Hourly or yearly, base or with differentials, sign-on bonus or not: how to compare "
            "the pay of two healthcare jobs that look nothing alike."
        ),
        "profession": "",
        "author": "hana-lindqvist",
        "days_ago": 5,
        "categories": ["job-search"],
        "tags": ["Salary", "Night shift"],
        "body": """
<p>Two postings for the same job can look very different: one says $42–$55 an hour, the other
$98,000 a year plus a $10,000 bonus. Which pays more? Here is how to compare them honestly.</p>
<h2>Hourly versus yearly</h2>
<p>A full-time year is about 2,080 hours (40 hours × 52 weeks). Multiply an hourly rate by 2,080
for a rough annual figure: $45 an hour is about $93,600 a year. Three 12-hour shifts a week is
36 hours, so adjust if the job is not 40 hours.</p>
<h2>Differentials</h2>
<p>Nights, weekends and holidays often pay a differential: a few dollars more per hour or a
percentage. Ask whether the posted range includes differentials; a night job with a $6
differential adds about $11,000 a year at 36 hours a week.</p>
<h2>Sign-on bonuses</h2>
<p>A bonus is usually paid in parts and must be repaid if you leave early. Divide it by the years
you must stay to compare it with a higher base rate.</p>
<h3>What a range really means</h3>
<p>The bottom of a range is for the minimum qualifications; the top is for experience and
credentials beyond them. Where you land is negotiable, and it is fair to ask where you would
start before an interview.</p>
<h2>Benefits are pay too</h2>
<p>Retirement matching, tuition support and paid time off can be worth thousands. Compare the
whole package, not just the headline number.</p>
""",
        "faqs": [
            (
                "How many hours a year is a full-time healthcare job?",
                "Usually 2,080 for a 40-hour week. Many nursing and imaging jobs are 36 hours "
                "(three 12-hour shifts), which is 1,872 hours a year.",
            ),
        ],
        "related": ["medical-coder-career-guide"],
    },
    {
        "slug": "why-every-application-gets-an-answer",
        "kind": Article.Kind.BLOG_POST,
        "title": "Why Every Application on healthcareers Gets an Answer",
        "summary": (
            "Applying and hearing nothing back is the most common complaint we hear. Here is how "
            "our No-Ghosting Policy works and what it asks of employers."
        ),
        "profession": "",
        "author": "hana-lindqvist",
        "days_ago": 3,
        "categories": ["healthcareers-news"],
        "tags": ["No-Ghosting"],
        "body": """
<p>Nurses told us they apply to a dozen jobs and hear from two. Coders told us the same. Silence
wastes time for people who work long shifts and have little of it, so we built the board around
one promise: every application gets an answer.</p>
<h2>What counts as an answer</h2>
<p>A message, an interview invitation, an offer or a clear “not this time”. Opening the
application does not count: the candidate has to see a response.</p>
<h2>The deadline</h2>
<p>Employers have a set number of days to respond. They get reminders before the deadline, and
when it passes the candidate gets a notice with similar open jobs.</p>
<h2>Responsiveness is public</h2>
<p>Each company's on-time response rate appears on its page and its jobs once enough applications
have reached their deadline. Companies that fall behind must catch up before posting again.</p>
<h3>What this means for employers</h3>
<p>Answering everyone sounds like work, but a quick “no” takes seconds in the pipeline, and
candidates remember who treated them well.</p>
""",
        "faqs": [],
        "related": [],
    },
    {
        "slug": "remote-medical-coding-questions-to-ask",
        "kind": Article.Kind.BLOG_POST,
        "title": "Remote Medical Coding Jobs: Seven Questions to Ask Before You Accept",
        "summary": (
            "Remote coding jobs vary a lot in pay, targets and support. Seven questions that "
            "tell you what a remote coding job will really be like."
        ),
        "profession": Profession.MEDICAL_CODER,
        "author": "samuel-osei",
        "days_ago": 1,
        "categories": ["medical-coding", "job-search"],
        "tags": ["Remote work", "Interviews"],
        "body": """
<p>Remote coding is one of the best things about the profession, but two remote jobs with the
same title can feel completely different. Ask these before you sign.</p>
<h2>Seven questions</h2>
<ol>
<li><strong>What is the productivity target, and when does it start?</strong> A ramp-up period
of a few months is a good sign.</li>
<li><strong>How is accuracy audited?</strong> Ask for the target and how feedback reaches you.</li>
<li><strong>Is pay hourly, salaried or per chart?</strong> Per-chart pay can hide unpaid time.</li>
<li><strong>Who provides the equipment?</strong> Laptop, second monitor, encoder licenses.</li>
<li><strong>Which states can I live in?</strong> Many employers only hire in certain states.</li>
<li><strong>How do I reach a lead when I am stuck?</strong> Chat, scheduled huddles, nobody?</li>
<li><strong>Are the hours fixed?</strong> Some roles let you choose your hours; others don't.</li>
</ol>
<h2>Red flags</h2>
<p>Be careful with any “employer” that asks you to pay for training or equipment, or that will
not tell you which health system or company you would code for.</p>
""",
        "faqs": [
            (
                "Can I get a remote coding job without experience?",
                "It is possible but uncommon. Most remote roles ask for one to two years of "
                "coding; an on-site first job is the more reliable path.",
            ),
        ],
        "related": ["medical-coder-career-guide", "doctor-coder-physicians-in-medical-coding"],
    },
    {
        "slug": "night-shift-differentials-explained",
        "kind": Article.Kind.BLOG_POST,
        "title": "Night Shift Differentials, Explained",
        "summary": "How night, weekend and holiday differentials are calculated, with examples.",
        "profession": "",
        "author": "hana-lindqvist",
        # Scheduled: editors see it (with a banner); the public sees it in a week.
        "days_ago": -7,
        "categories": ["job-search"],
        "tags": ["Night shift", "Salary"],
        "body": """
<p>This article is scheduled: editors can preview it now, and it appears to everyone on its
publication date without anyone pressing a button.</p>
<h2>Flat or percentage</h2>
<p>Some employers add a flat amount per hour worked at night; others add a percentage of the base
rate. A percentage grows with your raises; a flat amount does not.</p>
""",
        "faqs": [],
        "related": ["how-to-read-pay-on-a-healthcare-job-posting"],
    },
]

COMMENTS = [
    # article slug, name, email, text, status, reply from the editor
    (
        "medical-coder-career-guide",
        "Renee Castillo",
        "renee.castillo@example.com",
        "I passed the CPC last spring and I'm still an apprentice. The tip about hospital "
        "charge entry jobs is exactly how my friend got in. Going to try that next.",
        Comment.Status.APPROVED,
        "Good luck, Renee! Charge entry and billing roles also let you ask to shadow the coding "
        "team, which looks great on an application.",
    ),
    (
        "medical-coder-career-guide",
        "Dev Patel",
        "dev.patel@example.com",
        "Is inpatient coding really that much harder? I've been doing ED coding for two years.",
        Comment.Status.APPROVED,
        None,
    ),
    (
        "doctor-coder-physicians-in-medical-coding",
        "Amara N.",
        "amara.n@example.com",
        "IMG here, studying for Step 2 and working in CDI. Agree completely on learning the "
        "guidelines: my first audit was humbling!",
        Comment.Status.APPROVED,
        None,
    ),
    (
        "medical-dosimetrist-career-guide",
        "Jordan Lee",
        "jordan.lee@example.com",
        "Does anyone know programs that take students without a therapy background? "
        "See my notes at www.example.com/dosimetry-notes",
        Comment.Status.PENDING,
        None,
    ),
]


def seed_articles() -> int:
    """Create the demo authors, categories, tags, articles and comments; return how many new
    objects were created (0 when everything is there already)."""
    created = 0
    editor = User.objects.filter(email=EDITOR_EMAIL).first()

    authors = {}
    for slug, name, job_title, bio, is_editor in AUTHORS:
        defaults = {"name": name, "job_title": job_title, "bio": bio}
        if is_editor and editor and not Author.objects.filter(user=editor).exists():
            defaults["user"] = editor
        authors[slug], new = Author.objects.get_or_create(slug=slug, defaults=defaults)
        created += new

    categories = {}
    for slug, name, description in CATEGORIES:
        categories[slug], new = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        created += new

    tags = {}
    for name in TAGS:
        tags[name], new = Tag.objects.get_or_create(
            name=name, defaults={"slug": name.lower().replace(" ", "-")}
        )
        created += new

    now = timezone.now()
    new_articles = {}
    for data in ARTICLES:
        if Article.objects.filter(slug=data["slug"]).exists():
            continue
        article = Article.objects.create(
            slug=data["slug"],
            kind=data["kind"],
            title=data["title"],
            summary=data["summary"],
            body=data["body"].strip(),
            profession=data.get("profession", ""),
            author=authors[data["author"]],
            status=Article.Status.PUBLISHED,
            publish_at=(now - timedelta(days=data["days_ago"])).replace(
                hour=13, minute=0, second=0, microsecond=0
            ),
        )
        created += 1
        article.categories.set([categories[slug] for slug in data["categories"]])
        article.tags.set([tags[name] for name in data["tags"]])
        created += _seed_parts(article, data)
        article.refresh_reading_minutes()
        # Written "on" its publication date, not today.
        Article.objects.filter(pk=article.pk).update(updated_at=article.publish_at)
        new_articles[article.slug] = data

    for slug, data in new_articles.items():
        related = Article.objects.filter(slug__in=data.get("related", []))
        Article.objects.get(slug=slug).related.set(related)

    created += _seed_comments(editor)
    return created


def _seed_parts(article: Article, data: dict) -> int:
    created = 0
    facts = data.get("facts")
    if facts:
        GuideFacts.objects.create(
            article=article,
            **{
                **facts,
                "median_pay": _money(facts["median_pay"]) if "median_pay" in facts else None,
            },
        )
        created += 1
    for position, (level, low, high, period, note) in enumerate(data.get("pay_levels", [])):
        PayLevel.objects.create(
            article=article,
            position=position,
            level=level,
            pay_low=_money(low),
            pay_high=_money(high),
            pay_period=period,
            note=note,
        )
        created += 1
    for position, (title, years, work, focus) in enumerate(data.get("stages", [])):
        CareerStage.objects.create(
            article=article, position=position, title=title, years=years, work=work, focus=focus
        )
        created += 1
    for kind in (ProCon.Kind.PRO, ProCon.Kind.CON):
        items = data.get("pros" if kind == ProCon.Kind.PRO else "cons", [])
        for position, text in enumerate(items):
            ProCon.objects.create(article=article, position=position, kind=kind, text=text)
            created += 1
    for position, (question, answer) in enumerate(data.get("faqs", [])):
        FAQ.objects.create(article=article, position=position, question=question, answer=answer)
        created += 1
    if data.get("template"):
        fields = dict(data["template"])
        template, new = JobDescriptionTemplate.objects.get_or_create(
            title=fields.pop("title"), defaults=fields
        )
        article.job_template = template
        article.save(update_fields=["job_template"])
        created += new
    return created


def _seed_comments(editor) -> int:
    created = 0
    now = timezone.now()
    for slug, name, email, text, status, editor_reply in COMMENTS:
        article = Article.objects.filter(slug=slug).first()
        if article is None:
            continue
        comment, new = Comment.objects.get_or_create(
            article=article,
            email=email,
            parent=None,
            defaults={
                "name": name,
                "body": text,
                "status": status,
                "moderated_at": now if status == Comment.Status.APPROVED else None,
            },
        )
        created += new
        if new and editor_reply and editor:
            Comment.objects.create(
                article=article,
                parent=comment,
                user=editor,
                name=editor.get_full_name(),
                email=editor.email,
                body=editor_reply,
                by_editor=True,
                status=Comment.Status.APPROVED,
                moderated_at=now,
            )
            created += 1
    return created
