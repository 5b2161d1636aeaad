"""TAK-5: the team that gets new work of a department, by the postcode of the client's preferred address."""

from __future__ import annotations

from django.utils.translation import gettext as _

from casus.models import Adres, Casus
from taken.services import TaakFout
from werkstroom.models import Team
from werkstroom.selectors import district_voor_postcode


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
