"""Reads on notifications: always the user's own."""

from __future__ import annotations

from django.db.models import QuerySet

from cris.notificaties.models import Notificatie


def notificaties_van(*, user) -> QuerySet[Notificatie]:
    return Notificatie.objects.filter(ontvanger=user).order_by("-aangemaakt_op", "-id")


def ongelezen_aantal(*, user) -> int:
    return Notificatie.objects.filter(ontvanger=user, gelezen_op__isnull=True).count()
