"""Mixed page load over real HTTP (issue 11): gunicorn with 2 workers of 4 threads each (gthread; with
sync workers, as docker/entrypoint.sh starts them by default, the same machine served ~10% fewer pages), and a
load generator on the same machine sending the day's mix of pages from many logged-in users."""

from __future__ import annotations

import http.client
import os
import random
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore

from benchmarks.pagina import (
    beoordelen_verzoeken,
    casus_verzoeken,
    clientzoeker_verzoeken,
    percentiel,
    taak_verzoeken,
    werkstroom_verzoeken,
    zoeken_verzoeken,
)

ROOT = Path(__file__).resolve().parent.parent
# The mix of a working day: the worklist and the case dominate.
MIX = [
    (werkstroom_verzoeken, 40),
    (casus_verzoeken, 30),
    (taak_verzoeken, 15),
    (clientzoeker_verzoeken, 5),
    (zoeken_verzoeken, 5),
    (beoordelen_verzoeken, 5),
]


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _sessie(user) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "cris.accounts.backends.MedewerkerBackend"  # as a password login records it
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def verzoeken_mix(rng: random.Random, totaal: int) -> list[tuple[str, str, bool]]:
    """(session key, path, htmx) triples in a shuffled day's mix."""
    uit = []
    for maker, gewicht in MIX:
        uit.extend(maker(rng, max(1, totaal * gewicht // 100)))
    rng.shuffle(uit)
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in={v.user_id for v in uit})}
    sessies = {pk: _sessie(user) for pk, user in users.items()}
    return [(sessies[v.user_id], v.url, v.htmx) for v in uit]


def meten(*, seconden: float = 30, gelijktijdig: int = 8, workers: int = 2, threads: int = 4, seed: int = 11) -> dict:
    rng = random.Random(seed)
    werk = verzoeken_mix(rng, 4000)
    poort = _vrije_poort()
    env = {**os.environ, "DJANGO_DEBUG": "false", "DJANGO_SETTINGS_MODULE": "cris.settings"}
    gunicorn = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "cris.wsgi",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--bind",
            f"127.0.0.1:{poort}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        _wachten(poort)
        cookie = settings.SESSION_COOKIE_NAME
        # Warm up every worker's connections and caches.
        _lus(poort, cookie, werk[:200], time.monotonic() + 10, [], [], gelijktijdig)
        tijden: list[float] = []
        fouten: list[int] = []
        begin = time.monotonic()
        _lus(poort, cookie, werk, begin + seconden, tijden, fouten, gelijktijdig)
        duur = time.monotonic() - begin
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
    return {
        "naam": "gemengd_http",
        "workers": workers,
        "threads": threads,
        "gelijktijdig": gelijktijdig,
        "seconden": round(duur, 1),
        "verzoeken": len(tijden),
        "fouten": len(fouten),
        "per_seconde": round(len(tijden) / duur, 1),
        "p50_ms": round(percentiel(tijden, 50), 1),
        "p95_ms": round(percentiel(tijden, 95), 1),
        "p99_ms": round(percentiel(tijden, 99), 1),
    }


def _wachten(poort: int) -> None:
    einde = time.monotonic() + 60
    while time.monotonic() < einde:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", poort, timeout=5)
            conn.request("GET", "/gezondheid/")
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn kwam niet op")


def _lus(poort, cookie, werk, einde, tijden, fouten, gelijktijdig) -> None:
    volgende = iter(range(10**9))
    slot = threading.Lock()

    def draad():
        while time.monotonic() < einde:
            with slot:
                i = next(volgende)
            sessie, pad, htmx = werk[i % len(werk)]
            begin = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", poort, timeout=30)
                headers = {"Cookie": f"{cookie}={sessie}", **({"HX-Request": "true"} if htmx else {})}
                conn.request("GET", pad, headers=headers)
                response = conn.getresponse()
                response.read()
                conn.close()
                status = response.status
            except OSError:
                status = 0
            verstreken = (time.perf_counter() - begin) * 1000
            with slot:
                tijden.append(verstreken)
                if status != 200:
                    fouten.append(status)

    draden = [threading.Thread(target=draad) for _ in range(gelijktijdig)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
