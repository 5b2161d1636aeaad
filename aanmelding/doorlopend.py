"""Issue 24, continuing existing cases (the CAI check): a caller who is an existing client with an open casus.

CAI records the call on that casus instead of entering a new referral: a contact moment on its timeline, a
call-back request for the handling team, or a follow-up task of a type the follow-up matrix allows from the
CAI werkstroom (TAK-3, taken.services.vervolg.vervolgtaak_toegestaan). CAI does not get the file: it sees which open
cases the finder's client has (number, status, holding teams), writes one line, and the team is notified.
Only a client the finder offered this user (casus.clientzoeker.aangeboden) and only an open casus of that
client.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.postgres.expressions import ArraySubquery
from django.db import transaction
from django.db.models import OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from aanmelding.permissions import mag_vervolgtaak
from casus.models import Casus, TijdlijnSoort
from casus.selectors import OPEN_STATUSSEN
from casus.services import tijdlijn_toevoegen
from cris.accounts.models import Medewerker
from cris.audit.api import Actie, audit_record
from cris.notificaties.models import Soort
from cris.notificaties.services import notificeren
from taken.models import OPEN_TAAKSTATUSSEN, Taak, TaakType
from taken.services import TaakFout
from taken.services.levenscyclus import taak_aanmaken
from taken.services.vervolg import vervolgtypen
from werkstroom.models import Afdeling, Lidmaatschap

CONTACT, TERUGBELLEN, VERVOLGTAAK = "contact", "terugbellen", "vervolgtaak"
SOORTEN = {
    CONTACT: "Gesprek vastgelegd via CAI",
    TERUGBELLEN: "Terugbelverzoek via CAI voor het team",
    VERVOLGTAAK: "Vervolgtaak via CAI",
}
WERKSTROOM = Afdeling.CAI  # the werkstroom whose row of the follow-up matrix applies (TAK-3)


def vervolgtypen_cai():
    """The task types CAI may create on an existing casus: the CAI row of the follow-up matrix."""
    return vervolgtypen(afdeling=WERKSTROOM)


class DoorlopendFout(Exception):
    """The call cannot be recorded this way; the message is for the user (Dutch)."""


@dataclass
class LopendeCasus:
    """What CAI may know of an open casus of a client the finder offered: no content."""

    pk: int
    nummer: str
    status: str
    teams: list[str] = field(default_factory=list)


def lopende_casussen(client_ids: list[int]) -> dict[int, list[LopendeCasus]]:
    """The open cases of these clients, newest first, with the teams of their open tasks: one query for the few
    hits (none for no ids)."""
    teams = ArraySubquery(Taak.objects.filter(casus=OuterRef("pk"), status__in=OPEN_TAAKSTATUSSEN).values("team__naam"))
    casussen = (
        Casus.objects.filter(client_id__in=client_ids, status__in=OPEN_STATUSSEN)
        .only("id", "client_id", "status")
        .annotate(team_namen=teams)
        .order_by("-pk")
    )
    uit: dict[int, list[LopendeCasus]] = {}
    for c in casussen:
        uit.setdefault(c.client_id, []).append(
            LopendeCasus(c.pk, c.nummer, c.get_status_display(), sorted(set(c.team_namen)))
        )
    return uit


def behandelteam(casus: Casus) -> list[int]:
    """Who handles the casus now: the handlers of its open tasks, else every active member of their teams."""
    taken = Taak.objects.filter(casus=casus, status__in=OPEN_TAAKSTATUSSEN)
    behandelaars = [pk for pk in taken.values_list("behandelaar_id", flat=True) if pk]
    if behandelaars:
        return behandelaars
    leden = Lidmaatschap.objects.filter(team_id__in=taken.values("team_id")).values("medewerker_id")
    return list(Medewerker.objects.filter(pk__in=leden, is_active=True).values_list("pk", flat=True))


def gesprek_vastleggen(*, actor, casus: Casus, soort: str, tekst: str, taaktype: TaakType | None = None) -> Taak | None:
    """Record the call on the open casus (timeline, audited) and notify the handling team; no new referral.
    A follow-up task (``VERVOLGTAAK``, with ``taaktype``) is created through the matrix and routed like any new
    task (TAK-5); its team is notified. Returns that task."""
    tekst = (tekst or "").strip()
    if soort not in SOORTEN or (soort == VERVOLGTAAK and not mag_vervolgtaak(actor)):
        raise DoorlopendFout(_("Kies wat u vastlegt: het gesprek, een terugbelverzoek of een vervolgtaak."))
    if soort == VERVOLGTAAK and taaktype is None:
        raise DoorlopendFout(_("Kies het soort vervolgtaak."))
    if not tekst:
        raise DoorlopendFout(_("Schrijf kort waarover de cliënt belde."))
    with transaction.atomic():
        casus = Casus.objects.select_for_update().get(pk=casus.pk)
        if casus.status not in OPEN_STATUSSEN:
            raise DoorlopendFout(_("Deze casus is niet meer open; voer een nieuwe aanmelding in."))
        if soort == VERVOLGTAAK:
            return _vervolgtaak(actor=actor, casus=casus, taaktype=taaktype, tekst=tekst)
        omschrijving = f"{_(SOORTEN[soort])}: {tekst}"[:500]
        item = tijdlijn_toevoegen(
            casus=casus,
            soort=TijdlijnSoort.CONTACT if soort == CONTACT else TijdlijnSoort.TAAK,
            medewerker=actor,
            omschrijving=omschrijving,
        )
        audit_record(
            Actie.AANMAKEN,
            actor=actor,
            obj=item,
            client_id=casus.client_id,
            reason=_(SOORTEN[soort]),
            changes={"omschrijving": [None, omschrijving]},
        )
        notificeren(
            ontvangers=behandelteam(casus),
            soort=Soort.TERUGBELNOTITIE,
            tekst=(
                _("CAI vraagt uw team terug te bellen voor casus %(c)s.")
                if soort == TERUGBELLEN
                else _("CAI legde een gesprek vast op casus %(c)s.")
            )
            % {"c": casus.nummer},
            link=reverse("casus:tijdlijn", args=[casus.pk]),
        )
    return None


def _vervolgtaak(*, actor, casus: Casus, taaktype, tekst: str) -> Taak:
    try:
        taak = taak_aanmaken(
            actor=actor,
            casus=casus,
            taaktype=taaktype,
            vanuit_werkstroom=WERKSTROOM,
            reden=_("vervolgtaak via CAI: %(t)s") % {"t": tekst[:250]},
        )
    except TaakFout as fout:
        raise DoorlopendFout(str(fout)) from None
    omschrijving = f"{_(SOORTEN[VERVOLGTAAK])} ({taaktype.naam}): {tekst}"[:500]
    item = tijdlijn_toevoegen(
        casus=casus, soort=TijdlijnSoort.TAAK, medewerker=actor, omschrijving=omschrijving, obj=taak
    )
    audit_record(
        Actie.AANMAKEN,
        actor=actor,
        obj=item,
        client_id=casus.client_id,
        reason=_(SOORTEN[VERVOLGTAAK]),
        changes={"omschrijving": [None, omschrijving]},
    )
    leden = Lidmaatschap.objects.filter(team_id=taak.team_id).values("medewerker_id")
    notificeren(
        ontvangers=Medewerker.objects.filter(pk__in=leden, is_active=True).values_list("pk", flat=True),
        soort=Soort.TAAK_TOEGEWEZEN,
        tekst=_("CAI maakte een taak %(t)s voor uw team op casus %(c)s.") % {"t": taaktype.naam, "c": casus.nummer},
        link=reverse("taken:detail", args=[taak.pk]),
    )
    return taak
