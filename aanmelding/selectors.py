"""Reads on referrals, filtered to what the user's work needs: the review queue of their role (AAN-3),
and the referrals they entered themselves."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from aanmelding.models import OPEN_AANMELDINGSTATUSSEN, Aanmelding, Wachtrij
from cris.accounts.roles import Rol

WACHTRIJ_ROL = {Wachtrij.ADMINISTRATIE: Rol.ADMINISTRATIE, Wachtrij.JD_ADMIN: Rol.JD_ADMIN}
INVOER_ROLLEN = (Rol.CAI, Rol.ADMINISTRATIE, Rol.JD_ADMIN)


def wachtrijen_van(user) -> list[str]:
    return [wachtrij for wachtrij, rol in WACHTRIJ_ROL.items() if user.heeft_rol(rol)]


def mag_invoeren(user) -> bool:
    return user.heeft_rol(*INVOER_ROLLEN)


def aanmeldingen_zichtbaar_voor(user) -> QuerySet[Aanmelding]:
    if not user.is_authenticated or not user.is_active:
        return Aanmelding.objects.none()
    return Aanmelding.objects.filter(Q(wachtrij__in=wachtrijen_van(user)) | Q(ingevoerd_door=user))


def aanmelding_detail(*, user, pk: int) -> Aanmelding:
    aanmelding = (
        aanmeldingen_zichtbaar_voor(user).select_related("beoordelaar", "ingevoerd_door", "casus").filter(pk=pk).first()
    )
    if aanmelding is None:
        raise Http404
    return aanmelding


def beoordelingslijst(*, user, wachtrij: str | None = None) -> QuerySet[Aanmelding]:
    """Open referrals in the user's review queues, oldest first (the 48-hour clock runs from arrival)."""
    wachtrijen = wachtrijen_van(user)
    if wachtrij:
        wachtrijen = [w for w in wachtrijen if w == wachtrij]
    return Aanmelding.objects.filter(wachtrij__in=wachtrijen, status__in=OPEN_AANMELDINGSTATUSSEN).order_by(
        "ontvangen_op", "id"
    )


def mag_beoordelen(user, aanmelding: Aanmelding) -> bool:
    return aanmelding.wachtrij in wachtrijen_van(user)
