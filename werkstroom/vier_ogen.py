"""Four eyes on who may see cases (issue 21 item 6).

A team membership carries access to the team's cases, and a function profile's roles decide what its
holders may do. A change to either made in the admin is a *proposal* (``Beheervoorstel``): it is carried
out only when a second manager approves it; nobody proposes or approves a change that concerns
themselves; and the privacy officer is told of every proposal and every decision.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from cris import klok
from cris.accounts.models import Functieprofiel, Medewerker
from cris.accounts.roles import Rol
from cris.accounts.services import functieprofiel_rollen_toepassen
from cris.audit.api import Actie, audit_record
from cris.notificaties.models import Soort
from cris.notificaties.services import notificeren
from cris.wie import wie
from werkstroom.models import Beheervoorstel, Lidmaatschap, Team
from werkstroom.services import lidmaatschap_beeindigen, lidmaatschap_opslaan


class VierOgenFout(ValidationError):
    """The proposal or decision is not allowed; the message says why (Dutch)."""


def betrokkenen(voorstel: Beheervoorstel) -> set[int]:
    """Whose access the change alters: the member, or every holder of the profile."""
    if voorstel.functieprofiel_id:
        houders = Medewerker.objects.filter(profiel_id=voorstel.functieprofiel_id) | Medewerker.objects.filter(
            tweede_profiel_id=voorstel.functieprofiel_id
        )
        return set(houders.values_list("pk", flat=True))
    return {voorstel.medewerker_id} if voorstel.medewerker_id else set()


def _privacy_officers():
    return Medewerker.objects.filter(is_active=True, groups__name=Rol.PRIVACY_OFFICER)


def _melden(voorstel: Beheervoorstel, tekst: str, extra=()) -> None:
    notificeren(
        ontvangers=[*_privacy_officers(), *extra],
        soort=Soort.TOEGANGSVERZOEK,
        tekst=tekst[:300],
        link=reverse("admin:werkstroom_beheervoorstel_change", args=[voorstel.pk]),
    )


def voorstel_doen(
    *,
    actor,
    soort: str,
    medewerker=None,
    team: Team | None = None,
    functieprofiel: Functieprofiel | None = None,
    gegevens: dict | None = None,
) -> Beheervoorstel:
    voorstel = Beheervoorstel(
        soort=soort,
        medewerker=medewerker,
        team=team,
        functieprofiel=functieprofiel,
        gegevens=gegevens or {},
        voorgesteld_door=actor,
    )
    if actor.pk in betrokkenen(voorstel):
        raise VierOgenFout(_("U kunt geen wijziging voorstellen die uw eigen toegang betreft."))
    with transaction.atomic():
        voorstel.save()
        audit_record(Actie.AANMAKEN, actor=actor, obj=voorstel, changes={"voorstel": [None, voorstel.omschrijving]})
        _melden(voorstel, _("%(wie)s stelt voor: %(wat)s") % {"wie": wie(actor), "wat": voorstel.omschrijving})
    return voorstel


def _uitvoeren(voorstel: Beheervoorstel, actor) -> None:
    if voorstel.soort == Beheervoorstel.Soort.LID_OPSLAAN:
        lidmaatschap_opslaan(
            medewerker=voorstel.medewerker,
            team=voorstel.team,
            rol=voorstel.gegevens.get("rol"),
            standaard=voorstel.gegevens.get("standaard"),
            actor=actor,
        )
    elif voorstel.soort == Beheervoorstel.Soort.LID_BEEINDIGEN:
        lid = Lidmaatschap.objects.filter(medewerker=voorstel.medewerker, team=voorstel.team).first()
        if lid is not None:
            lidmaatschap_beeindigen(lidmaatschap=lid, actor=actor)
    else:
        profiel = voorstel.functieprofiel
        oud = sorted(profiel.rollen.values_list("name", flat=True))
        profiel.rollen.set(Group.objects.filter(pk__in=voorstel.gegevens.get("rollen", [])))
        audit_record(
            Actie.WIJZIGEN, actor=actor, obj=profiel,
            changes={"rollen": [oud, sorted(profiel.rollen.values_list("name", flat=True))]},
        )  # fmt: skip
        functieprofiel_rollen_toepassen(profiel=profiel, actor=actor)


def voorstel_besluiten(*, actor, voorstel: Beheervoorstel, goedkeuren: bool) -> Beheervoorstel:
    """A second manager approves (the change is carried out) or rejects. Never the proposer, never someone
    whose own access the change alters."""
    if actor.pk == voorstel.voorgesteld_door_id:
        raise VierOgenFout(_("Een tweede beheerder moet dit voorstel beoordelen, niet wie het deed."))
    if actor.pk in betrokkenen(voorstel):
        raise VierOgenFout(_("U kunt geen voorstel beoordelen dat uw eigen toegang betreft."))
    status = Beheervoorstel.Status.UITGEVOERD if goedkeuren else Beheervoorstel.Status.AFGEWEZEN
    with transaction.atomic():
        n = Beheervoorstel.objects.filter(pk=voorstel.pk, status=Beheervoorstel.Status.OPEN).update(
            status=status, beoordeeld_door=actor, beoordeeld_op=klok.nu()
        )
        if n == 0:
            raise VierOgenFout(_("Over dit voorstel is al besloten."))
        voorstel.refresh_from_db()
        if goedkeuren:
            _uitvoeren(voorstel, actor)
        audit_record(Actie.WIJZIGEN, actor=actor, obj=voorstel, changes={"status": ["open", status]})
        _melden(
            voorstel,
            _("%(wie)s heeft %(besluit)s: %(wat)s")
            % {
                "wie": actor,
                "besluit": _("goedgekeurd") if goedkeuren else _("afgewezen"),
                "wat": voorstel.omschrijving,
            },
            extra=[voorstel.voorgesteld_door_id],
        )
    return voorstel
