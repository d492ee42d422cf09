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


# Find Candidates, the last one announced, arrived with candidates/finder.py.
UPCOMING: dict[str, UpcomingFeature] = {}
