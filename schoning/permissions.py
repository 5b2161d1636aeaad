"""Who may handle the retention lists (SCH-2): review a list (``schoning.selectie_beoordelen``) and approve it
as the second pair of eyes (``schoning.selectie_goedkeuren``), Django permissions given to roles in the admin.
Pages, views and services ask here."""

from __future__ import annotations

BEOORDELEN = "schoning.selectie_beoordelen"
GOEDKEUREN = "schoning.selectie_goedkeuren"


def mag_beoordelen(user) -> bool:
    return user.is_authenticated and user.is_active and user.has_perm(BEOORDELEN)


def mag_goedkeuren(user) -> bool:
    return user.is_authenticated and user.is_active and user.has_perm(GOEDKEUREN)
