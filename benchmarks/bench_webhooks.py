"""KOP-3/4 outbox throughput: a backlog of events (the outbox after a partner's outage) delivered by the same code
as the Celery task (koppelingen.partners.uitgaand.afleveren) to a webhook receiver on loopback that verifies
every signature, in its own process.

    CRIS_BENCH_DATABASE_URL=postgres://…/cris_bench python -m benchmarks.bench_webhooks --aantal 100000

The database: CRIS_BENCH_DATABASE_URL (the generated F=1 database of `make bench`), else DATABASE_URL; it must be
migrated. The events (5 per casus key, so the order per casus is exercised) point at real cases of that database
when it has them. Afterwards the database is left as it was found: the events, the benchmark partner and the
audit entries of the deliveries are deleted (the audit entries as the retention purge's role cris_audit_schoner,
the only role the append-only log lets delete: the benchmark's database user must be able to SET ROLE to it, as
the postgres superuser of `make bench` can), and the outbox table is vacuumed. The output also gives the
machine's load average before and after, and the database's volume (clients, audit entries), so that a figure
is read with what else ran."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import uuid

# The partner's receiver: asyncio, one coroutine per kept-alive connection, HTTP/1.1 parsed by hand (request line,
# headers, Content-Length body), every signature verified (204, or 401 for a bad one). A receiver in Python's
# http.server costs more CPU per request than the sender does (its header parsing goes through the email
# package) and then measures itself, not CRIS.
ONTVANGER = r"""
import asyncio, base64, hmac, sys
geheim = sys.argv[1].encode()
ANTWOORD = {True: b"HTTP/1.1 204 No Content\r\n\r\n", False: b"HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n"}
async def verbinding(reader, writer):
    try:
        while True:
            kop = await reader.readuntil(b"\r\n\r\n")
            h = {}
            for regel in kop.split(b"\r\n")[1:]:
                naam, _, waarde = regel.partition(b":")
                h[naam.strip().lower()] = waarde.strip()
            body = await reader.readexactly(int(h[b"content-length"]))
            mac = hmac.digest(geheim, h[b"webhook-id"] + b"." + h[b"webhook-timestamp"] + b"." + body, "sha256")
            writer.write(ANTWOORD[hmac.compare_digest(b"v1," + base64.b64encode(mac), h[b"webhook-signature"])])
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()
async def main():
    server = await asyncio.start_server(verbinding, "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()
asyncio.run(main())
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
    begin_run = None
    proces = subprocess.Popen([sys.executable, "-c", ONTVANGER, geheim], stdout=subprocess.PIPE, text=True)
    try:
        poort = int(proces.stdout.readline())
        partner.webhook_url = f"http://127.0.0.1:{poort}/webhook"
        partner.save()
        nu = begin_run = klok.nu()
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
        if partner.pk:
            _opruimen(partner, begin_run)


def _opruimen(partner, begin_run) -> None:
    """What this run made, by the partner's primary key: its events, their audit entries (written since the run
    began, about this partner's events), the partner; then VACUUM, so the outbox is as large as before."""
    from django.db import connection, transaction

    from cris.audit.models import AuditEntry
    from koppelingen.berichten.models import Ketenpartner
    from koppelingen.partners.models import Uitgaandbericht

    ids = [str(i) for i in Uitgaandbericht.objects.filter(partner=partner).values_list("pk", flat=True)]
    with transaction.atomic(), connection.cursor() as cursor:
        if ids and begin_run is not None:
            cursor.execute("SET LOCAL ROLE cris_audit_schoner")
            cursor.execute(
                f"DELETE FROM {AuditEntry._meta.db_table} WHERE tijdstip >= %s AND object_type = %s "  # noqa: S608
                "AND object_id = ANY(%s)",
                [begin_run, Uitgaandbericht._meta.label_lower, ids],
            )
            print(json.dumps({"auditregels_verwijderd": cursor.rowcount}), flush=True)
            cursor.execute("RESET ROLE")
        Uitgaandbericht.objects.filter(partner=partner)._raw_delete(Uitgaandbericht.objects.db)
        Ketenpartner.objects.filter(pk=partner.pk)._raw_delete(Ketenpartner.objects.db)
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {Uitgaandbericht._meta.db_table}")


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
