"""Issue 27's side-by-side run, interleaved: for each page the other checkout and this one are measured one right
after the other (in ABBA order: old-new, then new-old), each with its own F=1 database, so that a change in the
machine's load or in what the page cache holds hits both sides alike; the mixed HTTP load twice on each side
(its mean counts). Then the verdict table of ``benchmarks.vergelijk``.

    python -m benchmarks.naast_elkaar /work/wt/arch-oud postgres://postgres@127.0.0.1:5432/cris_bench_oud \\
        postgres://postgres@127.0.0.1:5432/cris_bench

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
    """One side's runs as one result: the pages in the order measured, the mean of its mixed HTTP loads."""
    uit: dict = {"paginas": [p for run in runs for p in run.get("paginas", [])]}
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
    args = parser.parse_args()
    args.map = args.map or Path(tempfile.mkdtemp(prefix="naast_elkaar-"))
    args.map.mkdir(parents=True, exist_ok=True)
    kanten = {
        "oud": (args.oud.resolve(), args.oud_db),
        "nieuw": (Path(__file__).resolve().parent.parent, args.nieuw_db),
    }
    print(f"--- result files in {args.map}", file=sys.stderr, flush=True)
    runs: dict[str, list[dict]] = {"oud": [], "nieuw": []}
    for i, pagina in enumerate(PAGINAS):
        for kant in ("oud", "nieuw") if i % 2 == 0 else ("nieuw", "oud"):
            checkout, db = kanten[kant]
            uitvoer = args.map / f"{kant}-{i}-{pagina}.json"
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
