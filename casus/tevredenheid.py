"""CAS-5 satisfaction survey (cliënttevredenheidsonderzoek), KOP-6 invitation file (INTERFACES.md §5).

Every casus that is Afgerond is considered once: selected, or excluded by the first active rule that applies
(TevredenheidRegel, editable in the admin); the outcome is kept in TevredenheidSelectie. Weekly the selected,
not yet exported clients go into one CSV file for the external research party:

    pseudoniem;email;telefoon;taal;district;team;afsluitdatum

- pseudoniem: HMAC-SHA256 of the client id with CRIS_TEVREDENHEID_SLEUTEL, 16 hex characters: stable across
  weeks (the party can see a client twice) and meaningless without the key. No BSN, no delict, no name.
- email / telefoon: as known (a client without either is excluded by the rule geen_contact when active).
- taal: ISO 639-1, nl when unknown. district: the casus's district name. team: the team of the casus's last
  task. afsluitdatum: the date the casus became Afgerond, YYYY-MM-DD.
UTF-8, ';' separated, header line, one line per client (the latest closed casus when a client has several).
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from casus.models import Casus, CasusStatus, TevredenheidRegel, TevredenheidSelectie, UitsluitingSoort
from cris import export as cellen
from cris import klok
from cris.audit.api import Actie, audit_record_many

KOLOMMEN = ["pseudoniem", "email", "telefoon", "taal", "district", "team", "afsluitdatum"]
BATCH = 2000


def _leeftijd(geboortedatum: date, op: date) -> int:
    return op.year - geboortedatum.year - ((op.month, op.day) < (geboortedatum.month, geboortedatum.day))


def uitgesloten_door(casus: Casus, regels: list[TevredenheidRegel]) -> str:
    """The first rule that excludes this casus's client, as text; '' when none does."""
    client = casus.client
    afgerond = timezone.localdate(casus.afgerond_op) if casus.afgerond_op else klok.vandaag()
    for regel in regels:
        soort = regel.soort
        if (
            (soort == UitsluitingSoort.OVERLEDEN and client.overleden)
            or (
                soort == UitsluitingSoort.MINDERJARIG
                and client.geboortedatum
                and _leeftijd(client.geboortedatum, afgerond) < 18
            )
            or (soort == UitsluitingSoort.GEHEIM_ADRES and client.geheim_adres)
            or (soort == UitsluitingSoort.GEEN_CONTACT and not (client.email or client.telefoon))
            or (soort == UitsluitingSoort.DELICT and regel.waarde and casus.delict_code.startswith(regel.waarde))
            or (soort == UitsluitingSoort.SLACHTOFFERROL and casus.slachtofferrol == regel.waarde)
            or (soort == UitsluitingSoort.AFGEMELD and client.onderzoek_afgemeld_op is not None)
        ):
            return str(regel)[:120]
    return ""


def selecteren() -> dict:
    """Consider every Afgerond casus not considered before. Batches of BATCH; idempotent."""
    regels = list(TevredenheidRegel.objects.filter(actief=True).order_by("soort", "waarde"))
    result = {"geselecteerd": 0, "uitgesloten": 0}
    while True:
        with transaction.atomic():
            batch = list(
                Casus.objects.filter(status=CasusStatus.AFGEROND, tevredenheid__isnull=True)
                .select_related("client")
                .order_by("pk")[:BATCH]
            )
            if not batch:
                return result
            rijen = []
            for casus in batch:
                reden = uitgesloten_door(casus, regels)
                rijen.append(TevredenheidSelectie(casus=casus, geselecteerd=not reden, uitgesloten_door=reden))
                result["uitgesloten" if reden else "geselecteerd"] += 1
            TevredenheidSelectie.objects.bulk_create(rijen, ignore_conflicts=True)


def pseudoniem(client_id: int) -> str:
    sleutel = (settings.TEVREDENHEID_SLEUTEL or f"tevredenheid:{settings.SECRET_KEY}").encode()
    return hmac.new(sleutel, str(client_id).encode(), hashlib.sha256).hexdigest()[:16]


@dataclass(frozen=True)
class Export:
    pad: Path | None
    regels: int


def _bestandsnaam(moment: datetime) -> Path:
    jaar, week, _ = timezone.localdate(moment).isocalendar()
    map_ = Path(settings.TEVREDENHEID_DIR)
    pad = map_ / f"tevredenheid-{jaar}-W{week:02d}.csv"
    n = 2
    while pad.exists():  # a second run in the same week writes its own file; nothing is overwritten
        pad = map_ / f"tevredenheid-{jaar}-W{week:02d}-{n}.csv"
        n += 1
    return pad


def exporteren(*, nu: datetime | None = None) -> Export:
    """Write the selected, not yet exported clients to this week's file and mark them exported."""
    nu = nu or klok.nu()
    taak = apps.get_model("taken", "Taak")  # casus sits below taken: the model by name, no import
    laatste_team = Subquery(
        taak.objects.filter(casus_id=OuterRef("casus_id")).order_by("-aangemaakt_op", "-id").values("team__naam")[:1]
    )
    with transaction.atomic():
        selectie = list(
            TevredenheidSelectie.objects.select_for_update(of=("self",), skip_locked=True)
            .filter(geselecteerd=True, geexporteerd_op__isnull=True)
            .select_related("casus__client", "casus__district")
            .annotate(team_naam=laatste_team)
            .order_by("casus__client_id", "-casus__afgerond_op")
        )
        if not selectie:
            return Export(None, 0)
        per_client: dict[int, TevredenheidSelectie] = {}
        for rij in selectie:
            per_client.setdefault(rij.casus.client_id, rij)
        pad = _bestandsnaam(nu)
        pad.parent.mkdir(parents=True, exist_ok=True)
        tijdelijk = pad.with_suffix(".tmp")
        with open(tijdelijk, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh, delimiter=";", lineterminator="\n")
            writer.writerow(cellen.rij(KOLOMMEN))
            for rij in per_client.values():
                casus, client = rij.casus, rij.casus.client
                writer.writerow(
                    cellen.rij(
                        [
                            pseudoniem(client.pk),
                            client.email,
                            client.telefoon,
                            client.taal or "nl",
                            casus.district.naam if casus.district else "",
                            rij.team_naam or "",
                            timezone.localdate(casus.afgerond_op).isoformat() if casus.afgerond_op else "",
                        ]
                    )
                )
            fh.flush()
            os.fsync(fh.fileno())
        TevredenheidSelectie.objects.filter(pk__in=[r.pk for r in selectie]).update(
            geexporteerd_op=nu, bestand=pad.name
        )
        audit_record_many(
            Actie.EXPORTEREN,
            (
                {
                    "obj": rij.casus.client,
                    "client_id": rij.casus.client_id,
                    "reason": f"tevredenheidsonderzoek {pad.name}",
                }
                for rij in per_client.values()
            ),
            bron="taak",
        )
        # Only after the rows are marked, in the same transaction: a failure leaves no file behind to resend.
        transaction.on_commit(lambda: os.replace(tijdelijk, pad))
    return Export(pad, len(per_client))


def tellingen(*, weken: int = 12) -> dict:
    """Counts for the management page: selected, excluded (by rule), exported, per ISO week of the decision."""
    sinds = klok.nu() - timezone.timedelta(weeks=weken)
    rijen = TevredenheidSelectie.objects.filter(beoordeeld_op__gte=sinds)
    totaal = rijen.aggregate(
        n_geselecteerd=Count("pk", filter=Q(geselecteerd=True)),
        n_uitgesloten=Count("pk", filter=Q(geselecteerd=False)),
        n_geexporteerd=Count("pk", filter=Q(geexporteerd_op__isnull=False)),
        n_wachtend=Count("pk", filter=Q(geselecteerd=True, geexporteerd_op__isnull=True)),
    )
    redenen = list(
        rijen.filter(geselecteerd=False).values("uitgesloten_door").annotate(n=Count("pk")).order_by("-n")[:50]
    )
    bestanden = list(rijen.exclude(bestand="").values("bestand").annotate(n=Count("pk")).order_by("-bestand")[:weken])
    return {"totaal": totaal, "redenen": redenen, "bestanden": bestanden, "weken": weken}
