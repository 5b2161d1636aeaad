"""Issue 27, one owner per rule: every path a shared rule takes (ORM, SQL text, Python, report) gives the same
answer. docs/architectuur.md lists the owners."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection

from casus.access import casussen_zichtbaar_voor, medewerkers_met_toegang, ziet_enige_casus
from casus.models import Casus, ToegangSoort, ToegangStatus, Toegangsverlening
from casus.namen import naamdelen
from casus.toegang import toegang_verlopen
from casus.views import _verlening_van
from cris import klok
from cris.accounts.models import Medewerker
from cris.accounts.roles import Rol
from rapportage.selectors import caseload_per_team
from schoning.selectie import _zout, hash_sql, id_hash
from taken.models import OPEN_TAAKSTATUSSEN, OPEN_TAAKSTATUSSEN_SQL, Taak, TaakStatus, deadline_stand
from taken.selectors import Werklijst, werklijst, werklijst_ids, werklijst_pagina
from tests import chain
from tests.factories import LidmaatschapFactory, MedewerkerFactory, TeamFactory
from zoeken.selectors import _naam

pytestmark = pytest.mark.django_db

NU = klok.nu().replace(microsecond=0)


def test_open_task_statuses_have_one_owner_in_python_and_sql():
    """The open statuses as SQL text are the constant, not a copy."""
    assert "(" + ", ".join(f"'{s}'" for s in OPEN_TAAKSTATUSSEN) + ")" == OPEN_TAAKSTATUSSEN_SQL
    assert set(OPEN_TAAKSTATUSSEN) == set(TaakStatus.values) - {TaakStatus.GEREALISEERD, TaakStatus.AFGEBROKEN}
    index = next(i for i in Taak._meta.indexes if i.name == "taak_team_open_idx")
    assert dict(index.condition.children)["status__in"] == OPEN_TAAKSTATUSSEN


def test_tak8_overdue_and_nearly_due_agree_on_every_path():
    """TAK-8: the task itself, the worklist rows, the worklist's "te laat" filter and the team caseload report
    count the same tasks as overdue, at the boundaries (exactly now, exactly DEADLINE_BIJNA_UREN ahead)."""
    team = TeamFactory()
    worker = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    LidmaatschapFactory(medewerker=worker, team=team)
    casus = chain.casus()
    deadlines = {
        "ver_voorbij": NU - timedelta(days=2),
        "net_voorbij": NU - timedelta(seconds=1),
        "precies_nu": NU,
        "bijna_grens": NU + timedelta(hours=4),
        "net_na_grens": NU + timedelta(hours=4, seconds=1),
        "geen": None,
        "gesloten_voorbij": NU - timedelta(days=1),
    }
    taken = {}
    for naam, deadline in deadlines.items():
        taak = chain.taak(casus=casus, team=team)
        status = TaakStatus.GEREALISEERD if naam.startswith("gesloten") else TaakStatus.NIEUW
        Taak.objects.filter(pk=taak.pk).update(deadline=deadline, status=status)
        taken[naam] = taak.pk

    with time_machine.travel(NU, tick=False):
        bulk = Taak.objects.in_bulk(taken.values())
        per_taak = {naam: (bulk[pk].te_laat, bulk[pk].bijna_te_laat) for naam, pk in taken.items()}
        alle = list(TaakStatus.values)
        pagina = werklijst_pagina(werklijst_ids(user=worker, lijst=Werklijst(weergave="team", statussen=alle)), 1)
        rijen = {r.pk: (r.te_laat, r.bijna_te_laat) for r in pagina}
        filter_te_laat = Werklijst(weergave="team", statussen=alle, deadline="te_laat")
        gefilterd = set(werklijst(user=worker, lijst=filter_te_laat).values_list("pk", flat=True))
        caseload = next(c for c in caseload_per_team() if c.team.pk == team.pk)

    verwacht = {
        "ver_voorbij": (True, False),
        "net_voorbij": (True, False),
        "precies_nu": (False, True),
        "bijna_grens": (False, True),
        "net_na_grens": (False, False),
        "geen": (False, False),
        "gesloten_voorbij": (False, False),
    }
    assert per_taak == verwacht
    assert {naam: rijen[pk] for naam, pk in taken.items()} == verwacht
    status = {naam: "gerealiseerd" if naam.startswith("gesloten") else "nieuw" for naam in deadlines}
    assert {naam: deadline_stand(status[naam], d, NU) for naam, d in deadlines.items()} == verwacht
    te_laat = {taken[naam] for naam, (laat, _) in verwacht.items() if laat}
    assert gefilterd == te_laat
    assert caseload.te_laat == len(te_laat)
    assert caseload.nieuw == len(taken) - 1  # the open ones, by the same status list


def test_aut2_a_temporary_grant_is_valid_by_one_clock_on_every_path():
    """AUT-2: the access filter (SQL text with klok.NU), the casus page's grant reason (SQL text), the list of
    who may see a casus (ORM) and the beat job that ends grants agree on which grant runs, also at the
    instant it ends."""
    casus = {naam: chain.casus() for naam in ("loopt", "eindigt_nu", "voorbij")}
    einde = {"loopt": NU + timedelta(seconds=1), "eindigt_nu": NU, "voorbij": NU - timedelta(hours=1)}
    houder = MedewerkerFactory(rollen=[Rol.ALGEMENE_DIENSTVERLENING])
    for naam, c in casus.items():
        Toegangsverlening.objects.create(
            casus=c, medewerker=houder, soort=ToegangSoort.TIJDELIJK, status=ToegangStatus.VERLEEND,
            reden="Onderzoek", geldig_tot=einde[naam],
        )  # fmt: skip

    with time_machine.travel(NU, tick=False):
        ziet = set(casussen_zichtbaar_voor(houder).values_list("pk", flat=True))
        pagina = {c.pk for c in Casus.objects.annotate(toegang=_verlening_van(houder.pk)).filter(toegang__isnull=False)}
        lijst = {c.pk for c in casus.values() if houder in medewerkers_met_toegang(c)}
        assert ziet == pagina == lijst == {casus["loopt"].pk}
        assert toegang_verlopen() == 2
    verlopen = set(Toegangsverlening.objects.filter(status=ToegangStatus.VERLOPEN).values_list("casus_id", flat=True))
    assert verlopen == {casus["eindigt_nu"].pk, casus["voorbij"].pk}


def test_sees_no_casus_at_all_agrees_with_the_access_filter(toegang):
    """ziet_enige_casus (uncorrelated SQL) is true exactly for the users for whom zichtbaar_voor finds a casus;
    a deactivated user sees nothing on either path."""
    c = chain.casus(actor=toegang.eigenaar)
    chain.taak(casus=c, team=toegang.team)
    inactief = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING], is_active=True)
    LidmaatschapFactory(medewerker=inactief, team=toegang.team)
    Medewerker.objects.filter(pk=inactief.pk).update(is_active=False)
    inactief.refresh_from_db()
    gebruikers = [toegang.eigenaar, toegang.collega, toegang.buitenstaander, toegang.functioneel_beheerder, inactief]
    uitkomst = {}
    for user in gebruikers:
        via_filter = casussen_zichtbaar_voor(user).exists()
        via_enige = Medewerker.objects.filter(pk=user.pk).filter(ziet_enige_casus(user)).exists()
        assert via_filter == via_enige, user.username
        uitkomst[user.username] = via_filter
    assert uitkomst[toegang.eigenaar.username] and not uitkomst[toegang.buitenstaander.username]
    assert not uitkomst[inactief.username]


def test_sch3_the_pseudonymous_id_hash_is_the_same_in_python_and_sql():
    """SCH-3: the purge record's id hash is computed by the selection in SQL and by code in Python."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT " + hash_sql("%(label)s", "%(id)s::text"), {"zout": _zout(), "label": "casus.casus", "id": 42}
        )
        assert cursor.fetchone()[0] == id_hash("casus.casus", 42)


@pytest.mark.parametrize(
    ("tussenvoegsel", "achternaam"),
    [("van der", "Berg"), ("di", "Santo"), ("'t", "Hart"), ("von", "Bülow"), ("de la", "Cruz"), ("Van", "Dijk")],
)
def test_surname_particles_have_one_list_for_search_and_name_keys(tussenvoegsel, achternaam):
    """Search reads "Ana di Santo" as first name Ana, surname Santo (CRIS stores particles apart), with the same
    particle list the name keys of the client finder use."""
    assert _naam(f"Ana {tussenvoegsel} {achternaam}") == (achternaam, "Ana")
    assert naamdelen(f"{tussenvoegsel} {achternaam}") == naamdelen(achternaam)
