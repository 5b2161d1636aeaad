"""Task lifecycle (TAK-2), contact reports (VER-1), and what follows from every task change in the same
transaction: the casus status (CAS-3), who may see the casus (AUT-1), its timeline and the audit log.

Every service first locks the casus row: changes to tasks of one casus are serialised, so the derived
status can never be computed from a stale view of its tasks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from casus import signalen
from casus.access import toegang_instellen
from casus.models import Adres, Casus, CasusStatus, TijdlijnSoort
from casus.services import tijdlijn_toevoegen
from cris import klok
from cris.accounts.models import Medewerker
from cris.audit.api import Actie, audit_record
from cris.catalogus import Catalogus
from cris.db import VasteQuery
from cris.notificaties.models import Soort
from cris.notificaties.services import notificeren
from cris.wie import wie
from taken import registry
from taken import status as casus_status
from taken.models import (
    OPEN_TAAKSTATUSSEN,
    Afspraak,
    Contactmoment,
    MijnFilters,
    Subtype,
    Taak,
    TaakStatus,
    TaakType,
    Vervolgregel,
)
from werkstroom.models import Afdeling, Lidmaatschap, Specialisatie, Team
from werkstroom.selectors import district_voor_postcode
from werkstroom.services import team_groep


class TaakFout(Exception):
    """A task action that is not possible now; the message is for the user (Dutch)."""


def team_voor(*, afdeling: str, casus: Casus) -> tuple[Team, str]:
    """TAK-5: the team for new work of a department: the district team of the postcode of the client's
    preferred address now (ORG-1; the casus's district when the client has no Dutch preferred address), else
    the department's national team. Returns the team and the reason, shown on the task."""
    teams = Team.objects.filter(afdeling=afdeling, actief=True)
    adres = Adres.objects.filter(client_id=casus.client_id, voorkeur=True).only("postcode").first()
    district = district_voor_postcode(adres.postcode) if adres else None
    if district:
        team = teams.filter(district=district).order_by("pk").first()
        if team:
            return team, _("postcode %(p)s van het voorkeursadres ligt in district %(d)s") % {
                "p": adres.postcode[:4],
                "d": district,
            }
    elif casus.district_id:
        team = teams.filter(district_id=casus.district_id).order_by("pk").first()
        if team:
            return team, _("district %(d)s van de casus") % {"d": casus.district}
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


@dataclass(frozen=True)
class TaakRechten:
    """What one worker may do with one task, from one look at their membership of the task's team. The
    ``mag_*`` functions below answer one question each from it; a page asking several takes it once."""

    lid: bool  # member (or leader) of the task's team
    leider: bool  # a leader of the task's team
    behandelaar: bool

    @property
    def oppakken(self) -> bool:
        return self.lid

    @property
    def behandelen(self) -> bool:
        """The handler, or a leader of the task's team."""
        return self.behandelaar or self.leider

    @property
    def vervolgtaak(self) -> bool:
        """TAK-3: the task's team (its members and leader) and its handler create follow-up tasks from it, an
        Acute Opvang alert among them (TAK-8)."""
        return self.lid or self.behandelen


def taak_rechten(actor, taak: Taak) -> TaakRechten:
    rollen = {rol for (rol,) in _ROLLEN_IN_TEAM.rijen(medewerker=actor.pk, team=taak.team_id)}
    return TaakRechten(
        lid=bool(rollen), leider=Lidmaatschap.Rol.TEAMLEIDER in rollen, behandelaar=taak.behandelaar_id == actor.pk
    )


_ROLLEN_IN_TEAM = VasteQuery(  # on every task page: compiled once, run prepared (cris.db.VasteQuery)
    lambda medewerker, team: Lidmaatschap.objects.filter(medewerker_id=medewerker, team_id=team).values_list("rol"),
    "medewerker",
    "team",
)


def mag_oppakken(actor, taak: Taak) -> bool:
    return taak_rechten(actor, taak).oppakken


def mag_vervolgtaak(actor, taak: Taak) -> bool:
    return taak_rechten(actor, taak).vervolgtaak


def mag_behandelen(actor, taak: Taak) -> bool:
    return taak.behandelaar_id == actor.pk or taak_rechten(actor, taak).behandelen


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


def vervolgtypen(*, afdeling: str):
    """TAK-3: the active task types the werkstroom of this department may create (the admin's matrix); the list
    form of ``vervolgtaak_toegestaan``, what every path offers."""
    return TaakType.objects.filter(actief=True, vervolgregels__van_afdeling=afdeling).order_by("afdeling", "naam")


def vervolgtaak_toegestaan(*, afdeling: str, taaktype: TaakType) -> bool:
    """TAK-3, one rule with one owner (issue 27): may work in the werkstroom of ``afdeling`` create a task of
    ``taaktype``? The follow-up matrix (Vervolgregel) decides. Every path that creates follow-up tasks goes
    through ``taak_aanmaken`` with ``vanuit``/``vanuit_werkstroom``, which asks here, and offers
    ``vervolgtypen``: the task page's follow-up (and the Acute Opvang alert), CAI on an existing client's casus
    (aanmelding.doorlopend) and the prosecution's hearing task (aanmelding.zitting). tests/test_regels.py proves
    they agree."""
    return vervolgtypen(afdeling=afdeling).filter(pk=taaktype.pk).exists()


_VERVOLG_AFDELINGEN = Catalogus(
    lambda: set(Vervolgregel.objects.filter(taaktype__actief=True).values_list("van_afdeling", flat=True)),
    TaakType,
    Vervolgregel,
)


def heeft_vervolgtypen(*, afdeling: str) -> bool:
    """Whether ``vervolgtypen`` has any for this department, from the catalogue cache: the task page asks
    on every view whether to offer a follow-up task."""
    return afdeling in _VERVOLG_AFDELINGEN()


def collegas_voor_overdracht(taak: Taak, *, team: Team | None = None, specialisatie: Specialisatie | None = None):
    """TAK-6: active members of the chosen team (a team of the task's department; default the task's own
    team), optionally only those with a skill, except the current handler."""
    team_id = team.pk if team is not None and team.afdeling == taak.team.afdeling else taak.team_id
    leden = Lidmaatschap.objects.filter(team_id=team_id).values("medewerker_id")
    qs = Medewerker.objects.filter(pk__in=leden, is_active=True).exclude(pk=taak.behandelaar_id)
    if specialisatie is not None:
        qs = qs.filter(specialisaties=specialisatie)
    return qs.order_by("achternaam", "voornamen", "pk")


def teams_voor_overdracht(taak: Taak):
    return Team.objects.filter(afdeling=taak.team.afdeling, actief=True).select_related("district").order_by("naam")


OVERDRAAGBAAR = (TaakStatus.TOEGEWEZEN, TaakStatus.IN_BEHANDELING)


def mag_overdragen(actor, taak: Taak, rechten: TaakRechten | None = None) -> bool:
    """TAK-6: the handler or the team leader transfers a task, or some of its services, while it is open
    and held (Toegewezen or In behandeling)."""
    return taak.status in OVERDRAAGBAAR and (rechten.behandelen if rechten else mag_behandelen(actor, taak))


def overdracht_controleren(
    *, taak: Taak, naar, team: Team | None = None, specialisatie: Specialisatie | None = None
) -> Team:
    """TAK-6: the colleague chosen for a transfer (of the task or of some of its services) is an active member
    of the chosen team, a team of the task's department (default the task's team), and has the chosen skill.
    Returns the team."""
    team = team or taak.team
    if team.afdeling != taak.team.afdeling:
        raise TaakFout(_("Een taak gaat alleen naar een team van dezelfde afdeling."))
    if not collegas_voor_overdracht(taak, team=team).filter(pk=naar.pk).exists():
        raise TaakFout(_("%(m)s is geen actief lid van team %(t)s.") % {"m": naar, "t": team.naam})
    if specialisatie is not None and not naar.specialisaties.filter(pk=specialisatie.pk).exists():
        raise TaakFout(_("%(m)s heeft de specialisatie %(s)s niet.") % {"m": naar, "s": specialisatie})
    return team


def taak_overdragen(
    *, actor, taak: Taak, naar, team: Team | None = None, specialisatie: Specialisatie | None = None
) -> Taak:
    """TAK-6: the handler or the team leader hands the task to a colleague, of its team or of another team
    of the same department (then the task moves to that team). The colleague is notified (NOT-1), the
    task's coming appointments move to them (AGE-1) and access follows (AUT-1). The status stays.
    Part of a task's services goes with ``diensten.services.diensten_overdragen``."""
    vorige = None

    def controle(taak: Taak) -> dict:
        nonlocal vorige
        if not mag_behandelen(actor, taak):
            raise TaakFout(_("Alleen de behandelaar of de teamleider kan deze taak overdragen."))
        doel = overdracht_controleren(taak=taak, naar=naar, team=team, specialisatie=specialisatie)
        vorige = taak.behandelaar_id
        if doel.pk != taak.team_id:
            return {"team": doel, "routering": (_("overgedragen door %(m)s") % {"m": wie(actor)})[:300]}
        return {}

    with transaction.atomic():
        taak = _wijzig(
            actor=actor,
            taak=taak,
            van=list(OVERDRAAGBAAR),
            naar=None,
            omschrijving=_("Taak %(t)s overgedragen aan ") + str(naar),
            controle=controle,
            behandelaar=naar,
        )
        verplaatst = Afspraak.objects.filter(taak=taak, medewerker_id=vorige, einde__gte=klok.nu()).update(
            medewerker=naar
        )
        if verplaatst:
            audit_record(
                Actie.WIJZIGEN,
                actor=actor,
                obj=taak,
                client_id=taak.casus.client_id,
                changes={"afspraken_naar": [vorige, naar.pk], "aantal": [None, verplaatst]},
            )
        notificeren(
            ontvangers=[naar],
            soort=Soort.TAAK_OVERGEDRAGEN,
            tekst=_("%(a)s heeft de taak %(t)s op casus %(c)s aan u overgedragen.")
            % {"a": wie(actor), "t": taak.type.naam, "c": taak.casus.nummer},
            link=reverse("taken:detail", args=[taak.pk]),
        )
    return taak


def mag_toewijzen(actor, taak: Taak, rechten: TaakRechten | None = None) -> bool:
    """TAK-2: Toegewezen exists for AB and AD monitor tasks only; the team leader assigns them."""
    return (
        taak.type.subtype == Subtype.MONITOR
        and taak.team.afdeling in (Afdeling.ACTIEVE_BENADERING, Afdeling.ALGEMENE_DIENSTVERLENING)
        and (rechten or taak_rechten(actor, taak)).leider
    )


def taak_toewijzen(*, actor, taak: Taak, aan) -> Taak:
    """TAK-2: a team leader assigns an AB or AD monitor task to a member (Toegewezen: not yet started)."""

    def controle(taak: Taak) -> None:
        if not mag_toewijzen(actor, taak):
            raise TaakFout(_("Alleen een teamleider wijst monitortaken van AB en AD toe."))
        if not collegas_voor_overdracht(taak).filter(pk=aan.pk).exists():
            raise TaakFout(_("%(m)s is geen actief lid van team %(t)s.") % {"m": aan, "t": taak.team.naam})

    with transaction.atomic():
        taak = _wijzig(
            actor=actor,
            taak=taak,
            van=[TaakStatus.NIEUW, TaakStatus.TOEGEWEZEN],
            naar=TaakStatus.TOEGEWEZEN,
            omschrijving=_("Taak %(t)s toegewezen aan ") + str(aan),
            behandelaar=aan,
            controle=controle,
        )
        notificeren(
            ontvangers=[aan],
            soort=Soort.TAAK_TOEGEWEZEN,
            tekst=_("De taak %(t)s op casus %(c)s is aan u toegewezen.")
            % {"t": taak.type.naam, "c": taak.casus.nummer},
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


def mijn_filters_bewaren(*, actor, query: str) -> MijnFilters:
    """TAK-4: keep the worklist filters in ``query`` (a URL query) as this worker's "mijn filters"; only the
    worklist's own fields are kept (``WerklijstForm.BEWAARD``)."""
    from taken.forms import WerklijstForm

    data = QueryDict(query)
    bewaard = QueryDict(mutable=True)
    for naam in WerklijstForm.BEWAARD:
        if data.get(naam, "").strip():
            bewaard[naam] = data[naam].strip()[:200]
    filters, _nieuw = MijnFilters.objects.update_or_create(medewerker=actor, defaults={"query": bewaard.urlencode()})
    return filters
