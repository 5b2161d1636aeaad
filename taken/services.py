"""Task lifecycle (TAK-2), contact reports (VER-1), and what follows from every task change in the same
transaction: the casus status (CAS-3), who may see the casus (AUT-1), its timeline and the audit log.

Every service first locks the casus row: changes to tasks of one casus are serialised, so the derived
status can never be computed from a stale view of its tasks.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casus.access import toegang_instellen
from casus.models import Casus, CasusStatus, TijdlijnSoort
from casus.services import tijdlijn_toevoegen
from cris.accounts.models import Medewerker
from cris.audit.api import Actie, audit_record
from cris.notificaties.models import Soort
from cris.notificaties.services import notificeren
from taken import status as casus_status
from taken.models import Contactmoment, Taak, TaakStatus, TaakType
from werkstroom.models import Lidmaatschap, Team
from werkstroom.services import team_groep


class TaakFout(Exception):
    """A task action that is not possible now; the message is for the user (Dutch)."""


def team_voor(*, afdeling: str, casus: Casus) -> tuple[Team, str]:
    """The team for new work of a department: the district team of the casus's district (ORG-1), else the
    department's national team. Returns the team and the reason, shown on the task (TAK-5)."""
    teams = Team.objects.filter(afdeling=afdeling, actief=True)
    if casus.district_id:
        team = teams.filter(district_id=casus.district_id).order_by("pk").first()
        if team:
            return team, _("district %(d)s van het voorkeursadres") % {"d": casus.district}
    team = teams.filter(district__isnull=True).order_by("pk").first()
    if team:
        return team, _("landelijk team van de afdeling")
    raise TaakFout(_("Er is geen team voor deze afdeling in het district van de cliënt. Kies een team."))


def _lock(casus_id: int) -> Casus:
    return Casus.objects.select_for_update().get(pk=casus_id)


def _na_wijziging(*, casus: Casus, actor) -> None:
    for wijziging in casus_status.herberekenen(casus_ids=[casus.pk]):
        _status_vastleggen(wijziging, actor=actor)
    _toegang_herberekenen(casus)


def _status_vastleggen(wijziging: casus_status.Wijziging, *, actor=None, tijdstip=None) -> None:
    labels = dict(CasusStatus.choices)
    casus = Casus(pk=wijziging.casus_id, client_id=wijziging.client_id)
    tekst = _("Status %(oud)s → %(nieuw)s") % {"oud": labels[wijziging.oud], "nieuw": labels[wijziging.nieuw]}
    tijdlijn_toevoegen(casus=casus, soort=TijdlijnSoort.STATUS, omschrijving=tekst, medewerker=actor, tijdstip=tijdstip)
    audit_record(
        Actie.WIJZIGEN,
        actor=actor,
        object_type="casus.casus",
        object_id=wijziging.casus_id,
        client_id=wijziging.client_id,
        changes={"status": [wijziging.oud, wijziging.nieuw]},
    )


def _toegang_herberekenen(casus: Casus) -> None:
    """AUT-1: the teams holding tasks on the casus (through their groups; their leaders are members) and
    each person who handles one of its tasks."""
    taken = list(casus.taken.select_related("team"))
    groepen = {t.team.groep_id or team_groep(t.team).pk for t in taken}
    personen = {t.behandelaar_id for t in taken if t.behandelaar_id}
    toegang_instellen(casus=casus, groep_ids=groepen, user_ids=personen)


def taak_aanmaken(
    *,
    actor,
    casus: Casus,
    taaktype: TaakType,
    team: Team | None = None,
    vanaf: datetime | None = None,
    prioriteit: int | None = None,
) -> Taak:
    with transaction.atomic():
        casus = _lock(casus.pk)
        if team is None:
            team, reden = team_voor(afdeling=taaktype.afdeling, casus=casus)
        else:
            reden = _("team gekozen door %(m)s") % {"m": actor}
        if team.afdeling != taaktype.afdeling:
            raise TaakFout(
                _("Een taak %(t)s hoort bij een team van %(a)s.")
                % {"t": taaktype.naam, "a": taaktype.get_afdeling_display()}
            )
        deadline = (
            (vanaf or timezone.now()) + timedelta(hours=taaktype.deadline_uren) if taaktype.deadline_uren else None
        )
        taak = Taak.objects.create(
            casus=casus,
            type=taaktype,
            team=team,
            prioriteit=prioriteit or taaktype.standaard_prioriteit,
            deadline=deadline,
            routering=reden[:300],
            aangemaakt_door=actor if actor and actor.pk else None,
        )
        audit_record(
            Actie.AANMAKEN,
            actor=actor,
            obj=taak,
            client_id=casus.client_id,
            changes={"team": [None, team.code], "type": [None, taaktype.code]},
        )
        tijdlijn_toevoegen(
            casus=casus,
            soort=TijdlijnSoort.TAAK,
            medewerker=actor,
            obj=taak,
            omschrijving=_("Taak %(t)s aangemaakt voor %(team)s") % {"t": taaktype.naam, "team": team},
        )
        _na_wijziging(casus=casus, actor=actor)
    return taak


def mag_oppakken(actor, taak: Taak) -> bool:
    return Lidmaatschap.objects.filter(medewerker=actor, team_id=taak.team_id).exists()


def mag_behandelen(actor, taak: Taak) -> bool:
    """The handler, or a leader of the task's team."""
    if taak.behandelaar_id == actor.pk:
        return True
    return Lidmaatschap.objects.filter(medewerker=actor, team_id=taak.team_id, rol=Lidmaatschap.Rol.TEAMLEIDER).exists()


def _wijzig(*, actor, taak: Taak, van: list[str], naar: str | None, omschrijving: str, **velden) -> Taak:
    """Change a task under the casus lock; ``naar`` None keeps its status."""
    with transaction.atomic():
        casus = _lock(taak.casus_id)
        taak = Taak.objects.select_for_update().get(pk=taak.pk)
        if taak.status not in van:
            door = f" {_('door')} {taak.behandelaar}" if taak.behandelaar_id else ""
            raise TaakFout(
                _("Deze taak is intussen %(s)s%(d)s. Ververs de pagina.")
                % {"s": taak.get_status_display().lower(), "d": door}
            )
        oud = {"status": taak.status, **{k: getattr(taak, k) for k in velden}}
        taak.status = naar or taak.status
        for key, value in velden.items():
            setattr(taak, key, value)
        taak.save()
        changes = {k: [v, getattr(taak, k)] for k, v in oud.items() if v != getattr(taak, k)}
        audit_record(Actie.WIJZIGEN, actor=actor, obj=taak, client_id=casus.client_id, changes=changes)
        tijdlijn_toevoegen(
            casus=casus,
            soort=TijdlijnSoort.TAAK,
            omschrijving=omschrijving % {"t": taak.type.naam},
            medewerker=actor,
            obj=taak,
        )
        _na_wijziging(casus=casus, actor=actor)
    return taak


def taak_oppakken(*, actor, taak: Taak) -> Taak:
    if not mag_oppakken(actor, taak):
        raise TaakFout(_("U kunt alleen taken van uw eigen teams oppakken."))
    if taak.status == TaakStatus.TOEGEWEZEN and taak.behandelaar_id not in (None, actor.pk):
        raise TaakFout(_("Deze taak is toegewezen aan %(m)s.") % {"m": taak.behandelaar})
    return _wijzig(
        actor=actor,
        taak=taak,
        van=[TaakStatus.NIEUW, TaakStatus.TOEGEWEZEN],
        naar=TaakStatus.IN_BEHANDELING,
        omschrijving=_("Taak %(t)s opgepakt"),
        behandelaar=actor,
        gestart_op=timezone.now(),
    )


def taak_afronden(*, actor, taak: Taak) -> Taak:
    if not mag_behandelen(actor, taak):
        raise TaakFout(_("Alleen de behandelaar of de teamleider kan deze taak afronden."))
    from diensten import services as diensten  # DIE-2: services hang below tasks; imported late, no cycle

    with transaction.atomic():
        taak = _wijzig(
            actor=actor,
            taak=taak,
            van=[TaakStatus.IN_BEHANDELING],
            naar=TaakStatus.GEREALISEERD,
            omschrijving=_("Taak %(t)s gerealiseerd"),
            afgerond_op=timezone.now(),
        )
        diensten.taak_kan_gerealiseerd(taak)
        diensten.taak_gesloten(actor=actor, taak=taak)
    return taak


def taak_afbreken(*, actor, taak: Taak, reden: str) -> Taak:
    if not reden.strip():
        raise TaakFout(_("Geef een reden op om de taak af te breken."))
    if not (mag_behandelen(actor, taak) or (taak.behandelaar_id is None and mag_oppakken(actor, taak))):
        raise TaakFout(_("Alleen de behandelaar, het team of de teamleider kan deze taak afbreken."))
    from diensten import services as diensten

    with transaction.atomic():
        taak = _wijzig(
            actor=actor,
            taak=taak,
            van=[TaakStatus.NIEUW, TaakStatus.TOEGEWEZEN, TaakStatus.IN_BEHANDELING],
            naar=TaakStatus.AFGEBROKEN,
            omschrijving=_("Taak %(t)s afgebroken: ") + reden.strip()[:300],
            afbreekreden=reden.strip(),
            afgerond_op=timezone.now(),
        )
        diensten.taak_gesloten(actor=actor, taak=taak)  # open services stop with their task (DIE-2)
    return taak


def taak_heropenen(*, actor, taak: Taak) -> Taak:
    """CAS-3: reopening a task on a Passief or Afgerond casus makes it Actief again."""
    if not (mag_behandelen(actor, taak) or mag_oppakken(actor, taak)):
        raise TaakFout(_("Alleen het team van de taak kan haar heropenen."))
    return _wijzig(
        actor=actor,
        taak=taak,
        van=[TaakStatus.GEREALISEERD, TaakStatus.AFGEBROKEN],
        naar=TaakStatus.IN_BEHANDELING,
        omschrijving=_("Taak %(t)s heropend"),
        behandelaar=actor,
        afgerond_op=None,
        afbreekreden="",
    )


def collegas_voor_overdracht(taak: Taak):
    """TAK-6: the active members of the task's team, except its current handler."""
    leden = Lidmaatschap.objects.filter(team_id=taak.team_id).values("medewerker_id")
    return (
        Medewerker.objects.filter(pk__in=leden, is_active=True)
        .exclude(pk=taak.behandelaar_id)
        .order_by("achternaam", "voornamen", "pk")
    )


def taak_overdragen(*, actor, taak: Taak, naar) -> Taak:
    """TAK-6: the handler or the team leader hands the task to a colleague of its team, who is notified
    (NOT-1). The status stays; access to the casus follows the new handler (AUT-1)."""
    if not mag_behandelen(actor, taak):
        raise TaakFout(_("Alleen de behandelaar of de teamleider kan deze taak overdragen."))
    if not collegas_voor_overdracht(taak).filter(pk=naar.pk).exists():
        raise TaakFout(_("%(m)s is geen actief lid van team %(t)s.") % {"m": naar, "t": taak.team.naam})
    with transaction.atomic():
        taak = _wijzig(
            actor=actor,
            taak=taak,
            van=[TaakStatus.TOEGEWEZEN, TaakStatus.IN_BEHANDELING],
            naar=None,
            omschrijving=_("Taak %(t)s overgedragen aan ") + str(naar),
            behandelaar=naar,
        )
        notificeren(
            ontvangers=[naar],
            soort=Soort.TAAK_OVERGEDRAGEN,
            tekst=_("%(a)s heeft de taak %(t)s op casus %(c)s aan u overgedragen.")
            % {"a": actor, "t": taak.type.naam, "c": taak.casus.nummer},
            link=reverse("taken:detail", args=[taak.pk]),
        )
    return taak


def contactmoment_vastleggen(
    *,
    actor,
    taak: Taak,
    kanaal: str,
    richting: str,
    bereikt: bool,
    tijdstip: datetime,
    verslag: str,
    duur_minuten: int | None = None,
) -> Contactmoment:
    """VER-1: a contact or a failed attempt (bereikt=False; the task's attempt count is derived from these)."""
    with transaction.atomic():
        casus = _lock(taak.casus_id)
        taak = Taak.objects.select_for_update().get(pk=taak.pk)
        if taak.status != TaakStatus.IN_BEHANDELING:
            raise TaakFout(_("Pak de taak eerst op; dan kunt u een contact vastleggen."))
        if not mag_behandelen(actor, taak):
            raise TaakFout(_("Alleen de behandelaar legt contacten op deze taak vast."))
        contact = Contactmoment(
            taak=taak,
            casus=casus,
            medewerker=actor,
            tijdstip=tijdstip,
            kanaal=kanaal,
            richting=richting,
            bereikt=bereikt,
            duur_minuten=duur_minuten,
            verslag=verslag,
        )
        contact.full_clean()
        contact.save()
        audit_record(
            Actie.AANMAKEN,
            actor=actor,
            obj=contact,
            client_id=casus.client_id,
            changes={"bereikt": [None, bereikt], "kanaal": [None, kanaal]},
        )
        wat = _("Contact") if bereikt else _("Mislukte contactpoging")
        tijdlijn_toevoegen(
            casus=casus,
            soort=TijdlijnSoort.CONTACT,
            medewerker=actor,
            obj=contact,
            tijdstip=tijdstip,
            omschrijving=f"{wat} ({contact.get_kanaal_display()}, {contact.get_richting_display()})",
        )
    return contact


def casusstatus_herberekenen(*, alles: bool = False, nu: datetime | None = None) -> dict:
    """Nightly (CAS-3): Passief → Afgerond after the configured days; with `alles`, every casus recomputed
    from its tasks. Bulk SQL, idempotent; each change goes to the timeline and the audit log."""
    nu = nu or timezone.now()
    with transaction.atomic():
        if alles:
            with connection.cursor() as cursor:  # a whole-table aggregate: here parallel workers pay off
                cursor.execute("SET LOCAL max_parallel_workers_per_gather = 2")
            ids = None
        else:
            grens = nu - casus_status.afronden_na()
            ids = list(
                Casus.objects.filter(status=CasusStatus.PASSIEF, passief_sinds__lte=grens).values_list("pk", flat=True)
            )
        wijzigingen = casus_status.herberekenen(casus_ids=ids, nu=nu) if ids is None or ids else []
        for wijziging in wijzigingen:
            _status_vastleggen(wijziging, tijdstip=nu)
    result: dict[str, int] = {"gewijzigd": len(wijzigingen)}
    for wijziging in wijzigingen:
        result[wijziging.nieuw] = result.get(wijziging.nieuw, 0) + 1
    return result
