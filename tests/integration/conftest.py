"""Fixtures for the integration tests: real `celery worker` processes on their own Redis queue
(make test-integration; skipped when REDIS_URL is unset, failed then when CRIS_INTEGRATIE_VERPLICHT)."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def worker_starten():
    """Start `celery worker` processes on their own queue; ``extra`` adds environment variables."""
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
    processen = []

    def starten(**extra) -> str:
        queue = f"test-{uuid.uuid4().hex[:8]}"
        env = {**os.environ, "DATABASE_URL": url, "REDIS_URL": settings.REDIS_URL, **extra}
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
        processen.append(process)
        return queue

    yield starten
    for process in processen:
        process.terminate()
        try:
            output, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
        print(output[-4000:])


@pytest.fixture
def worker(worker_starten):
    return worker_starten()
