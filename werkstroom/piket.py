"""TAK-8: who is responsible for Acute Opvang alerts right now. During the piket period (by default Friday
17:00 to Monday 08:00, configurable in the admin) the piketleider on the rota; otherwise the office team
(CAI)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from cris import klok
from werkstroom.models import Afdeling, Lidmaatschap, Piketdienst, Piketregeling, Team


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
    lokaal = timezone.localtime(nu)
    t = _minuut_in_week(lokaal.weekday(), lokaal)
    begin = _minuut_in_week(instelling.begin_dag, instelling.begin_tijd)
    einde = _minuut_in_week(instelling.einde_dag, instelling.einde_tijd)
    return begin <= t < einde if begin <= einde else (t >= begin or t < einde)


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
