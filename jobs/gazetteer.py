"""Offline US gazetteer (ZIP codes and cities with coordinates), from the PyPI `zipcodes` package
through our compact copy of it, jobs/data/places.tsv.gz (jobs/places_build.py rebuilds it).

The data is loaded once per process into dictionaries of slotted Places, so a lookup costs a
dict access, not a scan of 42,000 records, and a worker holds about 15 MB for it (reading the
package's own 42,000 dictionaries cost a worker 140 MB it never gave back).
"""

import gzip
import math
import re
import sys
from dataclasses import dataclass
from functools import lru_cache

from jobs.choices import STATE_NAMES
from jobs.places_build import PLACES_FILE

ZIP_RE = re.compile(r"^\d{5}$")
EARTH_RADIUS_MILES = 3958.8


@dataclass(frozen=True, slots=True)
class Place:
    city: str
    state: str
    zip_code: str
    latitude: float
    longitude: float

    @property
    def label(self) -> str:
        return f"{self.city}, {self.state}"


class UnknownLocation(ValueError):
    """The text is not a US ZIP code or a "City, ST" we know."""


def _normalize(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", text.lower().replace("saint ", "st ")).strip()


@lru_cache(maxsize=1)
def _index():
    by_zip: dict[str, Place] = {}
    city_points: dict[tuple[str, str], list[tuple[float, float, str, str]]] = {}
    state_by_name = {name.lower(): code for code, name in STATE_NAMES.items()}
    with gzip.open(PLACES_FILE, "rt", encoding="utf-8") as lines:
        for line in lines:
            zip_code, city, state, lat, lng, standard = line.rstrip("\n").split("\t")
            lat, lng = float(lat), float(lng)
            # Interned: thousands of places share a city or state name.
            city, state = sys.intern(city), sys.intern(state)
            place = Place(city, state, zip_code, lat, lng)
            by_zip[zip_code] = place
            if standard == "1":
                key = (sys.intern(_normalize(city)), state)
                city_points.setdefault(key, []).append((lat, lng, zip_code, city))
    by_city = {}
    for key, points in city_points.items():
        lat = sum(p[0] for p in points) / len(points)
        lng = sum(p[1] for p in points) / len(points)
        first_zip = min(p[2] for p in points)
        by_city[key] = Place(points[0][3], key[1], first_zip, lat, lng)
    return by_zip, by_city, state_by_name


def zip_place(zip_code: str) -> Place | None:
    return _index()[0].get(zip_code.strip())


def city_place(city: str, state: str) -> Place | None:
    return _index()[1].get((_normalize(city), state.strip().upper()))


def parse_location(text: str) -> Place:
    """'80202', 'Denver, CO' or 'Denver, Colorado' -> a Place; raises UnknownLocation."""
    text = (text or "").strip()
    if not text:
        raise UnknownLocation("Enter a city and state, or a ZIP code.")
    if ZIP_RE.match(text):
        place = zip_place(text)
        if place is None:
            raise UnknownLocation(f"We don't know the ZIP code {text}.")
        return place
    if re.match(r"^\d+$", text):
        raise UnknownLocation("A ZIP code has five digits.")
    city, _, state = text.rpartition(",")
    if not city:
        raise UnknownLocation('Enter the city and state as "City, ST" (for example "Denver, CO").')
    state = state.strip()
    state_code = _index()[2].get(state.lower(), state.upper())
    place = city_place(city, state_code)
    if place is None:
        raise UnknownLocation(f'We couldn\'t find "{text}". Try "City, ST" or a ZIP code.')
    return place


def miles_between(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = math.radians(lat2 - lat1), math.radians(lng2 - lng1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(a))


def bounding_box(lat: float, lng: float, miles: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lng, max_lng) of a square around the point; cheap index prefilter."""
    dlat = miles / 69.0
    dlng = miles / max(1e-6, 69.0 * math.cos(math.radians(lat)))
    return lat - dlat, lat + dlat, lng - dlng, lng + dlng


@lru_cache(maxsize=1)
def _city_list() -> list[tuple[str, Place, int]]:
    """(normalized city, place, ZIP codes in it), the cities with the most ZIP codes (a fair
    stand-in for size) first."""
    zips_per_city: dict[tuple[str, str], int] = {}
    for place in _index()[0].values():
        key = (_normalize(place.city), place.state)
        zips_per_city[key] = zips_per_city.get(key, 0) + 1
    cities = [(key[0], place, zips_per_city.get(key, 1)) for key, place in _index()[1].items()]
    return sorted(cities, key=lambda c: (-c[2], c[0]))


def place_suggestions(text: str, limit: int = 8) -> list[tuple[Place, str, str, bool]]:
    """(place, label, hint, is a ZIP) for what a searcher has typed in the Where box: ZIP codes
    by prefix, or cities whose name starts with the text ("den", "denver, c", "san fr")."""
    text = text.strip()
    if text.isdigit():
        by_zip = _index()[0]
        zips = sorted(z for z in by_zip if z.startswith(text))[:limit]
        return [(by_zip[z], f"{z}", by_zip[z].label, True) for z in zips]
    city, _, state = text.partition(",")
    city, state = _normalize(city), state.strip().upper()
    state = _index()[2].get(state.lower(), state)
    found = []
    for name, place, _ in _city_list():
        if name.startswith(city) and (not state or place.state.startswith(state)):
            found.append((place, place.label, STATE_NAMES.get(place.state, ""), False))
            if len(found) == limit:
                break
    return found
