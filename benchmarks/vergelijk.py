"""Issue 27's side-by-side verdict: two result files of `python -m benchmarks` (the same pages, one machine, one run
after the other) as one Markdown table: each page's p95 and CPU p95 before and after, and the mixed HTTP load.

    python -m benchmarks.vergelijk /tmp/oud.json /tmp/nieuw.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

P95_MAX_STIJGING = 0.20  # no page's p95 more than 20% worse
HTTP_MIN_AANDEEL = 0.85  # the mixed HTTP load at least 85% of the earlier figure


def tabel(oud: dict, nieuw: dict) -> str:
    regels = [
        "| page | p95 ms before | p95 ms after | change | cpu p95 ms before → after | rounds' p95 before / after "
        "| ≤ +20% |",
        "| --- | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    voor = {p["naam"]: p for p in oud.get("paginas", [])}
    for p in nieuw.get("paginas", []):
        o = voor.get(p["naam"])
        if o is None:
            continue
        verschil = p["p95_ms"] / o["p95_ms"] - 1
        cpu = f"{o.get('cpu_p95_ms', '–')} → {p.get('cpu_p95_ms', '–')}"
        oordeel = "✔" if verschil <= P95_MAX_STIJGING else "✘"
        pagina = f"{p['omschrijving']} (`{p['naam']}`)"
        rondes = " / ".join(", ".join(map(str, x.get("rondes_p95_ms", [x["p95_ms"]]))) for x in (o, p))
        regels.append(f"| {pagina} | {o['p95_ms']} | {p['p95_ms']} | {verschil:+.0%} | {cpu} | {rondes} | {oordeel} |")
    if oud.get("http") and nieuw.get("http"):
        a, b = oud["http"]["per_seconde"], nieuw["http"]["per_seconde"]
        oordeel = "✔" if b >= HTTP_MIN_AANDEEL * a else "✘"
        runs = [x["http"].get("runs", [x["http"]["per_seconde"]]) for x in (oud, nieuw)]
        rondes = " / ".join(", ".join(map(str, r)) for r in runs)
        regels.append(
            f"| **mixed HTTP load** (req/s) | {a} | {b} | {b / a:.0%} of before | | {rondes} | {oordeel} (≥ 85%) |"
        )
    return "\n".join(regels) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("oud", type=Path)
    parser.add_argument("nieuw", type=Path)
    args = parser.parse_args()
    print(tabel(json.loads(args.oud.read_text()), json.loads(args.nieuw.read_text())), end="")


if __name__ == "__main__":
    main()
