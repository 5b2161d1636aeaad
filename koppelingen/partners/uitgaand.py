"""Delivery of the event outbox (KOP-3/4) by webhook: each CloudEvent POSTed in structured JSON mode, signed as
the Standard Webhooks specification does (HMAC-SHA256 over "id.timestamp.body" with the partner's secret).

- Order per (partner, casus): an event goes only when no earlier event of its casus for that partner waits. A
  round takes the due head of each (partner, casus) queue, so the heads of different cases may be POSTed at
  the same time: GELIJKTIJDIG in flight, each thread over its own kept-alive connection per partner.
- A failure (no connection, timeout, 5xx, 408, 429) is retried after the outbox's wait, doubling
  (documenten.services.wachttijd: CRIS_OUTBOX_WACHTTIJD_SECONDEN, CRIS_OUTBOX_MAX_POGINGEN); all the partner's
  waiting events wait as long, so a partner that is down gets one attempt per wait and keeps its order.
- A refusal (another 4xx), or the last attempt failing, makes the event 'mislukt': the dead-letter list, with
  the reason; the later events of its casus go on. An application manager replays it (opnieuw_aanbieden).
- At least once: a crash between the partner's 2xx and the commit sends the event again; partners deduplicate
  on the CloudEvent id (= webhook-id)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta

import requests
from django.conf import settings
from django.db import connection, transaction
from kombu.exceptions import OperationalError

from cris import klok
from cris.audit.api import Actie, audit_record, audit_record_many
from documenten.models import OutboxStatus
from documenten.services import wachttijd
from koppelingen.partners.models import Uitgaandbericht

logger = logging.getLogger(__name__)
TIJDELIJK = {408, 425, 429}
GELIJKTIJDIG = 8  # POSTs in flight at once in a round, each over its own kept-alive connection

_KOPPEN = """
SELECT u.id FROM partners_uitgaandbericht u
WHERE u.status = 'wachtrij' AND u.volgende_poging <= %s AND NOT (u.partner_id = ANY(%s))
  AND NOT EXISTS (
    SELECT 1 FROM partners_uitgaandbericht v
    WHERE v.partner_id = u.partner_id AND v.ordersleutel = u.ordersleutel AND v.status = 'wachtrij' AND v.id < u.id
  )
ORDER BY u.id
LIMIT %s
FOR UPDATE OF u SKIP LOCKED
"""


@dataclass
class Uitkomst:
    verzonden: int = 0
    mislukt: int = 0
    uitgesteld: int = 0
    opnieuw_na: int | None = None
    gestopt: set[int] = field(default_factory=set)

    def as_dict(self) -> dict:
        return {"verzonden": self.verzonden, "mislukt": self.mislukt, "uitgesteld": self.uitgesteld}


def handtekening(geheim: str, event_id: str, tijdstempel: str, body: bytes) -> str:
    """Standard Webhooks: ``v1,`` + base64(HMAC-SHA256(secret, f"{id}.{timestamp}." + body))."""
    mac = hmac.new(geheim.encode(), f"{event_id}.{tijdstempel}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode()


def _versturen(rij: Uitgaandbericht, sessies: dict) -> tuple[str | None, bool]:
    """One POST. Returns (reason or None when delivered, whether the failure is final). Each thread keeps its
    own kept-alive connection per partner (a requests.Session is not shared between threads)."""
    partner = rij.partner
    if not partner.webhook_url or not partner.webhook_geheim or not partner.actief:
        return "Geen actieve partner met webhook-URL en -geheim.", True
    body = json.dumps(rij.event, ensure_ascii=False, separators=(",", ":")).encode()
    tijdstempel = str(int(klok.nu().timestamp()))
    headers = {
        "Content-Type": "application/cloudevents+json; charset=utf-8",
        "webhook-id": str(rij.event_id),
        "webhook-timestamp": tijdstempel,
        "webhook-signature": handtekening(partner.webhook_geheim, str(rij.event_id), tijdstempel, body),
    }
    sleutel = (partner.pk, threading.get_ident())
    sessie = sessies.get(sleutel)
    if sessie is None:
        sessie = sessies[sleutel] = requests.Session()
    try:
        antwoord = sessie.post(
            partner.webhook_url, data=body, headers=headers, timeout=settings.WEBHOOK_TIMEOUT, allow_redirects=False
        )
    except requests.RequestException as fout:
        sessies.pop(sleutel, None)
        return f"{type(fout).__name__}: {fout}"[:2000], False
    if 200 <= antwoord.status_code < 300:
        return None, False
    reden = f"HTTP {antwoord.status_code}: {antwoord.text[:500]}"
    return reden, 400 <= antwoord.status_code < 500 and antwoord.status_code not in TIJDELIJK


def _golven(rijen: list[Uitgaandbericht]) -> list[list[Uitgaandbericht]]:
    """A partner's events of one round: the first alone (a partner that is down gets one attempt), then
    GELIJKTIJDIG at a time."""
    return [rijen[:1]] + [rijen[i : i + GELIJKTIJDIG] for i in range(1, len(rijen), GELIJKTIJDIG)]


def _ronde(uitkomst: Uitkomst, sessies: dict, partij: int, pool: ThreadPoolExecutor) -> int:
    """One round: the due head of each (partner, casus) queue, under FOR UPDATE SKIP LOCKED. The heads are of
    different casus keys, so they may be sent at the same time without breaking the order per casus."""
    nu = klok.nu()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(_KOPPEN, [nu, list(uitkomst.gestopt), partij])
            ids = [r[0] for r in cursor.fetchall()]
        if not ids:
            return 0
        rijen = list(Uitgaandbericht.objects.filter(pk__in=ids).select_related("partner", "casus").order_by("id"))
        per_partner: dict[int, list[Uitgaandbericht]] = {}
        for rij in rijen:
            per_partner.setdefault(rij.partner_id, []).append(rij)
        gewijzigd, verzonden = [], []
        for partner_id, eigen in per_partner.items():
            for golf in _golven(eigen):
                if partner_id in uitkomst.gestopt:
                    break  # this partner failed earlier in this round: its events wait for the next run
                for rij, (reden, definitief) in zip(
                    golf, pool.map(lambda r: _versturen(r, sessies), golf), strict=True
                ):
                    _uitkomst_vastleggen(rij, reden, definitief, nu, uitkomst, verzonden)
                    gewijzigd.append(rij)
        _opslaan(gewijzigd)
        for rij in gewijzigd:
            if rij.status == OutboxStatus.WACHTRIJ:
                # The partner is unreachable: all its waiting events wait as long (attempts uncounted), so a
                # partner that is down gets one attempt per wait, not one per casus.
                Uitgaandbericht.objects.filter(
                    partner_id=rij.partner_id, status=OutboxStatus.WACHTRIJ, volgende_poging__lt=rij.volgende_poging
                ).update(volgende_poging=rij.volgende_poging)
        # Personal data left CRIS: one audit entry per event, in bulk.
        audit_record_many(
            Actie.EXPORTEREN,
            (
                {"obj": r, "client_id": r.casus.client_id if r.casus_id else None, "reason": str(r.partner)}
                for r in verzonden
            ),
        )
    return len(ids)


def _uitkomst_vastleggen(rij, reden: str | None, definitief: bool, nu, uitkomst: Uitkomst, verzonden: list) -> None:
    rij.pogingen += 1
    if reden is None:
        rij.status, rij.verzonden_op, rij.volgende_poging, rij.laatste_fout = OutboxStatus.VERZONDEN, nu, None, ""
        verzonden.append(rij)
        uitkomst.verzonden += 1
    elif definitief or rij.pogingen >= settings.OUTBOX_MAX_POGINGEN:
        rij.status, rij.volgende_poging, rij.laatste_fout = OutboxStatus.MISLUKT, None, reden
        uitkomst.mislukt += 1
        logger.warning("event %s to %s on the dead-letter list: %s", rij.event_id, rij.partner, reden)
        audit_record(
            Actie.WIJZIGEN,
            obj=rij,
            client_id=rij.casus.client_id if rij.casus_id else None,
            changes={"status": [OutboxStatus.WACHTRIJ, OutboxStatus.MISLUKT]},
            reason=reden[:500],
        )
    else:
        wacht = wachttijd(rij.pogingen)
        rij.volgende_poging, rij.laatste_fout = nu + timedelta(seconds=wacht), reden
        uitkomst.uitgesteld += 1
        uitkomst.gestopt.add(rij.partner_id)
        uitkomst.opnieuw_na = min(wacht, uitkomst.opnieuw_na or wacht)


def _opslaan(rijen: list[Uitgaandbericht]) -> None:
    """The round's outcome in one statement (Django's bulk_update builds a CASE per field and row: at 500 rows
    its compilation cost more than the database's work)."""
    if not rijen:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"""UPDATE {Uitgaandbericht._meta.db_table} AS u
                SET status = v.s, pogingen = v.p, verzonden_op = v.vo, volgende_poging = v.vp, laatste_fout = v.f
                FROM unnest(%s::bigint[], %s::varchar[], %s::smallint[], %s::timestamptz[], %s::timestamptz[],
                            %s::text[]) AS v(id, s, p, vo, vp, f)
                WHERE u.id = v.id""",  # noqa: S608 - table name from the model, values as parameters
            [
                [r.pk for r in rijen],
                [r.status for r in rijen],
                [r.pogingen for r in rijen],
                [r.verzonden_op for r in rijen],
                [r.volgende_poging for r in rijen],
                [r.laatste_fout for r in rijen],
            ],
        )


def afleveren(*, partij: int = 500, tijdslimiet: float = 50.0) -> Uitkomst:
    """Deliver what is due, round after round, until nothing is due or ``tijdslimiet`` seconds passed."""
    uitkomst, sessies = Uitkomst(), {}
    begin = time.monotonic()
    try:
        with ThreadPoolExecutor(max_workers=GELIJKTIJDIG, thread_name_prefix="webhook") as pool:
            while time.monotonic() - begin < tijdslimiet and _ronde(uitkomst, sessies, partij, pool):
                pass
    finally:
        for sessie in list(sessies.values()):
            sessie.close()
    return uitkomst


def afleveren_aanvragen() -> None:
    """Ask a worker to deliver now: the fast path, called after the commit that wrote the events. It never fails
    the caller (issue 23 item 6): with the broker down the events simply wait in the outbox, in the database,
    and the beat job ``gebeurtenissen-afleveren`` delivers them within a minute of the broker being back."""
    from koppelingen.partners.tasks import gebeurtenissen_afleveren

    try:
        gebeurtenissen_afleveren.delay()
    except OperationalError:
        logger.warning("event delivery not queued (broker down?); gebeurtenissen-afleveren picks it up", exc_info=True)


def opnieuw_aanbieden(*, actor, ids) -> int:
    """Replay (application managers): events from the dead-letter list go back into the queue, attempts anew."""
    with transaction.atomic():
        rijen = list(
            Uitgaandbericht.objects.select_for_update(of=("self",))
            .filter(pk__in=ids, status=OutboxStatus.MISLUKT)
            .select_related("casus")
        )
        for rij in rijen:
            rij.status, rij.pogingen, rij.volgende_poging = OutboxStatus.WACHTRIJ, 0, klok.nu()
            rij.save(update_fields=["status", "pogingen", "volgende_poging"])
            audit_record(
                Actie.WIJZIGEN,
                actor=actor,
                obj=rij,
                client_id=rij.casus.client_id if rij.casus_id else None,
                changes={"status": [OutboxStatus.MISLUKT, OutboxStatus.WACHTRIJ]},
                reason="Opnieuw aangeboden",
                bron="beheer",
            )
        if rijen:
            transaction.on_commit(afleveren_aanvragen)
    return len(rijen)
