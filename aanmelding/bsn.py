"""AAN-6: a referral with a BSN is checked with BVBSN after it is stored. The check belongs to
koppelingen.bsn, a higher layer than aanmelding, so it is asked for by task name: the referral is saved and
flagged whether or not BVBSN answers, and the retry run (every 5 minutes) catches what this one missed."""

from __future__ import annotations

import logging

from aanmelding.models import Signalering

logger = logging.getLogger(__name__)

BSN_CONTROLE_TAAK = "koppelingen.bsn.tasks.bsn_controleren"


def bsn_signaleringen(bsn: str, signaleringen: list[str]) -> list[str]:
    """A referral with a BSN is flagged 'not yet checked' until BVBSN has answered."""
    if bsn and Signalering.BSN_NIET_GECONTROLEERD not in signaleringen:
        return [*signaleringen, Signalering.BSN_NIET_GECONTROLEERD]
    return list(signaleringen)


def bsn_controle_aanvragen(aanmelding_ids: list[int]) -> None:
    """Queue the BVBSN check (call after commit). Never fails the caller: the retry run picks it up."""
    from cris.celery import app

    try:
        app.tasks[BSN_CONTROLE_TAAK].delay(aanmelding_ids)
    except Exception:  # the broker may be down too; the flag stays and the retry run checks later
        logger.exception("BSN-controle niet in de wachtrij gezet voor aanmeldingen %s", aanmelding_ids)
