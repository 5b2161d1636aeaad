"""KOP-1 throughput: a backlog of generated EDP/EDOM messages, one file each (the inbox after an outage),
imported through the same code path as ``manage.py importeer``, against the configured database.

    python -m benchmarks.bench_import --aantal 100000

Every run uses fresh BerichtIds, so it imports (not deduplicates) each time; its temp files are removed.
The referrals it makes stay in the database: run it against a database meant for it (DATABASE_URL).

What the import hands to the workers (automatic processing AAN-8/9, the BVBSN checks) is queued as in
production, on an in-memory broker whatever the machine has: without a broker Celery would run those tasks
eagerly inside the import (one transaction per referral, ~50 referrals/s), and the figure would measure them,
not the import. Their rate is measured on its own, over a sample of the referrals just imported
(``automatisch_per_seconde``, as a worker decides them).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

EDP = """<?xml version="1.0" encoding="UTF-8"?>
<Aanmelding xmlns="urn:nl:politie:edp:aanmelding:1" versie="1.1">
  <BerichtId>{id}</BerichtId>
  <Verzonden>2026-11-20T14:03:00+01:00</Verzonden>
  <PvNummer>PL{eenheid:04d}-2026{nr:06d}</PvNummer>
  <Eenheid>Eenheid Midden-Nederland</Eenheid>
  <Delict><Code>{code}</Code><Datum>2026-11-19</Datum><Plaats>{plaats}</Plaats></Delict>
  <Slachtoffer>
    <Rol>slachtoffer</Rol>
    {bsn}<Voornamen>{voornaam}</Voornamen>
    <Achternaam>{achternaam}</Achternaam>
    <Geboortedatum>{geboortedatum}</Geboortedatum>
    <Geslacht>{geslacht}</Geslacht>
    <Adres><Straat>Oudegracht</Straat><Huisnummer>{huisnummer}</Huisnummer><Postcode>{postcode}</Postcode>
      <Woonplaats>{plaats}</Woonplaats></Adres>
    <Telefoon>06{telefoon:08d}</Telefoon>
    <Toestemming>true</Toestemming>
    <Taal>nl</Taal>
  </Slachtoffer>
  <Toelichting>Melding opgenomen door de politie; slachtoffer wil graag gebeld worden.</Toelichting>
  <Verbalisant><Naam>J. de Vries</Naam><Telefoon>0900-8844</Telefoon></Verbalisant>
</Aanmelding>
"""

EDOM = """<?xml version="1.0" encoding="UTF-8"?>
<Aanmelding xmlns="urn:nl:om:edom:aanmelding:1" versie="1.0">
  <BerichtId>{id}</BerichtId>
  <Verzonden>2026-11-22T10:00:00+01:00</Verzonden>
  <Parketnummer>16/{nr:06d}-26</Parketnummer>
  <Arrondissement>Midden-Nederland</Arrondissement>
  <Delict><Code>{code}</Code></Delict>
  <Slachtoffer>
    <Rol>slachtoffer</Rol>
    {bsn}<Voornamen>{voornaam}</Voornamen>
    <Achternaam>{achternaam}</Achternaam>
    <Geboortedatum>{geboortedatum}</Geboortedatum>
  </Slachtoffer>
  <Strafzaak><Fase>dagvaarding</Fase><Zittingsdatum>2027-02-15T09:30:00+01:00</Zittingsdatum>
    <Rechtbank>Rechtbank Midden-Nederland</Rechtbank><Spreekrecht>true</Spreekrecht></Strafzaak>
</Aanmelding>
"""

VOORNAMEN = ["Sanne", "Daan", "Fatma", "Mohamed", "Emma", "Lucas", "Noor", "Milan", "Julia", "Sem"]
ACHTERNAMEN = ["Jansen", "de Vries", "Bakker", "Yılmaz", "Visser", "Smit", "Meijer", "El Amrani", "Mulder"]
CODES = ["WONINGINBRAAK", "MISH", "BEDREIGING", "FIETSDIEFSTAL", "OPLICHTING", "STRAATROOF", "NIEUW-99"]
PLAATSEN = ["Utrecht", "Amersfoort", "Zeist", "Nieuwegein"]


def _bsn(rng: random.Random) -> str:
    """A valid BSN (11-proef) most of the time; sometimes none, sometimes a wrong one (flagged)."""
    keuze = rng.random()
    if keuze < 0.15:
        return ""
    while True:
        cijfers = [rng.randint(0, 9) for _ in range(8)]
        som = sum(c * w for c, w in zip(cijfers, range(9, 1, -1), strict=True))
        laatste = som % 11
        if laatste < 10:
            bsn = "".join(map(str, cijfers)) + str(laatste)
            if keuze < 0.18:
                bsn = bsn[:-1] + str((laatste + 1) % 10)
            return f"<Bsn>{bsn}</Bsn>\n    "


def genereren(map_: Path, aantal: int, *, edom_aandeel: float = 0.05, seed: int = 2026) -> None:
    rng = random.Random(seed)
    for nr in range(aantal):
        sjabloon = EDOM if rng.random() < edom_aandeel else EDP
        tekst = sjabloon.format(
            id=uuid.uuid4(),
            eenheid=rng.randint(100, 9999),
            nr=nr,
            code=rng.choice(CODES),
            plaats=rng.choice(PLAATSEN),
            bsn=_bsn(rng),
            voornaam=rng.choice(VOORNAMEN),
            achternaam=rng.choice(ACHTERNAMEN),
            geboortedatum=f"{rng.randint(1940, 2010)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            geslacht=rng.choice("MVXO"),
            huisnummer=rng.randint(1, 300),
            postcode=f"35{rng.randint(10, 99)} {rng.choice(['AB', 'CD', 'EF'])}",
            telefoon=rng.randint(0, 99_999_999),
        )
        (map_ / f"bericht-{nr:06d}.xml").write_text(tekst, encoding="utf-8")


def _automatisch_meten(steekproef: int) -> dict:
    """The workers' automatic processing (AAN-8/9) of the oldest ``steekproef`` undecided referrals, as the
    task runs it (each referral its own transaction, committed: this is the benchmark's own database)."""
    from aanmelding.automatisch import te_verwerken
    from aanmelding.tasks import automatisch_verwerken

    ids = list(te_verwerken()[:steekproef])
    if not ids:
        return {}
    begin = time.perf_counter()
    automatisch_verwerken(ids)
    seconden = time.perf_counter() - begin
    return {"automatisch": len(ids), "automatisch_per_seconde": round(len(ids) / seconden, 1)}


def run(aantal: int = 100_000, *, steekproef: int = 1000) -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cris.settings")
    os.environ["CELERY_BROKER_URL"] = "memory://"  # the workers' tasks queued, not run here (see above)
    django.setup()
    from io import StringIO

    from django.core.management import call_command

    map_ = Path(tempfile.mkdtemp(prefix="cris-bench-import-"))
    try:
        genereren(map_, aantal)
        out = StringIO()
        begin = time.perf_counter()
        call_command("importeer", str(map_), "--json", stdout=out)
        seconden = time.perf_counter() - begin
        automatisch = _automatisch_meten(steekproef) if steekproef else {}
    finally:
        shutil.rmtree(map_, ignore_errors=True)
    telling = json.loads(out.getvalue())
    assert telling["ontvangen"] == aantal, telling
    return {
        "naam": "import",
        "berichten": aantal,
        "seconden": round(seconden, 2),
        "per_seconde": round(aantal / seconden, 1),
        "telling": telling,
        **automatisch,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aantal", type=int, default=100_000)
    parser.add_argument("--steekproef", type=int, default=1000, help="aanmeldingen automatisch verwerkt (0: geen)")
    args = parser.parse_args(argv)
    print(json.dumps(run(args.aantal, steekproef=args.steekproef)))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
