"""The AFAS staff export: CSV (UTF-8, comma-separated, header row) or JSON (a list of objects, or
{"medewerkers": [...]}), with the fields below. docs/afas.md describes it for the HR team."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from cris.accounts.models import Medewerker

FIELDS = [
    "personeelsnummer",
    "gebruikersnaam",
    "voorletters",
    "voornamen",
    "tussenvoegsels",
    "achternaam",
    "email",
    "telefoon",
    "profiel",
    "tweede_profiel",
    "specialisaties",
    "district",
    "standaard_team",
    "leidinggevende",
    "status",
    "beveiligingsniveau",
]
REQUIRED = ["personeelsnummer", "gebruikersnaam", "achternaam", "status"]
MAX_BYTES = 20 * 1024 * 1024
_USERNAME = re.compile(r"^[\w.@+-]{1,150}$")


class ExportUnreadable(Exception):
    """The file as a whole cannot be read: nothing is imported."""


@dataclass
class MedewerkerRecord:
    regel: int
    personeelsnummer: str
    gebruikersnaam: str
    voorletters: str = ""
    voornamen: str = ""
    tussenvoegsels: str = ""
    achternaam: str = ""
    email: str = ""
    telefoon: str = ""
    profiel: str = ""
    tweede_profiel: str = ""
    specialisaties: list[str] = field(default_factory=list)
    district: str = ""
    standaard_team: str = ""
    leidinggevende: str = ""
    actief: bool = True
    beveiligingsniveau: int = 1


@dataclass
class Fout:
    regel: int
    veld: str
    melding: str

    def as_dict(self) -> dict:
        return {"regel": self.regel, "veld": self.veld, "melding": self.melding}


def read_export(path: Path) -> list[dict]:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ExportUnreadable(f"{path} is groter dan {MAX_BYTES // (1024 * 1024)} MB")
        raw = path.read_bytes()
    except OSError as exc:
        raise ExportUnreadable(f"{path} kan niet gelezen worden: {exc.strerror}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExportUnreadable(f"{path} is geen UTF-8 (byte {exc.start})") from exc
    if path.suffix.lower() == ".json" or text.lstrip().startswith(("[", "{")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ExportUnreadable(f"{path} is geen geldige JSON: regel {exc.lineno}: {exc.msg}") from exc
        rows = data.get("medewerkers") if isinstance(data, dict) else data
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise ExportUnreadable(f"{path}: verwacht een lijst van medewerkers")
        return [{k: "" if v is None else v for k, v in r.items()} for r in rows]
    reader = csv.DictReader(io.StringIO(text))
    missing = [f for f in REQUIRED if f not in (reader.fieldnames or [])]
    if missing:
        raise ExportUnreadable(f"{path}: kolommen ontbreken: {', '.join(missing)}")
    return list(reader)


def parse_row(number: int, row: dict) -> tuple[MedewerkerRecord | None, list[Fout]]:
    """Check one row; a row with an error is not imported at all (nothing half-saved)."""

    def value(name: str) -> str:
        return str(row.get(name, "") or "").strip()

    errors = [Fout(number, name, "is verplicht") for name in REQUIRED if not value(name)]
    unknown = sorted(set(row) - set(FIELDS))
    if unknown:
        errors.append(Fout(number, unknown[0], f"onbekende kolom(men): {', '.join(unknown)}"))
    if value("gebruikersnaam") and not _USERNAME.match(value("gebruikersnaam")):
        errors.append(Fout(number, "gebruikersnaam", "alleen letters, cijfers en . @ + - _ (max. 150)"))
    status = value("status").lower()
    if status and status not in ("actief", "inactief"):
        errors.append(Fout(number, "status", f"'{value('status')}' is geen 'actief' of 'inactief'"))
    if value("email"):
        try:
            validate_email(value("email"))
        except ValidationError:
            errors.append(Fout(number, "email", f"'{value('email')}' is geen geldig e-mailadres"))
    niveau = value("beveiligingsniveau") or "1"
    if niveau not in ("1", "2", "3"):
        errors.append(Fout(number, "beveiligingsniveau", f"'{niveau}' is geen 1, 2 of 3"))
    for name in ("personeelsnummer", "voorletters", "tussenvoegsels", "telefoon"):
        limit = Medewerker._meta.get_field(name).max_length  # the model's limits, not a copy
        if len(value(name)) > limit:
            errors.append(Fout(number, name, f"is langer dan {limit} tekens"))
    if errors:
        return None, errors
    specialisaties = value("specialisaties")
    return MedewerkerRecord(
        regel=number,
        personeelsnummer=value("personeelsnummer"),
        gebruikersnaam=value("gebruikersnaam"),
        voorletters=value("voorletters"),
        voornamen=value("voornamen"),
        tussenvoegsels=value("tussenvoegsels"),
        achternaam=value("achternaam"),
        email=value("email").lower(),
        telefoon=value("telefoon"),
        profiel=value("profiel"),
        tweede_profiel=value("tweede_profiel"),
        specialisaties=sorted({s.strip() for s in specialisaties.split("|") if s.strip()}),
        district=value("district"),
        standaard_team=value("standaard_team"),
        leidinggevende=value("leidinggevende"),
        actief=status == "actief",
        beveiligingsniveau=int(niveau),
    ), []
