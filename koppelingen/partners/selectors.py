"""Reads for the import/koppelingen page: the event outbox per day (no personal data)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from cris import klok
from documenten.models import OutboxStatus
from koppelingen.partners.models import Uitgaandbericht


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
