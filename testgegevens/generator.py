"""Production-volume test data (issue 11): `manage.py genereer_testdata --schaal F`.

At F=1: 1.2 M clients, 1.3 M cases, 4 M tasks, 3 M contact reports, 1.6 M services (DIE-2; ~80 % informing,
~20 % supporting, with their time entries), ~1,500 staff in the 61 teams, the referrals behind the cases plus
open ones in the review queues, the timeline, the object permissions that the services would have written,
and audit entries. Deterministic for a seed and a reference date.

How it is fast: one pass in Python over the cases in time order writes every table at once, each through
its own connection's COPY stream, so PostgreSQL ingests on the second core while Python generates on the
first. Before loading, the foreign keys and secondary indexes of the loaded tables are dropped; they are
recreated (and so validated) afterwards, and the tables analysed. Ids are assigned here, sequences set at
the end. Statuses follow the rules of CAS-3 and access follows the rule of AUT-1 exactly as the services
apply them, so the nightly recalculation finds nothing to change on freshly generated data.
"""

from __future__ import annotations

import bisect
import itertools
import logging
import math
import random
import time
from array import array
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import psycopg
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import connection, transaction

from casus.namen import sleutels as namen_sleutels
from cris import klok
from diensten.services.productie import productie_voorberekenen
from testgegevens import namen

log = logging.getLogger(__name__)

# Volumes at F=1 (SYSTEM 000: 1.16 M clients, 1.32 M cases).
VOLUME = {
    "casussen": 1_300_000,
    "taken": 4_000_000,
    "contactmomenten": 3_000_000,
    "diensten": 1_600_000,
    "medewerkers": 1_500,
    "open_aanmeldingen": 1_500,
}
HERHAALKANS = 0.077  # share of cases for a client who already had one → 1.2 M clients at F=1
JAREN = 7
DAG = 86_400
UUR = 3_600

# Tables loaded here, in the order their foreign keys need at validation time.
TABELLEN = [
    "casus_client",
    "casus_adres",
    "casus_casus",
    "aanmelding_aanmelding",
    "taken_taak",
    "taken_contactmoment",
    "diensten_dienst",
    "diensten_tijdsbesteding",
    "casus_tijdlijnitem",
    "casus_casusgroupobjectpermission",
    "casus_casususerobjectpermission",
    "audit_auditentry",
]

# Triggers that keep a column the generator writes itself (aanmelding.casus_teams, aanmelding.0016): off while the
# tables load, since each would look up rows in a table that is loading without its indexes; back on afterwards.
EIGEN_TRIGGERS = [
    ("aanmelding_aanmelding", "aanmelding_casus_teams"),
    ("casus_casusgroupobjectpermission", "casus_teams_na_insert"),
]

KOLOMMEN = {
    "casus_client": "id, voorletters, voornamen, tussenvoegsel, achternaam, geboortedatum, geslacht, bsn, telefoon, "
    "email, taal, tolk_nodig, vertegenwoordiger, contactvoorkeur, geheim_adres, geen_post_huisadres, overleden, "
    "aangemaakt_op, naam_sleutel, naam_fonetisch",
    "casus_adres": "id, client_id, straat, huisnummer, huisletter, toevoeging, postcode, woonplaats, land, voorkeur",
    "casus_casus": "id, client_id, status, passief_sinds, afgerond_op, district_id, bron, pv_nummer, parketnummer, "
    "slachtofferrol, delict_code, delict_omschrijving, delict_datum, delict_plaats, beschermingsmaatregelen, "
    "kwetsbaarheden, juridische_informatie, alarm, alarm_toelichting, aangemaakt_op",
    "aanmelding_aanmelding": "id, kanaal, wachtrij, status, ontvangen_op, bericht_id, pv_nummer, parketnummer, "
    "delict_code, delict_omschrijving, delict_datum, delict_plaats, slachtofferrol, voorletters, voornamen, "
    "tussenvoegsel, achternaam, geboortedatum, geslacht, bsn, straat, huisnummer, huisletter, toevoeging, postcode, "
    "woonplaats, land, telefoon, email, taal, minderjarig, vertegenwoordiger, toestemming_contact, "
    "beschermingsmaatregelen, kwetsbaarheden, juridische_informatie, toelichting, melder, ingevoerd_door_id, "
    "voorgestelde_client_id, beoordelaar_id, beoordeeld_op, afwijsreden, casus_id, aangemaakt_op, signaleringen, "
    "bsn_ontvangen, strafzaak, casus_teams",
    "taken_taak": "id, casus_id, type_id, team_id, behandelaar_id, status, prioriteit, deadline, routering, "
    "afbreekreden, aangemaakt_op, aangemaakt_door_id, gestart_op, afgerond_op",
    "taken_contactmoment": "id, taak_id, casus_id, medewerker_id, tijdstip, kanaal, richting, bereikt, "
    "duur_minuten, verslag, aangemaakt_op",
    "diensten_dienst": "id, taak_id, casus_id, soort_id, team_id, district_id, status, toelichting, aangemaakt_op, "
    "aangemaakt_door_id, open_sinds, afgesloten_op, doorlooptijd_s, besteed_minuten, keer_heropend, historie_sinds",
    "diensten_tijdsbesteding": "id, dienst_id, medewerker_id, datum, minuten, omschrijving, aangemaakt_op, soort_id, "
    "team_id, district_id",
    "casus_tijdlijnitem": "id, casus_id, tijdstip, soort, omschrijving, medewerker_id, object_type, object_id",
    "casus_casusgroupobjectpermission": "id, group_id, permission_id, content_object_id",
    "casus_casususerobjectpermission": "id, user_id, permission_id, content_object_id",
    "audit_auditentry": "id, tijdstip, actor_id, actor_weergave, actie, bron, object_type, object_id, "
    "object_weergave, client_id, reden, request_id, ip_adres, wijzigingen",
}

N = "\\N"
KANALEN = [("edp", 70), ("cai", 11), ("edom", 8), ("zsm", 3), ("email", 2), ("ketenpartner", 2), ("msh", 2),
           ("cma", 1), ("recherche", 1)]  # fmt: skip
ROLLEN = [("slachtoffer", 86), ("nabestaande", 5), ("getuige", 4), ("naaste", 5)]
# Extra tasks after the first, by department: (task type code, weight)
VERVOLG = [
    ("AD-ONDERSTEUNING", 46), ("AD-INTAKE", 12), ("AD-MONITOR", 8), ("AB-MONITOR", 6), ("JD-INTAKE", 12),
    ("CM-BEGELEIDING", 4), ("AO-PIKET", 3), ("LOT-CONTACT", 2), ("NDF-CONTACT", 1), ("CAI-TERUGBEL", 6),
]  # fmt: skip
EERSTE_TAAK = {
    "edp": "AB-BENADERING",
    "zsm": "JD-ZSM",
    "edom": "JD-INTAKE",
    "cai": "AD-INTAKE",
    "cma": "CMA-AANMELDING",
}
CONTACTKANALEN = [("telefoon", 78), ("gesprek", 9), ("email", 6), ("video", 4), ("brief", 2), ("chat", 1)]
# Team sizes per department at F=1 (per district team where the department is regional).
TEAMGROOTTE = {"AB": 30, "AO": 10, "AD": 56, "JD": 12, "CM": 12, "ADMIN": 45, "JDADMIN": 18, "CAI": 70, "CMA": 12,
               "NDF": 22, "LOT": 12}  # fmt: skip
AFDELING_ROL = {
    "AB": "Actieve Benadering", "AO": "Acute Opvang", "AD": "Algemene Dienstverlening",
    "JD": "Juridische Dienstverlening", "CM": "Casemanagement", "ADMIN": "Administratie", "JDADMIN": "JD-Admin",
    "CAI": "CAI", "CMA": "Casemanagement Aanmeldpunt", "NDF": "Namens de Familie", "LOT": "Lotgenoten",
}  # fmt: skip


class Gewogen:
    """Fast weighted choice from a fixed table."""

    def __init__(self, items, rng: random.Random):
        self.values = [item[:-1] if len(item) > 2 else item[0] for item in items]
        self.cum = list(itertools.accumulate(item[-1] for item in items))
        self.total = self.cum[-1]
        self.rng = rng

    def __call__(self):
        return self.values[bisect.bisect_right(self.cum, self.rng.random() * self.total)]


class Tijd:
    """Timestamps as epoch seconds, rendered for COPY with a per-day cache."""

    def __init__(self):
        self._dagen: dict[int, str] = {}

    def ts(self, s: float | None) -> str:
        if s is None:
            return N
        s = int(s)
        dag, rest = divmod(s, DAG)
        d = self._dagen.get(dag)
        if d is None:
            d = self._dagen[dag] = datetime.fromtimestamp(dag * DAG, UTC).strftime("%Y-%m-%d")
        return f"{d} {rest // UUR:02d}:{rest % UUR // 60:02d}:{rest % 60:02d}+00"

    def datum(self, s: float | None) -> str:
        if s is None:
            return N
        return self.ts(s)[:10]


def bsn_reeks(seed: int):
    """Distinct valid BSNs (11-proef), spread over the number space by a multiplicative bijection."""
    modulus = 89_999_999
    step = 7_919_993  # coprime with the modulus
    start = seed % modulus
    for i in itertools.count():
        prefix = 10_000_000 + (start + i * step) % modulus
        digits = [int(c) for c in f"{prefix:08d}"]
        rest = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if rest < 10:  # the check digit d9 satisfies sum - d9 ≡ 0 (mod 11)
            yield f"{prefix:08d}{rest}"


@dataclass
class Teller:
    ids: dict[str, int] = field(default_factory=dict)
    rijen: dict[str, int] = field(default_factory=dict)

    def volgende(self, tabel: str) -> int:
        self.ids[tabel] += 1
        self.rijen[tabel] = self.rijen.get(tabel, 0) + 1
        return self.ids[tabel]


class Stroom:
    """One table's COPY stream on its own connection; rows buffered as text lines."""

    def __init__(self, url_kwargs: dict, tabel: str):
        self.tabel = tabel
        self.conn = psycopg.connect(**url_kwargs, autocommit=False)
        self.conn.execute("SET synchronous_commit = off")
        self.cur = self.conn.cursor()
        self._ctx = self.cur.copy(f"COPY {tabel} ({KOLOMMEN[tabel]}) FROM STDIN")
        self.copy = self._ctx.__enter__()
        self.buffer: list[str] = []

    def rij(self, regel: str) -> None:
        self.buffer.append(regel)
        if len(self.buffer) >= 4000:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            self.copy.write("\n".join(self.buffer) + "\n")
            self.buffer.clear()

    def sluiten(self, commit: bool) -> None:
        try:
            if commit:
                self.flush()
                self._ctx.__exit__(None, None, None)
                self.conn.commit()
            else:
                self._ctx.__exit__(RuntimeError, RuntimeError("afgebroken"), None)
                self.conn.rollback()
        except Exception:
            if commit:
                raise
        finally:
            self.conn.close()


def _connectie_kwargs() -> dict:
    """Connection parameters of Django's default connection (the test database too), for psycopg directly."""
    params = connection.get_connection_params()
    for sleutel in ("context", "cursor_factory", "prepare_threshold"):
        params.pop(sleutel, None)
    return params


# --- schema handling ------------------------------------------------------------------------------------


def _ontmantelen(cursor) -> list[str]:
    """Drop foreign keys and secondary (non-constraint) indexes of the loaded tables and disable EIGEN_TRIGGERS;
    return the DDL that restores them, foreign keys and triggers last."""
    cursor.execute(
        """
        SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid =
                          (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)
        """,
        [TABELLEN],
    )
    indexen = cursor.fetchall()
    # A statistics target set on an index column by a migration (ALTER INDEX ... SET STATISTICS, such as
    # aanmelding.0011_zoeknaam_statistieken) goes with the dropped index: set it again on the new one, or the
    # database plans on coarser statistics than production's (ANALYZE runs after the restore).
    cursor.execute(
        """
        SELECT c.relname, a.attnum, a.attstattarget FROM pg_index i
        JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_attribute a ON a.attrelid = i.indexrelid
        WHERE i.indrelid::regclass::text = ANY(%s) AND a.attstattarget > 0
        """,
        [TABELLEN],
    )
    doelen = [(naam, kolom, doel) for naam, kolom, doel in cursor.fetchall() if naam in {n for n, _ in indexen}]
    cursor.execute(
        """
        SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c
        WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(%s)
        """,
        [TABELLEN],
    )
    fks = cursor.fetchall()
    for tabel, naam, _ in fks:
        cursor.execute(f'ALTER TABLE {tabel} DROP CONSTRAINT "{naam}"')
    for naam, _ in indexen:
        cursor.execute(f'DROP INDEX "{naam}"')
    for tabel, trigger in EIGEN_TRIGGERS:
        cursor.execute(f'ALTER TABLE {tabel} DISABLE TRIGGER "{trigger}"')
    # A partitioned table's index (the audit log's) prints as CREATE INDEX ... ON ONLY: that would come back
    # invalid and on no partition (dropping it dropped theirs). Without ONLY it is made on every partition.
    return (
        [definitie.replace(" ON ONLY ", " ON ", 1) for _, definitie in indexen]
        + [f'ALTER INDEX "{naam}" ALTER COLUMN {kolom} SET STATISTICS {doel}' for naam, kolom, doel in doelen]
        + [f'ALTER TABLE {tabel} ADD CONSTRAINT "{naam}" {definitie}' for tabel, naam, definitie in fks]
        + [f'ALTER TABLE {tabel} ENABLE TRIGGER "{trigger}"' for tabel, trigger in EIGEN_TRIGGERS]
    )


def _herstellen(ddl: list[str]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for statement in ddl:
            cursor.execute(statement)


# --- organisation ---------------------------------------------------------------------------------------


@dataclass
class Organisatie:
    teams: dict[tuple[str, str | None], tuple[int, int]]  # (afdeling, district code|None) → (team id, group id)
    leden: dict[int, list[int]]  # team id → user ids
    weergave: dict[int, str]  # user id → display name for audit entries
    beoordelaars: list[int]
    jd_beoordelaars: list[int]
    district_ids: dict[str, int]


def organisatie_opbouwen(schaal: float, rng: random.Random) -> Organisatie:
    """The 61 teams of ORG-2 and staff in each: roles from function profiles and memberships through the same
    services the AFAS import uses."""
    from cris.accounts.models import Functieprofiel, Medewerker
    from cris.accounts.services import medewerker_rollen_afleiden
    from testgegevens.demo.werkstroom import teams_aanmaken
    from werkstroom.models import District, Lidmaatschap, Team
    from werkstroom.services import lidmaatschap_opslaan, team_groep

    teams_aanmaken()
    # Roles come from function profiles, as for every Medewerker (ORG-4): one test profile per role.
    profielen = {}
    for rol in [*AFDELING_ROL.values(), "Teamleider"]:
        profielen[rol], _ = Functieprofiel.objects.get_or_create(
            code=f"TESTDATA-{rol}", defaults={"naam": f"Testgegevens {rol}"}
        )
        profielen[rol].rollen.add(Group.objects.get(name=rol))
    bestaand = set(Medewerker.objects.filter(username__startswith="tg").values_list("username", flat=True))
    nieuw_leden = []
    for team in Team.objects.select_related("district").order_by("pk"):
        grootte = max(2, round(TEAMGROOTTE.get(team.afdeling, 5) * schaal))
        for i in range(grootte):
            username = f"tg{team.code.lower()}{i:03d}"
            if username in bestaand:
                continue
            m = rng.random() < 0.3
            voornaam = rng.choice(namen.VOORNAMEN_M if m else namen.VOORNAMEN_V)
            tv, achternaam, _ = rng.choice(namen.ACHTERNAMEN)
            nieuw_leden.append(
                (
                    Medewerker(
                        username=username,
                        voornamen=voornaam,
                        voorletters=f"{voornaam[0]}.",
                        tussenvoegsels=tv,
                        achternaam=achternaam,
                        email=f"{username}@cris.invalid",
                        password="!",  # unusable: generated staff never log in with a password
                        profiel=profielen[AFDELING_ROL[team.afdeling]],
                        tweede_profiel=profielen["Teamleider"] if i == 0 else None,
                    ),
                    team,
                    i == 0,
                )
            )
    with transaction.atomic():
        Medewerker.objects.bulk_create([m for m, _, _ in nieuw_leden], batch_size=1000)
        for m, team, leider in nieuw_leden:
            medewerker_rollen_afleiden(medewerker=m)
            lidmaatschap_opslaan(
                medewerker=m, team=team, rol=Lidmaatschap.Rol.TEAMLEIDER if leider else None, standaard=True
            )
    teams, leden = {}, {}
    for team in Team.objects.select_related("district").order_by("pk"):
        groep = team.groep_id or team_groep(team).pk
        teams[(team.afdeling, team.district.code if team.district else None)] = (team.pk, groep)
        leden[team.pk] = []
    weergave = {}
    for lid in Lidmaatschap.objects.filter(medewerker__username__startswith="tg").select_related("medewerker"):
        leden[lid.team_id].append(lid.medewerker_id)
        m = lid.medewerker
        weergave[m.pk] = " ".join(p for p in (m.voornamen, m.tussenvoegsels, m.achternaam) if p)
    for ids in leden.values():
        ids.sort()
    return Organisatie(
        teams=teams,
        leden=leden,
        weergave=weergave,
        beoordelaars=leden[teams[("ADMIN", None)][0]],
        jd_beoordelaars=leden[teams[("JDADMIN", None)][0]],
        district_ids=dict(District.objects.values_list("code", "pk")),
    )


# --- the generator --------------------------------------------------------------------------------------


@dataclass
class Resultaat:
    rijen: dict[str, int]
    seconden: dict[str, float]


class Generator:
    def __init__(self, *, schaal: float, seed: int, peildatum: date):
        self.schaal = schaal
        self.seed = seed
        self.rng = random.Random(seed)
        self.peil = int(datetime(peildatum.year, peildatum.month, peildatum.day, tzinfo=UTC).timestamp())
        self.tijd = Tijd()
        self.teller = Teller()

    # Scalar pickers, built once.
    def _tabellen(self, org: Organisatie) -> None:
        rng = self.rng
        self.kanaal = Gewogen(KANALEN, rng)
        self.rol = Gewogen(ROLLEN, rng)
        self.delict = Gewogen([(c, o, w) for c, o, w in namen.DELICTEN], rng)
        self.vervolg = Gewogen(VERVOLG, rng)
        self.contactkanaal = Gewogen(CONTACTKANALEN, rng)
        kop = [(tv, a, w) for tv, a, w in namen.ACHTERNAMEN]
        self.kopnaam = Gewogen(kop, rng)
        self.bsns = bsn_reeks(self.seed)
        from werkstroom.models import Postcode

        rows = list(Postcode.objects.values_list("cijfers", "district__code").order_by("cijfers"))
        self.postcodes = rows
        from taken.models import TaakType

        self.taaktypen = {t.code: t for t in TaakType.objects.all()}
        from diensten.catalogus import dienstsoorten_laden
        from diensten.models import DienstSoort

        dienstsoorten_laden(DienstSoort)  # idempotent: also after a flush that emptied the catalogue
        subs = list(
            DienstSoort.objects.filter(hoofddienst__isnull=False).order_by("code").values_list("pk", "categorie")
        )
        informerend = [pk for pk, categorie in subs if categorie == "informerend"]
        ondersteunend = [pk for pk, categorie in subs if categorie == "ondersteunend"]
        # 1.26 M informing and 0.30 M supporting services a year (SYSTEM 000).
        self.dienstsoort = Gewogen([(pk, 80 / len(informerend)) for pk in informerend]
                                   + [(pk, 20 / len(ondersteunend)) for pk in ondersteunend], rng)  # fmt: skip
        self.ondersteunend = set(ondersteunend)
        self.org = org
        self.view_casus = Permission.objects.get(content_type__app_label="casus", codename="view_casus").pk

    def _achternaam(self) -> tuple[str, str]:
        rng = self.rng
        if rng.random() < 0.45:
            return self.kopnaam()
        naam = rng.choice(namen.STAM_BEGIN) + rng.choice(namen.STAM_EIND) + rng.choice(namen.STAM_STAART)
        return rng.choice(namen.TAIL_TUSSENVOEGSELS), naam

    def _tijdstippen(self, aantal: int) -> array:
        """Case creation times over JAREN years, growing ~4% a year, sorted (ids follow time)."""
        rng = self.rng
        span = JAREN * 365 * DAG
        groei = math.log(1.04) / (365 * DAG)
        a = math.exp(groei * span) - 1
        begin = self.peil - span
        out = array("q", (int(begin + math.log1p(rng.random() * a) / groei) for _ in range(aantal)))
        return array("q", sorted(out))

    def genereren(self, org: Organisatie, stromen: dict[str, Stroom]) -> None:
        rng, tijd, teller = self.rng, self.tijd, self.teller
        self._tabellen(org)
        aantal_casussen = max(10, round(VOLUME["casussen"] * self.schaal))
        # Recent cases have not had all their tasks yet (cut at the reference date): aim a little higher.
        taken_per_casus = VOLUME["taken"] / VOLUME["casussen"] * 1.045
        contact_per_taak = VOLUME["contactmomenten"] / VOLUME["taken"]
        # Services go on tasks someone worked on (~85 % of all tasks).
        self.dienst_per_taak = VOLUME["diensten"] / (VOLUME["taken"] * 0.85)
        tijden = self._tijdstippen(aantal_casussen)
        clienten: list[tuple] = []  # client id → the fields a later case or referral copies
        S = stromen
        ts = tijd.ts
        view = self.view_casus
        for t0 in tijden:
            # Client: new, or one who came before (repeat victimisation).
            if clienten and rng.random() < HERHAALKANS:
                client = clienten[rng.randrange(len(clienten))]
            else:
                client = self._client(t0, S)
                clienten.append(client)
            cid, naamvelden, district, adres = client[0], client[1], client[2], client[3]
            casus_id = teller.volgende("casus_casus")
            kanaal = self.kanaal()
            rol = self.rol()
            delict_code, delict_oms = self.delict()
            delict_dag = t0 - rng.randrange(0, 20) * DAG - rng.randrange(DAG)
            pv = (
                f"PL{rng.choice(namen.EENHEDEN)}-{datetime.fromtimestamp(t0, UTC).year}{rng.randrange(10**6):06d}"
                if kanaal in ("edp", "zsm", "edom")
                else ""
            )
            parket = (
                f"{rng.randrange(1, 99):02d}/{rng.randrange(10**6):06d}-{rng.randrange(10, 99)}"
                if kanaal == "edom"
                else ""
            )
            kwets = "{" + rng.choice(namen.KWETSBAARHEDEN) + "}" if rng.random() < 0.08 else "{}"
            alarm = rng.random() < 0.004

            # Tasks: the first by channel, follow-ups one after another.
            taken = self._taken(t0, kanaal, district, taken_per_casus)
            status, passief_sinds, afgerond_op = self._casusstatus(taken)

            S["casus_casus"].rij(
                f"{casus_id}\t{cid}\t{status}\t{ts(passief_sinds)}\t{ts(afgerond_op)}\t"
                f"{self.org.district_ids[district]}\t{kanaal}\t{pv}\t{parket}\t{rol}\t{delict_code}\t{delict_oms}\t"
                f"{tijd.datum(delict_dag)}\t{adres[5]}\t\t{kwets}\t\t{'t' if alarm else 'f'}\t"
                f"{'Agressie tegen medewerkers bekend' if alarm else ''}\t{ts(t0)}"
            )
            # The referral that led to it.
            wachtrij = "jd_admin" if kanaal == "edom" else "administratie"
            beoordelaar = rng.choice(org.jd_beoordelaars if wachtrij == "jd_admin" else org.beoordelaars)
            ontvangen = t0 - rng.randrange(600, 30 * UUR)
            groepen = sorted({taak["groep"] for taak in taken})  # the teams with view rights (below)
            self._aanmelding(
                S, kanaal, wachtrij, "goedgekeurd", ontvangen, pv, parket, delict_code, delict_oms, delict_dag,
                rol, naamvelden, adres, beoordelaar=beoordelaar, beoordeeld=t0, casus_id=casus_id, kwets=kwets,
                casus_teams=groepen,
            )  # fmt: skip
            S["casus_tijdlijnitem"].rij(
                f"{teller.volgende('casus_tijdlijnitem')}\t{casus_id}\t{ts(t0)}\taanmelding\t"
                f"Aanmelding goedgekeurd ({kanaal})\t{beoordelaar}\taanmelding.aanmelding\t"
                f"{teller.ids['aanmelding_aanmelding']}"
            )
            self._audit(S, t0, beoordelaar, "aanmaken", "casus.casus", casus_id, cid, "web")
            personen = set()
            for taak in taken:
                self._taak_schrijven(S, casus_id, cid, taak, contact_per_taak, t0)
                if taak["behandelaar"]:
                    personen.add(taak["behandelaar"])
            for g in groepen:
                S["casus_casusgroupobjectpermission"].rij(
                    f"{teller.volgende('casus_casusgroupobjectpermission')}\t{g}\t{view}\t{casus_id}"
                )
            for u in sorted(personen):
                S["casus_casususerobjectpermission"].rij(
                    f"{teller.volgende('casus_casususerobjectpermission')}\t{u}\t{view}\t{casus_id}"
                )
        # Referrals waiting for review (AAN-3) and rejected ones.
        open_n = max(5, round(VOLUME["open_aanmeldingen"] * self.schaal))
        for _ in range(open_n):
            client = self._persoon()
            kanaal = self.kanaal()
            wachtrij = "jd_admin" if kanaal == "edom" else "administratie"
            ontvangen = self.peil - rng.randrange(0, 3 * DAG)
            code, oms = self.delict()
            self._aanmelding(
                S, kanaal, wachtrij, "nieuw", ontvangen, "", "", code, oms, ontvangen - 2 * DAG, self.rol(),
                client[0], client[1], kwets="{}",
            )  # fmt: skip
        for _ in range(round(aantal_casussen * 0.03)):
            client = self._persoon()
            ontvangen = tijden[rng.randrange(len(tijden))]
            code, oms = self.delict()
            self._aanmelding(
                S, "edp", "administratie", "afgekeurd", ontvangen, "", "", code, oms, ontvangen - DAG, "slachtoffer",
                client[0], client[1], beoordelaar=rng.choice(org.beoordelaars), beoordeeld=ontvangen + 4 * UUR,
                kwets="{}", afwijsreden="Buiten doelgroep",
            )  # fmt: skip

    def _persoon(self) -> tuple[tuple, tuple]:
        """Name fields and address of a (new) person, without a client row."""
        rng = self.rng
        geslacht = "V" if rng.random() < 0.52 else ("M" if rng.random() < 0.97 else rng.choice("XO"))
        voornaam = rng.choice(namen.VOORNAMEN_V if geslacht == "V" else namen.VOORNAMEN_M)
        tv, achternaam = self._achternaam()
        leeftijd_dagen = int(rng.triangular(0, 95, 34) * 365.25 * DAG)
        geboren = self.peil - leeftijd_dagen - rng.randrange(365) * DAG
        bsn = next(self.bsns) if rng.random() < 0.8 else ""
        cijfers, district = self.postcodes[rng.randrange(len(self.postcodes))]
        letters = chr(65 + rng.randrange(26)) + chr(65 + rng.randrange(26))
        plaatsen = namen.PLAATSEN[district]
        plaats = plaatsen[min(len(plaatsen) - 1, int(rng.expovariate(0.7)))]
        adres = (
            rng.choice(namen.STRATEN),
            str(rng.randrange(1, 250)),
            "A" if rng.random() < 0.05 else "",
            f"{cijfers} {letters}",
            plaats,
            plaats,
        )
        telefoon = f"06{rng.randrange(10**8):08d}" if rng.random() < 0.85 else ""
        naamvelden = (f"{voornaam[0]}.", voornaam, tv, achternaam, self.tijd.datum(geboren), geslacht, bsn, telefoon)
        return naamvelden, (district, *adres)

    def _client(self, t0: int, S) -> tuple:
        naamvelden, adres = self._persoon()
        district, adresvelden = adres[0], adres[1:]
        cid = self.teller.volgende("casus_client")
        vl, vn, tv, an, geb, gs, bsn, tel = naamvelden
        email = f"{vn.lower()}.{an.lower().replace(' ', '')}{cid % 1000}@example.nl" if self.rng.random() < 0.4 else ""
        geheim = "t" if self.rng.random() < 0.003 else "f"
        sleutels = namen_sleutels(an)  # the client finder's keys (AAN-5), as Client.save() computes them
        S["casus_client"].rij(
            f"{cid}\t{vl}\t{vn}\t{tv}\t{an}\t{geb}\t{gs}\t{bsn or N}\t{tel}\t{email}\tnl\tf\t\t\t"
            f"{geheim}\t{geheim}\tf\t{self.tijd.ts(t0)}\t{sleutels['naam_sleutel']}\t{sleutels['naam_fonetisch']}"
        )
        straat, huisnr, huisletter, postcode, plaats, _ = adresvelden
        S["casus_adres"].rij(
            f"{self.teller.volgende('casus_adres')}\t{cid}\t{straat}\t{huisnr}\t{huisletter}\t\t{postcode}\t{plaats}\t"
            f"Nederland\tt"
        )
        return (cid, naamvelden, district, adres)

    def _taken(self, t0: int, kanaal: str, district: str, gemiddeld: float) -> list[dict]:
        rng, peil = self.rng, self.peil
        # 1 + a geometric number of follow-ups with the production mean.
        p = 1 / gemiddeld
        aantal = 1
        while aantal < 12 and rng.random() > p:
            aantal += 1
        codes = [EERSTE_TAAK.get(kanaal, "AB-BENADERING")] + [self.vervolg() for _ in range(aantal - 1)]
        taken, start = [], t0 + rng.randrange(60, 2 * UUR)
        for i, code in enumerate(codes):
            if start > peil:
                break
            taaktype = self.taaktypen[code]
            afdeling = taaktype.afdeling
            team_id, groep = self.org.teams.get((afdeling, district)) or self.org.teams[(afdeling, None)]
            duur = self._duur(afdeling)
            einde = start + duur
            leden = self.org.leden[team_id]
            if einde < peil:
                status = "gerealiseerd" if rng.random() < 0.88 else "afgebroken"
                behandelaar = leden[rng.randrange(len(leden))]
                gestart, afgerond = start + rng.randrange(0, max(1, duur // 3)), einde
            else:
                r = rng.random()
                status = "nieuw" if r < 0.45 else ("toegewezen" if r < 0.58 else "in_behandeling")
                behandelaar = None if status == "nieuw" else leden[rng.randrange(len(leden))]
                gestart = (
                    start + rng.randrange(0, max(1, (peil - start) // 2 + 1)) if status == "in_behandeling" else None
                )
                afgerond = None
            uren = taaktype.deadline_uren
            deadline = (t0 + uren * UUR) if uren else (start + (14 if i else 5) * DAG)
            taken.append(
                {
                    "type": taaktype.pk,
                    "team": team_id,
                    "groep": groep,
                    "behandelaar": behandelaar,
                    "status": status,
                    "prioriteit": taaktype.standaard_prioriteit,
                    "deadline": deadline,
                    "aangemaakt": start,
                    "gestart": gestart,
                    "afgerond": afgerond,
                    "ab": afdeling == "AB",
                    "routering": "district" if (afdeling, district) in self.org.teams else "landelijk",
                    "district": district,
                }
            )
            start = einde + rng.randrange(UUR, 10 * DAG)
        return taken

    def _duur(self, afdeling: str) -> int:
        """How long a task of this department runs: AB within days, JD and CM for months."""
        rng = self.rng
        if afdeling == "AB":
            return rng.randrange(UUR, 3 * DAG)
        if afdeling == "JD":
            return rng.randrange(DAG, 200 * DAG)
        if afdeling == "CM":
            return rng.randrange(30 * DAG, 300 * DAG)
        return rng.randrange(2 * UUR, 40 * DAG)

    def _casusstatus(self, taken: list[dict]) -> tuple[str, int | None, int | None]:
        """CAS-3, as taken.status computes it in steady state: Passief since the last task was done."""
        statussen = [t["status"] for t in taken]
        if "in_behandeling" in statussen:
            return "actief", None, None
        if taken and all(s == "afgebroken" for s in statussen):
            return "geannuleerd", None, None
        klaar = [t["afgerond"] for t in taken if t["status"] == "gerealiseerd"]
        if klaar and not any(s in ("nieuw", "toegewezen") for s in statussen):
            sinds = max(t["afgerond"] for t in taken)
            grens = self.peil - settings.CASUS_AFRONDEN_NA_DAGEN * DAG
            if sinds <= grens:
                afgerond = sinds + settings.CASUS_AFRONDEN_NA_DAGEN * DAG
                afgerond = afgerond - afgerond % DAG + DAG + int(2.5 * UUR)  # the next nightly run
                return "afgerond", sinds, min(afgerond, self.peil)
            return "passief", sinds, None
        if klaar:
            return "actief", None, None
        return "nieuw", None, None

    def _taak_schrijven(self, S, casus_id: int, client_id: int, taak: dict, contact_per_taak: float, t0: int):
        rng, teller, ts = self.rng, self.teller, self.tijd.ts
        taak_id = teller.volgende("taken_taak")
        routering = (
            f"district {taak['district']} van het voorkeursadres"
            if taak["routering"] == "district"
            else "landelijk team van de afdeling"
        )
        behandelaar = taak["behandelaar"]
        afbreekreden = "Cliënt wil geen hulp" if taak["status"] == "afgebroken" else ""
        S["taken_taak"].rij(
            f"{taak_id}\t{casus_id}\t{taak['type']}\t{taak['team']}\t{behandelaar or N}\t{taak['status']}\t"
            f"{taak['prioriteit']}\t{ts(taak['deadline'])}\t{routering}\t{afbreekreden}\t{ts(taak['aangemaakt'])}\t"
            f"\\N\t{ts(taak['gestart'])}\t{ts(taak['afgerond'])}"
        )
        S["casus_tijdlijnitem"].rij(
            f"{teller.volgende('casus_tijdlijnitem')}\t{casus_id}\t{ts(taak['aangemaakt'])}\ttaak\t"
            f"Taak aangemaakt ({routering})\t\\N\ttaken.taak\t{taak_id}"
        )
        if not behandelaar:
            return
        self._audit(S, taak["gestart"] or taak["aangemaakt"], behandelaar, "lezen", "casus.casus", casus_id, client_id)
        if taak["status"] == "toegewezen":
            return
        # Contacts: AB makes attempts until it reaches the client; others talk to them now and then.
        gemiddeld = contact_per_taak * (1.6 if taak["ab"] else 0.85)
        aantal = int(gemiddeld) + (rng.random() < gemiddeld - int(gemiddeld))
        begin = taak["gestart"] or taak["aangemaakt"]
        einde = taak["afgerond"] or self.peil
        for k in range(aantal):
            moment = begin + (einde - begin) * (k + rng.random()) // max(1, aantal)
            bereikt = k == aantal - 1 or rng.random() < 0.5
            kanaal = self.contactkanaal()
            verslag = " ".join(rng.sample(namen.VERSLAG_ZINNEN, 3 if bereikt else 1))
            contact_id = teller.volgende("taken_contactmoment")
            S["taken_contactmoment"].rij(
                f"{contact_id}\t{taak_id}\t{casus_id}\t{behandelaar}\t{ts(moment)}\t{kanaal}\tuitgaand\t"
                f"{'t' if bereikt else 'f'}\t{rng.randrange(5, 60) if bereikt else N}\t{verslag}\t{ts(moment + 300)}"
            )
            S["casus_tijdlijnitem"].rij(
                f"{teller.volgende('casus_tijdlijnitem')}\t{casus_id}\t{ts(moment)}\tcontact\t"
                f"Contact ({kanaal}): {'bereikt' if bereikt else 'niet bereikt'}\t{behandelaar}\t"
                f"taken.contactmoment\t{contact_id}"
            )
        self._diensten_schrijven(S, casus_id, taak_id, taak, begin, einde)

    def _diensten_schrijven(self, S, casus_id: int, taak_id: int, taak: dict, begin: int, einde: int) -> None:
        """DIE-2/3 as the services leave them: closed within the task's time when the task is closed (then in
        its Historie), open or closed on a task in progress; lead time over the open period; time entries."""
        rng, teller, ts, datum = self.rng, self.teller, self.tijd.ts, self.tijd.datum
        gemiddeld = self.dienst_per_taak
        aantal = int(gemiddeld) + (rng.random() < gemiddeld - int(gemiddeld))
        gesloten_taak = taak["status"] in ("gerealiseerd", "afgebroken")
        district = self.org.district_ids[taak["district"]]
        for _ in range(aantal):
            start = begin + int((einde - begin) * rng.random() * 0.5)
            if gesloten_taak or rng.random() < 0.4:
                dicht = start + int((einde - start) * rng.random())
                status = "afgebroken" if taak["status"] == "afgebroken" or rng.random() < 0.08 else "afgerond"
                open_sinds, doorloop = None, dicht - start
            else:
                dicht, status, open_sinds, doorloop = None, rng.choice(("nieuw", "in_behandeling")), start, 0
            soort = self.dienstsoort()
            dienst_id = teller.volgende("diensten_dienst")
            minuten, regels = 0, []
            n_tijd = rng.randrange(1, 4) if soort in self.ondersteunend else int(rng.random() < 0.6)
            for _ in range(n_tijd):
                m = rng.randrange(15, 121) if soort in self.ondersteunend else rng.randrange(5, 31)
                moment = start + int(((dicht or self.peil) - start) * rng.random())
                minuten += m
                regels.append(
                    f"{teller.volgende('diensten_tijdsbesteding')}\t{dienst_id}\t{taak['behandelaar']}\t"
                    f"{datum(moment)}\t{m}\t\t{ts(moment)}\t{soort}\t{taak['team']}\t{district}"
                )
            S["diensten_dienst"].rij(
                f"{dienst_id}\t{taak_id}\t{casus_id}\t{soort}\t{taak['team']}\t{district}\t{status}\t\t{ts(start)}\t"
                f"{taak['behandelaar']}\t{ts(open_sinds)}\t{ts(dicht)}\t{doorloop}\t{minuten}\t0\t"
                f"{ts(taak['afgerond']) if gesloten_taak else N}"
            )
            for regel in regels:
                S["diensten_tijdsbesteding"].rij(regel)

    def _aanmelding(
        self, S, kanaal, wachtrij, status, ontvangen, pv, parket, delict_code, delict_oms, delict_dag, rol,
        naamvelden, adres, *, beoordelaar=None, beoordeeld=None, casus_id=None, kwets="{}", afwijsreden="",
        casus_teams=(),
    ):  # fmt: skip
        vl, vn, tv, an, geb, gs, bsn, tel = naamvelden
        _, straat, huisnr, huisletter, postcode, plaats, _ = adres
        ts = self.tijd.ts
        aid = self.teller.volgende("aanmelding_aanmelding")
        S["aanmelding_aanmelding"].rij(
            f"{aid}\t{kanaal}\t{wachtrij}\t{status}\t{ts(ontvangen)}\t\\N\t{pv}\t{parket}\t{delict_code}\t{delict_oms}\t"
            f"{self.tijd.datum(delict_dag)}\t{plaats}\t{rol}\t{vl}\t{vn}\t{tv}\t{an}\t{geb}\t{gs}\t{bsn}\t{straat}\t"
            f"{huisnr}\t{huisletter}\t\t{postcode}\t{plaats}\tNederland\t{tel}\t\tnl\tf\t\tt\t\t{kwets}\t\t\t\t\\N\t\\N\t"
            f"{beoordelaar or N}\t{ts(beoordeeld)}\t{afwijsreden}\t{casus_id or N}\t{ts(ontvangen)}\t"
            f"{'{}' if bsn else '{bsn_ontbreekt}'}\t\t{{}}\t{{{','.join(map(str, casus_teams))}}}"
        )

    def _audit(self, S, tijdstip, actor, actie, object_type, object_id, client_id, bron="web"):
        S["audit_auditentry"].rij(
            f"{self.teller.volgende('audit_auditentry')}\t{self.tijd.ts(tijdstip)}\t{actor}\t"
            f"{self.org.weergave.get(actor, '')}\t{actie}\t{bron}\t{object_type}\t{object_id}\t\t{client_id}\t\t\t"
            f"\\N\t{{}}"
        )


def genereren(*, schaal: float, seed: int = 2026, peildatum: date | None = None) -> Resultaat:
    """Generate test data at `schaal` × production volume into the default database."""
    peildatum = peildatum or klok.vandaag()
    rng = random.Random(seed)
    seconden: dict[str, float] = {}
    begin = time.monotonic()
    org = organisatie_opbouwen(schaal, rng)
    seconden["organisatie"] = time.monotonic() - begin

    gen = Generator(schaal=schaal, seed=seed, peildatum=peildatum)
    with connection.cursor() as cursor:
        for tabel in TABELLEN:
            cursor.execute(f"SELECT COALESCE(max(id), 0) FROM {tabel}")  # noqa: S608 - our own table names
            gen.teller.ids[tabel] = cursor.fetchone()[0]
            gen.teller.rijen[tabel] = 0
        herstel = _ontmantelen(cursor)

    begin = time.monotonic()
    kwargs = _connectie_kwargs()
    stromen = {tabel: Stroom(kwargs, tabel) for tabel in TABELLEN}
    ok = False
    try:
        gen.genereren(org, stromen)
        ok = True
    finally:
        for stroom in stromen.values():
            stroom.sluiten(commit=ok)
        seconden["laden"] = time.monotonic() - begin
        begin = time.monotonic()
        _herstellen(herstel)  # also after a failure: the schema must come back whole
        seconden["indexen"] = time.monotonic() - begin
    begin = time.monotonic()
    with connection.cursor() as cursor:
        for tabel in TABELLEN:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{tabel}', 'id'), GREATEST(max(id), 1)) FROM {tabel}"  # noqa: S608
            )
            # VACUUM, not only ANALYZE: the visibility map lets index-only scans skip the heap from the start,
            # and autovacuum does not then spend the first minutes of a benchmark on the fresh tables.
            cursor.execute(f"VACUUM (ANALYZE) {tabel}")
        # The organisation (teams, staff, memberships, catalogues) is written through the ORM, and autovacuum
        # may not have analysed it yet: without statistics the planner guesses every join with them wrong.
        cursor.execute(
            "SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NULL AND last_autoanalyze IS NULL"
        )
        for (tabel,) in cursor.fetchall():
            cursor.execute(f'ANALYZE "{tabel}"')
    seconden["analyse"] = time.monotonic() - begin
    # DIE-4: the closed months' production pre-computed, as the periodic job leaves them; every month, since the
    # rows above were written past the services that mark a month stale (also when adding to a database).
    begin = time.monotonic()
    rijen = dict(gen.teller.rijen)
    rijen["productiemaanden"] = len(productie_voorberekenen(alles=True))
    seconden["productie"] = time.monotonic() - begin
    rijen["medewerkers"] = sum(len(v) for v in org.leden.values())
    return Resultaat(rijen=rijen, seconden=seconden)
