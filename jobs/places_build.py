"""Rebuild jobs/data/places.tsv.gz, the compact gazetteer, from the PyPI `zipcodes` package:
`python -m jobs.places_build` after upgrading `zipcodes`.

Why a file of our own: `zipcodes.list_all()` materializes 42,000 dictionaries, and a web worker
that called it once kept about 140 MB more for the rest of its life. The file is one line per
US ZIP code (zip, city, state, latitude, longitude, standard?) and loads in a few MB.
"""

import gzip
from pathlib import Path

PLACES_FILE = Path(__file__).resolve().parent / "data" / "places.tsv.gz"


def rows():
    import zipcodes

    for record in zipcodes.list_all():
        if record["country"] != "US" or not record["lat"]:
            continue
        yield (
            record["zip_code"],
            record["city"].title(),
            record["state"],
            f"{float(record['lat']):.4f}",
            f"{float(record['long']):.4f}",
            "1" if record["zip_code_type"] == "STANDARD" else "0",
        )


def build(path: Path = PLACES_FILE) -> int:
    lines = sorted("\t".join(row) for row in rows())
    path.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same data gives the same bytes (no diff after an idle rebuild).
    with gzip.GzipFile(path, "wb", mtime=0) as out:
        out.write(("\n".join(lines) + "\n").encode())
    return len(lines)


if __name__ == "__main__":
    print(f"{build():,} ZIP codes written to {PLACES_FILE}")
