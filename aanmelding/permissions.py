"""Who may do what with referrals: enter one (AAN-1), review the queue of their role (AAN-3), and, taking a call
of an existing client, create a follow-up task through CAI (issue 24). Selectors filter on ``wachtrijen_van``;
views, services and the navigation ask here."""

from __future__ import annotations

from aanmelding.models import Aanmelding, Wachtrij
from cris.accounts.roles import Rol

WACHTRIJ_ROL = {Wachtrij.ADMINISTRATIE: Rol.ADMINISTRATIE, Wachtrij.JD_ADMIN: Rol.JD_ADMIN}
INVOER_ROLLEN = (Rol.CAI, Rol.ADMINISTRATIE, Rol.JD_ADMIN)


def wachtrijen_van(user) -> list[str]:
    """The review queues of the user's roles: the referrals they review and, before approval, may see."""
    return [wachtrij for wachtrij, rol in WACHTRIJ_ROL.items() if user.heeft_rol(rol)]


def mag_invoeren(user) -> bool:
    return user.heeft_rol(*INVOER_ROLLEN)


def mag_beoordelen(user, aanmelding: Aanmelding) -> bool:
    return aanmelding.wachtrij in wachtrijen_van(user)


def mag_vervolgtaak(user) -> bool:
    """The follow-up task on a caller's open casus is CAI's option (the CAI werkstroom); Administratie and
    JD-Admin record the call (``aanmelding.doorlopend``)."""
    return user.heeft_rol(Rol.CAI)
