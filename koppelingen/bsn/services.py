"""AAN-6: the BVBSN check of referrals. A referral stays flagged 'BSN nog niet gecontroleerd' until BVBSN
answers; then the flag goes and what BVBSN said (unknown BSN, duplicate signal, the person it knows) is kept
on the referral for the reviewer. Every answer is an audited write of personal data."""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import F, Func, Q, Value

from aanmelding.models import OPEN_AANMELDINGSTATUSSEN, Aanmelding, Signalering
from cris import klok
from cris.audit.api import Actie, audit_record
from koppelingen.bsn.client import BsnUitkomst, BvbsnNietBeschikbaar, bsn_controleren

logger = logging.getLogger(__name__)

BSN_SIGNALERINGEN = {Signalering.BSN_NIET_GECONTROLEERD, Signalering.BSN_ONBEKEND, Signalering.BSN_DOUBLURE}


def te_controleren() -> Q:
    """Open referrals with a BSN that BVBSN has not answered on yet."""
    return Q(status__in=OPEN_AANMELDINGSTATUSSEN, bsn_gecontroleerd_op__isnull=True) & ~Q(bsn="")


def aanmeldingen_bsn_controleren(*, aanmelding_ids: list[int]) -> dict:
    """Check these referrals' BSNs with BVBSN, one call each. When BVBSN is down the rest wait for the next
    run (no point in queueing more calls on a service that does not answer). Idempotent: a referral already
    checked is skipped."""
    uitkomst = {"gecontroleerd": 0, "onbekend": 0, "doublure": 0, "uitgesteld": 0}
    ids = list(
        Aanmelding.objects.filter(te_controleren(), pk__in=aanmelding_ids).order_by("pk").values_list("pk", "bsn")
    )
    for index, (pk, bsn) in enumerate(ids):
        try:
            antwoord = bsn_controleren(bsn)
        except BvbsnNietBeschikbaar as fout:
            logger.warning("BVBSN niet beschikbaar; %d BSN-controles uitgesteld: %s", len(ids) - index, fout)
            _markeren_als_niet_gecontroleerd([p for p, _ in ids[index:]])
            uitkomst["uitgesteld"] = len(ids) - index
            break
        if _vastleggen(pk, bsn, antwoord):
            uitkomst["gecontroleerd"] += 1
            uitkomst["onbekend"] += not (antwoord.bekend and antwoord.geldig)
            uitkomst["doublure"] += antwoord.doublure
    return uitkomst


def _markeren_als_niet_gecontroleerd(ids: list[int]) -> None:
    """Referrals that came in without the flag (imports) get it while they wait: one conditional UPDATE."""
    vlag = Signalering.BSN_NIET_GECONTROLEERD
    Aanmelding.objects.filter(pk__in=ids).exclude(signaleringen__contains=[vlag]).update(
        signaleringen=Func(F("signaleringen"), Value(vlag), function="array_append")
    )


def _vastleggen(pk: int, bsn: str, antwoord: BsnUitkomst) -> bool:
    with transaction.atomic():
        aanmelding = Aanmelding.objects.select_for_update().filter(te_controleren(), pk=pk, bsn=bsn).first()
        if aanmelding is None:  # checked meanwhile, or the BSN changed: nothing to record
            return False
        oud = list(aanmelding.signaleringen)
        nieuw = [s for s in oud if s not in BSN_SIGNALERINGEN]
        if not (antwoord.bekend and antwoord.geldig):
            nieuw.append(Signalering.BSN_ONBEKEND)
        if antwoord.doublure:
            nieuw.append(Signalering.BSN_DOUBLURE)
        aanmelding.signaleringen = nieuw
        aanmelding.bsn_gecontroleerd_op = klok.nu()
        aanmelding.bsn_persoon = antwoord.persoon
        aanmelding.save(update_fields=["signaleringen", "bsn_gecontroleerd_op", "bsn_persoon"])
        audit_record(
            Actie.WIJZIGEN,
            obj=aanmelding,
            reason="BSN-controle BVBSN",
            changes={"signaleringen": [oud, nieuw], "bsn_persoon": [None, bool(antwoord.persoon)]},
        )
    return True
