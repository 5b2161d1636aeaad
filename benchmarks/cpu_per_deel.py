"""CPU time per part of a page, in process: wraps the named functions of a view module with a CPU timer, sends a
benchmark scenario's requests twice (warm, then measured) through the whole Django stack, and prints the CPU
milliseconds per request of the whole request and of each part. CPU time (not wall time) holds up on a shared
machine; compare two checkouts or two variants on the same database one run after the other.

    CRIS_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/cris_bench python -m benchmarks.cpu_per_deel \\
        taken.views werkstroom_verzoeken 200 render,lidmaatschappen_van,selectors.werklijst_pagina
"""

from __future__ import annotations

import argparse
import collections
import functools
import importlib
import os
import random
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("module", help="the view module, e.g. taken.views")
    parser.add_argument("scenario", help="a *_verzoeken function of benchmarks.pagina")
    parser.add_argument("aantal", type=int)
    parser.add_argument("delen", help="names in that module, comma-separated; 'obj.attr' for an attribute")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cris.settings")
    os.environ["DJANGO_DEBUG"] = "false"
    if url := os.environ.get("CRIS_BENCH_DATABASE_URL"):
        os.environ["DATABASE_URL"] = url
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from benchmarks import pagina

    settings.ALLOWED_HOSTS = ["*"]
    module = importlib.import_module(args.module)
    tijd: collections.Counter[str] = collections.Counter()

    def omwikkelen(eigenaar, naam: str, label: str) -> None:
        functie = getattr(eigenaar, naam)

        @functools.wraps(functie)
        def gemeten(*a, **k):
            begin = time.process_time()
            try:
                return functie(*a, **k)
            finally:
                tijd[label] += time.process_time() - begin

        setattr(eigenaar, naam, gemeten)

    for deel in args.delen.split(","):
        eigenaar, _, naam = deel.rpartition(".")
        omwikkelen(getattr(module, eigenaar) if eigenaar else module, naam, deel)
    verzoeken = getattr(pagina, args.scenario)(random.Random(7), args.aantal)
    users = get_user_model().objects.in_bulk({v.user_id for v in verzoeken})
    clients = {}
    for user_id, user in users.items():
        clients[user_id] = Client()
        clients[user_id].force_login(user)
    for v in verzoeken:  # warm: the same requests once before they are measured
        clients[v.user_id].get(v.url)
    tijd.clear()
    begin = time.process_time()
    for v in verzoeken:
        clients[v.user_id].get(v.url)
    print(f"request, whole   {(time.process_time() - begin) * 1000 / args.aantal:7.2f} ms CPU")
    for naam, seconden in tijd.most_common():
        print(f"  {naam:40s} {seconden * 1000 / args.aantal:7.2f}")


if __name__ == "__main__":
    main()
