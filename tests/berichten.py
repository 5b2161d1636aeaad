"""EDP and EDOM messages for the tests, built like the partners build them (INTERFACES.md §1-2)."""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

# The shared samples (../shared/samples), copied into the project unchanged.
SAMPLES = Path(__file__).resolve().parent.parent / "koppelingen" / "berichten" / "voorbeelden"
EDP_NS = "urn:nl:politie:edp:aanmelding:1"
EDOM_NS = "urn:nl:om:edom:aanmelding:1"


def slachtoffer(
    *,
    achternaam="Jansen",
    voornamen="Sanne",
    bsn=None,
    geboortedatum="1990-01-02",
    toestemming=True,
    extra="",
    tussenvoegsel="",
) -> str:
    bsn_xml = f"<Bsn>{bsn}</Bsn>" if bsn is not None else ""
    tv = f"<Tussenvoegsel>{tussenvoegsel}</Tussenvoegsel>" if tussenvoegsel else ""
    toestemming_xml = "" if toestemming is None else f"<Toestemming>{'true' if toestemming else 'false'}</Toestemming>"
    return (
        f"<Slachtoffer><Rol>slachtoffer</Rol>{bsn_xml}<Voornamen>{voornamen}</Voornamen>{tv}"
        f"<Achternaam>{achternaam}</Achternaam><Geboortedatum>{geboortedatum}</Geboortedatum>"
        f"<Adres><Straat>Oudegracht</Straat><Huisnummer>12</Huisnummer><Postcode>3511ab</Postcode>"
        f"<Woonplaats>Utrecht</Woonplaats></Adres><Telefoon>0612345678</Telefoon>"
        f"{toestemming_xml}{extra}</Slachtoffer>"
    )


def edp(
    *,
    bericht_id=None,
    versie="1.0",
    pv="PL0900-2026000001",
    code="WONINGINBRAAK",
    slachtoffers=None,
    root=True,
    pv_xml=None,
) -> str:
    bericht_id = bericht_id or str(uuid.uuid4())
    ns = f' xmlns="{EDP_NS}"' if root else ""
    body = "".join(slachtoffers or [slachtoffer()])
    pv_xml = pv_xml if pv_xml is not None else f"<PvNummer>{pv}</PvNummer>"
    return (
        f'<Aanmelding{ns} versie="{versie}"><BerichtId>{bericht_id}</BerichtId>'
        f"<Verzonden>2026-11-20T14:03:00+01:00</Verzonden>{pv_xml}<Eenheid>Eenheid Midden-Nederland</Eenheid>"
        f"<Delict><Code>{code}</Code><Datum>2026-11-19</Datum><Plaats>Utrecht</Plaats></Delict>{body}"
        f"<Verbalisant><Naam>J. de Vries</Naam><Telefoon>0900-8844</Telefoon></Verbalisant></Aanmelding>"
    )


def batch(*berichten: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<Batch xmlns="{EDP_NS}">\n' + "\n".join(berichten) + "\n</Batch>\n"


def edom(
    *,
    bericht_id=None,
    parketnummer="16/123456-26",
    pv="PL0900-2026000001",
    slachtoffers=None,
    fase="zitting",
) -> str:
    bericht_id = bericht_id or str(uuid.uuid4())
    body = "".join(slachtoffers or [slachtoffer(toestemming=None)])
    pv_xml = f"<PvNummer>{pv}</PvNummer>" if pv else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<Aanmelding xmlns="{EDOM_NS}" versie="1.0">'
        f"<BerichtId>{bericht_id}</BerichtId><Verzonden>2026-11-22T10:00:00+01:00</Verzonden>"
        f"<Parketnummer>{parketnummer}</Parketnummer>{pv_xml}<Arrondissement>Midden-Nederland</Arrondissement>"
        f"<Delict><Code>MISH</Code></Delict>{body}<Strafzaak><Fase>{fase}</Fase>"
        f"<Zittingsdatum>2027-02-15T09:30:00+01:00</Zittingsdatum><Rechtbank>Rechtbank Midden-Nederland</Rechtbank>"
        f"<Spreekrecht>true</Spreekrecht><Voeging>true</Voeging></Strafzaak>"
        f"<Zaakcoordinator><Naam>mr. P. Bakker</Naam><Email>p.bakker@om.example.nl</Email></Zaakcoordinator>"
        f"</Aanmelding>"
    )


def bestand(tmp_path: Path, inhoud: str | bytes, naam: str | None = None) -> Path:
    pad = tmp_path / (naam or f"{uuid.uuid4().hex}.xml")
    pad.write_bytes(inhoud.encode() if isinstance(inhoud, str) else inhoud)
    nu = time.time()  # written "now" by the application's clock, also when CRIS_TEST_NU pins it
    os.utime(pad, (nu, nu))
    return pad
