"""The table in docs/benchmarks.md, written between two markers from docs/benchmarks.json."""

from __future__ import annotations

from pathlib import Path

BEGIN = "<!-- benchmarks:begin (geschreven door `make bench`; niet met de hand wijzigen) -->"
EINDE = "<!-- benchmarks:einde -->"

# Page → p95 ceiling in ms (issue 11's "must show"; issues 24 and 25 for the pages they rebuilt); others are
# measured without a ceiling.
P95_GRENS = {
    "werkstroom": 50,
    "casus": 50,
    "clientzoeker": 50,
    "zoeken": 50,
    "productierapport": 1000,
    # issue 24: the edited pages, and the finder's surname-only search
    "client": 50,
    "casus_bewerken": 50,
    "adres_opslaan": 50,
    "tijdlijn": 50,
    "clientzoeker_achternaam": 50,
    # issue 25: the rebuilt pages
    "taak": 50,
    "mijn_werk": 50,
    "aanmelding_beoordelen": 50,
}
HTTP_GRENS = 150
CASUSSTATUS_GRENS = 60
IMPORT_GRENS = 1000
GENERATIE_GRENS = 30 * 60


def samenvoegen(vorige: dict, nieuw: dict) -> dict:
    """A partial run replaces the figures it measured and keeps the others."""
    uit = {**vorige, **{k: v for k, v in nieuw.items() if k not in ("paginas", "batch")}}
    for lijst in ("paginas", "batch"):
        gemeten = {r["naam"]: r for r in nieuw.get(lijst, [])}
        oud = [r for r in vorige.get(lijst, []) if r["naam"] not in gemeten]
        uit[lijst] = oud + list(gemeten.values())
    if "http" not in nieuw and "http" in vorige:
        uit["http"] = vorige["http"]
    # A kept row (page, throughput, batch) says when it was measured (a row without that date: the earlier run's).
    eerder = vorige.get("datum")
    for lijst in ("paginas", "batch"):
        gemeten = {r["naam"] for r in nieuw.get(lijst, [])}
        uit[lijst] = [{"gemeten": eerder, **r} if r["naam"] not in gemeten else r for r in uit[lijst]]
    if "http" not in nieuw and "http" in uit:
        uit["http"] = {"gemeten": eerder, **uit["http"]}
    return uit


def _wanneer(rij: dict, r: dict, voor: str = ", gemeten ", na: str = "") -> str:
    """For a row kept from an earlier run than the report's: when it was measured (", gemeten <datum>")."""
    return f"{voor}{rij['gemeten']}{na}" if rij.get("gemeten") and rij["gemeten"] != r.get("datum") else ""


SCHAAL_GRENS = 1.5  # issue 27: a page's p95 at F=1 within 1.5x of its p95 at the smallest scale


def schaling(per_schaal: dict[float, dict], *, basis: float) -> dict:
    """Issue 27's scaling run: each page's p95 per scale, and the ratio of the largest scale to `basis`."""
    schalen = sorted(per_schaal)
    paginas: dict[str, dict] = {}
    for schaal in schalen:
        for p in per_schaal[schaal].get("paginas", []):
            rij = paginas.setdefault(
                p["naam"], {"omschrijving": p["omschrijving"], "p95_ms": {}, "cpu_p95_ms": {}, "vloer_p95_ms": {}}
            )
            rij["p95_ms"][f"{schaal:g}"] = p["p95_ms"]
            rij["cpu_p95_ms"][f"{schaal:g}"] = p.get("cpu_p95_ms")
            rij["vloer_p95_ms"][f"{schaal:g}"] = p["vloer_p95_ms"]
    for rij in paginas.values():
        eerste, laatste = rij["p95_ms"].get(f"{basis:g}"), rij["p95_ms"].get(f"{schalen[-1]:g}")
        rij["verhouding"] = round(laatste / eerste, 2) if eerste and laatste else None
        eerste, laatste = rij["cpu_p95_ms"].get(f"{basis:g}"), rij["cpu_p95_ms"].get(f"{schalen[-1]:g}")
        rij["cpu_verhouding"] = round(laatste / eerste, 2) if eerste and laatste else None
    volumes = {f"{s:g}": per_schaal[s].get("volume", {}) for s in schalen}
    return {"schalen": [f"{s:g}" for s in schalen], "basis": f"{basis:g}", "paginas": paginas, "volume": volumes}


def _schaling_tabel(s: dict) -> list[str]:
    kop = " | ".join(f"p95 ms F={f}" for f in s["schalen"])
    regels = [
        "",
        f"### Schaalrun (issue 27): p95 per schaal, F={s['schalen'][-1]} tegen F={s['basis']} "
        f"(grens ≤ {SCHAAL_GRENS}×)",
        "",
        f"| pagina | {kop} | verhouding | | cpu p95 ms F={s['schalen'][0]} → F={s['schalen'][-1]} | cpu-verhouding "
        f"| vloer p95 ms F={s['schalen'][0]} → F={s['schalen'][-1]} |",
        "| --- | " + "---: | " * len(s["schalen"]) + "---: | --- | ---: | ---: | ---: |",
    ]
    for p in s["paginas"].values():
        waarden = " | ".join(str(p["p95_ms"].get(f, "–")) for f in s["schalen"])
        vloer = f"{p['vloer_p95_ms'].get(s['schalen'][0], '–')} → {p['vloer_p95_ms'].get(s['schalen'][-1], '–')}"
        cpu = f"{p['cpu_p95_ms'].get(s['schalen'][0], '–')} → {p['cpu_p95_ms'].get(s['schalen'][-1], '–')}"
        regels.append(
            f"| {p['omschrijving']} | {waarden} | {p['verhouding']}× | {_oordeel(p['verhouding'], SCHAAL_GRENS)} "
            f"| {cpu} | {p.get('cpu_verhouding')}× | {vloer} |"
        )
    return regels


def _oordeel(waarde, grens, kleiner_is_beter=True) -> str:
    if grens is None or waarde is None:
        return ""
    ok = waarde <= grens if kleiner_is_beter else waarde >= grens
    return "✔" if ok else "✘"


def tabel(r: dict) -> str:
    regels = [
        f"Gemeten {r.get('datum', '?')} op {r.get('machine', {}).get('cpus', '?')} cores, schaal "
        f"{r.get('schaal')} ({_volume(r.get('volume', {}))}).",
        "",
        "### Pagina's (servertijd door de hele Django-stack; vloer = dezelfde SQL alleen)",
        "",
        "| pagina | verzoeken | p50 ms | p95 ms | p99 ms | grens p95 | | cpu p95 ms | queries (max) | vloer p50 ms "
        "| vloer p95 ms | load voor → na |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for p in r.get("paginas", []):
        grens = P95_GRENS.get(p["naam"])
        regels.append(
            f"| {p['omschrijving']}{_wanneer(p, r, ' (gemeten ', ')')} | {p['verzoeken']} | {p['p50_ms']} | "
            f"{p['p95_ms']} | {p['p99_ms']} | "
            f"{grens or '–'} | {_oordeel(p['p95_ms'], grens)} | {p.get('cpu_p95_ms', '–')} | {p['queries_max']} | "
            f"{p['vloer_p50_ms']} | "
            f"{p['vloer_p95_ms']} | {' → '.join(map(str, p.get('load', []))) or '–'} |"
        )
    from benchmarks.pagina import NOG_NIET

    for naam, tekst in NOG_NIET.items():
        regels.append(f"| {tekst} | – | – | – | – | {P95_GRENS.get(naam, '–')} | | – | – | – | – | – |")
    if r.get("schaling"):
        regels += _schaling_tabel(r["schaling"])
    regels += [
        "",
        "### Doorvoer en batch",
        "",
        "| meting | uitkomst | grens | | vloer |",
        "| --- | --- | ---: | --- | --- |",
    ]
    http = r.get("http")
    if http:
        regels.append(
            f"| Gemengde paginabelasting over HTTP (gunicorn {http['workers']} workers, {http['gelijktijdig']} "
            f"gelijktijdig, {http['seconden']} s) | {http['per_seconde']} verzoeken/s, p50 {http['p50_ms']} ms, "
            f"p95 {http['p95_ms']} ms, {http['fouten']} fouten{_wanneer(http, r)} | ≥ {HTTP_GRENS}/s | "
            f"{_oordeel(http['per_seconde'], HTTP_GRENS, kleiner_is_beter=False)} | |"
        )
    for b in r.get("batch", []):
        if b["naam"] == "casusstatus":
            regels.append(
                f"| {b['omschrijving']} | {b['seconden']} s voor {b['casussen']:,} casussen "
                f"({b['gewijzigd']} gewijzigd{_wanneer(b, r)}) "
                f"| ≤ {CASUSSTATUS_GRENS} s | {_oordeel(b['seconden'], CASUSSTATUS_GRENS)} | {b['vloer_seconden']} s |"
            )
        elif b["naam"] == "import":
            regels.append(
                f"| {b.get('omschrijving', 'Import')} | {b['per_seconde']} berichten/s ({b['berichten']:,} in "
                f"{b['seconden']} s{_wanneer(b, r)}) | ≥ {IMPORT_GRENS}/s | "
                f"{_oordeel(b['per_seconde'], IMPORT_GRENS, False)} | |"
            )
            if b.get("automatisch_per_seconde"):
                regels.append(
                    f"| Automatische verwerking na de import (AAN-8/9, zoals een worker; steekproef) | "
                    f"{b['automatisch_per_seconde']} aanmeldingen/s ({b['automatisch']:,} aanmeldingen) | | | |"
                )
    if r.get("generatie_seconden"):
        g = r["generatie_seconden"]
        regels.append(
            f"| Testgegevens genereren (`genereer_testdata --schaal {r.get('schaal')}`) | {g / 60:.1f} min | "
            f"≤ 30 min | {_oordeel(g, GENERATIE_GRENS)} | |"
        )
    for b in r.get("batch", []):
        if b["naam"] == "schoning":
            regels.append(
                f"| Schoning: nachtelijke selectie (SCH-2) over {b['totaal_casussen']:,} casussen | "
                f"{b['selectie_seconden']} s ({b['geselecteerd']:,} geselecteerd{_wanneer(b, r)}) | | | |"
            )
            regels.append(
                f"| Schoning: verwijderen in batches van 1.000, met alles wat eraan hangt (SCH-3) | "
                f"{b['seconden']} s voor {b['casussen']:,} casussen ({b['per_seconde']:,}/s{_wanneer(b, r)}) | | | |"
            )
    if not any(b["naam"] == "schoning" for b in r.get("batch", [])):
        regels.append("| Schoning (SCH-2, SCH-3) | nog niet gemeten | | | |")
    return "\n".join(regels)


def _volume(v: dict) -> str:
    return ", ".join(f"{n:,} {k}" for k, n in v.items())


def schrijven(resultaat: dict, pad: Path) -> None:
    tekst = pad.read_text() if pad.exists() else f"# Benchmarks\n\n{BEGIN}\n{EINDE}\n"
    if BEGIN not in tekst:
        tekst += f"\n{BEGIN}\n{EINDE}\n"
    voor, rest = tekst.split(BEGIN, 1)
    _, na = rest.split(EINDE, 1)
    pad.write_text(f"{voor}{BEGIN}\n{tabel(resultaat)}\n{EINDE}{na}")
