"""Delivery of the event outbox (KOP-3/4) by webhook: each CloudEvent POSTed in structured JSON mode, signed as
the Standard Webhooks specification does (HMAC-SHA256 over "id.timestamp.body" with the partner's secret).

- Order per (partner, casus): an event goes only when no earlier event of its casus for that partner waits. A
  round takes the due head of each (partner, casus) queue, so the heads of different cases may be POSTed at
  the same time: GELIJKTIJDIG in flight, over one urllib3 connection pool per partner (kept-alive
  connections, thread safe).
- A failure (no connection, timeout, 5xx, 408, 429) is retried after the outbox's wait, doubling
  (documenten.services.outbox.wachttijd: CRIS_OUTBOX_WACHTTIJD_SECONDEN, CRIS_OUTBOX_MAX_POGINGEN); all the partner's
  waiting events wait as long, so a partner that is down gets one attempt per wait and keeps its order.
- A refusal (another 4xx), or the last attempt failing, makes the event 'mislukt': the dead-letter list, with
  the reason; the later events of its casus go on. An application manager replays it (opnieuw_aanbieden).
- At least once: a crash between the partner's 2xx and the commit sends the event again; partners deduplicate
  on the CloudEvent id (= webhook-id).

A round is one transaction of a few statements, whatever its size: the heads with what sending needs (the
event as the database's JSON text, the casus's client) in one query, the partners in one, the outcome in one
UPDATE … FROM unnest, the audit entries in one COPY. No model instance per event."""

from __future__ import annotations

import base64
import hmac
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial

import urllib3
from django.conf import settings
from django.db import connection, transaction
from kombu.exceptions import OperationalError

from cris import klok
from cris.audit.api import Actie, audit_record, audit_record_many
from documenten.models import OutboxStatus
from documenten.services.outbox import opnieuw_in_wachtrij, wachttijd
from koppelingen.berichten.models import Ketenpartner
from koppelingen.partners.models import Uitgaandbericht

logger = logging.getLogger(__name__)
TIJDELIJK = {408, 425, 429}
GELIJKTIJDIG = 16  # POSTs in flight at once, over as many kept-alive connections per partner
PARTIJ = 1000  # heads per round
OBJECT_TYPE = Uitgaandbericht._meta.label_lower

# The round's heads and what sending them needs, in id order (the partial index uitgaand_wachtend_id_idx walks
# the waiting rows and stops at the round's size). The event goes out as the database's JSON text: no parsing,
# no encoding in Python.
_KOPPEN = """
SELECT u.id, u.partner_id, u.event_id::text, u.event::text, u.pogingen, u.type, c.client_id
FROM partners_uitgaandbericht u LEFT JOIN casus_casus c ON c.id = u.casus_id
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


@dataclass(slots=True)
class _Rij:
    """One outbox row of a round: what sending and recording its outcome need."""

    id: int
    partner_id: int
    event_id: str
    body: bytes
    pogingen: int
    type: str
    client_id: int | None
    status: str = OutboxStatus.WACHTRIJ
    verzonden_op: datetime | None = None
    volgende_poging: datetime | None = None
    laatste_fout: str = ""


def handtekening(geheim: str | bytes, event_id: str, tijdstempel: str, body: bytes) -> str:
    """Standard Webhooks: ``v1,`` + base64(HMAC-SHA256(secret, f"{id}.{timestamp}." + body))."""
    sleutel = geheim.encode() if isinstance(geheim, str) else geheim
    mac = hmac.digest(sleutel, f"{event_id}.{tijdstempel}.".encode() + body, "sha256")
    return "v1," + base64.b64encode(mac).decode()


class _Bezorger:
    """The HTTP side of one delivery run: a connection pool per partner (GELIJKTIJDIG kept-alive connections,
    shared by the threads), and the partners that failed in the current round."""

    def __init__(self) -> None:
        self.poolen: dict[tuple[int, str], urllib3.HTTPConnectionPool] = {}
        self.gestopt_in_ronde: set[int] = set()
        self.timeout = urllib3.Timeout(connect=settings.WEBHOOK_TIMEOUT, read=settings.WEBHOOK_TIMEOUT)

    def pool(self, partner: Ketenpartner) -> urllib3.HTTPConnectionPool:
        sleutel = (partner.pk, partner.webhook_url)
        pool = self.poolen.get(sleutel)
        if pool is None:
            pool = self.poolen[sleutel] = urllib3.connection_from_url(
                partner.webhook_url, maxsize=GELIJKTIJDIG, block=True, timeout=self.timeout, retries=False
            )
        return pool

    def versturen(self, rij: _Rij, partner: Ketenpartner | None, sleutel: bytes) -> tuple[str | None, bool] | None:
        """One POST. Returns (reason or None when delivered, whether the failure is final), or None when it was
        not sent: the partner failed earlier in this round, the event waits as it was."""
        if partner is None or not partner.webhook_url or not partner.webhook_geheim or not partner.actief:
            return "Geen actieve partner met webhook-URL en -geheim.", True
        if rij.partner_id in self.gestopt_in_ronde:
            return None
        tijdstempel = str(int(klok.nu().timestamp()))
        headers = {
            "Content-Type": "application/cloudevents+json; charset=utf-8",
            "webhook-id": rij.event_id,
            "webhook-timestamp": tijdstempel,
            "webhook-signature": handtekening(sleutel, rij.event_id, tijdstempel, rij.body),
        }
        try:
            antwoord = self.pool(partner).urlopen(
                "POST", partner.webhook_url, body=rij.body, headers=headers, redirect=False, assert_same_host=False
            )
        except (urllib3.exceptions.HTTPError, OSError) as fout:
            self.gestopt_in_ronde.add(rij.partner_id)
            return f"{type(fout).__name__}: {fout}"[:2000], False
        if 200 <= antwoord.status < 300:
            return None, False
        reden = f"HTTP {antwoord.status}: {antwoord.data.decode('utf-8', 'replace')[:500]}"
        definitief = 400 <= antwoord.status < 500 and antwoord.status not in TIJDELIJK
        if not definitief:
            self.gestopt_in_ronde.add(rij.partner_id)
        return reden, definitief

    def sluiten(self) -> None:
        for pool in self.poolen.values():
            pool.close()


def _ronde(uitkomst: Uitkomst, bezorger: _Bezorger, partij: int, pool: ThreadPoolExecutor) -> int:
    """One round: the due head of each (partner, casus) queue, under FOR UPDATE SKIP LOCKED. The heads are of
    different casus keys, so they may be sent at the same time without breaking the order per casus. A
    partner's first event of the round goes alone (a partner that is down gets one attempt), then the rest, as
    many in flight as the pool has threads; after a failure the partner's events not yet sent wait."""
    nu = klok.nu()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(_KOPPEN, [nu, list(uitkomst.gestopt), partij])
            rijen = [
                _Rij(id, partner_id, event_id, event.encode(), pogingen, soort, client_id)
                for id, partner_id, event_id, event, pogingen, soort, client_id in cursor.fetchall()
            ]
        if not rijen:
            return 0
        partners = Ketenpartner.objects.in_bulk({r.partner_id for r in rijen})
        sleutels = {pk: p.webhook_geheim.encode() for pk, p in partners.items()}
        per_partner: dict[int, list[_Rij]] = {}
        for rij in rijen:
            per_partner.setdefault(rij.partner_id, []).append(rij)
        bezorger.gestopt_in_ronde = set()
        gewijzigd: list[_Rij] = []
        verzonden: list[_Rij] = []
        for partner_id, eigen in per_partner.items():
            partner = partners.get(partner_id)
            sturen = partial(bezorger.versturen, partner=partner, sleutel=sleutels.get(partner_id, b""))
            resultaten = [sturen(eigen[0]), *pool.map(sturen, eigen[1:])]
            for rij, resultaat in zip(eigen, resultaten, strict=True):
                if resultaat is None:
                    continue
                reden, definitief = resultaat
                _uitkomst_vastleggen(rij, reden, definitief, nu, uitkomst, verzonden, partner)
                gewijzigd.append(rij)
        _opslaan(gewijzigd)
        for partner_id, volgende in _wachten_per_partner(gewijzigd).items():
            # The partner is unreachable: all its waiting events wait as long (attempts uncounted), so a
            # partner that is down gets one attempt per wait, not one per casus.
            Uitgaandbericht.objects.filter(
                partner_id=partner_id, status=OutboxStatus.WACHTRIJ, volgende_poging__lt=volgende
            ).update(volgende_poging=volgende)
        # Personal data left CRIS: one audit entry per event, in bulk.
        audit_record_many(
            Actie.EXPORTEREN,
            (
                {
                    "object_type": OBJECT_TYPE,
                    "object_id": r.id,
                    "weergave": f"{r.type} → {partners[r.partner_id]}",
                    "client_id": r.client_id,
                    "reason": str(partners[r.partner_id]),
                }
                for r in verzonden
            ),
        )
    return len(rijen)


def _wachten_per_partner(rijen: list[_Rij]) -> dict[int, datetime]:
    wachten: dict[int, datetime] = {}
    for rij in rijen:
        if rij.status == OutboxStatus.WACHTRIJ and rij.volgende_poging:
            wachten[rij.partner_id] = max(rij.volgende_poging, wachten.get(rij.partner_id, rij.volgende_poging))
    return wachten


def _uitkomst_vastleggen(
    rij: _Rij, reden: str | None, definitief: bool, nu, uitkomst: Uitkomst, verzonden: list, partner
) -> None:
    rij.pogingen += 1
    if reden is None:
        rij.status, rij.verzonden_op, rij.volgende_poging, rij.laatste_fout = OutboxStatus.VERZONDEN, nu, None, ""
        verzonden.append(rij)
        uitkomst.verzonden += 1
    elif definitief or rij.pogingen >= settings.OUTBOX_MAX_POGINGEN:
        rij.status, rij.volgende_poging, rij.laatste_fout = OutboxStatus.MISLUKT, None, reden
        uitkomst.mislukt += 1
        logger.warning("event %s to %s on the dead-letter list: %s", rij.event_id, partner, reden)
        audit_record(
            Actie.WIJZIGEN,
            object_type=OBJECT_TYPE,
            object_id=rij.id,
            weergave=f"{rij.type} → {partner}",
            client_id=rij.client_id,
            changes={"status": [OutboxStatus.WACHTRIJ, OutboxStatus.MISLUKT]},
            reason=reden[:500],
        )
    else:
        wacht = wachttijd(rij.pogingen)
        rij.volgende_poging, rij.laatste_fout = nu + timedelta(seconds=wacht), reden
        uitkomst.uitgesteld += 1
        uitkomst.gestopt.add(rij.partner_id)
        uitkomst.opnieuw_na = min(wacht, uitkomst.opnieuw_na or wacht)


def _opslaan(rijen: list[_Rij]) -> None:
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
                [r.id for r in rijen],
                [r.status for r in rijen],
                [r.pogingen for r in rijen],
                [r.verzonden_op for r in rijen],
                [r.volgende_poging for r in rijen],
                [r.laatste_fout for r in rijen],
            ],
        )


def afleveren(*, partij: int = PARTIJ, tijdslimiet: float = 50.0) -> Uitkomst:
    """Deliver what is due, round after round, until nothing is due or ``tijdslimiet`` seconds passed."""
    uitkomst, bezorger = Uitkomst(), _Bezorger()
    begin = time.monotonic()
    try:
        with ThreadPoolExecutor(max_workers=GELIJKTIJDIG, thread_name_prefix="webhook") as pool:
            while time.monotonic() - begin < tijdslimiet and _ronde(uitkomst, bezorger, partij, pool):
                pass
    finally:
        bezorger.sluiten()
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
        rijen = opnieuw_in_wachtrij(Uitgaandbericht, actor=actor, ids=ids, reason="Opnieuw aangeboden")
        if rijen:
            transaction.on_commit(afleveren_aanvragen)
    return len(rijen)


def opruimen(*, batch: int = 10_000) -> dict[str, int]:
    """Retention of the outbox (issue 26; SCH: nothing kept forever): delivered events
    CRIS_OUTBOX_BEWAREN_VERZONDEN_DAGEN after they were sent, dead letters CRIS_OUTBOX_BEWAREN_MISLUKT_DAGEN after
    they were written. Waiting events are never touched (they go when delivered or with their casus). In batches
    of ``batch`` rows, each its own short transaction; idempotent. One audit entry per run that deleted."""
    nu = klok.nu()
    grenzen = {
        OutboxStatus.VERZONDEN: ("verzonden_op", nu - timedelta(days=settings.OUTBOX_BEWAREN_VERZONDEN_DAGEN)),
        OutboxStatus.MISLUKT: ("aangemaakt_op", nu - timedelta(days=settings.OUTBOX_BEWAREN_MISLUKT_DAGEN)),
    }
    gewist = dict.fromkeys(grenzen, 0)
    for status, (kolom, grens) in grenzen.items():
        while True:
            with transaction.atomic():
                ids = list(
                    Uitgaandbericht.objects.filter(status=status, **{f"{kolom}__lt": grens})
                    .order_by("id")
                    .values_list("id", flat=True)[:batch]
                )
                if ids:
                    Uitgaandbericht.objects.filter(pk__in=ids)._raw_delete(Uitgaandbericht.objects.db)
            gewist[status] += len(ids)
            if len(ids) < batch:
                break
    if any(gewist.values()):
        audit_record(
            Actie.VERWIJDEREN,
            object_type=OBJECT_TYPE,
            object_id="bewaartermijn",
            weergave="Uitgaande gebeurtenissen na hun bewaartermijn",
            changes={status: [n, 0] for status, n in gewist.items()},
            reason=f"Bewaartermijn: verzonden {settings.OUTBOX_BEWAREN_VERZONDEN_DAGEN} dagen, "
            f"mislukt {settings.OUTBOX_BEWAREN_MISLUKT_DAGEN} dagen",
        )
    return {str(status): n for status, n in gewist.items()}
