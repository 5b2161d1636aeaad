"""KOP-3/4 outbox throughput: a backlog of events (the outbox after a partner's outage) delivered by the same code
as the Celery task (koppelingen.partners.uitgaand.afleveren) to a webhook receiver on loopback that verifies
every signature, in its own process.

    python -m benchmarks.bench_webhooks --aantal 100000

The events (5 per casus key, so the order per casus is exercised) and the partner stay in the database: run it
against a database meant for it (DATABASE_URL, migrated)."""

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
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cris.settings")
    import django

    django.setup()
    from cris import klok
    from koppelingen.berichten.models import Kanaal, Ketenpartner
    from koppelingen.partners import uitgaand
    from koppelingen.partners.gebeurtenissen import cloudevent
    from koppelingen.partners.models import Uitgaandbericht

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
            data = {"casus": f"CA{i // 5:07d}", "client": f"CL{i // 5:07d}", "titel": "Bevestiging"}
            event = cloudevent(event_id=event_id, soort="brief-verzonden", subject=data["casus"], tijd=nu,
                               volgnummer=i, data=data)  # fmt: skip
            sleutel = f"bench:{i // 5}"
            rijen.append(Uitgaandbericht(partner=partner, ordersleutel=sleutel, event_id=event_id, type=event["type"],
                                         event=event, volgende_poging=nu, aangemaakt_op=nu))  # fmt: skip
        Uitgaandbericht.objects.bulk_create(rijen, batch_size=5000)
        begin = time.monotonic()
        verzonden = mislukt = 0
        while True:
            uitkomst = uitgaand.afleveren(tijdslimiet=3600)
            verzonden, mislukt = verzonden + uitkomst.verzonden, mislukt + uitkomst.mislukt
            if not uitkomst.verzonden and not uitkomst.uitgesteld:
                break
        duur = time.monotonic() - begin
    finally:
        proces.terminate()
    print(json.dumps({"events": args.aantal, "verzonden": verzonden, "mislukt": mislukt, "seconden": round(duur, 1),
                      "per_seconde": round(verzonden / duur)}))  # fmt: skip


if __name__ == "__main__":
    main()
