"""Issue 27's side-by-side run, interleaved: for each page the other checkout and this one are measured one right
after the other (in ABBA order: old-new, then new-old), each with its own F=1 database, so that a change in the
machine's load or in what the page cache holds hits both sides alike; the mixed HTTP load twice on each side
(its mean counts); with ``--rondes N`` all of that N times, and each page's verdict on the median of its rounds' p95.
Then the verdict table of ``benchmarks.vergelijk``.

    python -m benchmarks.naast_elkaar /work/wt/arch-oud postgres://postgres@127.0.0.1:5432/cris_bench_oud \\
        postgres://postgres@127.0.0.1:5432/cris_bench --rondes 3

The other checkout needs its own virtualenv (``.venv``); each side runs ``python -m benchmarks --alleen <page>``
of its own code. The result files stay in ``--map`` (one per side and page; printed at the start).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.vergelijk import tabel

PAGINAS = (
    "werkstroom", "werkstroom_filters", "volgende_taak", "casus", "clientzoeker", "zoeken", "beoordelen", "taak",
    "productierapport", "gemengd_http", "gemengd_http",
)  # fmt: skip


def samenvoegen(runs: list[dict]) -> dict:
    """One side's runs as one result: per page (in the order first measured) the median of its rounds' p95 and CPU
    p95, with each round's p95; the mean of its mixed HTTP loads. A p95 of 100 requests moves by 20-40% between two
    runs of the same code on this kind of machine; the median of several interleaved rounds much less."""
    per_naam: dict[str, list[dict]] = {}
    for run in runs:
        for p in run.get("paginas", []):
            per_naam.setdefault(p["naam"], []).append(p)
    paginas = []
    for rondes in per_naam.values():
        pagina = dict(rondes[0])
        for sleutel in ("p50_ms", "p95_ms", "cpu_p95_ms", "vloer_p95_ms"):
            if all(r.get(sleutel) is not None for r in rondes):
                pagina[sleutel] = round(statistics.median(r[sleutel] for r in rondes), 2)
        pagina["rondes_p95_ms"] = [r["p95_ms"] for r in rondes]
        paginas.append(pagina)
    uit: dict = {"paginas": paginas}
    if http := [run["http"] for run in runs if run.get("http")]:
        uit["http"] = {
            "per_seconde": round(statistics.mean(h["per_seconde"] for h in http), 1),
            "runs": [h["per_seconde"] for h in http],
        }
    return uit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("oud", type=Path, help="the other checkout (with .venv)")
    parser.add_argument("oud_db", help="its F=1 database URL")
    parser.add_argument("nieuw_db", help="this checkout's F=1 database URL")
    parser.add_argument("--verzoeken", type=int, default=100)
    parser.add_argument("--map", type=Path, help="where the result files go (default: a new temporary directory)")
    parser.add_argument("--rondes", type=int, default=1, help="rounds over every page; the verdict takes the median")
    parser.add_argument("--alleen", default="", help="only these pages, comma-separated (gemengd_http: the load)")
    args = parser.parse_args()
    alleen = {a for a in args.alleen.split(",") if a}
    paginas = [p for p in PAGINAS if not alleen or p in alleen]
    args.map = args.map or Path(tempfile.mkdtemp(prefix="naast_elkaar-"))
    args.map.mkdir(parents=True, exist_ok=True)
    kanten = {
        "oud": (args.oud.resolve(), args.oud_db),
        "nieuw": (Path(__file__).resolve().parent.parent, args.nieuw_db),
    }
    print(f"--- result files in {args.map}", file=sys.stderr, flush=True)
    runs: dict[str, list[dict]] = {"oud": [], "nieuw": []}
    metingen = [(ronde, pagina) for ronde in range(args.rondes) for pagina in paginas]
    for i, (ronde, pagina) in enumerate(metingen):
        for kant in ("oud", "nieuw") if i % 2 == 0 else ("nieuw", "oud"):
            checkout, db = kanten[kant]
            uitvoer = args.map / f"{kant}-{ronde}-{i}-{pagina}.json"
            opdracht = [str(checkout / ".venv/bin/python"), "-m", "benchmarks", "--schaal", "1", "--verzoeken"]
            opdracht += [str(args.verzoeken), "--alleen", pagina, "--uitvoer", str(uitvoer)]
            opdracht += ["--rapport", str(uitvoer.with_suffix(".md"))]
            print(f"--- {kant}: {pagina}", file=sys.stderr, flush=True)
            env = {**os.environ, "CRIS_BENCH_DATABASE_URL": db}
            subprocess.run(opdracht, cwd=checkout, env=env, check=True, stdout=subprocess.DEVNULL)
            runs[kant].append(json.loads(uitvoer.read_text()))
    print(tabel(samenvoegen(runs["oud"]), samenvoegen(runs["nieuw"])), end="")


if __name__ == "__main__":
    main()
