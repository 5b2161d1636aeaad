"""One side of the side-by-side run (``benchmarks.naast_elkaar``): a process that sends a page benchmark's requests
one at a time when it is told to, so that two checkouts can be measured request by request, alternately.

It runs in the checkout it measures, with that checkout's interpreter and code (``benchmarks.pagina`` of the day
that checkout was made, which has the same scenarios and requests), against that checkout's database
(``CRIS_BENCH_DATABASE_URL``): ``naast_elkaar`` starts it as ``<checkout>/.venv/bin/python -c <this file's text>``
with the checkout as working directory, so it imports nothing of the checkout that starts it.

Lines of JSON on stdin, one answer line each on stdout:

- ``{"pagina": name, "aantal": n, "seed": s}``: build the page's requests, log their users in, send every request
  once (a server process is warm: its caches filled, the answers checked) and answer with the page's description,
  its URLs and the number of wrong answers;
- ``{"i": k}``: send request k of that page and answer with its server time and this process's CPU time in ms.

It answers as ``benchmarks.pagina.meten`` sends: through the whole Django stack in process, a write inside a
transaction that is rolled back.
"""

import json
import os
import random
import sys
import time


def main() -> None:
    os.environ["DATABASE_URL"] = os.environ["CRIS_BENCH_DATABASE_URL"]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cris.settings")
    os.environ["DJANGO_DEBUG"] = "false"
    sys.path.insert(0, os.getcwd())
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.test import Client

    from benchmarks import pagina

    settings.ALLOWED_HOSTS = ["*"]
    scenarios = {s.naam: s for s in pagina.SCENARIOS}
    clients: dict = {}
    verzoeken: list = []

    def doe(v):
        client = clients[v.user_id]
        if v.methode == "get":
            return client.get(v.url, headers={"HX-Request": "true"} if v.htmx else {})
        with transaction.atomic():  # a write is measured and then undone
            response = client.post(v.url, getattr(v, "data", None) or {})
            transaction.set_rollback(True)
        return response

    for regel in sys.stdin:
        opdracht = json.loads(regel)
        if "pagina" in opdracht:
            scenario = scenarios[opdracht["pagina"]]
            verzoeken = scenario.verzoeken(random.Random(opdracht["seed"]), opdracht["aantal"])
            users = get_user_model().objects.filter(pk__in={v.user_id for v in verzoeken} - clients.keys())
            for user in users:  # log in outside the measurements
                clients[user.pk] = Client()
                clients[user.pk].force_login(user)
            fouten = sum(doe(v).status_code != (200 if v.methode == "get" else 302) for v in verzoeken)
            antwoord = {"omschrijving": scenario.omschrijving, "urls": [v.url for v in verzoeken], "fouten": fouten}
        else:
            v = verzoeken[opdracht["i"]]
            begin, begin_cpu = time.perf_counter(), time.process_time()
            doe(v)
            antwoord = {"ms": (time.perf_counter() - begin) * 1000, "cpu": (time.process_time() - begin_cpu) * 1000}
        print(json.dumps(antwoord), flush=True)


if __name__ == "__main__":
    main()
