"""`make bench` (issue 11): generate (once) a database at production volume, measure the pages people use
most, a mixed HTTP load, the batch jobs and the import, and write docs/benchmarks.json and the table in
docs/benchmarks.md.

    python -m benchmarks [--schaal 1] [--verzoeken 300] [--alleen casus,werkstroom] [--zonder-http]
    python -m benchmarks --schaal 1 --schalen 0.1,0.3   # issue 27's scaling run: the pages at 0.1, 0.3 and 1

The database: CRIS_BENCH_DATABASE_URL, or the database `cris_bench` in the embedded PostgreSQL. It is
generated when it holds no clients and reused after that (the generation time is recorded when it ran).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
JSON_PAD = ROOT / "docs" / "benchmarks.json"
MD_PAD = ROOT / "docs" / "benchmarks.md"


def _database_url() -> str:
    url = os.environ.get("CRIS_BENCH_DATABASE_URL")
    if url:
        return url
    import psycopg

    from cris.embedded_db import embedded_database_url

    basis = embedded_database_url()
    with psycopg.connect(basis, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = 'cris_bench'").fetchone():
            conn.execute("CREATE DATABASE cris_bench")
    return urlsplit(basis)._replace(path="/cris_bench").geturl()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--schaal", type=float, default=1.0)
    parser.add_argument("--verzoeken", type=int, default=300, help="verzoeken per pagina")
    parser.add_argument("--alleen", default="", help="alleen deze metingen, kommagescheiden")
    parser.add_argument("--zonder-http", action="store_true")
    parser.add_argument("--alleen-paginas", action="store_true", help="alleen de paginametingen (geen batch, HTTP)")
    parser.add_argument("--http-seconden", type=float, default=30)
    parser.add_argument("--import-berichten", type=int, default=100_000)
    parser.add_argument("--schoning-casussen", type=int, default=100_000)
    parser.add_argument(
        "--schalen",
        default="",
        help="schaalrun (issue 27): ook de paginametingen op deze schalen, elk in een eigen database naast die van "
        "--schaal (cris_bench_f0_1 voor 0.1), kommagescheiden: 0.1,0.3,1",
    )
    parser.add_argument("--uitvoer", type=Path, default=JSON_PAD, help="JSON-bestand met de uitkomsten")
    parser.add_argument("--rapport", type=Path, default=MD_PAD, help="Markdown-bestand met de tabel")
    args = parser.parse_args(argv)

    hoofd_url = _database_url()
    schalen = sorted(
        {float(f) for f in args.schalen.split(",") if f.strip()} | ({args.schaal} if args.schalen else set())
    )
    # The scaling run: the smaller scales first, each in a process of its own on its own database; the pages
    # of --schaal are measured below in this process, so all of them come from one run on one machine.
    elders = {f: _schaal_meten(f, args, hoofd_url) for f in schalen if f != args.schaal}
    os.environ["DATABASE_URL"] = hoofd_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cris.settings")
    os.environ["DJANGO_DEBUG"] = "false"
    import django

    django.setup()
    from django.core.management import call_command

    from benchmarks import batch, belasting, pagina, rapport
    from casus.models import Client

    alleen = {a for a in args.alleen.split(",") if a}

    def doen(naam: str) -> bool:
        if args.alleen_paginas and naam not in {s.naam for s in pagina.SCENARIOS}:
            return False
        return not alleen or naam in alleen

    vorige = json.loads(args.uitvoer.read_text()) if args.uitvoer.exists() else {}
    resultaat: dict = {
        "datum": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": _machine(),
        "schaal": args.schaal,
        "paginas": [],
        "batch": [],
    }
    call_command("migrate", verbosity=0)
    if not Client.objects.exists():
        print(f"--- testgegevens genereren op schaal {args.schaal}", flush=True)
        begin = time.monotonic()
        call_command("genereer_testdata", schaal=args.schaal, stdout=sys.stderr)
        resultaat["generatie_seconden"] = round(time.monotonic() - begin, 1)
    else:
        resultaat["generatie_seconden"] = vorige.get("generatie_seconden")
    resultaat["volume"] = batch.volume()

    for scenario in pagina.SCENARIOS:
        if doen(scenario.naam):
            print(f"--- pagina {scenario.naam}", flush=True)
            resultaat["paginas"].append(pagina.meten(scenario, aantal=args.verzoeken))
            print(json.dumps(resultaat["paginas"][-1]), flush=True)
    if doen("casusstatus"):
        print("--- casusstatus herberekenen (alles)", flush=True)
        resultaat["batch"].append(batch.casusstatus())
        print(json.dumps(resultaat["batch"][-1]), flush=True)
    if doen("schoning"):
        print(f"--- schoning: selecteren en {args.schoning_casussen} casussen verwijderen", flush=True)
        resultaat["batch"].append(batch.schoning(args.schoning_casussen))
        print(json.dumps(resultaat["batch"][-1]), flush=True)
    if doen("import") and batch.import_beschikbaar():
        print(f"--- import van {args.import_berichten} berichten", flush=True)
        resultaat["batch"].append(batch.importeren(args.import_berichten))
        print(json.dumps(resultaat["batch"][-1]), flush=True)
    if doen("gemengd_http") and not args.zonder_http:
        print("--- gemengde belasting over HTTP (gunicorn, 2 workers)", flush=True)
        resultaat["http"] = belasting.meten(seconden=args.http_seconden)
        print(json.dumps(resultaat["http"]), flush=True)

    if schalen:
        resultaat["schaling"] = rapport.schaling({**elders, args.schaal: resultaat}, basis=schalen[0])
    if alleen or args.alleen_paginas:  # a partial run updates only what it measured
        resultaat = rapport.samenvoegen(vorige, resultaat)
    args.uitvoer.write_text(json.dumps(resultaat, indent=2, ensure_ascii=False) + "\n")
    rapport.schrijven(resultaat, args.rapport)
    print(f"Resultaten in {args.uitvoer} en {args.rapport}")
    return 0


def _schaal_url(hoofd_url: str, schaal: float) -> str:
    """The database of another scale on the same server: cris_bench_f0_1 for 0.1 (created when missing)."""
    import psycopg

    delen = urlsplit(hoofd_url)
    naam = f"{delen.path.lstrip('/') or 'cris_bench'}_f{schaal:g}".replace(".", "_")
    with psycopg.connect(delen._replace(path="/postgres").geturl(), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [naam]).fetchone():
            conn.execute(f'CREATE DATABASE "{naam}"')
    return delen._replace(path=f"/{naam}").geturl()


def _schaal_meten(schaal: float, args, hoofd_url: str) -> dict:
    """The page benchmarks at one scale, in a child process on that scale's database (generated when empty)."""
    uit = ROOT / "var" / f"bench_schaal_{schaal:g}.json"
    uit.parent.mkdir(exist_ok=True)
    print(f"=== schaal {schaal:g}: paginametingen in een eigen proces", flush=True)
    subprocess.run(
        [sys.executable, "-m", "benchmarks", "--schaal", str(schaal), "--verzoeken", str(args.verzoeken),
         "--zonder-http", "--alleen-paginas", "--alleen", args.alleen, "--uitvoer", str(uit),
         "--rapport", str(uit.with_suffix(".md"))],
        env={**os.environ, "CRIS_BENCH_DATABASE_URL": _schaal_url(hoofd_url, schaal)},
        check=True,
    )  # fmt: skip
    return json.loads(uit.read_text())


def _machine() -> dict:
    try:
        pg = subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        pg = ""
    return {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(), "psql": pg}


if __name__ == "__main__":
    sys.exit(main())
