"""Issue 27: the side-by-side verdict of two benchmark runs (benchmarks/vergelijk.py)."""

from benchmarks.vergelijk import tabel


def _run(p95: dict[str, float], http: float | None) -> dict:
    return {
        "paginas": [{"naam": n, "omschrijving": n.title(), "p95_ms": v, "cpu_p95_ms": v / 2} for n, v in p95.items()],
        "http": {"per_seconde": http} if http else None,
    }


def test_a_page_more_than_20_percent_slower_and_a_mixed_load_under_85_percent_fail():
    uit = tabel(_run({"casus": 10.0, "werkstroom": 10.0}, 100.0), _run({"casus": 12.0, "werkstroom": 12.1}, 84.0))
    regels = {r.split("`")[1] if "`" in r else r.split("|")[1].strip(): r for r in uit.splitlines()[2:]}
    assert regels["casus"].endswith("| +20% | 5.0 → 6.0 | 10.0 / 12.0 | ✔ |")
    assert regels["werkstroom"].endswith("| +21% | 5.0 → 6.05 | 10.0 / 12.1 | ✘ |")
    assert regels["**mixed HTTP load** (req/s)"].endswith("| 84% of before | | 100.0 / 84.0 | ✘ (≥ 85%) |")


def test_pages_measured_on_one_side_only_are_left_out():
    uit = tabel(_run({"casus": 10.0}, None), _run({"casus": 9.0, "taak": 5.0}, None))
    assert "`taak`" not in uit and "+-10%" not in uit and "| -10% |" in uit and "mixed" not in uit


def test_an_interleaved_sides_runs_are_one_result_with_the_mean_of_its_mixed_loads():
    from benchmarks.naast_elkaar import samenvoegen

    runs = [_run({"werkstroom": 10.0}, None), _run({"casus": 8.0}, None), _run({}, 100.0), _run({}, 120.0)]
    samen = samenvoegen(runs)
    assert [p["naam"] for p in samen["paginas"]] == ["werkstroom", "casus"]
    assert samen["http"] == {"per_seconde": 110.0, "runs": [100.0, 120.0]}
    assert "http" not in samenvoegen(runs[:2])


def test_rounds_of_a_page_count_by_the_median_of_their_p95():
    """naast_elkaar --rondes: one p95 of 100 requests moves by 20-40% between runs; the median of the rounds less."""
    from benchmarks.naast_elkaar import samenvoegen

    rondes = [_run({"werkstroom": v, "casus": 5.0}, None) for v in (10.0, 30.0, 12.0)]
    samen = {p["naam"]: p for p in samenvoegen(rondes)["paginas"]}
    assert samen["werkstroom"]["p95_ms"] == 12.0 and samen["werkstroom"]["cpu_p95_ms"] == 6.0
    assert samen["werkstroom"]["rondes_p95_ms"] == [10.0, 30.0, 12.0] and samen["casus"]["p95_ms"] == 5.0
    uit = tabel({"paginas": [{"naam": "werkstroom", "omschrijving": "W", "p95_ms": 10.0}]}, samenvoegen(rondes))
    assert "| +20% | – → 6.0 | 10.0 / 10.0, 30.0, 12.0 | ✔ |" in uit


def test_a_partial_run_keeps_the_rows_it_did_not_measure_with_the_date_they_were_measured():
    from benchmarks.rapport import samenvoegen as rapport_samenvoegen

    vorige = {"datum": "11-25", "batch": [{"naam": "import"}, {"naam": "schoning"}], "http": {"per_seconde": 89}}
    deels = rapport_samenvoegen(vorige, {"datum": "12-03", "batch": [{"naam": "import"}]})
    assert deels["batch"] == [{"gemeten": "11-25", "naam": "schoning"}, {"naam": "import"}]
    assert deels["http"] == {"gemeten": "11-25", "per_seconde": 89}
    later = rapport_samenvoegen(deels, {"datum": "12-05", "http": {"per_seconde": 120}})
    assert later["batch"] == [{"gemeten": "11-25", "naam": "schoning"}, {"gemeten": "12-03", "naam": "import"}]
    assert later["http"] == {"per_seconde": 120} and "batch_datum" not in later


def test_the_two_sides_are_asked_request_by_request_in_abba_order():
    """naast_elkaar: each request of a page goes to both sides in turn, old-new, new-old, new-old, old-new, so a
    slow moment of the machine falls on both alike; the p95 and CPU p95 are each side's own."""
    from benchmarks.naast_elkaar import pagina_meten, volgorde

    assert [volgorde(i) for i in range(4)] == [("oud", "nieuw"), ("nieuw", "oud"), ("nieuw", "oud"), ("oud", "nieuw")]
    gevraagd = []

    class Kant:  # the measuring process's answers (benchmarks/meetdienst.py), made up
        def __init__(self, naam, urls, ms):
            self.naam, self.urls, self.ms = naam, urls, ms

        def vraag(self, opdracht):
            gevraagd.append((self.naam, opdracht))
            if "pagina" in opdracht:
                return {"omschrijving": "Werkstroom", "urls": self.urls, "fouten": 0}
            return {"ms": self.ms * (opdracht["i"] + 1), "cpu": self.ms}

    urls = [f"/werkstroom/?pagina={i}" for i in range(20)]
    kanten = {"oud": Kant("oud", urls, 1.0), "nieuw": Kant("nieuw", [*urls[:19], "/anders/"], 2.0)}
    uit = pagina_meten(kanten, "werkstroom", 20)
    assert [k for k, o in gevraagd[2:10]] == ["oud", "nieuw", "nieuw", "oud", "nieuw", "oud", "oud", "nieuw"]
    assert [o["i"] for k, o in gevraagd[2:6]] == [0, 0, 1, 1]
    assert dict(gevraagd[:2]) == {k: {"pagina": "werkstroom", "aantal": 20, "seed": 11} for k in kanten}
    assert uit["oud"]["p95_ms"] == 19.05 and uit["nieuw"]["p95_ms"] == 38.1 and uit["nieuw"]["cpu_p95_ms"] == 2.0
    assert uit["oud"]["verzoeken"] == 20 and uit["nieuw"]["dezelfde_urls"] == 19
