"""Batch figures (issue 11): the nightly status recalculation over every casus and the import rate."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from django.db import connection, transaction

from benchmarks.pagina import _rijen
from cris import klok

ROOT = Path(__file__).resolve().parent.parent
TABELLEN = {
    "clienten": "casus_client",
    "casussen": "casus_casus",
    "taken": "taken_taak",
    "contactmomenten": "taken_contactmoment",
    "tijdlijn": "casus_tijdlijnitem",
    "auditregels": "audit_auditentry",
    "aanmeldingen": "aanmelding_aanmelding",
}


def volume() -> dict:
    return {naam: _rijen(f"SELECT count(*) FROM {tabel}")[0][0] for naam, tabel in TABELLEN.items()}  # noqa: S608


class _Terugdraaien(Exception):
    pass


def casusstatus() -> dict:
    """CAS-3 `casusstatus_herberekenen --alles` over every casus, as the nightly job runs it, and its floor:
    the one SQL statement alone. Both inside a transaction that is rolled back: the data stays as generated."""
    from taken import status
    from taken.services.levenscyclus import casusstatus_herberekenen

    tijden = {}
    for naam, doen in (
        ("dienst", lambda: casusstatus_herberekenen(alles=True)),
        ("vloer", lambda: status.herberekenen(casus_ids=None)),
    ):
        try:
            with transaction.atomic():
                begin = time.perf_counter()
                uitkomst = doen()
                tijden[naam] = (time.perf_counter() - begin, uitkomst)
                raise _Terugdraaien
        except _Terugdraaien:
            pass
    (casussen,) = _rijen("SELECT count(*) FROM casus_casus")[0]
    dienst, uitkomst = tijden["dienst"]
    return {
        "naam": "casusstatus",
        "omschrijving": "Casusstatus herberekenen, alle casussen (CAS-3)",
        "casussen": casussen,
        "gewijzigd": uitkomst["gewijzigd"],
        "seconden": round(dienst, 2),
        "vloer_seconden": round(tijden["vloer"][0], 2),
    }


def import_beschikbaar() -> bool:
    return importlib.util.find_spec("benchmarks.bench_import") is not None


def importeren(aantal: int) -> dict:
    """The import benchmark in its own scratch database (it adds referrals; the page figures must not move)."""
    url = urlsplit(os.environ["DATABASE_URL"])
    scratch = url._replace(path="/cris_bench_import").geturl()
    with connection.cursor() as cursor:
        cursor.execute("DROP DATABASE IF EXISTS cris_bench_import")
        cursor.execute("CREATE DATABASE cris_bench_import")
    env = {**os.environ, "DATABASE_URL": scratch}
    try:
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        proces = subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_import", "--aantal", str(aantal)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        uitkomst = json.loads(proces.stdout.strip().splitlines()[-1])
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP DATABASE IF EXISTS cris_bench_import WITH (FORCE)")
    return {"omschrijving": "Import EDP-berichten (KOP-1)", **uitkomst, "naam": "import"}


def schoning(aantal: int = 100_000) -> dict:
    """SCH-2/SCH-3 at volume: the nightly selection with a casus rule whose period makes about ``aantal`` of
    the oldest Afgerond casussen due, then the purge of ``aantal`` of them in batches of 1,000 with everything
    that hangs off them. All inside a transaction that is rolled back: the data stays as generated."""
    import math

    from dateutil.relativedelta import relativedelta

    from schoning.models import Bewaarregel, ItemStatus, Selectie, SelectieItem, SelectieStatus, Soort
    from schoning.services import selectie_maken
    from schoning.verwijderen import selectie_uitvoeren

    nu = klok.nu()
    rij = _rijen(
        "SELECT afgerond_op FROM casus_casus WHERE status = 'afgerond' ORDER BY afgerond_op OFFSET %s LIMIT 1",
        [aantal],
    )
    # The retention period (whole months) that makes just over ``aantal`` casussen due.
    grens = rij[0][0] if rij else nu
    maanden = 1
    while grens < nu - relativedelta(months=maanden + 1):
        maanden += 1
    uitkomst: dict = {}
    try:
        with transaction.atomic():
            Bewaarregel.objects.update(actief=False)
            Bewaarregel.objects.update_or_create(
                soort=Soort.CASUS, defaults={"actief": True, "termijn_maanden": maanden, "telt_vanaf": "afgerond_op"}
            )
            begin = time.perf_counter()
            selectie = selectie_maken(nu=nu)
            uitkomst["selectie_seconden"] = round(time.perf_counter() - begin, 2)
            geselecteerd = selectie.items.filter(status=ItemStatus.GESELECTEERD)
            uitkomst["geselecteerd"] = geselecteerd.count()
            # Purge exactly ``aantal``: the oldest; the rest stays selected but outside this run.
            rest = geselecteerd.order_by("peildatum", "id").values_list("id", flat=True)[aantal:]
            SelectieItem.objects.filter(pk__in=list(rest)).update(status=ItemStatus.NIET_MEER)
            te_gaan = min(aantal, uitkomst["geselecteerd"])
            Selectie.objects.filter(pk=selectie.pk).update(
                status=SelectieStatus.GOEDGEKEURD, batches_totaal=math.ceil(te_gaan / selectie.batch_grootte)
            )
            selectie.refresh_from_db()
            begin = time.perf_counter()
            selectie_uitvoeren(selectie)
            uitkomst["seconden"] = round(time.perf_counter() - begin, 2)
            uitkomst["casussen"] = selectie.items.filter(status=ItemStatus.VERWIJDERD).count()
            raise _Terugdraaien
    except _Terugdraaien:
        pass
    (totaal,) = _rijen("SELECT count(*) FROM casus_casus")[0]
    return {
        "naam": "schoning",
        "omschrijving": "Schoning: selecteren en verwijderen van casussen (SCH-2, SCH-3)",
        "totaal_casussen": totaal,
        "termijn_maanden": maanden,
        **uitkomst,
        "per_seconde": round(uitkomst["casussen"] / uitkomst["seconden"]) if uitkomst.get("seconden") else 0,
    }
