"""The postcode → district table (ORG-1), shipped as ranges in data/postcodegebieden.csv."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "postcodegebieden.csv"

DISTRICTEN = [
    ("NN", "Noord-Nederland"),
    ("OV", "Overijssel"),
    ("GL", "Gelderland"),
    ("MN", "Midden-Nederland"),
    ("NH", "Noord-Holland"),
    ("AA", "Amsterdam-Amstelland"),
    ("DH", "Den Haag"),
    ("RR", "Rotterdam"),
    ("ZWB", "Zeeland-West-Brabant"),
    ("OB", "Oost-Brabant"),
    ("LB", "Limburg"),
]


class PostcodeFileError(ValueError):
    pass


@dataclass(frozen=True)
class Range:
    van: int
    tot: int
    district: str


def read_ranges(path: Path = DATA_FILE) -> list[Range]:
    """Parse and check the file: every number 1000–9999 in exactly one range, known district codes."""
    codes = {code for code, _ in DISTRICTEN}
    with path.open(encoding="utf-8") as fh:
        rows = [line for line in fh if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(rows)
    if reader.fieldnames != ["van", "tot", "district"]:
        raise PostcodeFileError(f"{path}: kopregel moet 'van,tot,district' zijn")
    ranges, expected = [], 1000
    for number, row in enumerate(reader, start=2):
        try:
            item = Range(int(row["van"]), int(row["tot"]), row["district"].strip())
        except (TypeError, ValueError):
            raise PostcodeFileError(f"{path}: regel {number} is geen geldig bereik: {row}") from None
        if item.district not in codes:
            raise PostcodeFileError(f"{path}: regel {number}: onbekend district {item.district!r}")
        if item.van != expected or item.tot < item.van:
            raise PostcodeFileError(
                f"{path}: regel {number}: bereik {item.van}-{item.tot} sluit niet aan op {expected}"
            )
        ranges.append(item)
        expected = item.tot + 1
    if expected != 10000:
        raise PostcodeFileError(f"{path}: de bereiken eindigen bij {expected - 1}, niet bij 9999")
    return ranges


def load_districts_and_postcodes(District, Postcode) -> None:
    """Fill the district and postcode tables from the shipped file; idempotent. Used by the migration."""
    districts = {}
    for code, naam in DISTRICTEN:
        districts[code], _ = District.objects.get_or_create(code=code, defaults={"naam": naam})
    rows = [
        Postcode(cijfers=number, district=districts[item.district])
        for item in read_ranges()
        for number in range(item.van, item.tot + 1)
    ]
    Postcode.objects.bulk_create(rows, ignore_conflicts=True, batch_size=2000)
