"""Who may see the partner imports (the import page, its quarantine and metrics): application and functional
managers."""

from __future__ import annotations

from cris.accounts.roles import IMPORT_ROLLEN


def mag_importen_zien(user) -> bool:
    return user.heeft_rol(*IMPORT_ROLLEN)
