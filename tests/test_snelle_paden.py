"""Issue 11: the hot paths written once and run prepared give what the ORM gives (TAK-4, AAN-3, AUT-1)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.db.models import Count
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aanmelding.models import OPEN_AANMELDINGSTATUSSEN, Aanmelding, AanmeldingStatus, Signalering, Wachtrij
from aanmelding.selectors import beoordeling_pagina
from casus.access import casus_of_404
from cris.accounts.backends import MedewerkerBackend
from cris.accounts.roles import Rol
from cris.db import PreparedPages, VasteQuery, voorbereid
from taken import selectors
from taken.models import Taak
from tests import chain
from tests.factories import MedewerkerFactory, TeamFactory

pytestmark = pytest.mark.django_db


def _voorbereide_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [r[0] for r in cursor.fetchall()]


def test_a_prepared_statement_is_prepared_once_and_logged_with_its_values():
    sql = "SELECT %s::int + 1, %s::text"
    with CaptureQueriesContext(connection) as queries:
        assert voorbereid(sql, [41, "o'neill"]) == [(42, "o'neill")]
        assert voorbereid(sql, [1, "x"]) == [(2, "x")]
    assert [q["sql"] for q in queries] == ["SELECT 41::int + 1, 'o''neill'::text", "SELECT 1::int + 1, 'x'::text"]
    assert sum("$1::int + 1" in s for s in _voorbereide_statements()) == 1


@pytest.mark.django_db(transaction=True)
def test_a_prepared_statement_survives_a_change_of_what_it_returns():
    """A migration from another process can change a column's type; PostgreSQL then refuses the prepared
    statement ("cached plan must not change result type"). It is prepared afresh and runs."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE proef (waarde varchar(5))")
        cursor.execute("INSERT INTO proef VALUES ('a')")
    sql = "SELECT waarde FROM proef WHERE waarde = %s"
    assert voorbereid(sql, ["a"]) == [("a",)]
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE proef ALTER COLUMN waarde TYPE integer USING 7")
    assert voorbereid("SELECT waarde FROM proef WHERE waarde > %s", [1]) == [(7,)]
    assert voorbereid(sql.replace("= %s", "> %s"), [1]) == [(7,)]
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE proef ALTER COLUMN waarde TYPE bigint")
    assert voorbereid("SELECT waarde FROM proef WHERE waarde > %s", [1]) == [(7,)]  # the refusal, then afresh
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("ALTER TABLE proef ALTER COLUMN waarde TYPE integer")
    assert voorbereid("SELECT waarde FROM proef WHERE waarde > %s", [1]) == [(7,)]


def test_integers_are_one_statement_whatever_their_size():
    """psycopg types an int by its size; sent as bigint, ids of 5, 40,000 and 3 billion share one statement."""
    sql = "SELECT %s + 0 AS grootte"
    assert [voorbereid(sql, [n])[0][0] for n in (5, 40_000, 3_000_000_000)] == [5, 40_000, 3_000_000_000]
    assert sum("$1 + 0 AS grootte" in s for s in _voorbereide_statements()) == 1


def test_a_vaste_query_refuses_what_it_would_get_wrong():
    """A date compiled in would stay the same for the life of the process (a grant would never expire); None
    would compare with = instead of IS NULL; a flat or named values_list would give other rows than the ORM."""
    with pytest.raises(AssertionError, match="date or time"):
        VasteQuery(lambda pk: Taak.objects.filter(pk=pk, deadline__lt=timezone.now()), "pk").lijst(pk=1)
    with pytest.raises(AssertionError, match="not flat"):
        VasteQuery(lambda pk: Taak.objects.filter(pk=pk).values_list("pk", flat=True), "pk").rijen(pk=1)
    with pytest.raises(ValueError, match="None"):
        VasteQuery(lambda pk: Taak.objects.filter(behandelaar_id=pk), "pk").lijst(pk=None)
    assert VasteQuery(lambda pk: Taak.objects.filter(pk=pk).values_list("pk"), "pk").rijen(pk=-1) == []


def test_aut1_the_prepared_access_checked_reads_give_what_the_orm_gives(team, worker):
    taak = chain.taak(casus=chain.casus(achternaam="Visser"), team=team, behandelaar=worker)
    buiten = chain.taak(casus=chain.casus(achternaam="Bakker"), team=TeamFactory(), behandelaar=None)
    vast = VasteQuery(
        lambda pk: (
            Taak.objects.select_related("casus__client", "type", "team")
            .annotate(n=Count("contactmomenten"))
            .filter(pk=pk)
        ),
        "pk",
    )
    (gelezen,) = vast.lijst(pk=taak.pk)
    assert (gelezen.pk, gelezen.casus.client.achternaam, gelezen.team, gelezen.n) == (taak.pk, "Visser", team, 0)
    assert (
        gelezen._state.fields_cache.keys()
        == Taak.objects.select_related("casus__client", "type", "team").get(pk=taak.pk)._state.fields_cache.keys()
    )
    VasteQuery.vergeten()  # as after migrations: compiled again on the next run
    assert [t.pk for t in vast.lijst(pk=buiten.pk)] == [buiten.pk] and vast.lijst(pk=-5) == []
    assert selectors.taak_detail(user=worker, pk=taak.pk, pagina=True).casus.client.achternaam == "Visser"
    assert casus_of_404(worker, taak.casus_id).pk == taak.casus_id
    with pytest.raises(Http404):
        selectors.taak_detail(user=worker, pk=buiten.pk)
    with pytest.raises(Http404):
        casus_of_404(worker, buiten.casus_id)


def test_the_login_backend_reads_the_user_with_roles_and_refuses_the_inactive():
    user = MedewerkerFactory(rollen=[Rol.ADMINISTRATIE, Rol.CAI])
    backend = MedewerkerBackend()
    gelezen = backend.get_user(str(user.pk))
    assert (gelezen.pk, gelezen.username, sorted(gelezen.rol_namen)) == (
        user.pk,
        user.username,
        sorted([Rol.ADMINISTRATIE, Rol.CAI]),
    )
    assert backend.get_user(user.pk + 1000) is None and backend.get_user("geen getal") is None
    user.is_active = False
    user.save()
    assert backend.get_user(user.pk) is None


def test_aan3_review_queue_rows_are_escaped_and_complete(client):
    beoordelaar = MedewerkerFactory(rollen=[Rol.ADMINISTRATIE])
    invoerder = MedewerkerFactory(rollen=[Rol.CAI])
    a = chain.aanmelding(actor=invoerder, achternaam="<script>alert(1)</script>", delict_omschrijving="")
    Aanmelding.objects.filter(pk=a.pk).update(
        wachtrij=Wachtrij.ADMINISTRATIE,
        status=AanmeldingStatus.NIEUW,
        signaleringen=[Signalering.BSN_ONTBREEKT, Signalering.DELICT_ONBEKEND],
    )
    (rij,) = beoordeling_pagina(user=beoordelaar, wachtrij=None, nummer=1).object_list
    assert (rij.pk, rij.delict, rij.aantal_signaleringen) == (a.pk, "–", "2 signaleringen")
    client.force_login(beoordelaar)
    pagina = client.get(reverse("aanmelding:beoordelen")).content.decode()
    html = pagina[pagina.index(f'href="{reverse("aanmelding:detail", args=[a.pk])}"') :]
    html = html[: html.index("</tr>")]
    assert "<script>" not in pagina and "&lt;script&gt;alert(1)&lt;/script&gt;" in html and a.nummer in html
    assert '<td class="utrecht-table__cell">–</td>' in html  # no delict
    assert "2 signaleringen" in html and f'title="{Signalering.BSN_ONTBREEKT.label}; ' in html


def test_a_vaste_query_binds_a_page_of_an_unsliced_query(team):
    taken = [chain.taak(casus=chain.casus(achternaam=f"Pagina{i}"), team=team) for i in range(3)]
    vast = VasteQuery(lambda team: Taak.objects.filter(team_id=team).order_by("id").values_list("pk"), "team")
    pks = [t.pk for t in taken]
    assert [r[0] for r in vast.rijen(team=team.pk, page=slice(0, 2))] == pks[:2]
    assert [r[0] for r in vast.rijen(team=team.pk, page=slice(2, 4))] == pks[2:]
    assert vast.rijen(team=team.pk, page=slice(3, 3)) == []
    gesneden = VasteQuery(lambda team: Taak.objects.filter(team_id=team).values_list("pk")[:5], "team")
    with pytest.raises(ValueError, match="unsliced"):
        gesneden.rijen(team=team.pk, page=slice(0, 2))


def test_tak4_the_worklists_compiled_counts_and_ids_give_what_the_orm_gives(team, worker):
    """Issue 27: the worklist's counts and page ids run compiled per shape of list (``selectors._shape``); for
    every shape the filters make, they are the ORM's counts and ids, page by page."""
    from casus.models import Adres
    from taken.models import Prioriteit, TaakStatus, TaakType

    casussen = [chain.casus(achternaam=f"Vorm{i}") for i in range(3)]
    Adres.objects.filter(client=casussen[0].client).update(woonplaats="Amersfoort")
    typen = list(TaakType.objects.filter(afdeling=team.afdeling)[:2])
    nu = timezone.now()
    Taak.objects.bulk_create(
        Taak(
            casus=casussen[i % 3],
            type=typen[i % len(typen)],
            team=team,
            behandelaar=worker if i % 4 else None,
            status=[TaakStatus.NIEUW, TaakStatus.TOEGEWEZEN, TaakStatus.IN_BEHANDELING, TaakStatus.GEREALISEERD][i % 4]
            if i % 4
            else TaakStatus.NIEUW,
            prioriteit=[Prioriteit.HOOG, Prioriteit.NORMAAL, Prioriteit.LAAG][i % 3],
            deadline=None if i % 5 == 0 else nu + timedelta(hours=i - 30),
        )
        for i in range(130)
    )
    district = casussen[0].district_id
    lijsten = [
        selectors.Werklijst(),
        selectors.Werklijst(weergave="team"),
        selectors.Werklijst(weergave="team", team_id=team.pk, sortering="-deadline"),
        selectors.Werklijst(weergave="team", statussen=["gerealiseerd"], sortering="aangemaakt"),
        selectors.Werklijst(weergave="team", prioriteit=Prioriteit.HOOG, sortering="prioriteit"),
        selectors.Werklijst(weergave="team", woonplaats="amersfoort", type_id=typen[0].pk),
        selectors.Werklijst(weergave="team", district_id=district, deadline="geen", sortering="-aangemaakt"),
        selectors.Werklijst(weergave="mijn", statussen=["toegewezen", "in_behandeling"]),
    ]
    for lijst in lijsten:
        assert selectors._shape(lijst) is not None, lijst
        orm = dict(selectors._aantallen_qs(worker, lijst))
        assert selectors.aantallen_per_status(user=worker, lijst=lijst) == {
            s: orm.get(s, 0) for s in selectors._counted_statuses(lijst)
        }, lijst
        alle = list(selectors.werklijst(user=worker, lijst=lijst).values_list("pk", flat=True))
        ids = selectors.werklijst_ids(user=worker, lijst=lijst)
        assert isinstance(ids, PreparedPages) and ids.count() == len(alle)
        assert [pk for begin in range(0, 150, 50) for pk in ids[begin : begin + 50]] == alle, lijst
    assert selectors.werklijst(user=worker, lijst=lijsten[1]).count() > 50  # more than one page to compare
    assert selectors.aantallen_per_status(user=worker, lijst=lijsten[5])["nieuw"] > 0  # the town filter finds some
    assert selectors._shape(selectors.Werklijst(deadline="te_laat")) is None  # compares with the clock: per view
    assert selectors._shape(selectors.Werklijst(weergave="leden")) is None


def test_aan3_the_compiled_review_queue_pages_as_the_orm_orders_and_counts():
    """The review queue's page and count run compiled per set of queues: the open referrals of the reviewer's
    queues oldest first, as the ORM orders and counts them, page by page; a queue the user has not gives an empty
    page."""
    beoordelaar = MedewerkerFactory(rollen=[Rol.ADMINISTRATIE])
    invoerder = MedewerkerFactory(rollen=[Rol.CAI])
    nu = timezone.now()
    pks = [chain.aanmelding(actor=invoerder, achternaam=f"Wachtrij{i}").pk for i in range(53)]
    for i, pk in enumerate(pks):
        Aanmelding.objects.filter(pk=pk).update(
            wachtrij=Wachtrij.ADMINISTRATIE, status=AanmeldingStatus.NIEUW, ontvangen_op=nu - timedelta(hours=i % 7)
        )
    open_ = Aanmelding.objects.filter(wachtrij=Wachtrij.ADMINISTRATIE, status__in=OPEN_AANMELDINGSTATUSSEN)
    verwacht = list(open_.order_by("ontvangen_op", "id").values_list("pk", flat=True))
    eerste = beoordeling_pagina(user=beoordelaar, wachtrij=None, nummer=1)
    tweede = beoordeling_pagina(user=beoordelaar, wachtrij=None, nummer=2)
    assert eerste.paginator.count == len(verwacht) >= 53
    assert [r.pk for r in eerste] + [r.pk for r in tweede] == verwacht
    assert beoordeling_pagina(user=beoordelaar, wachtrij=Wachtrij.ADMINISTRATIE, nummer=1).paginator.count == 53
    assert beoordeling_pagina(user=beoordelaar, wachtrij="geen-wachtrij", nummer=1).object_list == []


def test_a_template_row_prints_its_strings_escaped_once_and_other_values_as_they_are():
    """cris.rows.TemplateRow answers the template's lookup with the string escaped as autoescaping would (the
    same html.escape) and marked safe: nothing printed raw, nothing escaped twice; numbers, None and dates
    reach filters and comparisons as they are."""
    from dataclasses import dataclass
    from datetime import date

    from django.template import engines

    from cris.rows import TemplateRow

    @dataclass(slots=True)
    class Rij(TemplateRow):
        naam: str
        code: str
        aantal: int
        datum: date
        leeg: str

    rij = Rij(naam='<b>O\'Neill & "Zn"</b>', code="nieuw", aantal=3, datum=date(2026, 12, 3), leeg="")
    sjabloon = engines["django"].from_string(
        '{{ rij.naam }}|{% if rij.code == "nieuw" %}ja{% endif %}|{{ rij.aantal|add:1 }}|{{ rij.datum|date:"d-m-Y" }}|'
        '{% if rij.leeg %}niet leeg{% else %}leeg{% endif %}|<a title="{{ rij.naam }}">'
    )
    assert sjabloon.render({"rij": rij}).split("|") == [
        "&lt;b&gt;O&#x27;Neill &amp; &quot;Zn&quot;&lt;/b&gt;",
        "ja",
        "4",
        "03-12-2026",
        "leeg",
        '<a title="&lt;b&gt;O&#x27;Neill &amp; &quot;Zn&quot;&lt;/b&gt;">',
    ]
    assert rij.naam == '<b>O\'Neill & "Zn"</b>'  # the field itself stays plain text


@pytest.mark.parametrize(
    ("sjabloon", "rij"),
    [
        ("taken/_werklijst.html", "taken.selectors.WerklijstRij"),
        ("aanmelding/beoordelen.html", "aanmelding.selectors.BeoordelingRij"),
    ],
)
def test_row_templates_print_their_row_strings_without_filters(sjabloon, rij):
    """A filter on a TemplateRow string would see the escaped text (and an unsafe filter's result would be escaped
    again): the row templates print those strings as they are, and the selectors make them as printed."""
    import dataclasses
    import re
    from importlib import import_module
    from pathlib import Path

    from django.conf import settings

    module, _, naam = rij.rpartition(".")
    teksten = {f.name for f in dataclasses.fields(getattr(import_module(module), naam)) if f.type == "str"}
    bron = (Path(settings.BASE_DIR) / "templates" / sjabloon).read_text()
    assert {"url"} <= teksten
    gefilterd = set(re.findall(r"\brij\.(\w+)\s*\|", bron)) & teksten
    assert not gefilterd, f"{sjabloon}: filters on row strings {sorted(gefilterd)}"
