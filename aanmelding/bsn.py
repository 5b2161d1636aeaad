"""AAN-6: a referral with a BSN is checked with BVBSN after it is stored. The check belongs to
koppelingen.bsn, a higher layer than aanmelding, so it is asked for by task name: the referral is saved and
flagged whether or not BVBSN answers, and the retry run (every 5 minutes) catches what this one missed."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction

from aanmelding.models import Signalering

if TYPE_CHECKING:
    from aanmelding.models import Aanmelding

logger = logging.getLogger(__name__)

BSN_CONTROLE_TAAK = "koppelingen.bsn.tasks.bsn_controleren"
CONTROLE_PARTIJ = 100  # BSNs per task: an import of 500 victims becomes five tasks, not one long one


def bsn_signaleringen(bsn: str, signaleringen: list[str]) -> list[str]:
    """A referral with a BSN is flagged 'not yet checked' until BVBSN has answered."""
    if bsn and Signalering.BSN_NIET_GECONTROLEERD not in signaleringen:
        return [*signaleringen, Signalering.BSN_NIET_GECONTROLEERD]
    return list(signaleringen)


def bsn_controle_inplannen(aanmeldingen: Sequence[Aanmelding]) -> None:
    """AAN-6, for every way a referral comes in (manual entry, EDP/EDOM import): flag each referral with a BSN
    'not yet checked' and queue its BVBSN check once the caller's transaction commits. Call inside that
    transaction, before the referrals are saved; their ids are read at commit, when they have them. Nothing
    is queued when the transaction rolls back."""
    met_bsn = [a for a in aanmeldingen if a.bsn]
    for aanmelding in met_bsn:
        aanmelding.signaleringen = bsn_signaleringen(aanmelding.bsn, aanmelding.signaleringen)
    if met_bsn:
        transaction.on_commit(lambda: bsn_controle_aanvragen([a.pk for a in met_bsn]))


def bsn_controle_aanvragen(aanmelding_ids: list[int]) -> None:
    """Queue the BVBSN check (call after commit). Never fails the caller: the retry run picks it up."""
    from cris.celery import app

    try:
        for begin in range(0, len(aanmelding_ids), CONTROLE_PARTIJ):
            app.tasks[BSN_CONTROLE_TAAK].delay(list(aanmelding_ids[begin : begin + CONTROLE_PARTIJ]))
    except Exception:  # the broker may be down too; the flag stays and the retry run checks later
        logger.exception("BSN-controle niet in de wachtrij gezet voor aanmeldingen %s", aanmelding_ids)
