"""Writes on Medewerkers. HR data is written only by the AFAS import (koppelingen.afas)."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction

from cris.accounts.models import Functieprofiel, Medewerker
from cris.accounts.roles import ALLE_ROLLEN, BEHEER_ROLLEN
from cris.audit.api import Actie, audit_record


def medewerker_rollen_afleiden(*, medewerker: Medewerker, actor: Medewerker | None = None) -> list[str]:
    """Set the Medewerker's role groups to those of their profiles, and is_staff to match. Audited.

    Only role groups are touched: the groups of their teams (werkstroom) are kept by the membership service.
    """
    profielen = [p for p in (medewerker.profiel_id, medewerker.tweede_profiel_id) if p]
    groups = list(
        Group.objects.filter(functieprofielen__in=profielen, name__in=ALLE_ROLLEN).distinct().order_by("name")
    )
    nieuw = [g.name for g in groups]
    with transaction.atomic():
        current = list(medewerker.groups.filter(name__in=ALLE_ROLLEN))
        oud = sorted(g.name for g in current)
        is_staff = medewerker.is_superuser or bool(BEHEER_ROLLEN.intersection(nieuw))
        if oud == nieuw and medewerker.is_staff == is_staff:
            return nieuw
        medewerker.groups.remove(*[g for g in current if g.name not in nieuw])
        medewerker.groups.add(*groups)
        if medewerker.is_staff != is_staff:
            medewerker.is_staff = is_staff
            medewerker.save(update_fields=["is_staff"])
        audit_record(
            Actie.WIJZIGEN,
            actor=actor,
            obj=medewerker,
            changes={"rollen": [oud, nieuw]},
            reason="rollen afgeleid van functieprofielen",
        )
    return nieuw


def functieprofiel_rollen_toepassen(*, profiel: Functieprofiel, actor: Medewerker | None = None) -> int:
    """After a profile's roles changed: re-derive the roles of every Medewerker holding it."""
    medewerkers = Medewerker.objects.filter(profiel=profiel) | Medewerker.objects.filter(tweede_profiel=profiel)
    count = 0
    for medewerker in medewerkers.distinct().iterator():
        medewerker_rollen_afleiden(medewerker=medewerker, actor=actor)
        count += 1
    return count
