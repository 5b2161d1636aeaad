"""A real `celery worker` process takes a task from Redis and runs it against the database
(make test-integration; skipped when REDIS_URL is unset, failed then when CRIS_INTEGRATIE_VERPLICHT)."""

import time

import pytest

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
    from documenten.services import email_aanmaken
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
