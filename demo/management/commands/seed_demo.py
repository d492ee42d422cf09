"""Load the demo data: original, invented healthcare companies and people.

Idempotent: every object is looked up by its natural key first, so running it again changes nothing
and never overwrites what someone edited. `--logins` prints the demo sign-ins.
"""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import User
from applications.responsiveness import companies_refresh_responsiveness
from demo.applications import seed_applications
from demo.articles import seed_articles
from demo.candidates import seed_candidates
from demo.companies import seed_companies_profile
from demo.jobs import seed_jobs, seed_pay_history
from employers.models import Company, Membership
from jobs.pay_insights import pay_summary_refresh
from jobs.suggestions import search_terms_refresh

DEMO_PASSWORD = "healthcareers-demo"

COMPANIES = [
    # name, verified
    ("Tidewater Bay Medical Center", True),
    ("Northfield Coding Collective", True),
    ("Sunpath Pediatric Clinics", False),
    ("Granite Peak Cancer Institute", True),
    ("Riverbend Home Health Partners", False),
    ("Mesa Alta Imaging Partners", True),
    ("Lakeshore Behavioral Health", True),
    ("Prairie Wind Family Medicine", True),
    ("Coastal Ridge Pharmacy Services", False),
    ("Blue Spruce Rehabilitation Network", True),
    ("Cascadia Summit Health", True),
    ("Lone Star Gulf Medical Group", True),
    ("Great Lakes University Health", True),
    ("Sunbelt Travel Clinicians", True),
]

EMPLOYERS = [
    # email, name, company, team role
    ("dana.whitfield@tidewaterbay.example", "Dana Whitfield", 0, Membership.Role.OWNER),
    ("leo.park@tidewaterbay.example", "Leo Park", 0, Membership.Role.RECRUITER),
    ("ines.carvalho@northfieldcoding.example", "Inês Carvalho", 1, Membership.Role.OWNER),
    ("marcus.bell@sunpathpeds.example", "Marcus Bell", 2, Membership.Role.OWNER),
    ("ruth.adeyemi@granitepeak.example", "Ruth Adeyemi", 3, Membership.Role.OWNER),
    ("sam.torres@riverbendhome.example", "Sam Torres", 4, Membership.Role.OWNER),
]

CANDIDATES = [
    ("maria.alvarez@example.com", "María Álvarez"),  # registered nurse, nights, ICU
    ("james.okafor@example.com", "James Okafor"),  # medical coder, CPC
    ("priya.nair@example.com", "Priya Nair"),  # dosimetrist
    ("tom.becker@example.com", "Tom Becker"),  # physical therapist
    # More applicants, so that the demo companies have figures (demo/applications.py).
    ("aisha.rahman@example.com", "Aisha Rahman"),
    ("daniel.kowalski@example.com", "Daniel Kowalski"),
    ("grace.oyelaran@example.com", "Grace Oyelaran"),
    ("hiro.tanaka@example.com", "Hiro Tanaka"),
    ("lucia.ferreira@example.com", "Lucía Ferreira"),
    ("noah.whitaker@example.com", "Noah Whitaker"),
    ("sofia.lindgren@example.com", "Sofia Lindgren"),
    ("kwame.mensah@example.com", "Kwame Mensah"),
    ("elena.petrova@example.com", "Elena Petrova"),
    ("mateo.delgado@example.com", "Mateo Delgado"),
]

EDITOR = ("editor@healthcareers.example", "Hana Lindqvist")
ADMIN = ("admin@healthcareers.example", "Site Administrator")


class Command(BaseCommand):
    help = "Load the demo data (idempotent). --logins prints the demo sign-ins."

    def add_arguments(self, parser):
        parser.add_argument("--logins", action="store_true", help="Only print the demo sign-ins.")

    def handle(self, *args, logins=False, **options):
        if logins:
            self.print_logins()
            return
        # The demo accounts share a published password (README), one of them a superuser.
        if settings.DJANGO_ENV == "production":
            raise CommandError(
                "seed_demo refuses to run in production (DJANGO_ENV=production): it creates "
                "a superuser and other accounts whose password is published in the README. "
                "Create the first administrator with `python manage.py createsuperuser`."
            )
        with transaction.atomic():
            created = self.seed()
        # The responsiveness figures and on-notice states, as the beat task keeps them.
        companies_refresh_responsiveness()
        # The "Did you mean" vocabulary is rebuilt hourly; build it now for a fresh database.
        search_terms_refresh()
        # The /pay/ figures are refreshed hourly; compute them now so the pages are full.
        pay_summary_refresh()
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready ({created} new objects).")
            if created
            else "Demo data already loaded; nothing to do."
        )

    def seed(self) -> int:
        created = 0
        companies = []
        for name, verified in COMPANIES:
            company, new = Company.objects.get_or_create(
                name=name,
                defaults={"slug": Company.unique_slug_for(name), "is_verified": verified},
            )
            companies.append(company)
            created += new
        for email, full_name, company_index, team_role in EMPLOYERS:
            user, new = self.user(email, full_name, User.Role.EMPLOYER)
            created += new
            _, new = Membership.objects.get_or_create(
                user=user, defaults={"company": companies[company_index], "role": team_role}
            )
            created += new
        candidates = {}
        for email, full_name in CANDIDATES:
            candidates[email], new = self.user(email, full_name, User.Role.CANDIDATE)
            created += new
        editors, new = Group.objects.get_or_create(name="Editors")
        created += new
        editor, new = self.user(*EDITOR, User.Role.CANDIDATE, is_staff=True)
        editor.groups.add(editors)
        created += new
        created += self.user(*ADMIN, User.Role.EMPLOYER, is_staff=True, is_superuser=True)[1]
        created += seed_companies_profile()
        # Reloaded: the profiles just set each company's plan, facility type and locations.
        companies = Company.objects.filter(pk__in=[c.pk for c in companies]).prefetch_related(
            "locations"
        )
        created += seed_jobs(companies)
        created += seed_pay_history(companies)
        created += seed_articles()
        created += seed_candidates()
        created += seed_applications(candidates)
        return created

    def user(self, email, full_name, role, **flags):
        user, new = User.objects.get_or_create(
            email=email, defaults={"full_name": full_name, "role": role, **flags}
        )
        if new:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
        return user, new

    def print_logins(self):
        rows = [
            ("Candidate", CANDIDATES[0][0]),
            ("Employer owner", EMPLOYERS[0][0]),
            ("Employer recruiter", EMPLOYERS[1][0]),
            ("Editor (staff)", EDITOR[0]),
            ("Administrator", ADMIN[0]),
        ]
        self.stdout.write(f"\nDemo sign-ins (password for all: {DEMO_PASSWORD})")
        for label, email in rows:
            self.stdout.write(f"  {label:<20} {email}")
        self.stdout.write("")
