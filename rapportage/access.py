"""Who may use the reports: management roles. The figures are aggregates without persons, but they are
management information, not for every worker."""

from django.core.exceptions import PermissionDenied

from cris.accounts.roles import Rol

RAPPORTAGE_ROLLEN = (Rol.TEAMLEIDER, Rol.DISTRICTSMANAGER, Rol.FUNCTIONEEL_BEHEERDER, Rol.APPLICATIEBEHEERDER)


def mag_rapportage(user) -> bool:
    return user.is_authenticated and user.heeft_rol(*RAPPORTAGE_ROLLEN)


def rapportage_toegang(user) -> None:
    if not mag_rapportage(user):
        raise PermissionDenied
