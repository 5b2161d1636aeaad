"""Issue 25, forms: an error summary at the top of the form linking to each field, aria-describedby pointing to
ids that exist (Django writes ``id_<veld>_error``; includes/veld.html gives the message that id), novalidate so
every message is the product's Dutch."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from cris.accounts.roles import Rol
from tests import chain
from tests.factories import LidmaatschapFactory, MedewerkerFactory, TeamFactory
from werkstroom.models import Afdeling

pytestmark = pytest.mark.django_db


def test_contact_form_errors_are_summarised_and_every_described_by_id_exists(client):
    team = TeamFactory(afdeling=Afdeling.ACTIEVE_BENADERING)
    werker = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    LidmaatschapFactory(medewerker=werker, team=team)
    taak = chain.taak(casus=chain.casus(), team=team, behandelaar=werker)
    client.force_login(werker)
    response = client.post(
        reverse("taken:contact", args=[taak.pk]), {"tijdstip": "geen tijd", "kanaal": "duif", "duur_minuten": "-3"}
    )
    html = response.content.decode()
    assert response.status_code == 422
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    beschreven = {i for waarde in re.findall(r'aria-describedby="([^"]+)"', html) for i in waarde.split()}
    assert beschreven and beschreven <= ids, beschreven - ids
    samenvatting = html.split("cris-foutsamenvatting", 1)[1].split("</div>", 1)[0]
    links = re.findall(r'href="#([^"]+)"', samenvatting)
    assert {"id_tijdstip", "id_kanaal", "id_duur_minuten"} <= set(links) and set(links) <= ids
    assert 'id="paneel-contact" open' in html  # the panel with the errors is the one open
    assert re.search(r'<form method="post" action="[^"]*/contact/"[^>]*novalidate', html)


def _form_blokken(tekst: str):
    """The <form> tags of a template with the text up to their </form>."""
    for m in re.finditer(r"<form\b[^>]*>", tekst):
        einde = tekst.find("</form>", m.end())
        yield (
            m.group(0),
            tekst[m.end() : einde if einde != -1 else len(tekst)],
            tekst[max(0, m.start() - 300) : m.start()],
        )


# A GET form whose fields are those of the POST form beside it (one form object): its summary is that form's.
ZELFDE_FORM = {"taken/onderdelen/_collega_zoeken.html": "the transfer form's team and skill filter"}


def _heeft_velden(blok: str, templates) -> bool:
    """The form shows fields through includes/veld.html, itself or in a template it includes."""
    if "veld.html" in blok:
        return True
    return any(
        "veld.html" in (templates / naam).read_text()
        for naam in re.findall(r'{% include "([^"]+)"', blok)
        if (templates / naam).is_file()
    )


def test_every_form_template_has_novalidate_and_the_shared_error_summary():
    """Issue 25, forms everywhere: every form of the product with fields (includes/veld.html), the filter and
    search forms (GET) too, has ``novalidate`` (every message is the product's Dutch) and the one shared error
    summary include."""
    from pathlib import Path

    from django.conf import settings

    templates = Path(settings.BASE_DIR) / "templates"
    assert not (templates / "casus" / "_foutsamenvatting.html").exists()  # one include, not two
    gezien = get = 0
    for pad in sorted(templates.rglob("*.html")):
        for tag, blok, ervoor in _form_blokken(pad.read_text()):
            if not _heeft_velden(blok, templates):
                continue
            if str(pad.relative_to(templates)) in ZELFDE_FORM:
                assert "novalidate" in tag
                continue
            gezien += 1
            get += 'method="get"' in tag
            assert "novalidate" in tag, f"{pad.relative_to(templates)}: {tag}"
            assert "includes/foutsamenvatting.html" in blok + ervoor, f"{pad.relative_to(templates)}: {tag}"
    assert gezien >= 40 and get >= 4  # worklist, agenda week, report, client finder


def _samenvatting_klopt(html: str) -> list[str]:
    """The error summary is there, focused on load, and links only to ids on the page; every aria-describedby
    names ids that exist. Returns the ids linked."""
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    beschreven = {i for waarde in re.findall(r'aria-describedby="([^"]+)"', html) for i in waarde.split()}
    assert beschreven <= ids, beschreven - ids
    assert html.count("cris-foutsamenvatting") == 1
    samenvatting = html.split("cris-foutsamenvatting", 1)[1].split("</div>", 1)[0]
    assert "autofocus" in samenvatting
    links = re.findall(r'href="#([^"]+)"', samenvatting)
    assert set(links) <= ids, set(links) - ids
    return links


def test_the_task_page_forms_answer_with_the_error_summary_in_their_open_panel(client):
    """Issue 25: each form of the task page, posted wrong, comes back (422) with the summary at its top linking
    to its fields, in the panel the user was looking at (that panel open)."""
    from diensten.models import DienstSoort
    from diensten.services.levenscyclus import dienst_registreren

    team = TeamFactory(afdeling=Afdeling.ACTIEVE_BENADERING)
    werker = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    LidmaatschapFactory(medewerker=werker, team=team)
    taak = chain.taak(casus=chain.casus(), team=team, behandelaar=werker)
    dienst = dienst_registreren(actor=werker, taak=taak, soort=DienstSoort.objects.get(code="INF-STRAFPROCES"))
    client.force_login(werker)
    gevallen = [
        ("taken:afbreken", taak.pk, {}, ["id_reden"], 'id="paneel-afbreken" open'),
        ("diensten:registreren", taak.pk, {"soort": ""}, ["id_soort"], 'id="paneel-dienst" open'),
        ("taken:terugbelnotitie", taak.pk, {}, ["id_voor"], 'id="paneel-terugbellen" open'),
        ("taken:overdragen", taak.pk, {}, ["id_naar"], 'id="paneel-overdragen" open'),
        ("diensten:tijd", dienst.pk, {}, [f"id_tijd{dienst.pk}-minuten"], "<details open>"),
        ("taken:afspraak", taak.pk, {}, ["id_begin"], 'id="afspraken-kop"'),
    ]
    for naam, pk, data, verwacht, waar in gevallen:
        response = client.post(reverse(naam, args=[pk]), data)
        html = response.content.decode()
        assert response.status_code == 422, naam
        links = _samenvatting_klopt(html)
        assert set(verwacht) <= set(links), (naam, links)
        assert waar in html, naam


def test_forms_outside_the_task_page_use_the_same_summary(client):
    """The same include on the intake form and the login form (a message without a field as text)."""
    client.force_login(MedewerkerFactory(rollen=[Rol.CAI]))
    response = client.post(reverse("aanmelding:nieuw"), {**chain.AANMELDING, "achternaam": "", "postcode": "35111"})
    assert {"id_achternaam", "id_postcode"} <= set(_samenvatting_klopt(response.content.decode()))
    client.logout()
    html = client.post(reverse("accounts:login"), {"username": "niemand", "password": "fout"}).content.decode()
    _samenvatting_klopt(html)


def test_issue25_get_filter_forms_show_the_summary_and_the_page_still_shows_its_list(client):
    """Issue 25: a filter in the URL that is not valid (TAK-4 worklist, AGE-1 agenda week, DIE-4 report) is named
    in the shared error summary ('Niet gebruikt') with its message at the field; the worklist shows as if that
    filter were not there, the agenda shows this week, the report shows no figures (422)."""
    from datetime import timedelta

    from cris import klok
    from taken import agenda

    team = TeamFactory(afdeling=Afdeling.ACTIEVE_BENADERING)
    werker = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    LidmaatschapFactory(medewerker=werker, team=team)
    taak = chain.taak(casus=chain.casus(), team=team, behandelaar=werker)
    client.force_login(werker)

    response = client.get(reverse("taken:werkstroom"), {"deadline": "abc", "prioriteit": "²"})
    html = response.content.decode()
    assert response.status_code == 200
    assert {"id_deadline", "id_prioriteit"} <= set(_samenvatting_klopt(html))
    assert "Niet gebruikt: controleer deze velden" in html and 'id="id_deadline_error"' in html
    assert 'id="filters-uitklap" open' in html and 'id="werklijst"' in html
    assert reverse("taken:detail", args=[taak.pk]) in html.split('id="werklijst"', 1)[1]  # unfiltered by them

    for week in ("0001-01-01", "9999-12-31", "abc"):
        response = client.get(reverse("taken:agenda"), {"week": week})
        html = response.content.decode()
        assert response.status_code == 200
        assert _samenvatting_klopt(html) == ["id_week"], week
        assert 'id="id_week_error"' in html
        vorige = agenda.week_begin(klok.vandaag()) - timedelta(days=7)
        assert f"week={vorige.isoformat()}" in html  # this week is shown: 'Vorige week' is the one before
    assert (
        "Vul een datum tussen 01-01-1850 en 31-12-2199 in."
        in client.get(reverse("taken:agenda"), {"week": "0001-01-01"}).content.decode()
    )
    assert "cris-foutsamenvatting" not in client.get(reverse("taken:agenda")).content.decode()

    leider = MedewerkerFactory(rollen=[Rol.TEAMLEIDER])
    client.force_login(leider)
    response = client.get(reverse("rapportage:productie"), {"van": "juni"})
    assert response.status_code == 422
    assert _samenvatting_klopt(response.content.decode()) == ["id_van"]


def test_issue25_management_weeks_not_valid_is_named_in_the_summary_and_13_weeks_show(client):
    """Issue 25: the management view's 'Aantal weken' (TAK-8 figures) with a value that is not a whole number from
    1 to 53 is named in the shared error summary with its message at the field; the default 13 weeks show."""
    leider = MedewerkerFactory(rollen=[Rol.TEAMLEIDER])
    client.force_login(leider)
    for waarde in ("abc", "0", "54", "²", "9" * 30):
        response = client.get(reverse("rapportage:management"), {"weken": waarde})
        html = response.content.decode()
        assert response.status_code == 200, waarde
        assert _samenvatting_klopt(html) == ["id_weken"], waarde
        assert "een geheel getal van 1 tot en met 53" in html and 'id="id_weken_error"' in html
    html = client.get(reverse("rapportage:management"), {"weken": "4"}).content.decode()
    assert "cris-foutsamenvatting" not in html and 'value="4"' in html
    assert 'value="13"' in client.get(reverse("rapportage:management")).content.decode()
