"""Reads for the import/koppelingen page: the event outbox per day (no personal data)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from cris import klok
from documenten.models import OutboxStatus
from koppelingen.berichten.models import Kanaal, Ketenpartner
from koppelingen.partners.models import Toestemming, Uitgaandbericht

# The online platforms a client's consent is for (KOP-3); a referral partner gets its own events (KOP-4).
PLATFORMS = (Kanaal.MSH, Kanaal.MSZ)


def platforms():
    return Ketenpartner.objects.filter(actief=True, kanaal__in=PLATFORMS).order_by("naam")


def toestemmingen(client_id: int) -> list[dict]:
    """Per platform: the client's current consent (or None) and the last one withdrawn, in two queries."""
    partners = list(platforms())
    rijen = Toestemming.objects.filter(client_id=client_id, partner__in=partners).select_related("vastgelegd_door")
    huidig, vorig = {}, {}
    for t in rijen.order_by("gegeven_op", "pk"):
        if t.ingetrokken_op is None:
            huidig[t.partner_id] = t
        else:
            vorig[t.partner_id] = t
    return [{"partner": p, "toestemming": huidig.get(p.pk), "ingetrokken": vorig.get(p.pk)} for p in partners]


def gebeurtenissen_per_dag(dagen: int = 7) -> list[dict]:
    """Per day (Amsterdam, newest first) the events written that day, by what became of them."""
    begin = klok.begin_van_dag(klok.vandaag() - timedelta(days=dagen - 1))
    rijen = (
        Uitgaandbericht.objects.filter(aangemaakt_op__gte=begin)
        .annotate(dag=TruncDate("aangemaakt_op", tzinfo=timezone.get_current_timezone()))
        .values("dag")
        .annotate(
            **{s: Count("id", filter=Q(status=s)) for s in OutboxStatus.values},
        )
        .order_by("-dag")
    )
    return [dict(rij) for rij in rijen]


def dead_letters() -> int:
    return Uitgaandbericht.objects.filter(status=OutboxStatus.MISLUKT).count()
