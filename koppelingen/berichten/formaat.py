"""Reading EDP and EDOM messages (INTERFACES.md §1-3): safe parsing, XSD validation per message, and the
mapping of a valid message onto plain values. No database here.

Parsing is safe by construction: no DTD (a DOCTYPE refuses the file), no entity expansion, no network,
libxml2's limits on depth and text size, and a size limit on the input checked before parsing. The
encoding is the one the XML declaration states (UTF-8 when none), as XML prescribes.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from lxml import etree

XSD_DIR = Path(__file__).resolve().parent / "xsd"
EDP_NS = "urn:nl:politie:edp:aanmelding:1"
EDOM_NS = "urn:nl:om:edom:aanmelding:1"
NAMESPACES = {EDP_NS: "edp", EDOM_NS: "edom"}
SCHEMAS = {("edp", "1.0"): "edp-1.0.xsd", ("edp", "1.1"): "edp-1.1.xsd", ("edom", "1.0"): "edom-1.0.xsd"}
MAX_FOUTEN = 10
_PATH_STEP = re.compile(r"\*(?:\[(\d+)\])?")
_NS_IN_MESSAGE = re.compile(r"\{[^}]*\}")
_AMSTERDAM = ZoneInfo("Europe/Amsterdam")
_local = threading.local()  # parsers and schemas are not shared between threads


def _parser() -> etree.XMLParser:
    if not hasattr(_local, "parser"):
        _local.parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=False,
            remove_pis=True,
            collect_ids=False,
        )
    return _local.parser


def _schema(kanaal: str, versie: str) -> etree.XMLSchema | None:
    schemas = getattr(_local, "schemas", None)
    if schemas is None:
        schemas = _local.schemas = {}
        for key, name in SCHEMAS.items():
            schemas[key] = etree.XMLSchema(etree.parse(str(XSD_DIR / name), _parser()))
    return schemas.get((kanaal, versie))


@dataclass(slots=True)
class Fout:
    """Why a message cannot be taken: the rule broken, and where (line, element path)."""

    reden: str
    regel: int | None = None
    element: str = ""


@dataclass(slots=True)
class Deel:
    """One message to account for: a valid one with its values, or one for the quarantine with its reason.
    ``inhoud`` is the message as received: the whole file, or for a part of a batch that part's XML."""

    kanaal: str = ""
    bericht_id: str = ""
    gegevens: dict | None = None
    fout: Fout | None = None
    inhoud: bytes | None = None
    element: etree._Element | None = field(default=None, repr=False)

    def bewaarbare_inhoud(self) -> bytes:
        if self.inhoud is None and self.element is not None:
            self.inhoud = etree.tostring(self.element, encoding="UTF-8", xml_declaration=True)
        return self.inhoud or b""


_ROOT_START = re.compile(rb"<[A-Za-z_]")
_DOCTYPES = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))


def _heeft_doctype(data: bytes) -> bool:
    """A DOCTYPE stands before the root element; refused before libxml2 reads its entity declarations."""
    match = _ROOT_START.search(data)
    proloog = data[: match.start()] if match else data
    return any(d in proloog.upper() for d in _DOCTYPES) or any(d in data[:65536] for d in _DOCTYPES[1:])


def lees(data: bytes) -> list[Deel]:
    """Every message in one file (or HTTP body): one Deel for a single message or a file that cannot be
    read at all, one per Aanmelding for a batch."""
    if _heeft_doctype(data):
        return [Deel(fout=Fout("Een DOCTYPE (DTD) is niet toegestaan.", regel=1), inhoud=data)]
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        return [Deel(fout=Fout(f"Geen geldige XML: {exc.msg}", regel=line), inhoud=data)]
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        return [Deel(fout=Fout("Een DOCTYPE (DTD) is niet toegestaan.", regel=1), inhoud=data)]
    if not isinstance(root.tag, str):
        return [Deel(fout=Fout("Geen XML-element als begin van het bericht."), inhoud=data)]
    qname = etree.QName(root)
    kanaal = NAMESPACES.get(qname.namespace or "")
    if kanaal is None or qname.localname not in ("Aanmelding", "Batch"):
        return [
            Deel(
                fout=Fout(
                    f"Onbekend bericht: element '{qname.localname}' in namespace '{qname.namespace or ''}'. "
                    f"Verwacht Aanmelding of Batch in {EDP_NS} (EDP) of {EDOM_NS} (EDOM).",
                    regel=root.sourceline,
                    element=qname.localname,
                ),
                inhoud=data,
            )
        ]
    if qname.localname == "Aanmelding":
        deel = _bericht(root, kanaal)
        deel.inhoud, deel.element = data, None
        return [deel]
    delen = []
    for child in root:
        if not isinstance(child.tag, str):
            continue  # comments between messages
        if child.tag != f"{{{qname.namespace}}}Aanmelding":
            delen.append(
                Deel(
                    kanaal=kanaal,
                    element=child,
                    fout=Fout(
                        f"Onverwacht element in Batch: '{etree.QName(child).localname}'; verwacht Aanmelding.",
                        regel=child.sourceline,
                        element=f"Batch/{etree.QName(child).localname}",
                    ),
                )
            )
            continue
        delen.append(_bericht(child, kanaal))
    if not delen:
        return [
            Deel(kanaal=kanaal, fout=Fout("Lege Batch: geen enkele Aanmelding.", regel=root.sourceline), inhoud=data)
        ]
    return delen


def _bericht(element: etree._Element, kanaal: str) -> Deel:
    bericht_id = (element.findtext(f"{{{element.nsmap.get(None, '')}}}BerichtId") or "").strip()[:64]
    deel = Deel(kanaal=kanaal, bericht_id=bericht_id, element=element)
    versie = element.get("versie", "")
    schema = _schema(kanaal, versie)
    if schema is None:
        versies = ", ".join(v for k, v in SCHEMAS if k == kanaal)
        deel.fout = Fout(
            f"Onbekende versie '{versie}' van {kanaal.upper()}; ondersteund: {versies}.",
            regel=element.sourceline,
            element="Aanmelding/@versie",
        )
        return deel
    if not schema.validate(element):
        deel.fout = _schemafout(schema.error_log, element)
        return deel
    try:
        deel.gegevens = (_edp if kanaal == "edp" else _edom)(element)
    except (ValueError, OverflowError) as exc:  # schema-valid but beyond what CRIS stores, e.g. year 10000
        deel.fout = Fout(f"Waarde niet te verwerken: {exc}", regel=element.sourceline, element="Aanmelding")
    return deel


def _schemafout(log, element: etree._Element) -> Fout:
    regels = []
    first = None
    for entry in list(log)[:MAX_FOUTEN]:
        pad = _padnaam(entry.path, element)
        tekst = _NS_IN_MESSAGE.sub("", entry.message)
        regels.append(f"regel {entry.line}, {pad}: {tekst}")
        first = first or (entry.line, pad)
    return Fout(
        "Voldoet niet aan het schema: " + "; ".join(regels),
        regel=first[0] if first else None,
        element=first[1] if first else "",
    )


def _padnaam(path: str, element: etree._Element) -> str:
    """libxml2's '/*/*[6]/*[1]' (relative to the validated message) as 'Aanmelding/Slachtoffer/Rol'."""
    steps = _PATH_STEP.findall(path or "")
    if not steps:
        return etree.QName(element).localname
    node, names = element, [etree.QName(element).localname]
    for index in steps[1:]:
        children = [c for c in node if isinstance(c.tag, str)]
        position = int(index or 1) - 1
        if position >= len(children):
            break
        node = children[position]
        names.append(etree.QName(node).localname)
    return "/".join(names)


# --- Mapping -------------------------------------------------------------------------------------------


def _children(element: etree._Element) -> dict[str, list[etree._Element]]:
    result: dict[str, list[etree._Element]] = {}
    for child in element:
        tag = child.tag
        if isinstance(tag, str):
            result.setdefault(tag[tag.index("}") + 1 :], []).append(child)
    return result


def _text(children: dict, name: str) -> str:
    found = children.get(name)
    return (found[0].text or "").strip() if found else ""


def _bool(children: dict, name: str) -> bool | None:
    value = _text(children, name)
    return None if not value else value in ("true", "1")


def _date(children: dict, name: str) -> date | None:
    value = _text(children, name)
    return date.fromisoformat(value[:10]) if value else None


def _datetime(value: str) -> datetime | None:
    if not value:
        return None
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=_AMSTERDAM)  # a hearing without offset: Dutch time


def _contact(children: dict, name: str) -> dict:
    found = children.get(name)
    if not found:
        return {}
    parts = _children(found[0])
    return {k: _text(parts, k) for k in ("Naam", "Telefoon", "Email")}


def _slachtoffer(element: etree._Element) -> dict:
    c = _children(element)
    adres = _children(c["Adres"][0]) if "Adres" in c else {}
    vertegenwoordiger = _children(c["Vertegenwoordiger"][0]) if "Vertegenwoordiger" in c else {}
    return {
        "rol": _text(c, "Rol"),
        "bsn": _text(c, "Bsn"),
        "voorletters": _text(c, "Voorletters"),
        "voornamen": _text(c, "Voornamen"),
        "tussenvoegsel": _text(c, "Tussenvoegsel"),
        "achternaam": _text(c, "Achternaam"),
        "geboortedatum": _date(c, "Geboortedatum"),
        "geslacht": _text(c, "Geslacht") or "O",
        "straat": _text(adres, "Straat"),
        "huisnummer": _text(adres, "Huisnummer"),
        "huisletter": _text(adres, "Huisletter"),
        "toevoeging": _text(adres, "Toevoeging"),
        "postcode": _text(adres, "Postcode"),
        "woonplaats": _text(adres, "Woonplaats"),
        "land": _text(adres, "Land"),
        "telefoons": [(t.text or "").strip() for t in c.get("Telefoon", ()) if (t.text or "").strip()],
        "email": _text(c, "Email"),
        "toestemming": bool(_bool(c, "Toestemming")),
        "minderjarig": bool(_bool(c, "Minderjarig")),
        "vertegenwoordiger": {k: _text(vertegenwoordiger, k) for k in ("Naam", "Telefoon", "Relatie")},
        "taal": _text(c, "Taal"),
    }


def _gemeenschappelijk(element: etree._Element) -> tuple[dict, dict]:
    c = _children(element)
    delict = _children(c["Delict"][0])
    return c, {
        "bericht_id": _text(c, "BerichtId").lower(),
        "verzonden": _datetime(_text(c, "Verzonden")),
        "pv_nummer": _text(c, "PvNummer"),
        "delict_code": _text(delict, "Code"),
        "delict_omschrijving": _text(delict, "Omschrijving"),
        "delict_datum": _date(delict, "Datum"),
        "delict_plaats": _text(delict, "Plaats"),
        "slachtoffers": [_slachtoffer(s) for s in c["Slachtoffer"]],
    }


def _edp(element: etree._Element) -> dict:
    c, gegevens = _gemeenschappelijk(element)
    kwetsbaarheden = _children(c["Kwetsbaarheden"][0]).get("Kwetsbaarheid", []) if "Kwetsbaarheden" in c else []
    gegevens.update(
        eenheid=_text(c, "Eenheid"),
        kwetsbaarheden=[(k.text or "").strip() for k in kwetsbaarheden if (k.text or "").strip()],
        toelichting=_text(c, "Toelichting"),
        verbalisant=_contact(c, "Verbalisant"),
    )
    return gegevens


def _edom(element: etree._Element) -> dict:
    c, gegevens = _gemeenschappelijk(element)
    strafzaak = _children(c["Strafzaak"][0])
    coordinator = _contact(c, "Zaakcoordinator")
    gegevens.update(
        parketnummer=_text(c, "Parketnummer"),
        arrondissement=_text(c, "Arrondissement"),
        kwetsbaarheden=[],
        toelichting="",
        strafzaak={
            "fase": _text(strafzaak, "Fase"),
            "parketnummer": _text(c, "Parketnummer"),
            "arrondissement": _text(c, "Arrondissement"),
            "zittingsdatum": _datetime(_text(strafzaak, "Zittingsdatum")),
            "rechtbank": _text(strafzaak, "Rechtbank"),
            "spreekrecht": _bool(strafzaak, "Spreekrecht"),
            "voeging": _bool(strafzaak, "Voeging"),
            "zaakcoordinator_naam": coordinator.get("Naam", ""),
            "zaakcoordinator_telefoon": coordinator.get("Telefoon", ""),
            "zaakcoordinator_email": coordinator.get("Email", ""),
        },
    )
    return gegevens
