"""One owner of "now" (cris.klok): product code asks it, never its own clock, and SQL gets the
application's "now" as a parameter, so Python and PostgreSQL agree also when CRIS_TEST_NU pins the clock."""

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import time_machine

from cris import klok

ROOT = Path(__file__).resolve().parents[1]
OVERGESLAGEN = {".venv", "tests", "migrations", "var", "static", "node_modules", "benchmarks"}

EIGEN_KLOK = re.compile(
    r"timezone\.now\(\)|timezone\.localdate\(\)|(?<![\w.])date\.today\(\)|datetime\.now\(|datetime\.utcnow\("
    r"|\bNow\(\)|(?<![\w.])now\(\)|CURRENT_DATE|CURRENT_TIMESTAMP|LOCALTIMESTAMP|clock_timestamp\(|"
    r"statement_timestamp\(|transaction_timestamp\("
)


def bronbestanden():
    for path in ROOT.rglob("*.py"):
        delen = path.relative_to(ROOT).parts
        if not OVERGESLAGEN & set(delen) and path != ROOT / "cris" / "klok.py":
            yield path


def test_product_code_asks_cris_klok_for_now():
    gevonden = [
        f"{path.relative_to(ROOT)}:{nr}: {regel.strip()}"
        for path in bronbestanden()
        for nr, regel in enumerate(path.read_text().splitlines(), 1)
        if EIGEN_KLOK.search(regel) and not regel.lstrip().startswith("#")
    ]
    assert gevonden == []


def test_vandaag_is_the_amsterdam_date_also_when_utc_is_still_on_the_day_before():
    with time_machine.travel(datetime(2026, 11, 29, 23, 2, tzinfo=UTC), tick=False):
        assert klok.nu() == datetime(2026, 11, 29, 23, 2, tzinfo=UTC)
        assert klok.vandaag() == date(2026, 11, 30)  # Monday in Amsterdam, Sunday in UTC
        assert klok.lokale_datum(klok.nu()) == date(2026, 11, 30)


def test_begin_van_dag_on_the_nights_the_clocks_change():
    assert klok.begin_van_dag(date(2026, 3, 29)).utcoffset() == timedelta(hours=1)
    assert klok.begin_van_dag(date(2026, 3, 30)).utcoffset() == timedelta(hours=2)
    nacht = klok.begin_van_dag(date(2026, 10, 26)).astimezone(UTC) - klok.begin_van_dag(date(2026, 10, 25))
    assert nacht == timedelta(hours=25)


def test_the_database_gets_the_applications_now(db, team):
    """A pinned clock moves Python, not PostgreSQL: product SQL takes klok.nu() as a parameter. A task whose
    deadline lies between the database's clock and the application's counts as overdue for the application."""
    from django.db import connection

    from rapportage.selectors import caseload_per_team
    from taken.models import Taak
    from tests import chain

    taak = chain.taak(casus=chain.casus(), team=team)
    Taak.objects.filter(pk=taak.pk).update(deadline=datetime(2030, 6, 1, tzinfo=UTC))
    with (
        time_machine.travel(datetime(2031, 1, 1, 12, tzinfo=UTC), tick=False),
        connection.execute_wrapper(_geen_databaseklok),
    ):
        [regel] = [c for c in caseload_per_team() if c.team == team]
    assert regel.te_laat == 1


def _geen_databaseklok(execute, sql, params, many, context):
    assert not EIGEN_KLOK.search(sql), sql
    return execute(sql, params, many, context)


@pytest.mark.parametrize(
    ("getypt", "moment"),
    [
        ("2026-10-25T02:30", datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),  # happens twice: the first, summer time
        ("2026-03-29T02:30", datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),  # skipped: read as 03:30 summer time
        ("2026-07-01T14:05", datetime(2026, 7, 1, 12, 5, tzinfo=UTC)),
    ],
)
def test_a_time_typed_in_the_night_the_clocks_change_is_accepted(getypt, moment):
    """A contact recorded at 02:30 on the night the clocks go back was refused as "ambiguous" (issue 20)."""
    from taken.forms import TijdstipField

    assert TijdstipField().clean(getypt) == moment


def test_a_time_that_is_no_time_keeps_its_message():
    from django.core.exceptions import ValidationError

    from taken.forms import TijdstipField

    with pytest.raises(ValidationError):
        TijdstipField().clean("2026-13-45T99:99")


def test_names_of_objects_print_amsterdam_time_not_utc():
    """An object's name lands in audit texts (object_weergave): 23:30 UTC on 29 November is 00:30 on the 30th in
    Amsterdam, and in summer 22:30 UTC is 00:30 the next day."""
    from casus.models import TijdlijnItem
    from taken.models import Contactmoment

    winter, zomer = datetime(2026, 11, 29, 23, 30, tzinfo=UTC), datetime(2026, 7, 1, 22, 30, tzinfo=UTC)
    assert klok.als_tekst(winter) == "30-11-2026 00:30" and klok.als_tekst(zomer) == "02-07-2026 00:30"
    assert klok.als_tekst(None) == ""
    assert str(Contactmoment(kanaal="telefoon", tijdstip=winter)).endswith(" 30-11-2026 00:30")
    assert str(TijdlijnItem(tijdstip=zomer, omschrijving="x")) == "2026-07-02 00:30 x"
