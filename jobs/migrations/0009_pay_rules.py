"""State pay-transparency rules as data, seeded for the states with a law (staff verify)."""

from django.db import migrations, models


VERIFY = (
    "Seeded from what we knew when this rule was written; staff should verify the effective "
    "date, thresholds and wording against the source before relying on it."
)

# state, name, effective date, source name, source URL, requires benefits, notes
RULES = [
    ("CO", "Colorado's Equal Pay for Equal Work Act", "2021-01-01",
     "Colorado Department of Labor and Employment (C.R.S. 8-5-201)",
     "https://cdle.colorado.gov/dlss/labor-laws-by-topic/equal-pay-for-equal-work-act", True,
     "Hourly or salary range and a general description of all benefits and other compensation; "
     "covers remote jobs that could be done from Colorado."),
    ("CA", "California's pay scale law (Labor Code 432.3, SB 1162)", "2023-01-01",
     "California Labor Commissioner's Office",
     "https://www.dir.ca.gov/dlse/California-Equal-Pay-Act.htm", False,
     "Employers with 15 or more employees; the pay scale the employer reasonably expects to pay."),
    ("WA", "Washington's Equal Pay and Opportunities Act (RCW 49.58.110)", "2023-01-01",
     "Washington State Department of Labor & Industries",
     "https://lni.wa.gov/workers-rights/wages/equal-pay-opportunities-act/", True,
     "Employers with 15 or more employees; wage scale or salary range and a general description "
     "of all benefits and other compensation."),
    ("NY", "New York's pay transparency law (Labor Law 194-b)", "2023-09-17",
     "New York State Department of Labor", "https://dol.ny.gov/pay-transparency", False,
     "Employers with 4 or more employees; jobs done at least in part in New York or reporting "
     "to a supervisor there."),
    ("HI", "Hawaii's pay transparency law (HRS 378-2.4, Act 203)", "2024-01-01",
     "Hawaii State Legislature, HRS 378-2.4",
     "https://www.capitol.hawaii.gov/hrscurrent/Vol07_Ch0346-0398/HRS0378/HRS_0378-0002_0004.htm",
     False, "Employers with 50 or more employees; hourly rate or salary range."),
    ("DC", "DC's Wage Transparency Omnibus Amendment Act", "2024-06-30",
     "DC Department of Employment Services", "https://does.dc.gov/page/wage-transparency", True,
     "Minimum and maximum projected pay, and the healthcare benefits offered."),
    ("MD", "Maryland's Wage Range Transparency Act (SB 525)", "2024-10-01",
     "Maryland Department of Labor",
     "https://www.labor.maryland.gov/labor/wages/wagerangetransparency.shtml", True,
     "Wage range and a general description of benefits and other compensation."),
    ("MN", "Minnesota's pay transparency law (Minn. Stat. 181.173)", "2025-01-01",
     "Minnesota Department of Labor and Industry",
     "https://www.dli.mn.gov/business/employment-practices/pay-transparency", True,
     "Employers with 30 or more employees in Minnesota; starting salary range or fixed rate and "
     "a general description of all benefits and other compensation."),
    ("IL", "Illinois Equal Pay Act pay scale amendment (820 ILCS 112/10, HB 3129)", "2025-01-01",
     "Illinois Department of Labor",
     "https://labor.illinois.gov/laws-rules/conmed/equal-pay-act.html", True,
     "Employers with 15 or more employees; pay scale and benefits; covers remote jobs reporting "
     "to an Illinois office or supervisor."),
    ("NJ", "New Jersey's pay transparency law (S2310)", "2025-06-01",
     "New Jersey Department of Labor and Workforce Development",
     "https://www.nj.gov/labor/wageandhour/", True,
     "Employers with 10 or more employees; hourly wage or salary range and a general "
     "description of benefits and other compensation programs."),
    ("VT", "Vermont's pay transparency law (Act 155, H.704)", "2025-07-01",
     "Vermont Attorney General's Office", "https://ago.vermont.gov/civil-rights", False,
     "Employers with 5 or more employees; covers remote jobs done predominantly for a Vermont "
     "office."),
    ("MA", "Massachusetts' Frances Perkins Workplace Equity Act", "2025-10-29",
     "Massachusetts Attorney General's Office", "https://www.mass.gov/pay-transparency", False,
     "Employers with 25 or more employees in Massachusetts; pay range."),
]  # fmt: skip


def seed_rules(apps, schema_editor):
    Rule = apps.get_model("jobs", "PayTransparencyRule")
    for state, name, effective, source_name, source_url, benefits, notes in RULES:
        Rule.objects.get_or_create(
            state=state,
            effective_date=effective,
            defaults={
                "name": name,
                "source_name": source_name,
                "source_url": source_url,
                "requires_range": True,
                "requires_pay_unit": True,
                "requires_benefits": benefits,
                "applies_to_remote": True,
                "notes": f"{notes} {VERIFY}",
            },
        )


def unseed_rules(apps, schema_editor):
    Rule = apps.get_model("jobs", "PayTransparencyRule")
    for state, _name, effective, *_ in RULES:
        Rule.objects.filter(state=state, effective_date=effective).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0008_external_apply_clicks"),
    ]

    operations = [
        migrations.CreateModel(
            name="PayTransparencyRule",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("AL", "Alabama"),
                            ("AK", "Alaska"),
                            ("AZ", "Arizona"),
                            ("AR", "Arkansas"),
                            ("CA", "California"),
                            ("CO", "Colorado"),
                            ("CT", "Connecticut"),
                            ("DE", "Delaware"),
                            ("DC", "District of Columbia"),
                            ("FL", "Florida"),
                            ("GA", "Georgia"),
                            ("HI", "Hawaii"),
                            ("ID", "Idaho"),
                            ("IL", "Illinois"),
                            ("IN", "Indiana"),
                            ("IA", "Iowa"),
                            ("KS", "Kansas"),
                            ("KY", "Kentucky"),
                            ("LA", "Louisiana"),
                            ("ME", "Maine"),
                            ("MD", "Maryland"),
                            ("MA", "Massachusetts"),
                            ("MI", "Michigan"),
                            ("MN", "Minnesota"),
                            ("MS", "Mississippi"),
                            ("MO", "Missouri"),
                            ("MT", "Montana"),
                            ("NE", "Nebraska"),
                            ("NV", "Nevada"),
                            ("NH", "New Hampshire"),
                            ("NJ", "New Jersey"),
                            ("NM", "New Mexico"),
                            ("NY", "New York"),
                            ("NC", "North Carolina"),
                            ("ND", "North Dakota"),
                            ("OH", "Ohio"),
                            ("OK", "Oklahoma"),
                            ("OR", "Oregon"),
                            ("PA", "Pennsylvania"),
                            ("PR", "Puerto Rico"),
                            ("RI", "Rhode Island"),
                            ("SC", "South Carolina"),
                            ("SD", "South Dakota"),
                            ("TN", "Tennessee"),
                            ("TX", "Texas"),
                            ("UT", "Utah"),
                            ("VT", "Vermont"),
                            ("VA", "Virginia"),
                            ("WA", "Washington"),
                            ("WV", "West Virginia"),
                            ("WI", "Wisconsin"),
                            ("WY", "Wyoming"),
                        ],
                        max_length=2,
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="How the error names it to employers.", max_length=160
                    ),
                ),
                (
                    "effective_date",
                    models.DateField(help_text="Postings must comply from this day on."),
                ),
                ("source_name", models.CharField(max_length=200)),
                ("source_url", models.URLField(max_length=500)),
                (
                    "requires_range",
                    models.BooleanField(
                        default=True,
                        help_text="A minimum and a maximum: no “up to $X”, no open-ended “$X+”.",
                    ),
                ),
                (
                    "max_ratio",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="For example 1.5: the maximum may be at most 1.5 × the minimum. Empty: no limit.",
                        max_digits=4,
                        null=True,
                        verbose_name="maximum ratio of max to min",
                    ),
                ),
                (
                    "requires_pay_unit",
                    models.BooleanField(default=True, help_text="Per hour or per year."),
                ),
                (
                    "requires_benefits",
                    models.BooleanField(
                        default=False, help_text="A general description of the benefits offered."
                    ),
                ),
                (
                    "applies_to_remote",
                    models.BooleanField(
                        default=True,
                        help_text="Also covers remote jobs open to hires living in the state.",
                    ),
                ),
                ("notes", models.TextField(blank=True)),
            ],
            options={
                "ordering": ["state", "-effective_date"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("state", "effective_date"), name="paytransparencyrule_state_date"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("max_ratio__isnull", True), ("max_ratio__gte", 1), _connector="OR"
                        ),
                        name="paytransparencyrule_ratio_at_least_one",
                    ),
                ],
            },
        ),
        migrations.RunPython(seed_rules, unseed_rules),
    ]
