from django.contrib.auth.management import create_permissions
from django.db import migrations

# The first edition of the field's search vocabulary (staff edit it in admin afterwards). One entry per line:
#   kind | term | expansion; expansion; ... | profession profession ...
# kind: a = abbreviation (one way), s = synonym, w = word form (both ways).
SEED = """
a | rn | registered nurse | registered_nurse
a | rns | registered nurses; registered nurse | registered_nurse
a | bsn | bachelor of science in nursing; registered nurse | registered_nurse
a | adn | associate degree in nursing; registered nurse | registered_nurse
a | ccrn | critical care registered nurse | registered_nurse
a | cen | certified emergency nurse | registered_nurse
a | grn | graduate registered nurse; graduate nurse | registered_nurse
a | lpn | licensed practical nurse; licensed vocational nurse; lvn | licensed_practical_nurse
a | lvn | licensed vocational nurse; licensed practical nurse; lpn | licensed_practical_nurse
a | lpns | licensed practical nurses; licensed practical nurse; lvn | licensed_practical_nurse
a | cna | certified nursing assistant; nursing assistant; nurse aide; nursing aide | certified_nursing_assistant
a | cnas | certified nursing assistants; nursing assistant; nurse aide | certified_nursing_assistant
a | stna | state tested nursing assistant; nursing assistant; cna | certified_nursing_assistant
a | pct | patient care technician; patient care tech; nursing assistant | certified_nursing_assistant
a | pca | patient care assistant; personal care assistant; nursing assistant | certified_nursing_assistant
a | hha | home health aide | certified_nursing_assistant
a | np | nurse practitioner | nurse_practitioner
a | nps | nurse practitioners; nurse practitioner | nurse_practitioner
a | fnp | family nurse practitioner; nurse practitioner | nurse_practitioner
a | fnp-c | family nurse practitioner; nurse practitioner | nurse_practitioner
a | pmhnp | psychiatric mental health nurse practitioner; psychiatric nurse practitioner | nurse_practitioner
a | agnp | adult gerontology nurse practitioner; nurse practitioner | nurse_practitioner
a | agacnp | acute care nurse practitioner; nurse practitioner | nurse_practitioner
a | acnp | acute care nurse practitioner; nurse practitioner | nurse_practitioner
a | pnp | pediatric nurse practitioner; nurse practitioner | nurse_practitioner
a | whnp | women's health nurse practitioner; nurse practitioner | nurse_practitioner
a | dnp | doctor of nursing practice; nurse practitioner | nurse_practitioner
a | aprn | advanced practice registered nurse; nurse practitioner; nurse anesthetist; clinical nurse specialist; nurse midwife | nurse_practitioner crna
a | crna | certified registered nurse anesthetist; nurse anesthetist | crna
a | cnm | certified nurse midwife; nurse midwife |
a | cns | clinical nurse specialist |
a | cnl | clinical nurse leader |
a | msn | master of science in nursing |
a | cno | chief nursing officer |
a | don | director of nursing |
a | adon | assistant director of nursing |
a | pa | physician assistant; physician associate | physician_assistant
a | pas | physician assistants; physician assistant | physician_assistant
a | pa-c | physician assistant; physician associate | physician_assistant
a | aa | anesthesiologist assistant | anesthesiologist_assistant
a | caa | certified anesthesiologist assistant; anesthesiologist assistant | anesthesiologist_assistant
a | md | physician; doctor of medicine | physician
a | mds | physicians; physician | physician
a | hospitalist | hospital medicine; hospitalist physician | physician
a | cst | certified surgical technologist; surgical technologist; surgical tech | surgical_technologist
a | surgical tech | surgical technologist; surgical technician; cst | surgical_technologist
a | surg tech | surgical technologist; surgical technician; surgical tech | surgical_technologist
a | scrub tech | surgical technologist; surgical tech; scrub technician | surgical_technologist
a | ma | medical assistant | medical_assistant
a | mas | medical assistants; medical assistant | medical_assistant
a | cma | certified medical assistant; medical assistant | medical_assistant
a | rma | registered medical assistant; medical assistant | medical_assistant
a | ccma | certified clinical medical assistant; clinical medical assistant; medical assistant | medical_assistant
a | rt | respiratory therapist; radiologic technologist; respiratory therapy; radiologic technology | respiratory_therapist radiologic_technologist
a | rts | respiratory therapists; radiologic technologists; respiratory therapist; radiologic technologist | respiratory_therapist radiologic_technologist
a | rrt | registered respiratory therapist; respiratory therapist | respiratory_therapist
a | crt | certified respiratory therapist; respiratory therapist | respiratory_therapist
a | resp therapist | respiratory therapist | respiratory_therapist
a | arrt | registered technologist; radiologic technologist | radiologic_technologist
a | rad tech | radiologic technologist; radiology technologist; radiologic technician; radiology technician; x-ray technologist; radiographer | radiologic_technologist
a | rad techs | radiologic technologists; radiologic technologist; radiology technologist; radiographer | radiologic_technologist
a | radiology tech | radiologic technologist; radiology technologist; radiology technician; radiographer | radiologic_technologist
a | radiologic tech | radiologic technologist; radiologic technician | radiologic_technologist
a | x-ray tech | radiologic technologist; x-ray technologist; x-ray technician; radiographer | radiologic_technologist
a | xray tech | radiologic technologist; x-ray technologist; x-ray technician; radiographer | radiologic_technologist
a | x-ray technologist | radiologic technologist; radiographer | radiologic_technologist
a | x-ray technician | radiologic technologist; x-ray technologist; radiographer | radiologic_technologist
a | ct tech | ct technologist; computed tomography technologist | radiologic_technologist
a | cat scan | ct; computed tomography |
a | ct | computed tomography |
a | mri tech | mri technologist; magnetic resonance imaging technologist | radiologic_technologist
a | mri | magnetic resonance imaging |
a | ir | interventional radiology |
a | mammo | mammography |
a | nuc med | nuclear medicine | nuclear_medicine_technologist
a | nuc med tech | nuclear medicine technologist | nuclear_medicine_technologist
a | nmt | nuclear medicine technologist | nuclear_medicine_technologist
a | cnmt | certified nuclear medicine technologist; nuclear medicine technologist | nuclear_medicine_technologist
a | rdms | registered diagnostic medical sonographer; sonographer | sonographer
a | rdcs | registered diagnostic cardiac sonographer; cardiac sonographer | sonographer
a | rvt | registered vascular technologist; vascular sonographer | sonographer
a | dms | diagnostic medical sonographer; sonographer | sonographer
a | echo tech | echocardiographer; cardiac sonographer; echocardiography | sonographer
a | ultrasound tech | sonographer; ultrasound technologist; ultrasound technician; sonography | sonographer
a | ultrasound techs | sonographers; sonographer; ultrasound technologist | sonographer
a | ultrasound technician | sonographer; ultrasound technologist; sonography | sonographer
a | ultrasound technologist | sonographer; ultrasound technician; sonography | sonographer
a | mls | medical laboratory scientist; clinical laboratory scientist; medical technologist | medical_laboratory_scientist
a | mlt | medical laboratory technician; medical lab technician; laboratory technician | medical_laboratory_scientist
a | mt | medical technologist; medical laboratory scientist | medical_laboratory_scientist
a | cls | clinical laboratory scientist; medical laboratory scientist | medical_laboratory_scientist
a | mt(ascp) | medical technologist; medical laboratory scientist | medical_laboratory_scientist
a | lab tech | laboratory technician; laboratory technologist; medical laboratory technician; medical laboratory scientist; microbiology technologist | medical_laboratory_scientist
a | med tech | medical technologist; medical laboratory scientist | medical_laboratory_scientist
a | slp | speech-language pathologist; speech language pathologist; speech pathologist; speech therapist | speech_language_pathologist
a | slps | speech-language pathologists; speech-language pathologist; speech therapist | speech_language_pathologist
a | ccc-slp | speech-language pathologist; speech therapist | speech_language_pathologist
a | slpa | speech-language pathology assistant; speech language pathology assistant |
a | pt | physical therapist; physical therapy | physical_therapist
a | pts | physical therapists; physical therapist | physical_therapist
a | dpt | doctor of physical therapy; physical therapist | physical_therapist
a | pta | physical therapist assistant; physical therapy assistant |
a | ot | occupational therapist; occupational therapy | occupational_therapist
a | ots | occupational therapists; occupational therapist | occupational_therapist
a | otr | registered occupational therapist; occupational therapist | occupational_therapist
a | otr/l | registered occupational therapist; occupational therapist | occupational_therapist
a | cota | certified occupational therapy assistant; occupational therapy assistant |
a | cota/l | certified occupational therapy assistant; occupational therapy assistant |
a | emt | emergency medical technician; paramedic | paramedic
a | emts | emergency medical technicians; emergency medical technician; paramedic | paramedic
a | emt-b | emergency medical technician; paramedic | paramedic
a | emt-p | paramedic; emergency medical technician | paramedic
a | aemt | advanced emergency medical technician; paramedic | paramedic
a | ems | emergency medical services; paramedic | paramedic
a | nremt | paramedic; emergency medical technician | paramedic
a | cpc | certified professional coder; medical coder | medical_coder
a | cpc-a | certified professional coder; medical coder | medical_coder
a | ccs | certified coding specialist; coding specialist; medical coder | medical_coder
a | ccs-p | certified coding specialist; coding specialist; medical coder | medical_coder
a | cca | certified coding associate; medical coder | medical_coder
a | crc | certified risk adjustment coder; risk adjustment coder; risk adjustment | medical_coder
a | cic | certified inpatient coder; inpatient coder | medical_coder
a | coc | certified outpatient coder; outpatient coder | medical_coder
a | cdi | clinical documentation integrity; clinical documentation improvement; clinical documentation specialist | clinical_documentation_specialist
a | cdip | certified documentation integrity practitioner; clinical documentation integrity; cdi | clinical_documentation_specialist
a | ccds | certified clinical documentation specialist; clinical documentation specialist; cdi | clinical_documentation_specialist
a | him | health information management | health_information_manager
a | rhia | registered health information administrator; health information management | health_information_manager
a | rhit | registered health information technician; health information |
a | roi | release of information |
a | hcc | hierarchical condition category; risk adjustment |
a | drg | diagnosis related group |
a | icd-10 | icd-10-cm; icd-10-pcs |
a | icd10 | icd-10; icd-10-cm |
a | rcm | revenue cycle management; revenue cycle |
a | ehr | electronic health record |
a | emr | electronic medical record; electronic health record |
a | pharm tech | pharmacy technician | pharmacy_technician
a | pharmacy tech | pharmacy technician; pharmacy technologist | pharmacy_technician
a | pharmacy techs | pharmacy technicians; pharmacy technician | pharmacy_technician
a | cpht | certified pharmacy technician; pharmacy technician | pharmacy_technician
a | iv tech | iv pharmacy technician; sterile compounding | pharmacy_technician
a | pharmd | doctor of pharmacy; pharmacist | pharmacist
a | rph | registered pharmacist; pharmacist | pharmacist
a | bcps | board certified pharmacotherapy specialist; clinical pharmacist | pharmacist
a | rd | registered dietitian; dietitian | dietitian
a | rdn | registered dietitian nutritionist; registered dietitian; dietitian | dietitian
a | lcsw | licensed clinical social worker; clinical social worker | social_worker
a | msw | master of social work; social worker | social_worker
a | lmsw | licensed master social worker; social worker | social_worker
a | rdh | registered dental hygienist; dental hygienist | dental_hygienist
a | cmd | certified medical dosimetrist; dosimetrist | dosimetrist
a | atr | art therapist; registered art therapist | art_therapist
a | atr-bc | board certified art therapist; art therapist | art_therapist
a | icu | intensive care unit; critical care; intensive care |
a | micu | medical intensive care unit; medical icu; icu |
a | sicu | surgical intensive care unit; surgical icu; icu |
a | cvicu | cardiovascular intensive care unit; cardiovascular icu; icu |
a | nicu | neonatal intensive care unit; neonatal icu; neonatal intensive care |
a | picu | pediatric intensive care unit; pediatric icu; pediatric intensive care |
a | ccu | cardiac care unit; coronary care unit |
a | ed | emergency department; emergency room; emergency |
a | er | emergency room; emergency department; emergency |
a | or | operating room; perioperative; surgery |
a | cvor | cardiovascular operating room; cardiac surgery |
a | l&d | labor and delivery |
a | l and d | labor and delivery |
a | ldrp | labor delivery recovery postpartum; labor and delivery |
a | ob | obstetrics; obstetric |
a | ob/gyn | obstetrics and gynecology; obgyn |
a | obgyn | obstetrics and gynecology; ob/gyn |
a | gyn | gynecology |
a | med-surg | medical-surgical; medical surgical; med surg |
a | med surg | medical-surgical; medical surgical |
a | medsurg | medical-surgical; medical surgical |
a | m/s | medical-surgical |
a | tele | telemetry |
a | pacu | post-anesthesia care unit; post anesthesia care unit; recovery room |
a | pcu | progressive care unit; step-down |
a | stepdown | step-down; progressive care |
a | step down | step-down; progressive care |
a | ltc | long-term care; long term care |
a | snf | skilled nursing facility; skilled nursing |
a | ltach | long-term acute care hospital; long-term acute care |
a | irf | inpatient rehabilitation facility |
a | rehab | rehabilitation |
a | hh | home health |
a | psych | psychiatry; psychiatric; behavioral health |
a | peds | pediatrics; pediatric |
a | onc | oncology |
a | heme onc | hematology oncology; hematology; oncology |
a | cath lab | cardiac catheterization laboratory; catheterization lab; cardiac cath |
a | gi | gastroenterology; endoscopy |
a | asc | ambulatory surgery center; ambulatory surgery |
a | bls | basic life support |
a | acls | advanced cardiovascular life support; advanced cardiac life support |
a | pals | pediatric advanced life support |
a | nrp | neonatal resuscitation program |
a | cpr | cardiopulmonary resuscitation; basic life support |
a | prn | per diem; as needed |
a | ft | full-time; full time |
a | wfh | remote; work from home |
a | noc | night shift; nights |
a | tech | technician; technologist |
a | techs | technicians; technologists |
a | neuro | neurology; neurological |
a | ortho | orthopedics; orthopedic; orthopaedic |
a | derm | dermatology |
a | cardio | cardiology; cardiac |
a | pulm | pulmonary; pulmonology |
a | uc | urgent care |
a | pcp | primary care physician; primary care |
a | ccm | certified case manager; case manager |
a | cm | case manager; case management |
a | ur | utilization review |
a | ib | inpatient |
a | op | outpatient |
s | nurse | nurses; nursing | registered_nurse licensed_practical_nurse nurse_practitioner crna
s | nursing assistant | nurse aide; nursing aide; cna; certified nursing assistant | certified_nursing_assistant
s | patient care technician | patient care tech; pct; nursing assistant | certified_nursing_assistant
s | licensed practical nurse | licensed vocational nurse; lpn; lvn | licensed_practical_nurse
s | licensed vocational nurse | licensed practical nurse; lpn; lvn | licensed_practical_nurse
s | nurse anesthetist | certified registered nurse anesthetist; crna | crna
s | doctor | physician | physician
s | speech therapist | speech-language pathologist; speech language pathologist; speech pathologist | speech_language_pathologist
s | speech therapy | speech-language pathology; speech language pathology; speech-language pathologist | speech_language_pathologist
s | radiographer | radiologic technologist | radiologic_technologist
s | paramedic | emergency medical technician; emt | paramedic
a | medic | paramedic | paramedic
s | ultrasound | sonography; sonographer | sonographer
s | x-ray | radiologic; radiology; radiography; xray |
s | xray | x-ray; radiologic; radiography |
s | lab | laboratory |
s | labs | laboratories |
s | dietician | dietitian |
s | dieticians | dietitians |
s | nutritionist | dietitian | dietitian
s | anesthetist | anesthesia |
s | anaesthetist | anesthetist; anesthesia |
s | anaesthesia | anesthesia |
s | paediatric | pediatric |
s | paediatrics | pediatrics |
s | orthopaedic | orthopedic |
s | orthopaedics | orthopedics |
s | haematology | hematology |
s | gynaecology | gynecology |
s | oesophageal | esophageal |
s | cancer | oncology |
s | echocardiography | echo; cardiac ultrasound; echocardiogram |
s | operating room | perioperative; periop; surgical services |
s | emergency room | emergency department; emergency |
s | emergency department | emergency room; emergency |
s | intensive care | critical care; icu |
s | critical care | intensive care; icu |
s | behavioral health | mental health; psychiatric |
s | home health | home care; home healthcare |
s | skilled nursing | long-term care |
s | work from home | remote; telecommute |
s | telecommute | remote; work from home |
s | new grad | new graduate; graduate nurse; entry level |
s | entry level | new grad; new graduate |
s | sign on bonus | sign-on bonus |
s | cardiology | cardiac; cardiovascular |
s | dialysis | hemodialysis; nephrology |
s | kidney | renal; nephrology |
s | revenue cycle | billing; accounts receivable |
s | denials | denial management; denials management |
s | geriatric | gerontology; geriatrics |
s | hospice | end of life; palliative |
s | travel | traveler; travelers |
s | ob/gyn ultrasound | obstetric ultrasound; obstetric sonography |
w | therapy | therapist; therapists |
w | sonography | sonographer; sonographers |
w | pharmacy | pharmacist; pharmacists |
w | coding | coder; coders |
w | billing | biller; billers |
w | radiology | radiologic; radiological |
w | radiography | radiographer; radiographers |
w | technology | technologist; technologists |
w | dosimetry | dosimetrist; dosimetrists |
w | phlebotomy | phlebotomist; phlebotomists |
w | anesthesia | anesthetist; anesthesiology; anesthesiologist |
w | pathology | pathologist; pathologists |
w | psychiatry | psychiatrist; psychiatric |
w | pediatrics | pediatric; pediatrician |
w | obstetrics | obstetric; obstetrician |
w | cardiologist | cardiology |
w | oncology | oncologist; oncologic |
w | neurology | neurologist; neurological |
w | dermatology | dermatologist |
w | nutrition | nutritionist; nutritional |
w | surgery | surgical |
w | dietetics | dietitian; dietetic |
w | audiology | audiologist |
w | optometry | optometrist |
w | dentistry | dentist; dental |
w | hygiene | hygienist |
w | midwifery | midwife; midwives |
w | paramedicine | paramedic |
w | management | manager |
w | administration | administrator; administrative |
w | respiratory care | respiratory therapist; respiratory therapy |
w | radiotherapy | radiation therapy; radiation therapist |
w | documentation | documentation specialist |
w | rehabilitation | rehabilitative |
w | informatics | informaticist |
w | epidemiology | epidemiologist |
w | pharmacology | pharmacologist |
"""


def parse_seed():
    for line in SEED.strip().splitlines():
        kind, term, expansions, professions = (part.strip() for part in line.split("|"))
        yield {
            "term": term,
            "kind": {"a": "abbreviation", "s": "synonym", "w": "word_form"}[kind],
            "expansions": [e.strip() for e in expansions.split(";") if e.strip()],
            "professions": professions.split(),
        }


def seed(apps, schema_editor):
    VocabularyTerm = apps.get_model("jobs", "VocabularyTerm")
    VocabularyTerm.objects.bulk_create(
        [VocabularyTerm(**entry, note="seed") for entry in parse_seed()],
        ignore_conflicts=True,
    )


def grant_editors(apps, schema_editor):
    """Editors (the site's writers) keep the vocabulary, with staff."""
    app_config = apps.get_app_config("jobs")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editors")
    codenames = [f"{action}_vocabularyterm" for action in ("add", "change", "delete", "view")]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="jobs", codename__in=codenames)
    )


def unseed(apps, schema_editor):
    apps.get_model("jobs", "VocabularyTerm").objects.filter(note="seed").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0013_vocabulary_term"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
        migrations.RunPython(grant_editors, migrations.RunPython.noop),
    ]
