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
    url = database_url()
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

    starten.processen = processen
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


@pytest.fixture
def eigen_redis(tmp_path):
    """A private redis-server on a free port, to stop and start as a test needs (a broker that goes down)."""
    import shutil
    import socket
    import time

    if not shutil.which("redis-server"):
        if os.environ.get("CRIS_INTEGRATIE_VERPLICHT", "").lower() in ("1", "true"):
            pytest.fail("redis-server is required for the fault tests")
        pytest.skip("needs redis-server")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]

    class Redis:
        url = f"redis://127.0.0.1:{poort}/0"
        process = None

        def starten(self):
            self.process = subprocess.Popen(
                ["redis-server", "--port", str(poort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                cwd=tmp_path,
                stdout=subprocess.DEVNULL,
            )
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                try:
                    socket.create_connection(("127.0.0.1", poort), timeout=0.2).close()
                    return
                except OSError:
                    time.sleep(0.05)
            raise RuntimeError("redis-server did not start")

        def stoppen(self):
            if self.process and self.process.poll() is None:
                self.process.kill()
                self.process.wait(10)

    redis = Redis()
    redis.starten()
    yield redis
    redis.stoppen()


@pytest.fixture
def broker(eigen_redis, settings):
    """The web process's broker is the private redis-server; restored afterwards."""
    from cris.celery import app

    oud = app.conf.broker_url
    _verbindingen_vergeten()
    app.conf.broker_url = eigen_redis.url
    yield eigen_redis
    _verbindingen_vergeten()
    app.conf.broker_url = oud


def _verbindingen_vergeten():
    """The app's connection and producer pools were made for the previous broker URL."""
    from cris.celery import app

    app._pool = None
    app.amqp._producer_pool = None


def database_url() -> str:
    """The test database as a URL for a child process. The embedded PostgreSQL is reached through a socket
    directory, which dj-database-url puts in OPTIONS["host"] (``postgresql://postgres:@/postgres?host=/…``)."""
    db = connection.settings_dict
    host = db["HOST"] or db.get("OPTIONS", {}).get("host") or "127.0.0.1"
    if host.startswith("/"):
        return f"postgres://{db['USER']}@/{db['NAME']}?host={host}"
    return f"postgres://{db['USER']}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def manage(*args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess:
    """Run ``manage.py`` as its own process against the test database (a nightly job as cron runs it)."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url(), **env},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def manage_starten(*args: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url(), **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
