"""Who may use the reports: management roles. The figures are aggregates without persons, but they are
management information, not for every worker. Who may export a client's whole file (the privacy officer)."""

from django.core.exceptions import PermissionDenied

from cris.accounts.roles import Rol

RAPPORTAGE_ROLLEN = (Rol.TEAMLEIDER, Rol.DISTRICTSMANAGER, Rol.FUNCTIONEEL_BEHEERDER, Rol.APPLICATIEBEHEERDER)


def mag_rapportage(user) -> bool:
    return user.is_authenticated and user.heeft_rol(*RAPPORTAGE_ROLLEN)


def rapportage_toegang(user) -> None:
    if not mag_rapportage(user):
        raise PermissionDenied


def mag_exporteren(user) -> bool:
    """A client's whole file as a PDF (the right of access): the privacy officer."""
    return user.is_authenticated and user.is_active and user.heeft_rol(Rol.PRIVACY_OFFICER)
