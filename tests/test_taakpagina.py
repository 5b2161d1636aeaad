"""Issue 25: the task page as one page object: the fixed case header (phones as tel: links, marks), one action
panel open at a time, and closing that says what is still open (call-back notes, coming appointments and the
open services diensten registers through taken.registry)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from casus.models import Client
from cris import klok
from cris.accounts.roles import Rol
from diensten.models import DienstSoort
from diensten.services.levenscyclus import dienst_afronden, dienst_registreren
from taken import agenda
from taken.services.levenscyclus import taak_oppakken
from taken.terugbellen import terugbelnotitie_maken
from taken.views import tel_link
from tests import chain
from tests.factories import LidmaatschapFactory, MedewerkerFactory, TeamFactory
from werkstroom.models import Afdeling

pytestmark = pytest.mark.django_db


def test_phone_numbers_become_tel_uris():
    assert tel_link("06-12 34 56 78") == "0612345678"
    assert tel_link(" +31 (0)30 123 4567 ") == "+310301234567"


def test_the_case_header_and_closing_says_what_is_still_open(client):
    team = TeamFactory(afdeling=Afdeling.ACTIEVE_BENADERING)
    werker, collega = (MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING]) for _ in range(2))
    for m in (werker, collega):
        LidmaatschapFactory(medewerker=m, team=team)
    casus = chain.casus(achternaam="Vermeulen", alarm=True, alarm_toelichting="Agressieve partner")
    Client.objects.filter(pk=casus.client_id).update(
        telefoon="06-12345678", telefoon_2="+31 30 1234567", email="v@example.nl", taal="ar", geheim_adres=True
    )
    taak = chain.taak(casus=casus, team=team)
    taak_oppakken(actor=werker, taak=taak)
    client.force_login(werker)
    html = client.get(reverse("taken:detail", args=[taak.pk])).content.decode()
    kop = html.split('<section class="cris-taakkop"', 1)[1].split("</section>", 1)[0]
    verwacht = ['href="tel:0612345678"', 'href="tel:+31301234567"', "mailto:v@example.nl", ">arabisch<", "Geheim adres"]
    verwacht += ["Agressieve partner", casus.nummer, "In behandeling", "Mislukte contactpogingen"]
    for stuk in verwacht:
        assert stuk in kop, stuk
    assert html.count('name="actie"') == 6  # contact, service, call-back, transfer, close, stop: one open at a time

    afronden = reverse("taken:onderdeel", args=[taak.pk, "afronden"])
    assert "Er staat niets meer open" in client.get(afronden, headers={"HX-Request": "true"}).content.decode()
    dienst = dienst_registreren(actor=werker, taak=taak, soort=DienstSoort.objects.get(code="INF-STRAFPROCES"))
    terugbelnotitie_maken(actor=werker, taak=taak, voor=collega, tekst="Bel na vijven")
    begin = klok.nu() + timedelta(days=2)
    agenda.afspraak_maken(
        actor=werker, taak=taak, begin=begin, einde=begin + timedelta(hours=1), onderwerp="Huisbezoek"
    )
    html = client.get(afronden, headers={"HX-Request": "true"}).content.decode()
    assert f"Dienst nog open: {dienst.soort}" in html
    assert f"Terugbelnotitie voor {collega} nog niet afgehandeld" in html and "Huisbezoek" in html
    assert "Ja, taak afronden" in html
    dienst_afronden(actor=werker, dienst=dienst)
    assert "Dienst nog open" not in client.get(afronden, headers={"HX-Request": "true"}).content.decode()

    # After closing: "Volgende taak" for a worker of the taakverdeler.
    client.post(reverse("taken:afronden", args=[taak.pk]))
    html = client.get(reverse("taken:detail", args=[taak.pk])).content.decode()
    assert reverse("taken:volgende") in html and "Volgende taak" in html
    assert client.get(afronden).status_code == 404  # a closed task has nothing to close


def test_the_task_page_is_one_page_object_and_its_tags_only_format():
    """Issue 25: the task page is assembled by one view into ``TaakPagina``; other apps contribute panels through
    taken.registry. No template tag module imports a view, and the task page's templates load no tag library
    that queries (diensten_tags only formats)."""
    import ast
    import re
    from pathlib import Path

    from django.conf import settings

    import taken.views_werk

    assert not hasattr(taken.views_werk, "werk_context")
    basis = Path(settings.BASE_DIR)
    for module in basis.glob("*/templatetags/*.py"):
        for knoop in ast.walk(ast.parse(module.read_text())):
            if isinstance(knoop, ast.ImportFrom) and knoop.module:
                assert not re.search(r"(^|\.)views", knoop.module), f"{module} imports {knoop.module}"
    diensten_tags = (basis / "diensten/templatetags/diensten_tags.py").read_text()
    assert "import" not in diensten_tags.split("register = ", 1)[0].replace("from django import template", "")
    for naam in ["taken/taak.html", "taken/_werk.html", "taken/_verslagen.html", "taken/_contacten.html"] + [
        f"diensten/{d}.html" for d in ("_diensten", "_groep", "_registreren", "_overdragen")
    ]:
        tekst = (basis / "templates" / naam).read_text()
        geladen = {lib for regel in re.findall(r"{% load ([^%]+)%}", tekst) for lib in regel.split()}
        assert geladen <= {"i18n", "diensten_tags"}, (naam, geladen)
    for app in ("taken", "diensten"):  # no page state carried on request attributes
        for module in (basis / app).glob("*.py"):
            assert not re.search(r"\brequest\.\w+ = ", module.read_text()), module
