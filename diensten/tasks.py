"""Thin Celery tasks for diensten; idempotent (at-least-once delivery)."""

from celery import shared_task

from cris.jobs import nachtjob


@shared_task(name="diensten.tasks.productie_voorberekenen")
@nachtjob("productie_voorberekenen")
def productie_voorberekenen(alles: bool = False) -> list[str]:
    """Hourly (DIE-4): the production figures of closed months that are missing or stale, computed again."""
    from diensten.services.productie import productie_voorberekenen as voorberekenen

    return [maand.isoformat() for maand in voorberekenen(alles=alles)]
