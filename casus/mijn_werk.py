"""Mijn werk's panels from casus (issue 25): access requests this user decides on (team leaders, the CMA
coordinator) and, for the privacy officer, emergency access still to be assessed. Registered in
``CasusConfig.ready``."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casus.models import ToegangSoort, Toegangsverlening
from casus.toegang import te_beslissen_door
from cris.accounts.roles import Rol
from werkstroom.registry import Paneel, Rij


def _rij(v: Toegangsverlening) -> Rij:
    return Rij(
        _("Casus %(nr)s") % {"nr": v.casus.nummer}, reverse("casus:toegang"),
        [str(v.medewerker), timezone.localtime(v.aangevraagd_op).strftime("%d-%m-%Y %H:%M"), v.reden],
    )  # fmt: skip


def toegangsaanvragen(user) -> Paneel | None:
    aanvragen = list(te_beslissen_door(user).select_related("casus", "medewerker").order_by("aangevraagd_op")[:20])
    if not aanvragen and not user.heeft_rol(Rol.CMA_COORDINATOR):
        return None
    return Paneel(
        _("Toegangsaanvragen die op uw besluit wachten"), [_rij(v) for v in aanvragen],
        leeg=_("Er wacht geen aanvraag op uw besluit."),
        kolommen=[_("Casus"), _("Aangevraagd door"), _("Op"), _("Reden")], meer_url=reverse("casus:toegang"),
        meer_tekst=_("Naar Toegang"), volgorde=8,
    )  # fmt: skip


def noodtoegang_beoordelen(user) -> Paneel | None:
    if not user.heeft_rol(Rol.PRIVACY_OFFICER):
        return None
    open_ = (
        Toegangsverlening.objects.filter(soort=ToegangSoort.NOOD, beoordeeld_op__isnull=True)
        .select_related("casus", "medewerker")
        .order_by("aangevraagd_op")[:20]
    )
    return Paneel(
        _("Noodtoegang te beoordelen"), [_rij(v) for v in open_], leeg=_("Er is geen noodtoegang te beoordelen."),
        kolommen=[_("Casus"), _("Genomen door"), _("Op"), _("Reden")], meer_url=reverse("casus:toegang"),
        meer_tekst=_("Naar Toegang"), volgorde=6,
    )  # fmt: skip
