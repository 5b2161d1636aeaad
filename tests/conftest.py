import os
from datetime import datetime

import pytest

from cris.accounts.roles import Rol
from tests.access import Toegangsmatrix
from tests.factories import LidmaatschapFactory, MedewerkerFactory, TeamFactory
from tests.smtp import certificaat, postbus, postbus_zonder_tls  # noqa: F401 - the SMTP server fixtures
from werkstroom.models import Afdeling, Lidmaatschap

_VASTE_KLOK = None


def pytest_configure(config):
    """CRIS_TEST_NU=<ISO instant> pins the clock for the whole run, ticking from that instant (time-machine):
    the suite must pass at any hour, e.g. Monday 00:02 in Amsterdam (still Sunday in UTC) and the nights the
    clocks change. The database's own clock is not moved: product SQL takes cris.klok.nu() as a parameter."""
    global _VASTE_KLOK
    waarde = os.environ.get("CRIS_TEST_NU", "").strip()
    if waarde:
        import time_machine

        moment = datetime.fromisoformat(waarde.replace("Z", "+00:00"))
        if moment.tzinfo is None:
            raise pytest.UsageError("CRIS_TEST_NU needs an instant with a zone, e.g. 2026-11-29T23:02:00Z")
        _VASTE_KLOK = time_machine.travel(moment, tick=True)
        _VASTE_KLOK.start()

    _flush_met_auditlog()


def _flush_met_auditlog():
    """Transactional tests end with a flush (TRUNCATE of every table); the audit log refuses TRUNCATE by a
    trigger (issue 21.5). The tests connect as a superuser, who may skip triggers for the flush with the
    superuser-only session_replication_role; the application's role can do neither."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    gewoon = DatabaseOperations.execute_sql_flush
    if getattr(gewoon, "_met_auditlog", False):
        return

    def execute_sql_flush(self, sql_list):
        with self.connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")
        try:
            gewoon(self, sql_list)
        finally:
            with self.connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = origin")

    execute_sql_flush._met_auditlog = True
    DatabaseOperations.execute_sql_flush = execute_sql_flush


def pytest_unconfigure(config):
    if _VASTE_KLOK is not None:
        _VASTE_KLOK.stop()


def _transactioneel(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Random order (pytest-randomly) within two groups: tests in a rolled-back transaction first, then those
    that commit and flush the database afterwards (browser, worker), as pytest-django orders them: a flush
    empties the migrations' data (districts, task types) that the transaction tests build on."""
    items.sort(key=_transactioneel)


def pytest_report_header(config):
    if os.environ.get("CRIS_TEST_NU"):
        return f"clock pinned: CRIS_TEST_NU={os.environ['CRIS_TEST_NU']} (ticking)"
    return None


@pytest.fixture(autouse=True)
def _audit_context_per_test():
    """A task run eagerly sets the audit context (bron "taak") for its thread; in random order it must not
    carry over into the next test's entries."""
    from cris.audit.context import AuditContext, current

    token = current.set(AuditContext())
    yield
    current.reset(token)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _documenten_dir(settings, tmp_path):
    """Document files of a test go to its own directory, never into var/documenten."""
    settings.DOCUMENTEN_DIR = tmp_path / "documenten"


@pytest.fixture
def medewerker(db):
    user = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    LidmaatschapFactory(medewerker=user, standaard=True)
    return user


@pytest.fixture
def team(db):
    return TeamFactory()


@pytest.fixture
def worker(team):
    """A caseworker in `team` (tests of tasks, services and contact reports)."""
    user = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    LidmaatschapFactory(medewerker=user, team=team)
    return user


@pytest.fixture
def toegang(db) -> Toegangsmatrix:
    # Fixed names: every page shows the user's own name, and a random one ("Lucy Verhoeven") can match the
    # client data that tests assert is absent from an outsider's page.
    team = TeamFactory(afdeling=Afdeling.ACTIEVE_BENADERING)
    ander_team = TeamFactory(afdeling=Afdeling.ALGEMENE_DIENSTVERLENING)
    eigenaar = MedewerkerFactory(
        username="eigenaar", voornamen="Test", achternaam="Eigenaar", rollen=[Rol.ACTIEVE_BENADERING]
    )
    collega = MedewerkerFactory(
        username="collega", voornamen="Test", achternaam="Collega", rollen=[Rol.ACTIEVE_BENADERING]
    )
    buitenstaander = MedewerkerFactory(
        username="buitenstaander", voornamen="Test", achternaam="Buitenstaander", rollen=[Rol.ALGEMENE_DIENSTVERLENING]
    )
    teamleider = MedewerkerFactory(
        username="teamleider", voornamen="Test", achternaam="Teamleider", rollen=[Rol.TEAMLEIDER]
    )
    beheerder = MedewerkerFactory(
        username="functioneel_beheerder", voornamen="Test", achternaam="Beheerder", rollen=[Rol.FUNCTIONEEL_BEHEERDER]
    )
    LidmaatschapFactory(medewerker=eigenaar, team=team, standaard=True)
    LidmaatschapFactory(medewerker=collega, team=team, standaard=True)
    LidmaatschapFactory(medewerker=buitenstaander, team=ander_team, standaard=True)
    LidmaatschapFactory(medewerker=teamleider, team=team, rol=Lidmaatschap.Rol.TEAMLEIDER)
    return Toegangsmatrix(team, ander_team, eigenaar, collega, buitenstaander, teamleider, beheerder)


@pytest.fixture(autouse=True)
def _migration_data(request):
    """Transactional tests (browser, worker) start from a flushed database: put back what the migrations
    load (districts, postcodes, task types, delicts); the roles come back by themselves through post_migrate."""
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
    if transactional or "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")
        from aanmelding.catalogus import afwijsredenen_laden, delicten_laden
        from aanmelding.models import Afwijsreden, Delict
        from taken.catalogus import taaktypen_laden
        from taken.models import TaakType
        from werkstroom.models import District, Postcode
        from werkstroom.postcodes import load_districts_and_postcodes

        load_districts_and_postcodes(District, Postcode)
        taaktypen_laden(TaakType)
        delicten_laden(Delict)
        afwijsredenen_laden(Afwijsreden)
        from diensten.catalogus import dienstsoorten_laden
        from diensten.models import DienstSoort

        dienstsoorten_laden(DienstSoort)


@pytest.fixture(autouse=True)
def _catalogi_leeg():
    """The catalogue cache (cris.catalogus) is per process: a test's rolled-back or flushed rows must not
    live on in it for the next test."""
    from cris.caches import clear_all

    clear_all()
    yield
    clear_all()


@pytest.fixture(autouse=True)
def _celery_eager(request):
    """Tasks run in-process in tests, also when REDIS_URL is set; the worker test (integration) opts out."""
    from cris.celery import app

    eager = "real_worker" not in request.keywords
    old = app.conf.task_always_eager
    app.conf.task_always_eager = eager
    yield
    app.conf.task_always_eager = old
