"""Who may do what with a casus and its client beyond seeing it (seeing is ``casus.access``): decide on a
request for access and take or review emergency access (AUT-2), change a BSN and merge duplicate clients
(CLI-2), read the satisfaction counts (CAS-5). Views, services and pages ask here."""

from __future__ import annotations

from casus.access import view_casus_permission
from casus.models import Casus, CasusGroupObjectPermission, Toegangsverlening
from cris.accounts.models import Medewerker
from cris.accounts.roles import Rol
from werkstroom import piket
from werkstroom.models import Afdeling, Lidmaatschap, Team

# Intake does the duplicate check (AAN-5) and sees client identities without case content: it changes a BSN and
# merges duplicate clients, which is all a merge shows.
INTAKE_ROLLEN = (Rol.ADMINISTRATIE, Rol.JD_ADMIN)
TEVREDENHEID_ROLLEN = (Rol.FUNCTIONEEL_BEHEERDER, Rol.DISTRICTSMANAGER, Rol.APPLICATIEBEHEERDER, Rol.PRIVACY_OFFICER)


def mag_noodtoegang_nemen(user) -> bool:
    """AUT-2: emergency access is the piket's (Acute Opvang); whether it is out of hours is asked apart."""
    return user.heeft_rol(Rol.ACUTE_OPVANG)


def mag_noodtoegang(user) -> bool:
    """Whether to offer emergency access now: the piket, out of hours (the window that routes AO alerts)."""
    return mag_noodtoegang_nemen(user) and piket.buiten_kantooruren()


def mag_noodtoegang_beoordelen(user) -> bool:
    """The privacy officer reviews every emergency grant afterwards."""
    return user.heeft_rol(Rol.PRIVACY_OFFICER)


def _teams_van(casus: Casus):
    groepen = CasusGroupObjectPermission.objects.filter(
        content_object=casus, permission_id=view_casus_permission()
    ).values("group_id")
    return Team.objects.filter(groep_id__in=groepen)


def is_casemanagement(casus: Casus) -> bool:
    return _teams_van(casus).filter(afdeling=Afdeling.CASEMANAGEMENT).exists()


def beslissers(casus: Casus, aanvrager=None):
    """Who decides on access to this casus: the CMA-coördinatoren for a Casemanagement casus, else the team
    leaders of the teams holding it; when no team holds it, the team leaders of the requester's teams.
    ``casus.toegang.te_beslissen_door`` is the same rule seen from the decider; keep the two in step."""
    actief = Medewerker.objects.filter(is_active=True)
    if is_casemanagement(casus):
        return actief.filter(groups__name=Rol.CMA_COORDINATOR)
    leiders = Lidmaatschap.objects.filter(rol=Lidmaatschap.Rol.TEAMLEIDER)
    teams = _teams_van(casus)
    if aanvrager is not None and not teams.exists():
        teams = Team.objects.filter(pk__in=Lidmaatschap.objects.filter(medewerker=aanvrager).values("team_id"))
    return actief.filter(pk__in=leiders.filter(team__in=teams).values("medewerker_id"))


def mag_beslissen(user, verlening: Toegangsverlening) -> bool:
    return (
        user.pk != verlening.medewerker_id
        and verlening.casus_id is not None
        and beslissers(verlening.casus, verlening.medewerker).filter(pk=user.pk).exists()
    )


def mag_bsn_wijzigen(user) -> bool:
    return user.is_authenticated and user.is_active and user.heeft_rol(*INTAKE_ROLLEN)


def mag_samenvoegen(user) -> bool:
    return user.is_authenticated and user.heeft_rol(*INTAKE_ROLLEN)


def mag_tevredenheid_zien(user) -> bool:
    """CAS-5: the survey's counts are for management; no personal data, only numbers."""
    return user.heeft_rol(*TEVREDENHEID_ROLLEN)
