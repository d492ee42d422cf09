"""The gazetteer's compact copy (jobs/data/places.tsv.gz) is the zipcodes package's data, and
looking places up does not keep the package's 42,000 dictionaries in the process."""

from jobs import gazetteer, places_build


def test_the_places_file_is_what_places_build_makes_from_the_zipcodes_package(tmp_path):
    rebuilt = tmp_path / "places.tsv.gz"

    count = places_build.build(rebuilt)

    assert count > 40_000
    assert rebuilt.read_bytes() == places_build.PLACES_FILE.read_bytes()


def test_lookups_read_the_compact_file_the_same_way_as_before():
    denver = gazetteer.parse_location("80202")
    assert (denver.city, denver.state, denver.latitude, denver.longitude) == (
        "Denver",
        "CO",
        39.7491,
        -104.9946,
    )
    city = gazetteer.parse_location("Denver, Colorado")
    assert city.label == "Denver, CO" and 39.6 < city.latitude < 39.9
    assert [label for _, label, _, _ in gazetteer.place_suggestions("denv", 2)][0] == "Denver, CO"
