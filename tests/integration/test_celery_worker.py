"""A real `celery worker` process takes a task from Redis and runs it against the database
(make test-integration; skipped when REDIS_URL is unset, failed then when CRIS_INTEGRATIE_VERPLICHT)."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from cris.accounts.models import Medewerker
from koppelingen.afas.models import AfasImport
from koppelingen.afas.tasks import afas_importeren

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.integration, pytest.mark.real_worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker():
    if not settings.REDIS_URL:
        if os.environ.get("CRIS_INTEGRATIE_VERPLICHT", "").lower() in ("1", "true"):
            pytest.fail("REDIS_URL is required for the integration tests")
        pytest.skip("needs REDIS_URL (make test-integration)")
    db = connection.settings_dict
    host = db["HOST"] or "127.0.0.1"
    url = (
        f"postgres://{db['USER']}@/{db['NAME']}?host={host}"
        if host.startswith("/")
        else f"postgres://{db['USER']}@{host}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "DATABASE_URL": url, "REDIS_URL": settings.REDIS_URL}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "cris",
            "worker",
            "--pool=solo",
            "-Q",
            queue,
            "--loglevel=INFO",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"{queue}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield queue
    finally:
        process.terminate()
        try:
            output, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
        print(output[-4000:])


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
