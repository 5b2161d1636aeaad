"""Who may register an event (CAS-9): intake (Administratie, JD-Admin), Acute Opvang, Casemanagement, CMA and team
leaders. Seeing an event needs no right (it holds no client data); its linked cases follow casus access."""

from __future__ import annotations

from cris.accounts.roles import Rol

AANMAAK_ROLLEN = (Rol.ADMINISTRATIE, Rol.JD_ADMIN, Rol.ACUTE_OPVANG, Rol.CASEMANAGEMENT, Rol.CMA, Rol.TEAMLEIDER)


def mag_aanmaken(user) -> bool:
    return user.heeft_rol(*AANMAAK_ROLLEN)
