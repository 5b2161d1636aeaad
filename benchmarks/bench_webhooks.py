"""KOP-3/4 outbox throughput: a backlog of events (the outbox after a partner's outage) delivered by the same code
as the Celery task (koppelingen.partners.uitgaand.afleveren) to a webhook receiver on loopback that verifies
every signature, in its own process.

    CRIS_BENCH_DATABASE_URL=postgres://…/cris_bench python -m benchmarks.bench_webhooks --aantal 100000

The database: CRIS_BENCH_DATABASE_URL (the generated F=1 database of `make bench`), else DATABASE_URL; it must be
migrated. The events (5 per casus key, so the order per casus is exercised) point at real cases of that database
when it has them. Afterwards the events and the benchmark partner are deleted again (their audit entries stay:
the audit log is append-only). The output also gives the machine's load average before and after, and the
database's volume (clients, audit entries), so that a figure is read with what else ran."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import uuid

ONTVANGER = r"""
import base64, hashlib, hmac, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
geheim = sys.argv[1].encode()
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        mac = hmac.new(geheim, f"{self.headers['webhook-id']}.{self.headers['webhook-timestamp']}.".encode() + body,
                       hashlib.sha256).digest()
        ok = hmac.compare_digest("v1," + base64.b64encode(mac).decode(), self.headers["webhook-signature"])
        self.send_response(204 if ok else 401); self.send_header("Content-Length", "0"); self.end_headers()
s = ThreadingHTTPServer(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--aantal", type=int, default=100_000)
    args = parser.parse_args()
    if os.environ.get("CRIS_BENCH_DATABASE_URL"):
        os.environ["DATABASE_URL"] = os.environ["CRIS_BENCH_DATABASE_URL"]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cris.settings")
    os.environ["DJANGO_DEBUG"] = "false"
    import django

    django.setup()
    from django.db import connection

    from casus.models import Casus, Client
    from cris import klok
    from cris.audit.models import AuditEntry
    from koppelingen.berichten.models import Kanaal, Ketenpartner
    from koppelingen.partners import uitgaand
    from koppelingen.partners.gebeurtenissen import cloudevent
    from koppelingen.partners.models import Uitgaandbericht

    volume = {"clients": Client.objects.count(), "casussen": Casus.objects.count()}
    volume["auditregels_geschat"] = _geschat(AuditEntry._meta.db_table)
    casus_ids = list(Casus.objects.order_by("pk").values_list("pk", flat=True)[: args.aantal // 5 + 1])
    belasting_voor = os.getloadavg()
    partner = Ketenpartner(naam="Benchmark", code=f"bench-{uuid.uuid4().hex[:8]}", kanaal=Kanaal.MSH)
    geheim = partner.nieuw_webhook_geheim()
    proces = subprocess.Popen([sys.executable, "-c", ONTVANGER, geheim], stdout=subprocess.PIPE, text=True)
    try:
        poort = int(proces.stdout.readline())
        partner.webhook_url = f"http://127.0.0.1:{poort}/webhook"
        partner.save()
        nu = klok.nu()
        rijen = []
        for i in range(args.aantal):
            event_id = uuid.uuid4()
            casus_id = casus_ids[i // 5] if i // 5 < len(casus_ids) else None
            nummer = casus_id or i // 5
            data = {"casus": f"CA{nummer:07d}", "client": f"CL{nummer:07d}", "titel": "Bevestiging"}
            event = cloudevent(event_id=event_id, soort="brief-verzonden", subject=data["casus"], tijd=nu,
                               volgnummer=i, data=data)  # fmt: skip
            sleutel = f"casus:{casus_id}" if casus_id else f"bench:{i // 5}"
            rijen.append(Uitgaandbericht(partner=partner, casus_id=casus_id, ordersleutel=sleutel, event_id=event_id,
                                         type=event["type"], event=event, volgende_poging=nu,
                                         aangemaakt_op=nu))  # fmt: skip
        Uitgaandbericht.objects.bulk_create(rijen, batch_size=5000)
        with connection.cursor() as cursor:  # as autovacuum would soon: the planner must know of the backlog
            cursor.execute(f"ANALYZE {Uitgaandbericht._meta.db_table}")
        begin = time.monotonic()
        verzonden = mislukt = 0
        while True:
            uitkomst = uitgaand.afleveren(tijdslimiet=3600)
            verzonden, mislukt = verzonden + uitkomst.verzonden, mislukt + uitkomst.mislukt
            if not uitkomst.verzonden and not uitkomst.uitgesteld:
                break
        duur = time.monotonic() - begin
        print(json.dumps({"events": args.aantal, "verzonden": verzonden, "mislukt": mislukt,
                          "seconden": round(duur, 1), "per_seconde": round(verzonden / duur), "database": volume,
                          "belasting_voor": [round(x, 2) for x in belasting_voor],
                          "belasting_na": [round(x, 2) for x in os.getloadavg()]}), flush=True)  # fmt: skip
    finally:
        proces.terminate()
        if partner.pk:  # what this run made, by primary key: no cascade to look through
            Uitgaandbericht.objects.filter(partner=partner).delete()
            Ketenpartner.objects.filter(pk=partner.pk)._raw_delete(Ketenpartner.objects.db)


def _geschat(tabel: str) -> int:
    """The planner's row estimate (a count(*) of the audit log takes minutes at F=1), partitions included."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(greatest(c.reltuples, 0)), 0)::bigint FROM pg_class c WHERE c.oid = %s::regclass "
            "OR c.oid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = %s::regclass)",
            [tabel, tabel],
        )
        return cursor.fetchone()[0]


if __name__ == "__main__":
    main()
