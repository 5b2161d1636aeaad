"""The purge (SCH-3): deletes the approved list in batches, each batch one transaction, so a crash loses at
most the batch in hand and a rerun continues where it stopped; an item is marked done in the same
transaction that deletes its rows, so nothing is deleted twice and nothing is skipped.

Per batch: re-check every item (reopened, held or deselected since the list was made: it stays), let
reporting take its figures (schoning.registry), write the anonymous counts, queue the files, empty
SET_NULL references, delete children-first by id (schoning.plan), remove the personal data from audit
entries about what went, and mark the items. Files are unlinked only after the commit (and again by any
later run, from the queue, if the process died in between).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from aanmelding.models import Aanmelding
from casus.models import Casus, Client
from cris import klok
from cris.audit.api import (
    Actie,
    audit_maanden_wissen,
    audit_record,
    audit_schrobben_clienten,
    audit_schrobben_objecten,
)
from cris.audit.models import AuditEntry
from cris.notificaties.models import Notificatie
from documenten import opslag
from documenten.models import UitgaandeEmail
from schoning import registry
from schoning.models import BestandVerwijdering, ItemStatus, Selectie, SelectieItem, SelectieStatus, Soort
from schoning.plan import Plan, plan_voor
from schoning.selectie import DEFINITIES, _zout, opnieuw_toetsen
from taken.models import Taak

logger = logging.getLogger(__name__)

# Files that belong to rows: (storage, column) per model label.
BESTANDEN = {
    "documenten.documentversie": (BestandVerwijdering.Opslag.DOCUMENTEN, "opslagnaam"),
    "berichten.aanlevering": (BestandVerwijdering.Opslag.BERICHTEN, "pad"),
    "berichten.quarantainebericht": (BestandVerwijdering.Opslag.BERICHTEN, "pad"),
}


def _qn(naam: str) -> str:
    return connection.ops.quote_name(naam)


@dataclass
class Uitkomst:
    """Rows per model label that went (or, in a dry run, would go)."""

    rijen: dict[str, int] = field(default_factory=dict)

    def optellen(self, ids: dict) -> None:
        for model, lijst in ids.items():
            if lijst:
                label = model._meta.label_lower
                self.rijen[label] = self.rijen.get(label, 0) + len(lijst)


def verzamelen(plan: Plan, wortel_ids: list[int]) -> dict[type, list[int]]:
    """The ids of every row in the plan that hangs off the root rows, parents first."""
    ids: dict[type, list[int]] = {plan.wortel: list(wortel_ids)}
    with connection.cursor() as cursor:
        for stap in plan.stappen[1:]:
            meta = stap.model._meta
            voorwaarden, params = [], []
            for k in stap.koppelingen:
                if k.doel is not stap.model and ids.get(k.doel):
                    voorwaarden.append(f"{_qn(k.kolom)} = ANY(%s)")
                    params.append(ids[k.doel])
            gevonden: list[int] = []
            if voorwaarden:
                cursor.execute(
                    f"SELECT {_qn(meta.pk.column)} FROM {_qn(meta.db_table)} WHERE {' OR '.join(voorwaarden)}",  # noqa: S608
                    params,
                )
                gevonden = [r[0] for r in cursor.fetchall()]
            # A model pointing at itself (a thread of rows): follow it until no new rows turn up.
            eigen = [k for k in stap.koppelingen if k.doel is stap.model]
            nieuw = gevonden
            while eigen and nieuw:
                cursor.execute(
                    f"SELECT {_qn(meta.pk.column)} FROM {_qn(meta.db_table)} WHERE "  # noqa: S608
                    + " OR ".join(f"{_qn(k.kolom)} = ANY(%s)" for k in eigen)
                    + f" AND NOT ({_qn(meta.pk.column)} = ANY(%s))",
                    [nieuw] * len(eigen) + [gevonden],
                )
                nieuw = [r[0] for r in cursor.fetchall()]
                gevonden += nieuw
            ids[stap.model] = gevonden
    return ids


def _auditregels_bestaan(label: str, cache: dict) -> bool:
    if label not in cache:
        cache[label] = AuditEntry.objects.filter(object_type=label).exists()
    return cache[label]


def wissen(plan: Plan, ids: dict[type, list[int]], *, audit_cache: dict) -> None:
    """Delete the collected rows: queue their files, empty SET_NULL references, delete children first, and
    scrub the audit entries about them (the log's scrubbing functions). Runs inside the batch transaction."""
    zout = _zout()
    with connection.cursor() as cursor:
        for model, lijst in ids.items():
            bestand = BESTANDEN.get(model._meta.label_lower)
            if bestand and lijst:
                opslagsoort, kolom = bestand
                cursor.execute(
                    f"INSERT INTO schoning_bestandverwijdering (opslag, naam, aangemaakt_op) "  # noqa: S608
                    f"SELECT %s, {_qn(kolom)}, %s FROM {_qn(model._meta.db_table)} "
                    f"WHERE {_qn(model._meta.pk.column)} = ANY(%s) AND {_qn(kolom)} <> ''",
                    [opslagsoort, klok.nu(), lijst],
                )
        for n in plan.nullen:
            if ids.get(n.doel):
                cursor.execute(
                    f"UPDATE {_qn(n.model._meta.db_table)} SET {_qn(n.kolom)} = NULL WHERE {_qn(n.kolom)} = ANY(%s)",  # noqa: S608
                    [ids[n.doel]],
                )
        _beeindigde_bewaarplichten_wissen(cursor, ids)
        for stap in reversed(plan.stappen):
            lijst = ids.get(stap.model)
            if lijst:
                meta = stap.model._meta
                cursor.execute(
                    f"DELETE FROM {_qn(meta.db_table)} WHERE {_qn(meta.pk.column)} = ANY(%s)",  # noqa: S608
                    [lijst],
                )
        for model, lijst in ids.items():
            label = model._meta.label_lower
            if lijst and _auditregels_bestaan(label, audit_cache):
                audit_schrobben_objecten(label, lijst, zout)
        clienten = ids.get(Client)
        if clienten:
            audit_schrobben_clienten(clienten)


def _beeindigde_bewaarplichten_wissen(cursor, ids: dict[type, list[int]]) -> None:
    """Issue 23 item 2: a legal hold that has ended no longer holds its casus or client, so the selection
    chooses it; its row still points at it (PROTECT) and goes with it. A hold still running is left alone: its
    PROTECT refuses the batch, as it should (the re-check keeps such items, so this only guards a race)."""
    casussen, clienten = ids.get(Casus) or [], ids.get(Client) or []
    if casussen or clienten:
        cursor.execute(
            "DELETE FROM schoning_bewaarplicht WHERE (casus_id = ANY(%s) OR client_id = ANY(%s)) AND tot < %s",
            [casussen, clienten, klok.vandaag()],
        )


_PROEF = 987654321  # a pk to take a page's path and the case number apart around


def _pad_patroon(pagina: str) -> str:
    """The regex whose group is the pk of a link to this page or any page below it (one reverse())."""
    voor, na = reverse(pagina, args=[_PROEF]).split(str(_PROEF))
    return f"^{re.escape(voor)}([0-9]+){re.escape(na)}"


def _notificaties_wissen(casus_ids: list[int], taak_ids: list[int]) -> dict[str, int]:
    """Issue 23 item 10: the notifications that link to a purged casus (any of its pages) or one of its tasks,
    or name its number, go with it, and so do their e-mail copies in the outbox: they would lead to a page that
    is gone and keep the case number. Runs in the batch transaction, before the casussen go.

    Each notification's link and text are read once, for the pk in the link and the case numbers in the text,
    and those are looked up among the batch's (not a LIKE and a regex per purged casus and task against every
    notification: the table is never emptied otherwise)."""
    nummer = f"({re.escape(Casus(pk=_PROEF).nummer.removesuffix(str(_PROEF)))}[0-9]+)\\M"
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT n.id FROM {_qn(Notificatie._meta.db_table)} n
                WHERE substring(n.link FROM %s) = ANY(%s) OR substring(n.link FROM %s) = ANY(%s)
                   OR EXISTS (SELECT 1 FROM regexp_matches(n.tekst, %s, 'g') m WHERE m[1] = ANY(%s))""",  # noqa: S608
            [
                _pad_patroon("casus:detail"),
                [str(pk) for pk in casus_ids],
                _pad_patroon("taken:detail"),
                [str(pk) for pk in taak_ids],
                nummer,
                [Casus(pk=pk).nummer for pk in casus_ids],
            ],
        )
        notificatie_ids = [r[0] for r in cursor.fetchall()]
    if not notificatie_ids:
        return {}
    emails, _ = UitgaandeEmail.objects.filter(notificatie_id__in=notificatie_ids).delete()
    Notificatie.objects.filter(pk__in=notificatie_ids).delete()
    return {"notificaties.notificatie": len(notificatie_ids), "documenten.uitgaandeemail": emails}


def _clienten_zonder_casus(client_ids: list[int]) -> list[int]:
    """Clients of purged casussen that have no casus left (a held client keeps its casussen, so is never here)."""
    if not client_ids:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.id FROM casus_client c WHERE c.id = ANY(%s) "
            "AND NOT EXISTS (SELECT 1 FROM casus_casus k WHERE k.client_id = c.id) "
            "AND NOT EXISTS (SELECT 1 FROM schoning_bewaarplicht b WHERE b.client_id = c.id "
            "AND (b.tot IS NULL OR b.tot >= %s)) "
            "ORDER BY c.id FOR UPDATE",
            [client_ids, klok.vandaag()],
        )
        return [r[0] for r in cursor.fetchall()]


def _casussen_tellen(selectie_id: int, casus_ids: list[int]) -> None:
    """Anonymous counts of the casussen about to go, per year Afgerond, district and channel (SCH-3)."""
    from documenten.models import Document
    from taken.models import Contactmoment, Taak

    def per_casus(model) -> str:
        return f"(SELECT count(*) FROM {_qn(model._meta.db_table)} x WHERE x.casus_id = k.id)"  # noqa: S608

    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO schoning_schoningtelling
                (selectie_id, soort, jaar, district_id, bron, aantal, taken, contactmomenten, documenten, aanmeldingen)
            SELECT %s, 'casus', extract(year FROM k.afgerond_op)::int, coalesce(k.district_id, 0), k.bron, count(*),
                   sum({per_casus(Taak)}), sum({per_casus(Contactmoment)}), sum({per_casus(Document)}),
                   sum({per_casus(Aanmelding)})
            FROM casus_casus k WHERE k.id = ANY(%s)
            GROUP BY 3, 4, 5
            ON CONFLICT (selectie_id, soort, jaar, district_id, bron) DO UPDATE SET
                aantal = schoning_schoningtelling.aantal + EXCLUDED.aantal,
                taken = schoning_schoningtelling.taken + EXCLUDED.taken,
                contactmomenten = schoning_schoningtelling.contactmomenten + EXCLUDED.contactmomenten,
                documenten = schoning_schoningtelling.documenten + EXCLUDED.documenten,
                aanmeldingen = schoning_schoningtelling.aanmeldingen + EXCLUDED.aanmeldingen
            """,  # noqa: S608
            [selectie_id, casus_ids],
        )


def _overig_tellen(selectie_id: int, soort: str, items: list[SelectieItem]) -> None:
    per_jaar: dict[int, int] = {}
    for item in items:
        per_jaar[item.peildatum.year] = per_jaar.get(item.peildatum.year, 0) + item.aantal
    with connection.cursor() as cursor:
        for jaar, aantal in per_jaar.items():
            cursor.execute(
                "INSERT INTO schoning_schoningtelling (selectie_id, soort, jaar, district_id, bron, aantal, taken, "
                "contactmomenten, documenten, aanmeldingen) VALUES (%s, %s, %s, 0, '', %s, 0, 0, 0, 0) "
                "ON CONFLICT (selectie_id, soort, jaar, district_id, bron) "
                "DO UPDATE SET aantal = schoning_schoningtelling.aantal + EXCLUDED.aantal",
                [selectie_id, soort, jaar, aantal],
            )


def _auditmaanden_wissen(maanden: list[int], tz) -> int:
    from dateutil.relativedelta import relativedelta

    weg = 0
    for maandnummer in maanden:
        begin = datetime(maandnummer // 100, maandnummer % 100, 1, tzinfo=tz)
        weg += audit_maanden_wissen(begin, begin + relativedelta(months=1))
    return weg


def soort_wissen(soort: str, object_ids: list[int], *, selectie_id: int, audit_cache: dict) -> Uitkomst:
    """Delete these root rows of one kind with everything that hangs off them."""
    uitkomst = Uitkomst()
    if not object_ids:
        return uitkomst
    if soort == Soort.AUDIT:
        uitkomst.rijen["audit.auditentry"] = _auditmaanden_wissen(object_ids, timezone.get_current_timezone())
        return uitkomst
    model = DEFINITIES[soort].model
    if soort == Soort.CASUS:
        registry.voor_verwijderen(object_ids)
        _casussen_tellen(selectie_id, object_ids)
        client_ids = list(Casus.objects.filter(pk__in=object_ids).values_list("client_id", flat=True).distinct())
    ids = verzamelen(plan_voor(model), object_ids)
    if soort == Soort.CASUS:
        uitkomst.rijen.update(_notificaties_wissen(object_ids, ids.get(Taak) or []))
    wissen(plan_voor(model), ids, audit_cache=audit_cache)
    uitkomst.optellen(ids)
    if soort == Soort.CASUS:
        clienten = _clienten_zonder_casus(client_ids)
        if clienten:
            client_ids_weg = verzamelen(plan_voor(Client), clienten)
            wissen(plan_voor(Client), client_ids_weg, audit_cache=audit_cache)
            uitkomst.optellen(client_ids_weg)
    return uitkomst


def batch_uitvoeren(selectie: Selectie, soort: str, *, audit_cache: dict | None = None) -> int | None:
    """One batch of one kind, in one transaction. Returns how many items it handled, None when none were left."""
    audit_cache = {} if audit_cache is None else audit_cache
    regel = selectie.regels[soort]
    grens = datetime.fromisoformat(regel["grens"])
    grootte = 1 if soort == Soort.AUDIT else selectie.batch_grootte
    with transaction.atomic():
        items = list(
            SelectieItem.objects.select_for_update(skip_locked=True)
            .filter(selectie=selectie, soort=soort, status=ItemStatus.GESELECTEERD)
            .order_by("id")[:grootte]
        )
        if not items:
            return None
        toets = opnieuw_toetsen(
            soort=soort,
            ids=[i.object_id for i in items],
            telt_vanaf=regel["telt_vanaf"],
            grens=grens,
            vandaag=klok.vandaag(),
        )
        gaan = [i for i in items if toets[i.object_id] in ("geselecteerd", "weg")]
        te_wissen = [i.object_id for i in gaan if toets[i.object_id] == "geselecteerd"]
        uitkomst = soort_wissen(soort, te_wissen, selectie_id=selectie.pk, audit_cache=audit_cache)
        if soort != Soort.CASUS:
            _overig_tellen(selectie.pk, soort, [i for i in gaan if toets[i.object_id] == "geselecteerd"])
        for item in items:
            status = toets[item.object_id]
            if status in ("geselecteerd", "weg"):
                item.status, item.object_id = ItemStatus.VERWIJDERD, None
            else:
                item.status = status
        SelectieItem.objects.bulk_update(items, ["status", "object_id"])
        Selectie.objects.filter(pk=selectie.pk).update(batches_klaar=F("batches_klaar") + 1)
        audit_record(
            Actie.VERWIJDEREN,
            object_type="schoning.selectie",
            object_id=selectie.pk,
            reason=f"schoning: {soort}",
            changes={"items": [None, len(gaan)], **{label: [None, n] for label, n in sorted(uitkomst.rijen.items())}},
        )
        transaction.on_commit(bestanden_opruimen)
    return len(items)


def selectie_uitvoeren(selectie: Selectie, *, voortgang=None) -> Selectie:
    """Purge an approved list, batch by batch; safe to run again after a crash, and by two workers at once."""
    if selectie.status not in (SelectieStatus.GOEDGEKEURD, SelectieStatus.BEZIG):
        raise ValueError("only an approved selection is purged")
    Selectie.objects.filter(pk=selectie.pk, status=SelectieStatus.GOEDGEKEURD).update(
        status=SelectieStatus.BEZIG, gestart_op=klok.nu()
    )
    audit_cache: dict = {}
    for soort in Soort.values:
        if soort not in selectie.regels:
            continue
        while batch_uitvoeren(selectie, soort, audit_cache=audit_cache) is not None:
            if voortgang:
                selectie.refresh_from_db(fields=["batches_klaar", "batches_totaal"])
                voortgang(selectie)
    Selectie.objects.filter(pk=selectie.pk, status=SelectieStatus.BEZIG).update(
        status=SelectieStatus.UITGEVOERD, uitgevoerd_op=klok.nu()
    )
    bestanden_opruimen()
    selectie.refresh_from_db()
    return selectie


def proefdraaien(selectie: Selectie) -> dict[str, dict[str, int]]:
    """A dry run: per kind, the rows that would go now, per table. Reads only."""
    uit: dict[str, dict[str, int]] = {}
    for soort in Soort.values:
        if soort not in selectie.regels:
            continue
        ids = list(
            selectie.items.filter(soort=soort, status=ItemStatus.GESELECTEERD)
            .order_by("id")
            .values_list("object_id", flat=True)
        )
        uitkomst = Uitkomst()
        if soort == Soort.AUDIT:
            uitkomst.rijen["audit.auditentry"] = sum(
                selectie.items.filter(soort=soort, status=ItemStatus.GESELECTEERD).values_list("aantal", flat=True)
            )
        else:
            plan = plan_voor(DEFINITIES[soort].model)
            for begin in range(0, len(ids), selectie.batch_grootte):
                uitkomst.optellen(verzamelen(plan, ids[begin : begin + selectie.batch_grootte]))
        uit[soort] = uitkomst.rijen
    return uit


def _bestandspad(rij: BestandVerwijdering) -> Path | None:
    if rij.opslag == BestandVerwijdering.Opslag.DOCUMENTEN:
        return opslag.pad(rij.naam)
    root = Path(settings.BERICHTEN_ARCHIEF).resolve()
    pad = Path(rij.naam).resolve()
    # Only what lies in the import archive; an inbox path of a file that never reached it is not ours to remove.
    return pad if root in pad.parents else None


def bestanden_opruimen(limiet: int = 10_000) -> int:
    """Unlink the queued files of purged rows, then forget them. Idempotent: a file already gone is fine."""
    weg = 0
    while True:
        with transaction.atomic():
            rijen = list(BestandVerwijdering.objects.select_for_update(skip_locked=True).order_by("id")[:500])
            if not rijen:
                return weg
            for rij in rijen:
                try:
                    pad = _bestandspad(rij)
                except ValueError:
                    pad = None
                if pad is not None:
                    pad.unlink(missing_ok=True)
            BestandVerwijdering.objects.filter(pk__in=[r.pk for r in rijen]).delete()
            weg += len(rijen)
        if weg >= limiet:
            return weg
