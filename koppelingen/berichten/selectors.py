"""Reads for the import page and the metrics: counts and files, no personal data."""

from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import QuerySet, Sum
from django.utils import timezone

from cris import klok
from koppelingen.berichten.models import Aanlevering, AanleveringStatus, Quarantainebericht, QuarantaineStatus

TELLINGEN = ("ontvangen", "geimporteerd", "dubbel", "quarantaine")


def dagtelling(dag: date | None = None) -> dict[str, int]:
    """The day's accounting over every file that arrived that day: ontvangen = geimporteerd + dubbel + quarantaine."""
    dag = dag or klok.vandaag()
    begin = timezone.make_aware(datetime.combine(dag, time.min))
    eind = timezone.make_aware(datetime.combine(dag, time.max))
    sommen = Aanlevering.objects.filter(gestart__range=(begin, eind)).aggregate(**{k: Sum(k) for k in TELLINGEN})
    return {k: sommen[k] or 0 for k in TELLINGEN}


def lopende_aanleveringen(limit: int = 20) -> QuerySet[Aanlevering]:
    return (
        Aanlevering.objects.filter(status=AanleveringStatus.BEZIG).select_related("partner").order_by("gestart")[:limit]
    )


def recente_aanleveringen(limit: int = 20) -> QuerySet[Aanlevering]:
    return Aanlevering.objects.exclude(status=AanleveringStatus.BEZIG).select_related("partner")[:limit]


def open_quarantaine() -> int:
    return Quarantainebericht.objects.filter(status=QuarantaineStatus.OPEN).count()
