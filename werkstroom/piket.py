"""TAK-8: who is responsible for Acute Opvang alerts right now. During the piket period (by default Friday
17:00 to Monday 08:00 and every weekday night 17:00–08:00, configurable in the admin) the piketleider on the
rota; otherwise the office team (CAI). The rota is kept in the app by the AO coordinator (piketdienst_*)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cris import klok
from cris.accounts.models import Medewerker
from cris.audit.api import Actie, audit_record
from werkstroom.models import Afdeling, Lidmaatschap, Piketdienst, Piketregeling, Team
from werkstroom.permissions import is_ao_coordinator


@dataclass
class Verantwoordelijk:
    reden: str
    medewerker_ids: list[int] = field(default_factory=list)
    team: Team | None = None


def regeling() -> Piketregeling:
    """The one row of settings, created with the SPEC's defaults on first use."""
    rij = Piketregeling.objects.select_related("kantoorteam").order_by("pk").first()
    if rij is None:
        rij = Piketregeling.objects.create(
            kantoorteam=Team.objects.filter(afdeling=Afdeling.CAI, actief=True).order_by("pk").first()
        )
    return rij


def _minuut_in_week(dag: int, tijd) -> int:
    return dag * 1440 + tijd.hour * 60 + tijd.minute


def in_piketperiode(nu: datetime, instelling: Piketregeling) -> bool:
    """Out of office hours for Acute Opvang: the weekend period, and (issue 24) every weekday night between
    ``nacht_begin`` and ``nacht_einde``. The one rule: AO alerts (TAK-8) and emergency access (AUT-2) ask it."""
    lokaal = timezone.localtime(nu)
    t = _minuut_in_week(lokaal.weekday(), lokaal)
    begin = _minuut_in_week(instelling.begin_dag, instelling.begin_tijd)
    einde = _minuut_in_week(instelling.einde_dag, instelling.einde_tijd)
    if begin <= t < einde if begin <= einde else (t >= begin or t < einde):
        return True
    if not instelling.doordeweekse_nachten:
        return False
    tijd, van, tot = lokaal.time(), instelling.nacht_begin, instelling.nacht_einde
    return (van <= tijd < tot) if van <= tot else (tijd >= van or tijd < tot)


def buiten_kantooruren(nu: datetime | None = None) -> bool:
    """Whether Acute Opvang is out of office hours now (or at ``nu``): the piket period of the settings."""
    return in_piketperiode(nu or klok.nu(), regeling())


def verantwoordelijke(nu: datetime | None = None) -> Verantwoordelijk:
    nu = nu or klok.nu()
    instelling = regeling()
    if in_piketperiode(nu, instelling):
        dienst = (
            Piketdienst.objects.filter(van__lte=nu, tot__gt=nu, medewerker__is_active=True)
            .select_related("medewerker")
            .order_by("-van")
            .first()
        )
        if dienst:
            return Verantwoordelijk(
                reden=_("piketperiode: piketleider %(m)s") % {"m": dienst.medewerker},
                medewerker_ids=[dienst.medewerker_id],
            )
        reden = _("piketperiode, maar geen piketleider ingeroosterd: %(t)s")
    else:
        reden = _("kantoortijd: %(t)s")
    team = instelling.kantoorteam
    if team is None:
        return Verantwoordelijk(reden=reden % {"t": _("geen kantoorteam ingesteld")})
    leden = Lidmaatschap.objects.filter(team=team, medewerker__is_active=True).values_list("medewerker_id", flat=True)
    return Verantwoordelijk(reden=reden % {"t": team.naam}, medewerker_ids=list(leden), team=team)


# --- Issue 24: the rota, kept in the app by the AO coordinator ---------------------------------------------


class PiketFout(ValueError):
    """The rota change cannot be made; the message is for the user (Dutch)."""


def piketleiders():
    """Who may stand on the rota: active members of active Acute Opvang teams."""
    return (
        Medewerker.objects.filter(
            is_active=True,
            lidmaatschappen__team__afdeling=Afdeling.ACUTE_OPVANG,
            lidmaatschappen__team__actief=True,
        )
        .distinct()
        .order_by("achternaam", "voornamen", "pk")
    )


def rooster(*, vanaf: datetime, aantal: int = 60):
    """The rota from ``vanaf`` on (running and coming shifts), oldest first."""
    return Piketdienst.objects.filter(tot__gt=vanaf).select_related("medewerker").order_by("van", "pk")[:aantal]


def piketdienst_opslaan(*, actor, medewerker, van: datetime, tot: datetime) -> Piketdienst:
    """A shift on the rota: by the AO coordinator, for an AO member, not overlapping another shift."""
    if not is_ao_coordinator(actor):
        raise PiketFout(_("Alleen de AO-coördinator (teamleider Acute Opvang) past het piketrooster aan."))
    if tot <= van:
        raise PiketFout(_("Het einde van de piketdienst moet na het begin liggen."))
    if not piketleiders().filter(pk=medewerker.pk).exists():
        raise PiketFout(_("%(m)s is geen actief lid van een Acute Opvang-team.") % {"m": medewerker})
    with transaction.atomic():
        overlap = Piketdienst.objects.select_for_update().filter(van__lt=tot, tot__gt=van).first()
        if overlap is not None:
            raise PiketFout(_("Deze dienst overlapt met de dienst van %(d)s.") % {"d": overlap})
        dienst = Piketdienst.objects.create(medewerker=medewerker, van=van, tot=tot)
        audit_record(
            Actie.AANMAKEN,
            actor=actor,
            obj=dienst,
            changes={
                "medewerker": [None, medewerker.pk],
                "van": [None, van.isoformat()],
                "tot": [None, tot.isoformat()],
            },
        )
    return dienst


def piketdienst_verwijderen(*, actor, dienst: Piketdienst) -> None:
    if not is_ao_coordinator(actor):
        raise PiketFout(_("Alleen de AO-coördinator (teamleider Acute Opvang) past het piketrooster aan."))
    audit_record(
        Actie.VERWIJDEREN,
        actor=actor,
        obj=dienst,
        changes={"medewerker": [dienst.medewerker_id, None], "van": [dienst.van.isoformat(), None]},
    )
    dienst.delete()
