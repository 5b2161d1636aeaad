"""A real `celery worker` process takes a task from Redis and runs it against the database
(make test-integration; skipped when REDIS_URL is unset, failed then when CRIS_INTEGRATIE_VERPLICHT)."""

import socket
import time

import pytest
from django.urls import reverse

from cris.accounts.models import Medewerker
from koppelingen.afas.models import AfasImport
from koppelingen.afas.tasks import afas_importeren

pytestmark = [pytest.mark.integration, pytest.mark.real_worker, pytest.mark.django_db(transaction=True)]


def test_a_real_worker_runs_the_afas_import_through_redis(worker, tmp_path):
    export = tmp_path / "afas.csv"
    export.write_text("personeelsnummer,gebruikersnaam,achternaam,status\n7001,w.werker,Werker,actief\n")
    result = afas_importeren.apply_async(kwargs={"path": str(export), "volledig": False}, queue=worker)
    assert result.get(timeout=90)["aangemaakt"] == 1
    deadline = time.monotonic() + 10
    while not Medewerker.objects.filter(username="w.werker").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert Medewerker.objects.get(username="w.werker").personeelsnummer == "7001"
    assert AfasImport.objects.get().aangemaakt == 1


def test_doc2_a_real_worker_retries_a_refused_email_through_the_broker_then_marks_it_failed(
    worker_starten, postbus, settings, toegang
):
    """The outbox's retries as they run in production: Celery's retry() with a countdown, through Redis."""
    from cris.celery import app
    from documenten.models import UitgaandeEmail
    from documenten.services.outbox import email_aanmaken
    from tests.documenten_helpers import casus_met_adres, sjabloon

    postbus.weigeren = True
    queue = worker_starten(
        CRIS_EMAIL_VERZENDING="smtp",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(settings.EMAIL_PORT),
        EMAIL_USE_TLS="true",
        CRIS_OUTBOX_WACHTTIJD_SECONDEN="1",
        CRIS_OUTBOX_MAX_POGINGEN="3",
        CRIS_DOCUMENTEN_DIR=str(settings.DOCUMENTEN_DIR),
    )
    standaard = app.conf.task_default_queue
    app.conf.task_default_queue = queue  # the task enqueued on commit goes to this test's worker
    try:
        casus = casus_met_adres()
        mail = email_aanmaken(
            actor=toegang.eigenaar,
            casus=casus,
            sjabloon=sjabloon(soort="email", naam="Bevestiging"),
            aan="fatma@example.org",
        )
    finally:
        app.conf.task_default_queue = standaard
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        mail.refresh_from_db()
        if mail.status != "wachtrij":
            break
        time.sleep(0.5)
    assert (mail.status, mail.pogingen) == ("mislukt", 3)
    assert postbus.pogingen == 3 and "550 5.1.1 Mailbox onbekend" in mail.laatste_fout
    assert UitgaandeEmail.objects.count() == 1


def test_aan6_a_real_worker_knows_the_bsn_task_and_checks_a_manually_entered_referral(worker_starten, client):
    """The BVBSN check after manual entry is queued by name by the web process (aanmelding asks a higher
    layer's task): the worker must have it registered, and the check runs through it, not only through the
    five-minute retry run."""
    from aanmelding.models import Aanmelding, Signalering
    from cris.accounts.roles import Rol
    from cris.celery import app
    from tests import chain
    from tests.bvbsn import Bvbsn
    from tests.factories import MedewerkerFactory
    from tests.test_bsn import BEKEND, PERSOON

    server = Bvbsn()
    server.personen = {BEKEND: PERSOON}
    server.start()
    try:
        queue = worker_starten(CRIS_BVBSN_URL=server.url, CRIS_BVBSN_TIMEOUT="2", CRIS_BVBSN_POGINGEN="1")
        registered = {}
        deadline = time.monotonic() + 60
        while not registered and time.monotonic() < deadline:
            registered = app.control.inspect(destination=[f"{queue}@{socket.gethostname()}"], timeout=2).registered()
        assert registered, "the worker did not answer"
        assert any("koppelingen.bsn.tasks.bsn_controleren" in names for names in registered.values())

        cai = MedewerkerFactory(rollen=[Rol.CAI])
        client.force_login(cai)
        standaard = app.conf.task_default_queue
        app.conf.task_default_queue = queue  # the check queued on commit goes to this test's worker
        try:
            antwoord = client.post(reverse("aanmelding:nieuw"), {**chain.AANMELDING, "bsn": BEKEND})
        finally:
            app.conf.task_default_queue = standaard
        assert antwoord.status_code == 302
        aanmelding = Aanmelding.objects.latest("pk")
        deadline = time.monotonic() + 60
        while aanmelding.bsn_gecontroleerd_op is None and time.monotonic() < deadline:
            time.sleep(0.5)
            aanmelding.refresh_from_db()
        assert aanmelding.bsn_gecontroleerd_op is not None
        assert Signalering.BSN_NIET_GECONTROLEERD not in aanmelding.signaleringen
        assert server.verzoeken == [BEKEND]
    finally:
        server.stop()
