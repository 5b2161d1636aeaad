"""Page benchmarks (issue 11): the pages people use most, measured in-process through the whole Django stack
(middleware, session, permissions, audit, template) against a generated database.

For each page: server time p50/p95/p99 over many requests with varied users and objects, the number of
queries, and the floor: the same SQL statements the page sent, replayed alone on a raw cursor. The gap
between the two is what Python, templates and round trips cost.
"""

from __future__ import annotations

import os
import random
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from casus.services import ADRES_FIELDS


@dataclass
class Verzoek:
    user_id: int
    url: str
    methode: str = "get"  # "post": measured inside a transaction that is rolled back, the data stays as it was
    htmx: bool = False  # sent as the page's htmx sends it (HX-Request), answered with a fragment
    data: dict | None = None  # the form a POST sends


@dataclass
class Scenario:
    naam: str
    omschrijving: str
    verzoeken: Callable[[random.Random, int], list[Verzoek]]


def percentiel(waarden: list[float], p: float) -> float:
    if not waarden:
        return 0.0
    geordend = sorted(waarden)
    k = (len(geordend) - 1) * p / 100
    onder = int(k)
    boven = min(onder + 1, len(geordend) - 1)
    return geordend[onder] + (geordend[boven] - geordend[onder]) * (k - onder)


def _rijen(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# --- scenarios: who asks for what -------------------------------------------------------------------------


def _werkers(afdelingen: tuple[str, ...]) -> list[int]:
    return [
        r[0]
        for r in _rijen(
            """SELECT l.medewerker_id FROM werkstroom_lidmaatschap l JOIN werkstroom_team t ON t.id = l.team_id
               WHERE t.afdeling = ANY(%s) ORDER BY l.medewerker_id""",
            [list(afdelingen)],
        )
    ]


def werkstroom_verzoeken(rng: random.Random, n: int) -> list[Verzoek]:
    """Caseworkers of AB, AD and JD: their team list (first pages, the way people page) and their own list."""
    werkers = _werkers(("AB", "AD", "JD"))
    uit = []
    for _ in range(n):
        user = rng.choice(werkers)
        r = rng.random()
        url = "/werkstroom/" if r < 0.3 else f"/werkstroom/?weergave=team&pagina={1 if r < 0.85 else rng.randint(2, 5)}"
        uit.append(Verzoek(user, url))
    return uit


def werkstroom_filter_verzoeken(rng: random.Random, n: int) -> list[Verzoek]:
    """TAK-4 as people filter: their team list by status, deadline, priority, region, client's town and
    type, sorted differently, first pages; team leaders also their members' tasks."""
    werkers = _werkers(("AB", "AD", "JD"))
    leiders = [
        r[0] for r in _rijen("SELECT DISTINCT medewerker_id FROM werkstroom_lidmaatschap WHERE rol = 'teamleider'")
    ] or werkers
    districten = [r[0] for r in _rijen("SELECT id FROM werkstroom_district")]
    typen = [r[0] for r in _rijen("SELECT id FROM taken_taaktype WHERE afdeling IN ('AB', 'AD', 'JD')")]
    plaatsen = [r[0] for r in _rijen("SELECT DISTINCT woonplaats FROM casus_adres WHERE id < 5000 LIMIT 50")] or [""]
    filters = [
        lambda: {"status": rng.choice(["nieuw", "in_behandeling", "toegewezen"])},
        lambda: {"deadline": rng.choice(["te_laat", "vandaag", "week"])},
        lambda: {"prioriteit": rng.choice([1, 2, 3]), "sortering": "-aangemaakt"},
        lambda: {"regio": rng.choice(districten)},
        lambda: {"woonplaats": rng.choice(plaatsen)},
        lambda: {"type": rng.choice(typen), "sortering": "prioriteit"},
    ]
    uit = []
    for _ in range(n):
        if rng.random() < 0.15:
            uit.append(Verzoek(rng.choice(leiders), "/werkstroom/?weergave=leden"))
            continue
        query = {"weergave": "team", **rng.choice(filters)()}
        if rng.random() < 0.2:
            query["pagina"] = rng.randint(2, 3)
        uit.append(Verzoek(rng.choice(werkers), f"/werkstroom/?{urlencode(query)}"))
    return uit


def volgende_taak_verzoeken(rng: random.Random, n: int) -> list[Verzoek]:
    """TAK-5: an AB, AD or JD worker presses "Volgende taak" (claim with SKIP LOCKED and pick up)."""
    werkers = _werkers(("AB", "AD", "JD"))
    return [Verzoek(rng.choice(werkers), "/werkstroom/volgende/", "post") for _ in range(n)]


def casus_verzoeken(rng: random.Random, n: int) -> list[Verzoek]:
    """A casus opened by someone who worked on it (user permission), across all years."""
    (maximum,) = _rijen("SELECT max(id) FROM casus_casususerobjectpermission")[0]
    uit = []
    while len(uit) < n:
        rij = _rijen(
            "SELECT user_id, content_object_id FROM casus_casususerobjectpermission WHERE id >= %s ORDER BY id LIMIT 1",
            [rng.randint(1, maximum)],
        )
        if rij:
            uit.append(Verzoek(rij[0][0], f"/casussen/{rij[0][1]}/"))
    return uit


def _casus_van_werker(rng: random.Random, n: int, maak_url: Callable[[int, int], str]) -> list[Verzoek]:
    """Like casus_verzoeken: a casus (and its client) opened by someone who worked on it; the URL from
    ``maak_url(casus_id, client_id)``."""
    (maximum,) = _rijen("SELECT max(id) FROM casus_casususerobjectpermission")[0]
    uit = []
    while len(uit) < n:
        rij = _rijen(
            "SELECT p.user_id, p.content_object_id, k.client_id FROM casus_casususerobjectpermission p "
            "JOIN casus_casus k ON k.id = p.content_object_id WHERE p.id >= %s ORDER BY p.id LIMIT 1",
            [rng.randint(1, maximum)],
        )
        if rij:
            uit.append(Verzoek(rij[0][0], maak_url(rij[0][1], rij[0][2])))
    return uit


def client_verzoeken(rng: random.Random, n: int) -> list[Verzoek]:
    """Issue 24: the client card with its edit panels (CLI-1), opened by a caseworker of one of the cases."""
    return _casus_van_werker(rng, n, lambda casus, client: f"/clienten/{client}/")


def tijdlijn_verzoeken(rng: random.Random, n: int) -> list[Verzoek]:
    """Issue 24: the timeline as a dossier (TIJ-1), each entry with what it is about."""
    return _casus_van_werker(rng, n, lambda casus, client: f"/casussen/{casus}/tijdlijn/")


def casus_bewerken_verzoeken(rng: random.Random, n: int) -> list[Verzoek]:
    """Issue 24: the casus edit form (CAS-2) as its panel loads it (htmx), delict catalogue included."""
    return [
        Verzoek(v.user_id, v.url, htmx=True)
        for v in _casus_van_werker(rng, n, lambda casus, client: f"/casussen/{casus}/formulier/gegevens/")
    ]


def adres_verzoeken(rng: random.Random, n: int) -> list[Verzoek]:
    """Issue 24: a caseworker of one of the cases corrects the client's preferred address in its panel on the
    client card (CLI-1): the POST that saves it (version check, audit with old and new values, timeline) and
    the redirect, inside a transaction that is rolled back."""
    (maximum,) = _rijen("SELECT max(id) FROM casus_casususerobjectpermission")[0]
    uit = []
    while len(uit) < n:
        rij = _rijen(
            "SELECT p.user_id, c.id, c.versie, a.id, "  # noqa: S608 - the model's column names
            + ", ".join(f"a.{veld}" for veld in ADRES_FIELDS)
            + """ FROM casus_casususerobjectpermission p JOIN casus_casus k ON k.id = p.content_object_id
               JOIN casus_client c ON c.id = k.client_id JOIN casus_adres a ON a.client_id = c.id AND a.voorkeur
               WHERE p.id >= %s ORDER BY p.id LIMIT 1""",
            [rng.randint(1, maximum)],
        )
        if not rij:
            continue
        user, client, versie, adres, *waarden = rij[0]
        velden = dict(zip(ADRES_FIELDS, waarden, strict=True))
        velden["toevoeging"] = "" if velden["toevoeging"] else rng.choice(["A", "1", "bis"])  # the correction
        data = {f"adres-{adres}-{k}": "" if v is None else str(v) for k, v in velden.items()}
        data |= {f"adres-{adres}-versie": str(versie), f"adres-{adres}-voorkeur": "on"}
        uit.append(Verzoek(user, f"/clienten/{client}/adressen/{adres}/", "post", data=data))
    return uit


def mijn_werk_verzoeken(rng: random.Random, n: int) -> list[Verzoek]:
    """Issue 25: Mijn werk, the start page, per role: caseworkers of AB, AD and JD (their overdue and due
    tasks, call-backs, appointments, drafts), team leaders (team workload, access requests) and intake and
    review staff (the review queues with the oldest waiting)."""
    leiders = [
        r[0] for r in _rijen("SELECT DISTINCT medewerker_id FROM werkstroom_lidmaatschap WHERE rol = 'teamleider'")
    ]
    groepen = [g for g in (_werkers(("AB", "AD", "JD")), leiders, _werkers(("CAI", "ADMIN", "JDADMIN"))) if g]
    return [Verzoek(rng.choice(rng.choice(groepen)), "/") for _ in range(n)]


def aanmelding_verzoeken(rng: random.Random, n: int) -> list[Verzoek]:
    """Issue 25's review page (AAN-3): an open referral opened by a reviewer of its queue (Administratie or
    JD-Admin), with the decision beside the referral and the candidates for client and event."""
    beoordelaars = {"administratie": _werkers(("ADMIN",)), "jd_admin": _werkers(("JDADMIN",))}
    open_ = _rijen(
        "SELECT id, wachtrij FROM aanmelding_aanmelding WHERE status IN ('nieuw', 'in_beoordeling') "
        "ORDER BY id DESC LIMIT 20000"
    )
    open_ = [(pk, w) for pk, w in open_ if beoordelaars.get(w)]
    return [
        Verzoek(rng.choice(beoordelaars[w]), f"/aanmeldingen/{pk}/") for pk, w in (rng.choice(open_) for _ in range(n))
    ]


def _schrijfwijze(rng: random.Random, naam: str) -> str:
    """How intake might type a known surname: as stored, in lower case, two letters swapped, a letter
    doubled, or as "Achternaam, tussenvoegsel" — the finder must see through each (AAN-5)."""
    r = rng.random()
    if r < 0.2 or len(naam) < 4:
        return naam
    if r < 0.4:
        return naam.lower()
    i = rng.randrange(1, len(naam) - 2)
    if r < 0.6:
        return naam[:i] + naam[i + 1] + naam[i] + naam[i + 2 :]
    if r < 0.8:
        return naam[:i] + naam[i] + naam[i:]
    return f"{naam}, van der"


def clientzoeker_verzoeken(rng: random.Random, n: int) -> list[Verzoek]:
    """Intake looks a person up by BSN, by surname (as they happen to spell it) + birth date, or by postcode
    + house number (AAN-5)."""
    invoerders = _werkers(("CAI", "ADMIN"))
    (maximum,) = _rijen("SELECT max(id) FROM casus_client")[0]
    uit = []
    while len(uit) < n:
        rij = _rijen(
            """SELECT c.bsn, c.achternaam, c.voornamen, c.geboortedatum, a.postcode, a.huisnummer FROM casus_client c
               JOIN casus_adres a ON a.client_id = c.id AND a.voorkeur WHERE c.id >= %s ORDER BY c.id LIMIT 1""",
            [rng.randint(1, maximum)],
        )
        if not rij:
            continue
        bsn, achternaam, voornamen, geboren, postcode, huisnummer = rij[0]
        r = rng.random()
        if r < 0.3 and bsn:
            query = {"zoek_bsn": bsn}
        elif r < 0.85:
            query = {
                "zoek_achternaam": _schrijfwijze(rng, achternaam),
                "zoek_voornamen": voornamen if rng.random() < 0.5 else "",
                "zoek_geboortedatum": f"{geboren:%Y-%m-%d}",
            }
        else:
            query = {"zoek_postcode": postcode.replace(" ", ""), "zoek_huisnummer": huisnummer}
        # The finder on the intake page asks with htmx and gets the hits alone (the entry form stays as it is).
        uit.append(Verzoek(rng.choice(invoerders), f"/aanmeldingen/nieuw/?{urlencode(query)}", htmx=True))
    return uit


def clientzoeker_achternaam_verzoeken(rng: random.Random, n: int) -> list[Verzoek]:
    """Issue 24: intake types only a surname (as they happen to spell it) in the client finder; common and rare
    names alike, as the clients table holds them."""
    invoerders = _werkers(("CAI", "ADMIN"))
    (maximum,) = _rijen("SELECT max(id) FROM casus_client")[0]
    uit = []
    while len(uit) < n:
        rij = _rijen(
            "SELECT achternaam FROM casus_client WHERE id >= %s ORDER BY id LIMIT 1", [rng.randint(1, maximum)]
        )
        if rij and rij[0][0]:
            query = {"zoek_achternaam": _schrijfwijze(rng, rij[0][0])}
            uit.append(Verzoek(rng.choice(invoerders), f"/aanmeldingen/nieuw/?{urlencode(query)}", htmx=True))
    return uit


def zoeken_verzoeken(rng: random.Random, n: int) -> list[Verzoek]:
    """ZOE-1 by caseworkers (for a client they work with) and by intake (anyone): name, BSN, birth date,
    postcode + house number, PV-nummer, case number."""
    werkers = _werkers(("AB", "AD", "JD"))
    invoerders = _werkers(("CAI", "ADMIN"))
    (maximum,) = _rijen("SELECT max(id) FROM casus_casususerobjectpermission")[0]
    uit = []
    while len(uit) < n:
        rij = _rijen(
            """SELECT p.user_id, k.id, k.pv_nummer, c.bsn, c.achternaam, c.voornamen, c.geboortedatum, a.postcode,
                      a.huisnummer
               FROM casus_casususerobjectpermission p JOIN casus_casus k ON k.id = p.content_object_id
               JOIN casus_client c ON c.id = k.client_id JOIN casus_adres a ON a.client_id = c.id AND a.voorkeur
               WHERE p.id >= %s ORDER BY p.id LIMIT 1""",
            [rng.randint(1, maximum)],
        )
        if not rij:
            continue
        user, casus, pv, bsn, achternaam, voornamen, geboren, postcode, huisnummer = rij[0]
        vragen = [
            achternaam,
            f"{voornamen} {achternaam}",
            f"{geboren:%d-%m-%Y}",
            f"{postcode} {huisnummer}",
            f"CA{casus}",
        ]
        vragen += [v for v in (bsn, pv) if v]
        q = rng.choice(vragen)
        if rng.random() < 0.5:
            user = rng.choice(invoerders) if rng.random() < 0.5 else rng.choice(werkers)
        uit.append(Verzoek(user, f"/zoeken/?{urlencode({'q': q})}"))
    return uit


def beoordelen_verzoeken(rng: random.Random, n: int) -> list[Verzoek]:
    beoordelaars = _werkers(("ADMIN", "JDADMIN"))
    return [Verzoek(rng.choice(beoordelaars), "/aanmeldingen/beoordelen/") for _ in range(n)]


def taak_verzoeken(rng: random.Random, n: int) -> list[Verzoek]:
    """An open task opened by its handler or a team member."""
    rijen = _rijen(
        """SELECT t.id, l.medewerker_id FROM taken_taak t JOIN werkstroom_lidmaatschap l ON l.team_id = t.team_id
           WHERE t.status IN ('nieuw', 'toegewezen', 'in_behandeling') ORDER BY t.id, l.medewerker_id LIMIT 20000"""
    )
    return [Verzoek(user, f"/werkstroom/{taak}/") for taak, user in (rng.choice(rijen) for _ in range(n))]


def productierapport_verzoeken(rng: random.Random, n: int) -> list[Verzoek]:
    """DIE-4 by team leaders: a quarter or a month of the last years, broken down four ways."""
    leiders = [r[0] for r in _rijen("SELECT medewerker_id FROM werkstroom_lidmaatschap WHERE rol = 'teamleider'")]
    ((eerste, laatste),) = _rijen("SELECT min(aangemaakt_op), max(aangemaakt_op) FROM diensten_dienst")
    jaren = list(range(eerste.year, laatste.year + 1)) if eerste else [2026]
    uit = []
    for _ in range(n):
        jaar = rng.choice(jaren[-3:])
        van = f"{jaar}-K{rng.randint(1, 4)}" if rng.random() < 0.7 else f"{jaar}-{rng.randint(1, 12):02d}"
        query = {"van": van, "per": rng.choice(["soort", "district", "team", "maand"])}
        uit.append(Verzoek(rng.choice(leiders), f"/rapportage/?{urlencode(query)}"))
    return uit


SCENARIOS = [
    Scenario("werkstroom", "Werkstroom (mijn taken en teamtaken, pagina 1–5)", werkstroom_verzoeken),
    Scenario("werkstroom_filters", "Werkstroom gefilterd en gesorteerd (TAK-4)", werkstroom_filter_verzoeken),
    Scenario("volgende_taak", "Volgende taak (taakverdeler, TAK-5)", volgende_taak_verzoeken),
    Scenario("casus", "Casuspagina", casus_verzoeken),
    Scenario("client", "Cliëntkaart met bewerkpanelen (CLI-1, issue 24)", client_verzoeken),
    Scenario("tijdlijn", "Tijdlijn als dossier (TIJ-1, issue 24)", tijdlijn_verzoeken),
    Scenario("casus_bewerken", "Formulier casusgegevens (CAS-2, issue 24)", casus_bewerken_verzoeken),
    Scenario("adres_opslaan", "Adres corrigeren en opslaan (CLI-1, issue 24; POST, teruggedraaid)", adres_verzoeken),
    Scenario("mijn_werk", "Mijn werk per rol (issue 25)", mijn_werk_verzoeken),
    Scenario("aanmelding_beoordelen", "Beoordelingspagina aanmelding (AAN-3, issue 25)", aanmelding_verzoeken),
    Scenario(
        "clientzoeker",
        "Cliëntzoeker bij invoer (BSN, naam met schrijfvarianten + geboortedatum, adres)",
        clientzoeker_verzoeken,
    ),
    Scenario(
        "clientzoeker_achternaam",
        "Cliëntzoeker bij invoer, alleen achternaam (schrijfvarianten, issue 24)",
        clientzoeker_achternaam_verzoeken,
    ),
    Scenario("zoeken", "Zoeken (ZOE-1: naam, BSN, geboortedatum, adres, nummers)", zoeken_verzoeken),
    Scenario("beoordelen", "Beoordelingswachtrij aanmeldingen", beoordelen_verzoeken),
    Scenario("taak", "Taakpagina", taak_verzoeken),
    Scenario(
        "productierapport", "Productierapportage diensten (DIE-4, een kwartaal of maand)", productierapport_verzoeken
    ),
]
# Pages of the list that later issues build; the table shows them as not yet measurable.
NOG_NIET: dict[str, str] = {}


# --- measuring ------------------------------------------------------------------------------------------


def _sql_van(queries: list[dict]) -> list[str]:
    """The statements to replay for the floor: the page's reads and its audit writes; not transaction
    control, and not the session row (replaying its INSERT would collide)."""
    return [
        q["sql"]
        for q in queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK", "BEGIN", "COMMIT"))
        and '"django_session"' not in q["sql"]
    ]


_AUDIT_INSERT = re.compile(r'\s*INSERT INTO "?audit_auditentry', re.IGNORECASE)


def meten(scenario: Scenario, *, aantal: int, seed: int = 11) -> dict:
    rng = random.Random(seed)
    verzoeken = scenario.verzoeken(rng, aantal)
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in={v.user_id for v in verzoeken})}
    clients: dict[int, Client] = {}

    def client_voor(user_id: int) -> Client:
        if user_id not in clients:
            c = Client()
            c.force_login(users[user_id])
            clients[user_id] = c
        return clients[user_id]

    for user_id in users:  # log in outside the measurements
        client_voor(user_id)

    def doe(v: Verzoek):
        if v.methode == "get":
            return client_voor(v.user_id).get(v.url, headers={"HX-Request": "true"} if v.htmx else {})
        with transaction.atomic():  # a write is measured and then undone
            response = client_voor(v.user_id).post(v.url, v.data or {})
            transaction.set_rollback(True)
        return response

    # A server process is warm: its caches (content types, permissions, translations) are filled once.
    doe(verzoeken[0])
    # Pass 1: check the answers, count queries and keep the SQL of every request for the floor.
    queries, statements, fouten, audit = [], [], 0, []
    for v in verzoeken:
        with CaptureQueriesContext(connection) as ctx:
            response = doe(v)
        if response.status_code != (200 if v.methode == "get" else 302):
            fouten += 1
        queries.append(len(ctx.captured_queries))
        audit.append(sum(bool(_AUDIT_INSERT.match(q["sql"])) for q in ctx.captured_queries))
        statements.append(_sql_van(ctx.captured_queries))
    # Pass 2: server time through the whole stack, with the machine's load (1-minute average) around it: the
    # machine may be shared, and a page measured under load is read as such (or measured again).
    load_voor = os.getloadavg()[0]
    tijden, cpu = [], []
    for v in verzoeken:
        begin, begin_cpu = time.perf_counter(), time.process_time()
        doe(v)
        tijden.append((time.perf_counter() - begin) * 1000)
        cpu.append((time.process_time() - begin_cpu) * 1000)  # this process's CPU: the server's Python side
    load_na = os.getloadavg()[0]
    # Floor: the same SQL, replayed alone (writes undone as above).
    vloer = []
    with transaction.atomic(), connection.cursor() as cursor:
        for sqls in statements:
            begin = time.perf_counter()
            for sql in sqls:
                cursor.execute(sql)
                if cursor.description:
                    cursor.fetchall()
            vloer.append((time.perf_counter() - begin) * 1000)
        transaction.set_rollback(True)
    return {
        "naam": scenario.naam,
        "omschrijving": scenario.omschrijving,
        "verzoeken": len(verzoeken),
        "fouten": fouten,
        "p50_ms": round(percentiel(tijden, 50), 2),
        "p95_ms": round(percentiel(tijden, 95), 2),
        "p99_ms": round(percentiel(tijden, 99), 2),
        "cpu_p50_ms": round(percentiel(cpu, 50), 2),
        "cpu_p95_ms": round(percentiel(cpu, 95), 2),
        "queries_max": max(queries),
        "queries_mediaan": statistics.median(queries),
        "audit_inserts_min": min(audit),  # the audit log's INSERT statements of one request (AUT-3, issue 22)
        "vloer_p50_ms": round(percentiel(vloer, 50), 2),
        "vloer_p95_ms": round(percentiel(vloer, 95), 2),
        "load": [round(load_voor, 2), round(load_na, 2)],
    }
