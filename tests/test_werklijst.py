"""Issue 25 / 27 on the worklist (TAK-4, TAK-7): one rule for the failed call attempts, used by the worklist
and the task page alike; rows rendered through the template with the client's name as the link; filters
saved per worker as "mijn filters"."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from cris import klok
from cris.accounts.roles import Rol
from taken import selectors
from taken.models import MijnFilters
from taken.services.contacten import contactmoment_vastleggen
from taken.services.levenscyclus import taak_oppakken
from taken.verslagen import verslag_corrigeren
from tests import chain
from tests.factories import LidmaatschapFactory, MedewerkerFactory, TeamFactory
from werkstroom.models import Afdeling

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory(afdeling=Afdeling.ACTIEVE_BENADERING)


@pytest.fixture
def werker(team):
    user = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    LidmaatschapFactory(medewerker=user, team=team)
    return user


def _poging(werker, taak, bereikt=False):
    return contactmoment_vastleggen(
        actor=werker, taak=taak, kanaal="telefoon", richting="uitgaand", bereikt=bereikt, tijdstip=klok.nu(),
        verslag="Voicemail ingesproken",
    )  # fmt: skip


def test_tak7_worklist_and_task_page_count_failed_attempts_by_one_rule(client, team, werker):
    """Issue 27: a corrected failed attempt is one attempt, in the worklist as on the task page (the worklist's
    own SQL text counted the correction as a second attempt). A contact that reached the client is none."""
    taak = chain.taak(casus=chain.casus(achternaam="Jansen"), team=team)
    taak_oppakken(actor=werker, taak=taak)
    mislukt = _poging(werker, taak)
    _poging(werker, taak, bereikt=True)
    verslag_corrigeren(actor=werker, contact=mislukt, verslag="Geen voicemail", nu=klok.nu() + timedelta(days=8))
    client.force_login(werker)

    lijst = client.get(reverse("taken:werkstroom"), {"weergave": "mijn"})
    (rij,) = lijst.context["pagina"].object_list
    pagina = client.get(reverse("taken:detail", args=[taak.pk]))
    gelezen = selectors.taak_detail(user=werker, pk=taak.pk, pagina=True)
    assert int(rij.pogingen) == pagina.context["taak"].pogingen == gelezen.pogingen == 1

    _poging(werker, taak)
    (rij,) = selectors.werklijst_pagina(selectors.werklijst_ids(user=werker, lijst=selectors.Werklijst()), 1)
    assert int(rij.pogingen) == selectors.taak_detail(user=werker, pk=taak.pk, pagina=True).pogingen == 2


def test_tak4_the_client_name_is_the_row_link_and_rows_are_escaped(client, team, werker):
    taak = chain.taak(casus=chain.casus(achternaam="<b>Vos</b>"), team=team, behandelaar=werker)
    client.force_login(werker)
    html = client.get(reverse("taken:werkstroom")).content.decode()
    link = f'<a class="utrecht-link" href="{reverse("taken:detail", args=[taak.pk])}">'
    assert link in html and "&lt;b&gt;Vos&lt;/b&gt;" in html.split(link, 1)[1].split("</a>", 1)[0]
    assert "<b>Vos</b>" not in html


def test_tak4_filters_collapse_to_one_line_and_are_saved_as_mijn_filters(client, team, werker):
    chain.taak(casus=chain.casus(achternaam="Smit"), team=team)
    client.force_login(werker)
    url = reverse("taken:werkstroom")
    html = client.get(url, {"weergave": "team", "status": "nieuw", "deadline": "te_laat", "pagina": "1"}).content
    html = html.decode()
    assert '<details class="cris-uitklap" id="filters-uitklap">' in html  # closed until opened
    assert "Gefilterd op Status: Nieuw; Deadline: te laat" in html
    assert "Mijn filters</a>" not in html  # nothing saved yet

    response = client.post(
        reverse("taken:mijn_filters"), {"query": "weergave=team&status=nieuw&pagina=3&onbekend=x&deadline=te_laat"}
    )
    bewaard = MijnFilters.objects.get(medewerker=werker).query
    assert bewaard == "weergave=team&status=nieuw&deadline=te_laat"  # page and unknown keys are not kept
    assert response.status_code == 302 and response["Location"] == f"{url}?{bewaard}"
    html = client.get(url).content.decode()
    assert f'href="?{bewaard.replace("&", "&amp;")}">Mijn filters</a>' in html
    client.post(reverse("taken:mijn_filters"), {"query": "weergave=mijn"})
    assert MijnFilters.objects.get(medewerker=werker).query == "weergave=mijn"  # one per worker, replaced
    assert client.get(reverse("taken:mijn_filters")).status_code == 405


def test_tak4_the_cached_filter_fields_follow_their_values_and_choices(client, team, werker):
    """Issue 27: the filter fields are kept in {% cache %} (cris.formulieren.weergave_sleutel); the key holds
    their values and choices, so a chosen filter and a renamed task type show at once, not a stale fragment."""
    from taken.models import TaakType

    client.force_login(werker)
    url = reverse("taken:werkstroom")
    type_ = TaakType.objects.filter(afdeling=Afdeling.ACTIEVE_BENADERING).first()
    assert type_ is not None
    assert f">{type_}</option>" in client.get(url, {"weergave": "team"}).content.decode()
    gekozen = client.get(url, {"weergave": "team", "deadline": "te_laat"}).content.decode()
    assert '<option value="te_laat" selected>' in gekozen
    assert '<option value="te_laat" selected>' not in client.get(url, {"weergave": "team"}).content.decode()
    type_.naam = "Hernoemd gesprek"
    type_.save()
    assert ">Actieve Benadering: Hernoemd gesprek</option>" in client.get(url, {"weergave": "team"}).content.decode()
