"""Mijn werk's panel from aanmelding (issue 25): for reviewers, each review queue's count and oldest waiting
referral (AAN-3: the 48-hour clock runs from arrival). Registered in ``AanmeldingConfig.ready``."""

from __future__ import annotations

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from aanmelding.models import OPEN_AANMELDINGSTATUSSEN, Aanmelding, Wachtrij
from aanmelding.permissions import wachtrijen_van
from aanmelding.zitting import komende_zittingen
from cris.accounts.roles import Rol
from werkstroom.registry import Paneel, Rij


def beoordelen(user) -> Paneel | None:
    wachtrijen = wachtrijen_van(user)
    if not wachtrijen:
        return None
    per_wachtrij = {
        r["wachtrij"]: r
        for r in Aanmelding.objects.filter(wachtrij__in=wachtrijen, status__in=OPEN_AANMELDINGSTATUSSEN)
        .values("wachtrij")
        .annotate(n=Count("id"), oudste=Min("ontvangen_op"))
        .order_by()
    }
    rijen = []
    for code in wachtrijen:
        r = per_wachtrij.get(code, {"n": 0, "oudste": None})
        oudste = timezone.localtime(r["oudste"]).strftime("%d-%m-%Y %H:%M") if r["oudste"] else "–"
        url = f"{reverse('aanmelding:beoordelen')}?{urlencode({'wachtrij': code})}"
        rijen.append(Rij(str(Wachtrij(code).label), url, [str(r["n"]), oudste]))
    return Paneel(
        _("Aanmeldingen te beoordelen"), rijen, kolommen=[_("Wachtrij"), _("Wachtend"), _("Oudste sinds")],
        meer_url=reverse("aanmelding:beoordelen"), meer_tekst=_("Naar Beoordelen"), volgorde=5,
    )  # fmt: skip


def zittingen(user) -> Paneel | None:
    """Issue 24: the coming hearings with speaking right of my JD tasks (or my team's unheld ones)."""
    if not user.heeft_rol(Rol.JURIDISCHE_DIENSTVERLENING):
        return None
    rijen = [
        Rij(
            m.casus.nummer,
            reverse("taken:detail", args=[m.taak_id]),
            [timezone.localtime(m.zittingsdatum).strftime("%d-%m-%Y %H:%M")],
        )
        for m in komende_zittingen(user)
    ]
    return Paneel(
        _("Zittingen met spreekrecht"), rijen, kolommen=[_("Casus"), _("Zitting")], volgorde=15,
        leeg=_("Geen komende zittingen met spreekrecht bij uw JD-taken."),
    )  # fmt: skip
