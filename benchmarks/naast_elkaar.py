"""Issue 27's side-by-side run: the other checkout and this one, each with its own F=1 database, measured request by
request in turn. Each side runs a process of its own code (``benchmarks.meetdienst``) that sends one request of a
page's benchmark when told to; this run tells the two alternately (old-new, new-old, new-old, old-new, ...), so a
change in the machine's speed or in what the page cache holds, which on a shared 2-core machine moves a p95 of the
same code by 20-40% between two runs a minute apart, hits both sides alike. Then, twice per side, in the same ABBA
order, the mixed HTTP load of each checkout's own ``python -m benchmarks --alleen gemengd_http`` (its mean counts).
With ``--rondes N`` all of that N times, and each page's verdict on the median of its rounds' p95. Then the verdict
table of ``benchmarks.vergelijk``.

    python -m benchmarks.naast_elkaar /work/wt/arch-oud postgres://postgres@127.0.0.1:5432/cris_bench_oud \\
        postgres://postgres@127.0.0.1:5432/cris_bench --verzoeken 300

The other checkout needs its own virtualenv (``.venv``). Both sides build a page's requests from their own database
with the same seed; the table says how many of them are the same URL on both sides. The result files stay in
``--map`` (printed at the start).
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
    "productierapport",
)  # fmt: skip
HTTP = "gemengd_http"
SEED = 11  # as benchmarks.pagina.meten
MEETDIENST = Path(__file__).resolve().parent / "meetdienst.py"


class Kant:
    """One side's measuring process (benchmarks/meetdienst.py), running that checkout's code on its database."""

    def __init__(self, checkout: Path, db: str):
        self.checkout, self.db = checkout, db
        self.proces = subprocess.Popen(
            [str(checkout / ".venv/bin/python"), "-c", MEETDIENST.read_text()],
            cwd=checkout,
            env={**os.environ, "CRIS_BENCH_DATABASE_URL": db},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def vraag(self, opdracht: dict) -> dict:
        assert self.proces.stdin and self.proces.stdout
        self.proces.stdin.write(json.dumps(opdracht) + "\n")
        self.proces.stdin.flush()
        regel = self.proces.stdout.readline()
        if not regel:
            raise RuntimeError(f"the measuring process of {self.checkout} stopped")
        return json.loads(regel)

    def sluiten(self) -> None:
        if self.proces.stdin:
            self.proces.stdin.close()
        self.proces.wait(timeout=60)


def volgorde(i: int) -> tuple[str, str]:
    """ABBA: old-new, new-old, new-old, old-new, and again."""
    return ("oud", "nieuw") if i % 4 in (0, 3) else ("nieuw", "oud")


def pagina_meten(kanten: dict[str, Kant], pagina: str, aantal: int) -> dict[str, dict]:
    """One page on both sides, request by request in turn: per side its p50, p95 and CPU p95 in ms."""
    opzet = {kant: kanten[kant].vraag({"pagina": pagina, "aantal": aantal, "seed": SEED}) for kant in volgorde(0)}
    tijden: dict[str, list[float]] = {"oud": [], "nieuw": []}
    cpu: dict[str, list[float]] = {"oud": [], "nieuw": []}
    for i in range(len(opzet["nieuw"]["urls"])):
        for kant in volgorde(i):
            if i < len(opzet[kant]["urls"]):
                antwoord = kanten[kant].vraag({"i": i})
                tijden[kant].append(antwoord["ms"])
                cpu[kant].append(antwoord["cpu"])
    gelijk = sum(a == b for a, b in zip(opzet["oud"]["urls"], opzet["nieuw"]["urls"], strict=False))
    return {
        kant: {
            "naam": pagina,
            "omschrijving": opzet[kant]["omschrijving"],
            "verzoeken": len(tijden[kant]),
            "dezelfde_urls": gelijk,
            "fouten": opzet[kant]["fouten"],
            "p50_ms": round(_percentiel(tijden[kant], 50), 2),
            "p95_ms": round(_percentiel(tijden[kant], 95), 2),
            "cpu_p95_ms": round(_percentiel(cpu[kant], 95), 2),
        }
        for kant in kanten
    }


def _percentiel(waarden: list[float], p: int) -> float:
    """As benchmarks.pagina.percentiel: linear between the two nearest of the sorted values."""
    return statistics.quantiles(waarden, n=100, method="inclusive")[p - 1] if len(waarden) > 1 else waarden[0]


def http_meten(checkout: Path, db: str, uitvoer: Path) -> dict:
    """The mixed HTTP load of that checkout's own benchmark (a gunicorn of its code on its database)."""
    opdracht = [str(checkout / ".venv/bin/python"), "-m", "benchmarks", "--schaal", "1", "--alleen", HTTP]
    opdracht += ["--uitvoer", str(uitvoer), "--rapport", str(uitvoer.with_suffix(".md"))]
    env = {**os.environ, "CRIS_BENCH_DATABASE_URL": db}
    subprocess.run(opdracht, cwd=checkout, env=env, check=True, stdout=subprocess.DEVNULL)
    return json.loads(uitvoer.read_text())


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
    parser.add_argument("--verzoeken", type=int, default=300, help="requests per page and side")
    parser.add_argument("--map", type=Path, help="where the result files go (default: a new temporary directory)")
    parser.add_argument("--rondes", type=int, default=1, help="rounds over every page; the verdict takes the median")
    parser.add_argument("--alleen", default="", help=f"only these pages, comma-separated ({HTTP}: the load)")
    args = parser.parse_args()
    alleen = {a for a in args.alleen.split(",") if a}
    paginas = [p for p in PAGINAS if not alleen or p in alleen]
    args.map = args.map or Path(tempfile.mkdtemp(prefix="naast_elkaar-"))
    args.map.mkdir(parents=True, exist_ok=True)
    checkouts = {
        "oud": (args.oud.resolve(), args.oud_db),
        "nieuw": (Path(__file__).resolve().parent.parent, args.nieuw_db),
    }
    print(f"--- result files in {args.map}", file=sys.stderr, flush=True)
    runs: dict[str, list[dict]] = {"oud": [], "nieuw": []}
    for ronde in range(args.rondes):
        if paginas:
            kanten = {kant: Kant(*checkouts[kant]) for kant in volgorde(ronde)}
            for pagina in paginas:
                print(f"--- round {ronde + 1}: {pagina}", file=sys.stderr, flush=True)
                gemeten = pagina_meten(kanten, pagina, args.verzoeken)
                for kant, uitkomst in gemeten.items():
                    runs[kant].append({"paginas": [uitkomst]})
                (args.map / f"{ronde}-{pagina}.json").write_text(json.dumps(gemeten, indent=1))
            for kant in kanten.values():
                kant.sluiten()
        if not alleen or HTTP in alleen:
            for i, kant in enumerate(volgorde(0) + volgorde(1)):
                print(f"--- round {ronde + 1}: {HTTP} {kant}", file=sys.stderr, flush=True)
                runs[kant].append(http_meten(*checkouts[kant], args.map / f"{ronde}-{i}-{kant}-{HTTP}.json"))
    nieuw = samenvoegen(runs["nieuw"])
    print(tabel(samenvoegen(runs["oud"]), nieuw), end="")
    if gelijk := [f"`{p['naam']}` {p['dezelfde_urls']}/{p['verzoeken']}" for p in nieuw["paginas"]]:
        print(f"\nRequests with the same URL on both sides: {', '.join(gelijk)}.")


if __name__ == "__main__":
    main()
