"""The import hub (KOP-1): EDP and EDOM messages in, nothing lost, nothing twice.

One code path for the inbox, the command, the HTTP endpoint and the benchmark: ``importeren``. Files are
read and validated message by message (formaat), then handled in chunks of CHUNK messages, each chunk one
transaction of a few bulk statements:

1. the BerichtIds are claimed in the Bericht table (INSERT … ON CONFLICT DO NOTHING RETURNING): what comes
   back is new, the rest is a duplicate. The unique index makes this safe when two workers handle the same
   file at once: the second waits for the first's commit and then finds the ids taken;
2. EDP victims become referrals; EDOM victims are matched to their casus (legal part updated) or become
   referrals for JD-Admin (aanmelding.services.aanmeldingen_ontvangen, which audits them in bulk);
3. what failed goes to the quarantine whole, with line, element and rule;
4. the counters of each Aanlevering grow by what the chunk did, so the import page shows progress, and
   ontvangen = geimporteerd + dubbel + quarantaine holds after every chunk (a database constraint).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Q

from aanmelding.models import Aanmelding, BsnMatrix, Delict, Signalering
from aanmelding.services import aanmeldingen_ontvangen
from aanmelding.zitting import zittingen_melden
from casus.selectors import normaliseer_postcode
from casus.services import strafzaken_bijwerken
from casus.validators import elfproef
from cris import klok
from cris.audit.api import Actie, audit_record, audit_record_many
from cris.db import bulk_copy
from koppelingen.berichten import formaat
from koppelingen.berichten.koppelen import Zoekvraag, koppelen
from koppelingen.berichten.models import (
    API_KANALEN,
    Aanlevering,
    AanleveringStatus,
    Bericht,
    Ketenpartner,
    Quarantainebericht,
    QuarantaineStatus,
)

logger = logging.getLogger(__name__)

CHUNK = 1000  # messages per transaction
VERWEESD_NA = 15 * 60  # seconds without progress after which a run is taken as dead (its file, its Aanlevering)
_NL = {"", "NL", "NLD", "NEDERLAND", "THE NETHERLANDS", "NETHERLANDS"}


class InvoerFout(Exception):
    """The input itself cannot be read (a path that does not exist, an unreadable inbox)."""


@dataclass
class Invoer:
    """One file or HTTP body. ``pad``: where to read it; ``bewaarpad``: where it will be kept afterwards
    (the archive), named in the quarantine when the file is too large to store."""

    naam: str
    pad: Path | None = None
    data: bytes | None = None
    partner: Ketenpartner | None = None
    bewaarpad: Path | None = None


@dataclass
class Telling:
    ontvangen: int = 0
    geimporteerd: int = 0
    dubbel: int = 0
    quarantaine: int = 0

    def __iadd__(self, other: Telling) -> Telling:
        self.ontvangen += other.ontvangen
        self.geimporteerd += other.geimporteerd
        self.dubbel += other.dubbel
        self.quarantaine += other.quarantaine
        return self

    def as_dict(self) -> dict[str, int]:
        return {
            "ontvangen": self.ontvangen,
            "geimporteerd": self.geimporteerd,
            "dubbel": self.dubbel,
            "quarantaine": self.quarantaine,
        }


@dataclass
class _Item:
    aanlevering: Aanlevering
    deel: formaat.Deel
    pad: str = ""  # the file kept outside the database (too large)
    partner: Ketenpartner | None = None


@dataclass
class _Uitkomst:
    per_aanlevering: dict[int, Telling] = field(default_factory=dict)

    def tel(self, aanlevering_id: int, soort: str) -> None:
        telling = self.per_aanlevering.setdefault(aanlevering_id, Telling())
        telling.ontvangen += 1
        setattr(telling, soort, getattr(telling, soort) + 1)


# --- Entry point ---------------------------------------------------------------------------------------


def importeren(
    *,
    invoer: Iterable[Invoer],
    bron: str,
    na_groep: Callable[[list[Invoer]], None] | None = None,
) -> Telling:
    """Import every message of these files or bodies. ``na_groep`` is called with the files of each group
    once their messages are committed (the inbox moves them to the archive then)."""
    totaal = Telling()
    groep: list[tuple[Invoer, list[formaat.Deel], str]] = []
    aantal = 0
    for item in invoer:
        delen, pad = _lees(item)
        groep.append((item, delen, pad))
        aantal += len(delen)
        if aantal >= CHUNK:
            totaal += _groep_verwerken(groep, bron)
            if na_groep:
                na_groep([i for i, _, _ in groep])
            groep, aantal = [], 0
    if groep:
        totaal += _groep_verwerken(groep, bron)
        if na_groep:
            na_groep([i for i, _, _ in groep])
    return totaal


def _lees(item: Invoer) -> tuple[list[formaat.Deel], str]:
    maximum = settings.BERICHTEN_MAX_BYTES
    data = item.data
    if data is None:
        try:
            grootte = item.pad.stat().st_size
            if grootte > maximum:
                fout = formaat.Fout(_te_groot(grootte, maximum))
                return [formaat.Deel(fout=fout, inhoud=b"")], str(item.bewaarpad or item.pad)
            data = item.pad.read_bytes()
        except OSError as exc:
            raise InvoerFout(f"{item.pad} kan niet gelezen worden: {exc.strerror}") from exc
    elif len(data) > maximum:
        return [formaat.Deel(fout=formaat.Fout(_te_groot(len(data), maximum)), inhoud=data)], ""
    return formaat.lees(data), ""


def mislukt_in_quarantaine(*, invoer: Invoer, reden: str, bron: str) -> Telling:
    """A whole file whose processing failed every time (issue 23: its worker crashed or raised) goes to the
    quarantine as one item with ``reden``, unread: reading it is what failed. It is kept whole (or, when too
    large, named by the path it is archived at), so it can be processed again from the quarantine."""
    data = b""
    with contextlib.suppress(OSError):
        if invoer.pad and invoer.pad.stat().st_size <= settings.BERICHTEN_MAX_BYTES:
            data = invoer.pad.read_bytes()
    pad = "" if data else str(invoer.bewaarpad or invoer.pad or "")
    return _groep_verwerken([(invoer, [formaat.Deel(fout=formaat.Fout(reden), inhoud=data)], pad)], bron)


def _te_groot(grootte: int, maximum: int) -> str:
    return (
        f"Het bestand is {grootte} bytes, groter dan de limiet van {maximum} bytes (CRIS_BERICHTEN_MAX_BYTES). "
        "Het is niet gelezen; het bestand zelf is bewaard."
    )


def _groep_verwerken(groep: list[tuple[Invoer, list[formaat.Deel], str]], bron: str) -> Telling:
    nu = klok.nu()
    aanleveringen = bulk_copy(
        Aanlevering,
        [
            Aanlevering(
                naam=item.naam[:255],
                pad=str(item.bewaarpad or item.pad or "")[:1000],
                bron=bron,
                partner=item.partner,
                grootte=len(item.data) if item.data is not None else _grootte(item.pad),
                totaal=len(delen),
                gestart=nu,
                bijgewerkt_op=nu,
            )
            for item, delen, _ in groep
        ],
    )
    items = [
        _Item(aanlevering, deel, pad, invoer.partner)
        for aanlevering, (invoer, delen, pad) in zip(aanleveringen, groep, strict=True)
        for deel in delen
    ]
    ids = [a.pk for a in aanleveringen]
    totaal = Telling()
    try:
        for start in range(0, len(items), CHUNK):
            totaal += _chunk_verwerken(items[start : start + CHUNK])
    except Exception:
        # What committed stays counted; the rest was not taken (the sender or the inbox offers it again, and
        # BerichtId idempotency skips what was). Never 'bezig' for ever; if even this fails, the reaper ends it.
        with contextlib.suppress(DatabaseError):
            Aanlevering.objects.filter(pk__in=ids, status=AanleveringStatus.BEZIG).update(
                status=AanleveringStatus.AFGEBROKEN, afgerond=klok.nu()
            )
        raise
    Aanlevering.objects.filter(pk__in=ids).update(status=AanleveringStatus.KLAAR, afgerond=klok.nu())
    return totaal


def aanleveringen_opruimen(*, na: int = VERWEESD_NA) -> int:
    """Issue 23 item 6 (the beat job aanleveringen-opruimen): an Aanlevering still 'bezig' without progress for
    ``na`` seconds belongs to a run that died (a killed worker or web process, a lost connection). It becomes
    'afgebroken', keeping the counts of what committed, so the import page no longer shows it running and
    retention takes it in its turn. Nothing is lost: what did not commit is offered again by its sender (HTTP),
    put back by the inbox (its claimed file), and BerichtId idempotency skips what did commit. Idempotent;
    a row whose run is writing its counts right now is locked and skipped."""
    nu = klok.nu()
    grens = nu - timedelta(seconds=na)
    with transaction.atomic():
        ids = list(
            Aanlevering.objects.select_for_update(skip_locked=True)
            .filter(status=AanleveringStatus.BEZIG)
            .filter(Q(bijgewerkt_op__lt=grens) | Q(bijgewerkt_op__isnull=True, gestart__lt=grens))
            .values_list("pk", flat=True)
        )
        Aanlevering.objects.filter(pk__in=ids).update(status=AanleveringStatus.AFGEBROKEN, afgerond=nu)
    if ids:
        logger.warning("%s aanlevering(en) zonder voortgang sinds %s afgebroken: %s", len(ids), grens, ids)
    return len(ids)


def _grootte(pad: Path | None) -> int:
    try:
        return pad.stat().st_size if pad else 0
    except OSError:
        return 0


# --- One chunk: one transaction ------------------------------------------------------------------------


def _chunk_verwerken(items: list[_Item], *, correctie: dict[int, Telling] | None = None) -> Telling:
    uitkomst = _Uitkomst()
    nu = klok.nu()
    with transaction.atomic():
        geldig: list[_Item] = []
        fout: list[_Item] = []
        for item in items:
            deel = item.deel
            if deel.fout is None and item.partner is not None and deel.kanaal != item.partner.kanaal:
                deel.fout = formaat.Fout(
                    f"Ketenpartner {item.partner} levert {item.partner.kanaal.upper()}-berichten aan; "
                    f"dit is een {deel.kanaal.upper()}-bericht. Controleer de instelling van de ketenpartner."
                )
            (fout if deel.fout else geldig).append(item)
        nieuw = _claimen(geldig, nu)
        genomen = []
        for item in geldig:
            if nieuw.get(item.deel.gegevens["bericht_id"]) is item:
                genomen.append(item)
                uitkomst.tel(item.aanlevering.pk, "geimporteerd")
            else:
                uitkomst.tel(item.aanlevering.pk, "dubbel")
        _opslaan(genomen, nu)
        for item, soort in _quarantaine(fout):
            uitkomst.tel(item.aanlevering.pk, soort)
        totaal = Telling()
        for telling in uitkomst.per_aanlevering.values():
            totaal += telling
        for aanlevering_id, telling in (correctie or {}).items():
            uitkomst.per_aanlevering.setdefault(aanlevering_id, Telling())
            uitkomst.per_aanlevering[aanlevering_id] += telling
        _tellers_bijwerken(uitkomst.per_aanlevering)
    return totaal


def _claimen(items: list[_Item], nu: datetime) -> dict[str, _Item]:
    """Claim the BerichtIds; returns the new ones, each with the first item that carried it."""
    eerste: dict[str, _Item] = {}
    for item in items:
        eerste.setdefault(item.deel.gegevens["bericht_id"], item)
    if not eerste:
        return {}
    # Sorted, so that two workers claiming overlapping sets take the index locks in the same order.
    ids = sorted(eerste)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {Bericht._meta.db_table}
                    (bericht_id, kanaal, aanlevering_id, verzonden, ontvangen_op, slachtoffers)
                SELECT * FROM unnest(%s::uuid[], %s::varchar[], %s::bigint[], %s::timestamptz[],
                                     %s::timestamptz[], %s::integer[])
                ON CONFLICT (bericht_id) DO NOTHING
                RETURNING bericht_id""",  # noqa: S608 - table name from the model, values as parameters
            [
                [uuid.UUID(i) for i in ids],
                [eerste[i].deel.kanaal for i in ids],
                [eerste[i].aanlevering.pk for i in ids],
                [eerste[i].deel.gegevens["verzonden"] for i in ids],
                [nu] * len(ids),
                [len(eerste[i].deel.gegevens["slachtoffers"]) for i in ids],
            ],
        )
        return {str(row[0]): eerste[str(row[0])] for row in cursor.fetchall()}


def _tellers_bijwerken(per_aanlevering: dict[int, Telling]) -> None:
    if not per_aanlevering:
        return
    ids = sorted(per_aanlevering)
    tellingen = [per_aanlevering[i] for i in ids]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""UPDATE {Aanlevering._meta.db_table} AS a
                SET ontvangen = a.ontvangen + v.o, geimporteerd = a.geimporteerd + v.g,
                    dubbel = a.dubbel + v.d, quarantaine = a.quarantaine + v.q, bijgewerkt_op = %s
                FROM unnest(%s::bigint[], %s::integer[], %s::integer[], %s::integer[], %s::integer[])
                     AS v(id, o, g, d, q)
                WHERE a.id = v.id""",  # noqa: S608 - table name from the model
            [
                klok.nu(),
                ids,
                [t.ontvangen for t in tellingen],
                [t.geimporteerd for t in tellingen],
                [t.dubbel for t in tellingen],
                [t.quarantaine for t in tellingen],
            ],
        )


def _quarantaine(items: list[_Item]) -> list[tuple[_Item, str]]:
    """Keep each failed message whole. The same broken message already waiting in the quarantine is not
    kept twice: it counts as a duplicate."""
    if not items:
        return []
    rijen: dict[str, tuple[_Item, bytes]] = {}
    uitkomst = []
    for item in items:
        inhoud = item.deel.bewaarbare_inhoud()
        sha = hashlib.sha256(inhoud if inhoud or not item.pad else item.pad.encode()).hexdigest()
        if sha in rijen:
            uitkomst.append((item, "dubbel"))
        else:
            rijen[sha] = (item, inhoud)
    shas = list(rijen)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {Quarantainebericht._meta.db_table}
                    (aanlevering_id, kanaal, bericht_id, inhoud, pad, sha256, regel, element, reden,
                     status, uitkomst, pogingen, aangemaakt_op)
                SELECT a, k, b, i, p, s, r, e, rd, 'open', '', 1, %s
                FROM unnest(%s::bigint[], %s::varchar[], %s::varchar[], %s::bytea[], %s::varchar[],
                            %s::varchar[], %s::integer[], %s::varchar[], %s::text[]) AS t(a, k, b, i, p, s, r, e, rd)
                ON CONFLICT (sha256) WHERE status = 'open' DO NOTHING
                RETURNING id, sha256""",  # noqa: S608 - table name from the model
            [
                klok.nu(),
                [rijen[s][0].aanlevering.pk for s in shas],
                [rijen[s][0].deel.kanaal for s in shas],
                [rijen[s][0].deel.bericht_id[:64] for s in shas],
                [rijen[s][1] for s in shas],
                [rijen[s][0].pad[:1000] for s in shas],
                shas,
                [rijen[s][0].deel.fout.regel for s in shas],
                [rijen[s][0].deel.fout.element[:300] for s in shas],
                [rijen[s][0].deel.fout.reden for s in shas],
            ],
        )
        bewaard = {sha: pk for pk, sha in cursor.fetchall()}
    for sha, (item, _) in rijen.items():
        uitkomst.append((item, "quarantaine" if sha in bewaard else "dubbel"))
    audit_record_many(
        Actie.AANMAKEN,
        (
            {
                "object_type": Quarantainebericht._meta.label_lower,
                "object_id": pk,
                "reason": f"In quarantaine: {rijen[sha][0].deel.fout.reden[:500]}",
            }
            for sha, pk in bewaard.items()
        ),
    )
    return uitkomst


# --- Mapping onto referrals and cases ------------------------------------------------------------------


def _opslaan(items: list[_Item], nu: datetime) -> None:
    if not items:
        return
    delicten = dict(Delict.objects.filter(actief=True).values_list("code", "naam"))
    matrix = BsnMatrix()  # AAN-6: the whole matrix in one query, whatever the number of victims
    aanmeldingen: list[Aanmelding] = []
    edom: list[tuple[_Item, int, dict]] = []
    for item in items:
        gegevens = item.deel.gegevens
        for n, slachtoffer in enumerate(gegevens["slachtoffers"], start=1):
            if item.deel.kanaal == "edom":
                edom.append((item, n, slachtoffer))
            else:
                aanmeldingen.append(_aanmelding(item.deel.kanaal, gegevens, n, slachtoffer, delicten, matrix, nu))
    wijzigingen = []
    koppelingen = koppelen(
        [
            Zoekvraag(
                parketnummer=item.deel.gegevens["parketnummer"],
                pv_nummer=item.deel.gegevens["pv_nummer"],
                bsn=_bruikbaar_bsn(matrix, item.deel.gegevens, slachtoffer),
                achternaam=slachtoffer["achternaam"],
                tussenvoegsel=slachtoffer["tussenvoegsel"],
                geboortedatum=slachtoffer["geboortedatum"],
            )
            for item, _, slachtoffer in edom
        ]
    )
    for (item, n, slachtoffer), koppeling in zip(edom, koppelingen, strict=True):
        gegevens = item.deel.gegevens
        if len(koppeling.casussen) == 1:
            reden = f"EDOM-bericht {gegevens['bericht_id']} (parketnummer {gegevens['parketnummer']})"
            wijzigingen.append((koppeling.casussen[0], gegevens["strafzaak"], reden))
            continue
        aanmelding = _aanmelding("edom", gegevens, n, slachtoffer, delicten, matrix, nu)
        aanmelding.voorgestelde_client = koppeling.client
        aanmelding.strafzaak = _json(gegevens["strafzaak"])
        if len(koppeling.casussen) > 1:
            aanmelding.signaleringen.append(Signalering.MEERDERE_CASUSSEN)
            aanmelding.toelichting = _regels(
                aanmelding.toelichting,
                "Mogelijke casussen: " + ", ".join(c.nummer for c in koppeling.casussen),
            )
        aanmeldingen.append(aanmelding)
    zittingen_melden(strafzaken_bijwerken(wijzigingen=wijzigingen))  # issue 24: a hearing alerts the JD worker
    aanmeldingen_ontvangen(aanmeldingen=aanmeldingen, reden="Ontvangen via EDP/EDOM-import")


def _json(strafzaak: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in strafzaak.items()}


def _regels(*delen: str) -> str:
    return "\n\n".join(d for d in delen if d)


def _bsn_geweigerd(matrix: BsnMatrix, gegevens: dict, s: dict) -> str | None:
    """AAN-6: why the matrix slachtofferrol × delict refuses this victim's BSN, or None when it may be kept."""
    if not s["bsn"]:
        return None
    toegestaan, reden = matrix.toegestaan(s["rol"], gegevens["delict_code"])
    return None if toegestaan else reden


def _bruikbaar_bsn(matrix: BsnMatrix, gegevens: dict, s: dict) -> str:
    """The BSN to look the client up by: only a valid one the matrix lets us keep."""
    if _bsn_geweigerd(matrix, gegevens, s) is None and elfproef(s["bsn"]):
        return s["bsn"]
    return ""


def _aanmelding(
    kanaal: str, gegevens: dict, n: int, s: dict, delicten: dict, matrix: BsnMatrix, nu: datetime
) -> Aanmelding:
    signaleringen = []
    bsn, bsn_ontvangen, weigering = s["bsn"], "", ""
    if (reden := _bsn_geweigerd(matrix, gegevens, s)) is not None:
        # Nothing of the BSN is kept, not even as received; the reviewer sees the flag and the reason.
        signaleringen.append(Signalering.BSN_NIET_VASTGELEGD)
        bsn, weigering = "", f"BSN niet vastgelegd: {reden}"
    elif not bsn:
        signaleringen.append(Signalering.BSN_ONTBREEKT)
    elif not elfproef(bsn):
        signaleringen.append(Signalering.BSN_ONGELDIG)
        bsn, bsn_ontvangen = "", bsn
    code = gegevens["delict_code"]
    if code not in delicten:
        signaleringen.append(Signalering.DELICT_ONBEKEND)
    land = s["land"]
    nederland = land.strip().upper() in _NL
    telefoons = s["telefoons"]
    extra = f"Overige telefoonnummers: {', '.join(telefoons[1:])}" if len(telefoons) > 1 else ""
    v = s["vertegenwoordiger"]
    vertegenwoordiger = ", ".join(
        p for p in (f"{v['Naam']} ({v['Relatie']})" if v["Relatie"] else v["Naam"], v["Telefoon"]) if p
    )
    return Aanmelding(
        kanaal=kanaal,
        ontvangen_op=nu,
        bericht_id=f"{gegevens['bericht_id']}/{n}",
        pv_nummer=gegevens["pv_nummer"],
        parketnummer=gegevens.get("parketnummer", ""),
        delict_code=code,
        delict_omschrijving=(gegevens["delict_omschrijving"] or delicten.get(code, ""))[:300],
        delict_datum=gegevens["delict_datum"],
        delict_plaats=gegevens["delict_plaats"],
        slachtofferrol=s["rol"],
        voorletters=s["voorletters"],
        voornamen=s["voornamen"],
        tussenvoegsel=s["tussenvoegsel"],
        achternaam=s["achternaam"],
        geboortedatum=s["geboortedatum"],
        geslacht=s["geslacht"],
        bsn=bsn,
        bsn_ontvangen=bsn_ontvangen,
        straat=s["straat"],
        huisnummer=s["huisnummer"],
        huisletter=s["huisletter"],
        toevoeging=s["toevoeging"],
        postcode=normaliseer_postcode(s["postcode"]) if nederland else s["postcode"],
        woonplaats=s["woonplaats"],
        land="Nederland" if nederland else land,
        telefoon=telefoons[0] if telefoons else "",
        email=s["email"],
        taal=s["taal"],
        minderjarig=s["minderjarig"],
        vertegenwoordiger=vertegenwoordiger[:300],
        toestemming_contact=s["toestemming"],
        kwetsbaarheden=gegevens["kwetsbaarheden"],
        toelichting=_regels(gegevens["toelichting"], extra, weigering),
        melder=_melder(kanaal, gegevens)[:300],
        signaleringen=signaleringen,
    )


def _melder(kanaal: str, gegevens: dict) -> str:
    if kanaal == "edp":
        wie, contact = f"Politie, {gegevens['eenheid']}", gegevens["verbalisant"]
        functie = "verbalisant"
    else:
        wie = f"Openbaar Ministerie, arrondissement {gegevens['arrondissement']}"
        z = gegevens["strafzaak"]
        contact = {"Naam": z["zaakcoordinator_naam"], "Telefoon": z["zaakcoordinator_telefoon"]}
        contact["Email"] = z["zaakcoordinator_email"]
        functie = "zaakcoördinator"
    if not contact or not contact.get("Naam"):
        return wie
    details = ", ".join(p for p in (contact.get("Telefoon"), contact.get("Email")) if p)
    return f"{wie}; {functie} {contact['Naam']}" + (f" ({details})" if details else "")


# --- Quarantine: re-processing ---------------------------------------------------------------------------


def quarantaine_opnieuw_verwerken(*, actor, bericht: Quarantainebericht) -> str:
    """Process a quarantined message again, after the cause was fixed (configuration, size limit, partner).
    Its Aanlevering's counts move from quarantaine to what it is now; still invalid, it stays with the new
    reason. Returns the outcome for the user (Dutch). A message of the partner API (JSON) goes back to its own
    operation (koppelingen.partners)."""
    if bericht.kanaal in API_KANALEN:
        from koppelingen.partners.services import quarantaine_opnieuw

        return quarantaine_opnieuw(actor=actor, bericht=bericht)
    with transaction.atomic():
        bericht = (
            Quarantainebericht.objects.select_for_update(of=("self",))
            .select_related("aanlevering__partner")
            .get(pk=bericht.pk)
        )
        if bericht.status != QuarantaineStatus.OPEN:
            return f"Bericht {bericht.pk} is al verwerkt: {bericht.uitkomst}"
        invoer = Invoer(
            naam=bericht.aanlevering.naam,
            data=bytes(bericht.inhoud) if bericht.inhoud else None,
            pad=Path(bericht.pad) if bericht.pad else None,
            partner=bericht.aanlevering.partner,
        )
        try:
            delen, pad = _lees(invoer)
        except InvoerFout as exc:
            delen, pad = [formaat.Deel(fout=formaat.Fout(str(exc)), inhoud=b"")], bericht.pad
        if len(delen) == 1 and delen[0].fout is not None:
            fout = delen[0].fout
            bericht.reden, bericht.regel, bericht.element = fout.reden, fout.regel, fout.element[:300]
            bericht.pogingen += 1
            bericht.save(update_fields=["reden", "regel", "element", "pogingen"])
            audit_record(Actie.WIJZIGEN, actor=actor, obj=bericht, reason="Opnieuw verwerkt: nog steeds ongeldig")
            return f"Bericht {bericht.pk} is nog steeds ongeldig: {fout.reden}"
        bericht.status = QuarantaineStatus.VERWERKT
        bericht.afgehandeld_op, bericht.afgehandeld_door = klok.nu(), actor
        bericht.pogingen += 1
        bericht.save(update_fields=["status", "afgehandeld_op", "afgehandeld_door", "pogingen"])
        items = [_Item(bericht.aanlevering, deel, pad, invoer.partner) for deel in delen]
        # The message was counted once, as quarantined; now it counts as what it turns out to be.
        correctie = {bericht.aanlevering_id: Telling(ontvangen=-1, quarantaine=-1)}
        telling = _chunk_verwerken(items, correctie=correctie)
        bericht.uitkomst = (
            f"{telling.geimporteerd} geïmporteerd, {telling.dubbel} dubbel, {telling.quarantaine} in quarantaine"
        )
        bericht.save(update_fields=["uitkomst"])
        audit_record(
            Actie.WIJZIGEN,
            actor=actor,
            obj=bericht,
            reason="Opnieuw verwerkt",
            changes={"status": ["open", "verwerkt"], "uitkomst": [None, bericht.uitkomst]},
        )
    return f"Bericht {bericht.pk} opnieuw verwerkt: {bericht.uitkomst}."


def partner_token_vernieuwen(*, actor, partner: Ketenpartner) -> str:
    """A new bearer token for the partner; the old one stops working. Only the hash is kept (audited)."""
    with transaction.atomic():
        token = partner.nieuw_token()
        partner.save(update_fields=["token_hash", "token_begin"])
        audit_record(Actie.WIJZIGEN, actor=actor, obj=partner, changes={"token_begin": [None, partner.token_begin]})
    return token


def partner_webhook_geheim_vernieuwen(*, actor, partner: Ketenpartner) -> str:
    """A new HMAC secret for the partner's webhook (KOP-3/4); signatures with the old one stop at once."""
    with transaction.atomic():
        geheim = partner.nieuw_webhook_geheim()
        partner.save(update_fields=["webhook_geheim"])
        audit_record(Actie.WIJZIGEN, actor=actor, obj=partner, reason="Nieuw webhookgeheim")
    return geheim
