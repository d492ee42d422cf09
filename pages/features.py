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
    ]
}
