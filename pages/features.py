"""Parts of the site that are announced in the navigation but arrive in a later release.

Each gets an honest page saying what is coming, instead of a 404. When a feature lands, its URL is
routed to the real view and its entry here is deleted.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class UpcomingFeature:
    key: str
    title: str
    audience: str
    summary: str
    points: tuple[str, ...]


UPCOMING = {
    feature.key: feature
    for feature in [
        UpcomingFeature(
            key="jobs",
            title="Find Jobs",
            audience="job seekers",
            summary="Search healthcare jobs by role, specialty, shift, pay and distance.",
            points=(
                "Every job shows its pay range: no posting without one.",
                "Filters for profession, employment type, shift, remote work and credentials.",
                "Search near a city or ZIP code with a radius in miles.",
                "Each employer's measured response time on every job.",
            ),
        ),
        UpcomingFeature(
            key="candidates",
            title="Find Candidates",
            audience="employers",
            summary=(
                "Search the profiles that nurses, coders, therapists and physicians make visible."
            ),
            points=(
                "Filter by profession, credentials, license states and availability.",
                "Only candidates who choose to be found appear.",
                "Contacts per month depend on your plan.",
            ),
        ),
        UpcomingFeature(
            key="companies",
            title="Company List",
            audience="everyone",
            summary="Hospitals, clinics, practices and coding companies hiring on healthcareers.",
            points=(
                "Company pages with open jobs, benefits and locations.",
                "Each company's on-time response rate under the No-Ghosting Policy.",
                "Verified badges for companies checked by our team.",
            ),
        ),
        UpcomingFeature(
            key="pricing",
            title="Pricing",
            audience="employers",
            summary="A free plan for every employer, and paid plans for teams that hire often.",
            points=(
                "Free: post a job and run its applicants through the pipeline.",
                "Paid plans: more active jobs, featured jobs and candidate search.",
                "Invoiced billing for organisations; no credit card needed to start.",
            ),
        ),
        UpcomingFeature(
            key="blog",
            title="Blog and career guides",
            audience="everyone",
            summary=(
                "Career guides with pay, outlook and career paths, and hiring guides for employers."
            ),
            points=(
                "Guides for medical coders, dosimetrists, nuclear medicine technologists and more.",
                "Live pay ranges and open jobs for each profession.",
                "Job description templates for employers.",
            ),
        ),
        UpcomingFeature(
            key="post_job",
            title="Post a Job",
            audience="employers",
            summary="Write and publish a job from your dashboard, with templates to start from.",
            points=(
                "Pay range, shift, credentials and location in a form made for healthcare roles.",
                "Preview before you publish; pause, close or renew at any time.",
                "A simple pipeline for applicants, with response deadlines you can see.",
            ),
        ),
    ]
}
