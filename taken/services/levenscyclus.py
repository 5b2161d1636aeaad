"""Task lifecycle (TAK-2) and what follows from every task change in the same transaction: the casus status
(CAS-3), who may see the casus (AUT-1), its timeline and the audit log."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import connection, transaction
from django.utils.translation import gettext as _

from casus import signalen
from casus.access import toegang_instellen
from casus.models import Casus, CasusStatus, TijdlijnSoort
from casus.services import tijdlijn_toevoegen
from cris import klok
from cris.accounts.models import Medewerker
from cris.audit.api import Actie, audit_record
from cris.wie import wie
from taken import registry
from taken import status as casus_status
from taken.models import OPEN_TAAKSTATUSSEN, Taak, TaakStatus, TaakType
from taken.permissions import mag_behandelen, mag_oppakken
from taken.services import TaakFout
from taken.services.verdeling import team_voor
from taken.services.vervolg import vervolgtaak_toegestaan
from werkstroom.models import Afdeling, Specialisatie, Team
from werkstroom.services import team_groep


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
    if wijziging.nieuw == CasusStatus.AFGEROND:
        signalen.melden(casus_id=wijziging.casus_id, client_id=wijziging.client_id, soort=signalen.CASUS_AFGESLOTEN)


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
    vanuit: Taak | None = None,
    specialisatie: Specialisatie | None = None,
    reden: str = "",
    behandelaar: Medewerker | None = None,
    status: str = TaakStatus.NIEUW,
    vanuit_werkstroom: str | None = None,
) -> Taak:
    """A new task. With ``vanuit`` (a task) or ``vanuit_werkstroom`` (a department, for work that is not a task:
    CAI on an existing casus, an import) it is a follow-up task of that werkstroom and must be allowed by the
    matrix (TAK-3, ``vervolgtaak_toegestaan``). Without a team it is routed by postcode (TAK-5); ``vanaf``
    starts the deadline clock (TAK-8: the referral's arrival, the alert). With ``behandelaar`` it is held at
    once, Toegewezen or In behandeling (the receiving end of a transfer of services, TAK-6)."""
    if (behandelaar is None) != (status == TaakStatus.NIEUW) or status not in OPEN_TAAKSTATUSSEN:
        raise ValueError("a new task is Nieuw without a handler, or Toegewezen/In behandeling with one")
    werkstroom = vanuit.team.afdeling if vanuit is not None else vanuit_werkstroom
    if werkstroom is not None and not vervolgtaak_toegestaan(afdeling=werkstroom, taaktype=taaktype):
        raise TaakFout(
            _("Vanuit %(w)s kunt u geen taak %(t)s aanmaken.") % {"w": Afdeling(werkstroom).label, "t": taaktype}
        )
    with transaction.atomic():
        casus = _lock(casus.pk)
        if team is None:
            team, gerouteerd = team_voor(afdeling=taaktype.afdeling, casus=casus)
            reden = reden or gerouteerd
        elif not reden:
            reden = _("team gekozen door %(m)s") % {"m": wie(actor)}
        if team.afdeling != taaktype.afdeling:
            raise TaakFout(
                _("Een taak %(t)s hoort bij een team van %(a)s.")
                % {"t": taaktype.naam, "a": taaktype.get_afdeling_display()}
            )
        deadline = (vanaf or klok.nu()) + timedelta(hours=taaktype.deadline_uren) if taaktype.deadline_uren else None
        taak = Taak.objects.create(
            casus=casus,
            type=taaktype,
            team=team,
            prioriteit=prioriteit or taaktype.standaard_prioriteit,
            deadline=deadline,
            routering=reden[:300],
            specialisatie=specialisatie or taaktype.specialisatie,
            aangemaakt_door=actor if actor and actor.pk else None,
            status=status,
            behandelaar=behandelaar,
            gestart_op=klok.nu() if status == TaakStatus.IN_BEHANDELING else None,
        )
        changes: dict[str, list] = {"team": [None, team.code], "type": [None, taaktype.code]}
        omschrijving = _("Taak %(t)s aangemaakt voor %(team)s") % {"t": taaktype.naam, "team": team}
        if behandelaar is not None:
            changes.update(status=[None, status], behandelaar=[None, behandelaar.pk])
            omschrijving += _(", behandelaar %(m)s") % {"m": behandelaar}
        audit_record(Actie.AANMAKEN, actor=actor, obj=taak, client_id=casus.client_id, changes=changes)
        tijdlijn_toevoegen(casus=casus, soort=TijdlijnSoort.TAAK, medewerker=actor, obj=taak, omschrijving=omschrijving)
        _na_wijziging(casus=casus, actor=actor)
    return taak


def _wijzig(*, actor, taak: Taak, van: list[str], naar: str | None, omschrijving: str, controle=None, **velden) -> Taak:
    """Change a task under the casus lock; ``naar`` None keeps its status.

    ``controle(taak)`` checks the caller's rights on the locked row, raising TaakFout (issue 23 item 9): lock
    first, then check, so a decision taken on a stale copy (a pick-up racing a leader's assignment) cannot
    slip through. It may return more fields to change, decided on the locked row."""
    with transaction.atomic():
        casus = _lock(taak.casus_id)
        taak = Taak.objects.select_for_update().get(pk=taak.pk)
        if controle is not None:
            velden.update(controle(taak) or {})
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
        if "behandelaar" in changes and taak.behandelaar_id:
            # KOP-3: the client sees their contactpersoon's first name and team, nothing more.
            signalen.melden(
                casus_id=casus.pk,
                client_id=casus.client_id,
                soort=signalen.CONTACTPERSOON_TOEGEWEZEN,
                gegevens={"voornaam": (taak.behandelaar.voornamen.split() or [""])[0], "team": taak.team.naam},
            )
        _na_wijziging(casus=casus, actor=actor)
    return taak


def taak_oppakken(*, actor, taak: Taak) -> Taak:
    def controle(taak: Taak) -> None:
        if not mag_oppakken(actor, taak):
            raise TaakFout(_("U kunt alleen taken van uw eigen teams oppakken."))
        if taak.status == TaakStatus.TOEGEWEZEN and taak.behandelaar_id not in (None, actor.pk):
            raise TaakFout(_("Deze taak is toegewezen aan %(m)s.") % {"m": taak.behandelaar})

    return _wijzig(
        actor=actor,
        taak=taak,
        controle=controle,
        van=[TaakStatus.NIEUW, TaakStatus.TOEGEWEZEN],
        naar=TaakStatus.IN_BEHANDELING,
        omschrijving=_("Taak %(t)s opgepakt"),
        behandelaar=actor,
        gestart_op=klok.nu(),
    )


def taak_afronden(*, actor, taak: Taak) -> Taak:
    def controle(taak: Taak) -> None:
        if not mag_behandelen(actor, taak):
            raise TaakFout(_("Alleen de behandelaar of de teamleider kan deze taak afronden."))

    with transaction.atomic():
        taak = _wijzig(
            actor=actor,
            taak=taak,
            van=[TaakStatus.IN_BEHANDELING],
            naar=TaakStatus.GEREALISEERD,
            omschrijving=_("Taak %(t)s gerealiseerd"),
            controle=controle,
            afgerond_op=klok.nu(),
        )
        registry.voor_realiseren(taak)
        registry.bij_sluiten(actor=actor, taak=taak)
    return taak


def taak_afbreken(*, actor, taak: Taak, reden: str) -> Taak:
    if not reden.strip():
        raise TaakFout(_("Geef een reden op om de taak af te breken."))

    def controle(taak: Taak) -> None:
        if not (mag_behandelen(actor, taak) or (taak.behandelaar_id is None and mag_oppakken(actor, taak))):
            raise TaakFout(_("Alleen de behandelaar, het team of de teamleider kan deze taak afbreken."))

    with transaction.atomic():
        taak = _wijzig(
            actor=actor,
            taak=taak,
            van=[TaakStatus.NIEUW, TaakStatus.TOEGEWEZEN, TaakStatus.IN_BEHANDELING],
            naar=TaakStatus.AFGEBROKEN,
            omschrijving=_("Taak %(t)s afgebroken: ") + reden.strip()[:300],
            afbreekreden=reden.strip(),
            afgerond_op=klok.nu(),
            controle=controle,
        )
        registry.bij_sluiten(actor=actor, taak=taak)  # e.g. open services stop with their task (DIE-2)
    return taak


def taak_heropenen(*, actor, taak: Taak) -> Taak:
    """CAS-3: reopening a task on a Passief or Afgerond casus makes it Actief again."""

    def controle(taak: Taak) -> None:
        if not (mag_behandelen(actor, taak) or mag_oppakken(actor, taak)):
            raise TaakFout(_("Alleen het team van de taak kan haar heropenen."))

    return _wijzig(
        actor=actor,
        taak=taak,
        controle=controle,
        van=[TaakStatus.GEREALISEERD, TaakStatus.AFGEBROKEN],
        naar=TaakStatus.IN_BEHANDELING,
        omschrijving=_("Taak %(t)s heropend"),
        behandelaar=actor,
        afgerond_op=None,
        afbreekreden="",
    )


def casusstatus_herberekenen(*, alles: bool = False, nu: datetime | None = None) -> dict:
    """Nightly (CAS-3): Passief → Afgerond after the configured days; with `alles`, every casus recomputed
    from its tasks. Bulk SQL, idempotent; each change goes to the timeline and the audit log."""
    nu = nu or klok.nu()
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
