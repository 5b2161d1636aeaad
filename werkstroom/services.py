"""Writes on the organisation. Team membership goes through here only: it keeps the team's group (which
carries the team's access to cases, AUT-1) in step with the memberships."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction

from cris.audit.api import Actie, audit_record
from werkstroom.models import Lidmaatschap, Team


def team_groep(team: Team) -> Group:
    """The team's group, created on first use; the given instance learns it too."""
    if team.groep_id is None:
        with transaction.atomic():
            vers = Team.objects.select_for_update().get(pk=team.pk)
            if vers.groep_id is None:
                vers.groep = Group.objects.create(name=f"team:{vers.code}")
                vers.save(update_fields=["groep"])
        team.groep = vers.groep
    return team.groep


def lidmaatschap_opslaan(
    *, medewerker, team: Team, rol: str | None = None, standaard: bool | None = None, actor=None
) -> Lidmaatschap:
    """Add or change a membership; `rol` and `standaard` left None keep what the membership has."""
    with transaction.atomic():
        lid, created = Lidmaatschap.objects.get_or_create(
            medewerker=medewerker, team=team, defaults={"rol": rol or Lidmaatschap.Rol.LID}
        )
        old = {"rol": lid.rol, "standaard": lid.standaard}
        if standaard:
            Lidmaatschap.objects.filter(medewerker=medewerker, standaard=True).exclude(pk=lid.pk).update(
                standaard=False
            )
        if rol is not None:
            lid.rol = rol
        if standaard is not None:
            lid.standaard = standaard
        lid.save()
        medewerker.groups.add(team_groep(team))
        new = {"rol": lid.rol, "standaard": lid.standaard}
        if created or new != old:
            changes = {k: [None if created else old[k], v] for k, v in new.items() if created or old[k] != v}
            audit_record(Actie.AANMAKEN if created else Actie.WIJZIGEN, actor=actor, obj=lid, changes=changes)
    return lid


def lidmaatschap_beeindigen(*, lidmaatschap: Lidmaatschap, actor=None) -> None:
    with transaction.atomic():
        # From the database, not the instance: a team whose group was made after it was loaded kept the
        # leaver in the group, and so with access to the team's cases (issue 21 item 12).
        groep_id = Team.objects.filter(pk=lidmaatschap.team_id).values_list("groep_id", flat=True).first()
        if groep_id:
            lidmaatschap.medewerker.groups.remove(groep_id)
        audit_record(Actie.VERWIJDEREN, actor=actor, obj=lidmaatschap)
        lidmaatschap.delete()
