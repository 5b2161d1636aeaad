"""Issue 23 item 6 with real processes: the partner endpoints and the pages that write outgoing events answer
from what is committed when the broker (a private redis-server) is down, and the periodic job delivers later;
an import whose process is killed leaves no Aanlevering 'bezig' for ever: the reaper (one run at a time,
idempotent) ends it and retention then takes it."""

import os
import signal
import time
import uuid

import pytest
from django.db import connection, transaction

from cris import klok
from documenten.models import OutboxStatus
from koppelingen.berichten.models import Aanlevering, AanleveringStatus, Bericht, Bron, Kanaal
from koppelingen.partners.models import Doorverwijzing, ExterneOrganisatie, Toestemming, Uitgaandbericht
from koppelingen.partners.tasks import gebeurtenissen_afleveren
from tests import berichten as b
from tests import chain
from tests import partners as p
from tests.integration.conftest import manage, manage_starten
from tests.webhook import Ontvanger

pytestmark = [pytest.mark.integration, pytest.mark.real_worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phb():
    ontvanger = Ontvanger().start()
    partner, token = p.partner(Kanaal.EXTERN, naam="Perspectief Herstelbemiddeling", webhook_url=ontvanger.url)
    ontvanger.geheim = partner.webhook_geheim
    yield ExterneOrganisatie.objects.create(naam="PHB", partner=partner), token, ontvanger
    ontvanger.stop()


def test_issue23_6_with_the_broker_down_pages_and_partners_get_their_answer_and_the_job_delivers_later(
    broker, client, phb, team
):
    from cris.accounts.roles import Rol
    from tests.factories import LidmaatschapFactory, MedewerkerFactory

    organisatie, token, ontvanger = phb
    medewerker = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    LidmaatschapFactory(medewerker=medewerker, team=team)
    msh, msh_token = p.partner(Kanaal.MSH, webhook_url=ontvanger.url)
    casus = chain.casus()
    chain.taak(casus=casus, team=team, behandelaar=medewerker)
    Toestemming.objects.create(client=casus.client, partner=msh, gegeven_op=klok.nu())
    broker.stoppen()
    client.raise_request_exception = False

    # A caseworker's referral: committed with its event; before the fix the page answered 500 after the commit.
    client.force_login(medewerker)
    response = client.post(
        f"/koppelingen/doorverwijzingen/casussen/{casus.pk}/",
        {"organisatie": organisatie.pk, "reden": "Wil in gesprek", "contactvoorkeur": "email", "toestemming": "on"},
    )
    assert response.status_code == 302
    verwijzing = Doorverwijzing.objects.get()
    assert Uitgaandbericht.objects.filter(status=OutboxStatus.WACHTRIJ).count() == 1

    # The partner API and the XML endpoint answer from what they committed.
    status = {
        "berichtId": str(uuid.uuid4()),
        "verzonden": klok.nu().isoformat(),
        "doorverwijzing": verwijzing.nummer,
        "status": "ontvangen",
    }
    assert p.post(client, "/api/v1/doorverwijzingstatussen", token, status).status_code == 201
    aanmelding = p.post(client, "/api/v1/zelfaanmeldingen", msh_token, p.zelfaanmelding())
    assert aanmelding.status_code == 201 and aanmelding.json()["resultaat"] == "verwerkt"
    _edp, edp_token = p.partner(Kanaal.EDP)
    xml = client.post(
        "/koppelingen/berichten/ontvangen/", b.edp(), content_type="application/xml",
        HTTP_AUTHORIZATION=f"Bearer {edp_token}",
    )  # fmt: skip
    assert xml.status_code == 200 and xml.json()["geimporteerd"] == 1
    assert not Aanlevering.objects.filter(status=AanleveringStatus.BEZIG).exists()
    assert ontvanger.events == []

    # The beat job (every minute) delivers what waits, broker or not; a second run sends nothing twice.
    gebeurtenissen_afleveren.apply()
    assert [e["type"] for e in ontvanger.events] == ["nl.slachtofferhulp.cris.doorverwijzing-aangemaakt"]
    assert not Uitgaandbericht.objects.filter(status=OutboxStatus.WACHTRIJ).exists()
    gebeurtenissen_afleveren.apply()
    assert len(ontvanger.events) == 1


def _tot_het_wacht(proces):
    """Wait until this import process (`manage.py importeer`, the inbox task) waits on a BerichtId this session
    holds; returns it and its database backend."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
            )
            wachtend = cursor.fetchone()
        if wachtend:
            return proces, wachtend[0]
        assert proces.poll() is None, proces.communicate()
        time.sleep(0.1)
    raise AssertionError("the import did not reach the message")


def test_issue23_6_an_import_killed_midway_is_reaped_once_by_one_run_and_retention_takes_it(tmp_path):
    from cris.jobs import alleen
    from schoning.models import Soort
    from schoning.selectie import DEFINITIES

    bericht_id = str(uuid.uuid4())
    pad = b.bestand(tmp_path, b.batch(b.edp(root=False), b.edp(root=False, bericht_id=bericht_id)), "groot.xml")
    with pytest.raises(RuntimeError), transaction.atomic():  # hold the BerichtId: the import's claim waits on it
        nu = klok.nu()
        houder = Aanlevering.objects.create(naam="houder", bron=Bron.COMMANDO, gestart=nu, status="klaar")
        Bericht.objects.create(bericht_id=bericht_id, kanaal="edp", aanlevering=houder, verzonden=nu, ontvangen_op=nu)
        proces, pid = _tot_het_wacht(manage_starten("importeer", str(pad)))
        os.kill(proces.pid, signal.SIGKILL)
        proces.wait(10)
        with connection.cursor() as cursor:  # its connection dies with it
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        raise RuntimeError("release the BerichtId")
    achtergelaten = Aanlevering.objects.get(naam="groot.xml")
    assert achtergelaten.status == AanleveringStatus.BEZIG and achtergelaten.ontvangen == 0

    with alleen("aanleveringen_opruimen"):  # another run holds the job: this one says so and changes nothing
        tweede = manage("aanleveringen_opruimen", "--na", "0")
    assert tweede.returncode == 0 and "draait al" in tweede.stdout
    assert Aanlevering.objects.get(pk=achtergelaten.pk).status == AanleveringStatus.BEZIG

    uit = manage("aanleveringen_opruimen", "--na", "0")
    assert uit.returncode == 0, uit.stderr[-3000:]
    assert "1 aanlevering(en) afgebroken" in uit.stdout
    opgeruimd = Aanlevering.objects.get(pk=achtergelaten.pk)
    assert opgeruimd.status == AanleveringStatus.AFGEBROKEN and opgeruimd.afgerond is not None
    assert "0 aanlevering(en) afgebroken" in manage("aanleveringen_opruimen", "--na", "0").stdout  # idempotent

    # Retention (SCH-2, soort import) skips a running Aanlevering, and takes an ended one.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT o.id FROM berichten_aanlevering o WHERE {DEFINITIES[Soort.IMPORT].voorwaarde}")
        assert achtergelaten.pk in {r[0] for r in cursor.fetchall()}

    # The file imported again (as the inbox puts a dead worker's file back) takes what was not taken, once.
    opnieuw = manage("importeer", str(pad), "--json")
    assert opnieuw.returncode == 0, opnieuw.stderr[-3000:]
    assert '"geimporteerd": 2' in opnieuw.stdout


def test_issue23_an_inbox_file_that_kills_its_worker_every_time_goes_to_the_quarantine_after_3_attempts(tmp_path):
    """KOP-1: a file whose processing kills its worker (SIGKILL, three real processes) is started three times,
    each start counted in the database; the fourth poll puts it in the quarantine with the reason instead of
    back in the inbox, and it is not tried again. The application manager processes it from the quarantine."""
    from koppelingen.berichten.inbox import inbox_verwerken
    from koppelingen.berichten.models import Inboxpoging, Quarantainebericht
    from koppelingen.berichten.services import VERWEESD_NA, quarantaine_opnieuw_verwerken
    from tests.factories import MedewerkerFactory

    inbox, archief = tmp_path / "inbox", tmp_path / "archief"
    inbox.mkdir()
    omgeving = {"CRIS_BERICHTEN_INBOX": str(inbox), "CRIS_BERICHTEN_ARCHIEF": str(archief),
                "CRIS_BERICHTEN_INBOX_WACHTTIJD": "0"}  # fmt: skip
    bericht_id = str(uuid.uuid4())
    b.bestand(inbox, b.batch(b.edp(root=False), b.edp(root=False, bericht_id=bericht_id)), "dodelijk.xml")
    for poging in (1, 2, 3):
        with pytest.raises(RuntimeError), transaction.atomic():  # hold the BerichtId: the worker waits on it
            nu = klok.nu()
            houder = Aanlevering.objects.create(naam="houder", bron=Bron.COMMANDO, gestart=nu, status="klaar")
            Bericht.objects.create(bericht_id=bericht_id, kanaal="edp", aanlevering=houder, verzonden=nu,
                                   ontvangen_op=nu)  # fmt: skip
            taak = "from koppelingen.berichten.tasks import inbox_verwerken as t; t()"
            proces, pid = _tot_het_wacht(manage_starten("shell", "-c", taak, **omgeving))
            os.kill(proces.pid, signal.SIGKILL)
            proces.wait(10)
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            raise RuntimeError("release the BerichtId")
        assert Inboxpoging.objects.get().pogingen == poging  # counted before the work started
        [achtergelaten] = (inbox / ".verwerking").iterdir()  # the next poll after VERWEESD_NA puts it back
        os.utime(achtergelaten, (time.time() - VERWEESD_NA - 60,) * 2)

    telling = inbox_verwerken(inbox=inbox, archief=archief)
    assert telling.as_dict() == {"ontvangen": 1, "geimporteerd": 0, "dubbel": 0, "quarantaine": 1}
    q = Quarantainebericht.objects.get()
    assert q.reden.startswith("verwerking mislukt na 3 pogingen: het werkproces stopte"), q.reden
    assert bericht_id.encode() in bytes(q.inhoud)  # the file kept whole
    assert not list(inbox.glob("*.xml")) and not list((inbox / ".verwerking").iterdir())
    assert not Inboxpoging.objects.exists()
    assert inbox_verwerken(inbox=inbox, archief=archief).ontvangen == 0  # not tried again

    # The cause gone, the application manager processes it again from the quarantine.
    melding = quarantaine_opnieuw_verwerken(actor=MedewerkerFactory(), bericht=q)
    assert "2 geïmporteerd" in melding, melding
    assert Bericht.objects.filter(bericht_id=bericht_id).exists()
