"""Issue 27, one owner per rule: every path a shared rule takes (ORM, SQL text, Python, report) gives the same
answer. docs/architectuur.md lists the owners."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.contrib import admin
from django.db import connection, transaction

from casus.access import casussen_zichtbaar_voor, medewerkers_met_toegang, ziet_enige_casus
from casus.models import Casus, ToegangSoort, ToegangStatus, Toegangsverlening
from casus.namen import naamdelen
from casus.toegang import toegang_verlopen
from casus.views import _verlening_van
from cris import klok
from cris.accounts.models import Medewerker
from cris.accounts.roles import Rol
from cris.audit.models import AuditEntry
from diensten.models import Dienst, DienstSoort, GeschoondeProductie
from diensten.productie import CIJFERS, bi_view_sql, verse_maanden
from diensten.services import levenscyclus, tijd
from diensten.services.productie import productie_voorberekenen
from koppelingen.afas.services import afas_importeren
from rapportage.selectors import Periode, caseload_per_team, productie
from schoning.registry import voor_verwijderen
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


def _per_sleutel(rijen) -> dict[tuple, tuple]:
    """Production figures as {(maand, soort, district, team): (nieuw, afgerond, afgebroken, doorlooptijd_s,
    besteed_minuten)}, rows with nothing left out."""
    return {tuple(r[:4]): tuple(r[4:]) for r in rijen if any(r[4:])}


def _rapport(periode: Periode) -> dict[tuple, tuple]:
    return _per_sleutel(
        (r.maand, r.soort.pk, r.district.pk if r.district else None, r.team.pk,
         *(getattr(r.cijfers, c) for c in CIJFERS))
        for r in productie(periode=periode).rijen
    )  # fmt: skip


def _bi(periode: Periode) -> dict[tuple, tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT maand, dienstsoort_id, district_id, team_id, {', '.join(CIJFERS)} FROM bi.productie_per_maand "
            "WHERE maand >= %s AND maand < %s",
            [periode.van, periode.tot],
        )
        return _per_sleutel(cursor.fetchall())


def _archief() -> dict[tuple, tuple]:
    return _per_sleutel(GeschoondeProductie.objects.values_list("maand", "soort", "district", "team", *CIJFERS))


def test_die4_production_figures_have_one_owner_for_report_purge_archive_and_bi_view(team, worker):
    """DIE-4 × SCH-3 × KOP-6: the production report, the figures the purge keeps of purged work and the BI view
    bi.productie_per_maand count the same services, closings and minutes per month × type × district × team
    (diensten.productie) — with a service cancelled (Afgebroken), one corrected (reopened and closed again:
    it counts in the month it closed last), time entries on the dimensions copied to them, and a purged casus;
    and so does the report from the closed months' pre-computed figures."""
    soort = DienstSoort.objects.get(code="INF-STRAFPROCES")
    t1, t2, t3 = NU - timedelta(days=150), NU - timedelta(days=100), NU - timedelta(days=50)
    m1, m2, m3 = (klok.lokale_datum(t).replace(day=1) for t in (t1, t2, t3))
    blijft = chain.taak(casus=chain.casus(), team=team, behandelaar=worker)
    weg = chain.taak(casus=chain.casus(postcode="9711 AA"), team=team, behandelaar=worker)
    d_blijft, d_weg = blijft.casus.district_id, weg.casus.district_id
    assert d_blijft != d_weg

    s1 = levenscyclus.dienst_registreren(actor=worker, taak=blijft, soort=soort, nu=t1)
    tijd.tijd_registreren(actor=worker, dienst=s1, minuten=30, datum=klok.lokale_datum(t1))
    levenscyclus.dienst_afronden(actor=worker, dienst=s1, nu=t2)
    s2 = levenscyclus.dienst_registreren(actor=worker, taak=blijft, soort=soort, nu=t1)
    levenscyclus.dienst_afbreken(actor=worker, dienst=s2, nu=t2)  # cancelled
    s3 = levenscyclus.dienst_registreren(actor=worker, taak=weg, soort=soort, nu=t1)
    tijd.tijd_registreren(actor=worker, dienst=s3, minuten=20, datum=klok.lokale_datum(t1))
    levenscyclus.dienst_afronden(actor=worker, dienst=s3, nu=t2)
    levenscyclus.dienst_heropenen(actor=worker, dienst=s3, nu=t3 - timedelta(days=1))  # corrected: closed again in m3
    tijd.tijd_registreren(actor=worker, dienst=s3, minuten=25, datum=klok.lokale_datum(t3))
    levenscyclus.dienst_afronden(actor=worker, dienst=s3, nu=t3)
    s4 = levenscyclus.dienst_registreren(actor=worker, taak=weg, soort=soort, nu=t2)
    levenscyclus.dienst_afbreken(actor=worker, dienst=s4, nu=t3)

    dag = 86_400
    van_weg = {  # counted by hand: the purged casus's figures
        (m1, soort.pk, d_weg, team.pk): (1, 0, 0, 0, 20),
        (m2, soort.pk, d_weg, team.pk): (1, 0, 0, 0, 0),
        (m3, soort.pk, d_weg, team.pk): (0, 1, 1, 50 * dag + dag, 25),
    }
    verwacht = {
        (m1, soort.pk, d_blijft, team.pk): (2, 0, 0, 0, 30),
        (m2, soort.pk, d_blijft, team.pk): (0, 1, 1, 50 * dag, 0),
        **van_weg,
    }
    periode = Periode.maanden(m1, m3)
    assert _rapport(periode) == _bi(periode) == verwacht

    voor_verwijderen([weg.casus_id])  # what the purge calls before it deletes a batch (diensten keeps the figures)
    Casus.objects.filter(pk=weg.casus_id).delete()
    assert not Dienst.objects.filter(casus_id=weg.casus_id).exists()
    assert _archief() == van_weg
    assert _rapport(periode) == _bi(periode) == verwacht
    # The closed months' pre-computed figures (the job's path, diensten.productie too) give the same report.
    assert set(productie_voorberekenen()) >= {m1, m2, m3}
    assert verse_maanden(periode.maandlijst()) == set(periode.maandlijst())
    assert _rapport(periode) == verwacht

    def viewdef() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_get_viewdef('bi.productie_per_maand')")
            return cursor.fetchone()[0]

    in_database = viewdef()  # what migrate left, against the owner's definition written afresh
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(bi_view_sql())
        assert viewdef() == in_database
        transaction.set_rollback(True)


def test_org3_hr_fields_have_one_owner_for_the_afas_import_its_audit_and_the_admin(tmp_path, rf):
    """ORG-3/KOP-5: Medewerker.HR_FIELDS is the one list of what CRIS keeps from AFAS. The import writes every one
    of them, its audit names every one that changed (the leader in an entry of its own: it is set in a second pass),
    and the admin shows exactly that list, read-only."""
    TeamFactory(code="AB-MN")
    TeamFactory(code="AB-ZW")
    eerste = {
        "personeelsnummer": "7001", "gebruikersnaam": "h.veld", "voorletters": "H.", "voornamen": "Hanna",
        "tussenvoegsels": "van", "achternaam": "Veld", "email": "hanna@shn.nl", "telefoon": "0301234567",
        "profiel": "AB", "tweede_profiel": "TL", "specialisaties": "", "district": "MN", "standaard_team": "AB-MN",
        "leidinggevende": "7000", "status": "inactief", "beveiligingsniveau": "2",
    }  # fmt: skip
    tweede = {
        **eerste, "voorletters": "H.J.", "voornamen": "Hanna Jet", "tussenvoegsels": "ter", "achternaam": "Velde",
        "email": "hanna.velde@shn.nl", "telefoon": "0307654321", "profiel": "AD", "tweede_profiel": "AB",
        "district": "ZW", "standaard_team": "AB-ZW", "leidinggevende": "", "status": "actief",
        "beveiligingsniveau": "3",
    }  # fmt: skip
    leider = {
        **eerste,
        "personeelsnummer": "7000",
        "gebruikersnaam": "l.eider",
        "leidinggevende": "",
        "status": "actief",
    }
    standaard = {naam: Medewerker._meta.get_field(naam).get_default() for naam in Medewerker.HR_FIELDS}
    for n, gegevens in enumerate(([leider, eerste], [leider, tweede])):
        pad = tmp_path / f"afas{n}.json"
        pad.write_text(json.dumps(gegevens))
        run = afas_importeren(path=pad, volledig=False)
        assert run.fouten == []
        hanna = Medewerker.objects.get(personeelsnummer="7001")
        waarden = {naam: getattr(hanna, naam) for naam in Medewerker.HR_FIELDS}
        if n == 0:
            assert all(waarden[naam] != standaard[naam] for naam in Medewerker.HR_FIELDS), waarden  # all written
            eerder = waarden
    gewijzigd = {naam for naam in Medewerker.HR_FIELDS if waarden[naam] != eerder[naam]}
    assert gewijzigd == set(Medewerker.HR_FIELDS) - {"personeelsnummer"}
    leider_entry, import_entry = AuditEntry.objects.filter(
        object_type="accounts.medewerker", object_id=str(hanna.pk)
    ).order_by("-id")[:2]
    geaudit = {Medewerker._meta.get_field(veld).name for veld in import_entry.wijzigingen}  # profiel_id: profiel
    assert geaudit == gewijzigd - {"leidinggevende"}
    assert set(leider_entry.wijzigingen) == {"leidinggevende_id"}

    beheer = admin.site._registry[Medewerker]
    verzoek = rf.get("/")
    verzoek.user = Medewerker(is_superuser=True)
    afas = next(opties["fields"] for titel, opties in beheer.get_fieldsets(verzoek, hanna) if "AFAS" in str(titel))
    assert tuple(afas) == Medewerker.HR_FIELDS
    assert set(Medewerker.HR_FIELDS) <= set(beheer.get_readonly_fields(verzoek, hanna))


def test_tak3_may_create_a_follow_up_task_is_one_rule_on_every_path():
    """TAK-3 (issue 27): "may this werkstroom create a task of this type" has one owner,
    taken.services.vervolg.vervolgtaak_toegestaan over the follow-up matrix. The list every path offers (the task page's
    follow-up form, CAI on an existing casus), whether the task page offers a follow-up at all (its cache), and
    what taak_aanmaken accepts from a task's or a werkstroom's work (CAI, the prosecution's hearing task) agree,
    also right after the matrix changes."""
    from aanmelding import doorlopend, zitting
    from taken.models import TaakType, Vervolgregel
    from taken.services import TaakFout
    from taken.services.levenscyclus import taak_aanmaken
    from taken.services.vervolg import heeft_vervolgtypen, vervolgtaak_toegestaan, vervolgtypen
    from taken.views_werk import vervolg_form
    from testgegevens.demo.werkstroom import teams_aanmaken
    from werkstroom.models import Afdeling, Team

    teams_aanmaken()
    casus = chain.casus()
    typen = list(TaakType.objects.filter(actief=True))
    cai_aanmaken = {"actor": None, "casus": casus}

    def controleren():
        for afdeling in Afdeling.values:
            toegestaan = {t.pk for t in typen if vervolgtaak_toegestaan(afdeling=afdeling, taaktype=t)}
            assert toegestaan == set(vervolgtypen(afdeling=afdeling).values_list("pk", flat=True)), afdeling
            assert heeft_vervolgtypen(afdeling=afdeling) == bool(toegestaan), afdeling
            team = Team.objects.filter(afdeling=afdeling).first()
            if team is not None:
                aangeboden = vervolg_form(Taak(team=team)).fields["taaktype"].queryset
                assert set(aangeboden.values_list("pk", flat=True)) == toegestaan, afdeling
            if afdeling == doorlopend.WERKSTROOM:
                assert {t.pk for t in doorlopend.vervolgtypen_cai()} == toegestaan
            for taaktype in typen:
                try:
                    taak_aanmaken(**cai_aanmaken, taaktype=taaktype, vanuit_werkstroom=afdeling)
                    geweigerd = False
                except TaakFout as fout:
                    geweigerd = "kunt u geen taak" in str(fout)
                assert geweigerd == (taaktype.pk not in toegestaan), (afdeling, taaktype.code)
        hoorzitting = TaakType.objects.get(code=zitting.ZITTING_TAAKTYPE)
        assert vervolgtaak_toegestaan(afdeling=zitting.WERKSTROOM, taaktype=hoorzitting)

    controleren()
    Vervolgregel.objects.create(van_afdeling=Afdeling.CAI, taaktype=TaakType.objects.get(code="JD-INTAKE"))
    Vervolgregel.objects.filter(van_afdeling=Afdeling.CAI, taaktype__code="AD-INTAKE").delete()
    controleren()
