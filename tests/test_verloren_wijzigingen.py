"""Issue 23 item 3: no lost updates. For each edit form two people (or two tabs: two logged-in clients) open
the same record; the first save lands, the second is refused with the Dutch conflict message and the other
person's change shown, and nothing of the second is saved (cris.versie)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cris.audit.models import AuditEntry
from taken import verslagen
from taken.models import Contactmoment
from tests import chain

pytestmark = pytest.mark.django_db

CONFLICT = "Iemand anders heeft dit intussen gewijzigd"


def _tab(user) -> Client:
    tab = Client()
    tab.force_login(user)
    return tab


@pytest.fixture
def taak(team, worker):
    return chain.taak(casus=chain.casus(), team=team, behandelaar=worker)


@pytest.fixture
def contact(worker, taak) -> Contactmoment:
    return verslagen.verslag_vastleggen(
        actor=worker, taak=taak, tijdstip=timezone.now(), kanaal="telefoon", richting="uitgaand", bereikt=True,
        duur_minuten=10, verslag="Cliënt gesproken.",
    )  # fmt: skip


def _verslag_formulier(contact: Contactmoment, **wijzig) -> dict:
    """The edit form of a contact report as the page showed it, with ``wijzig`` typed over it."""
    velden = {
        "tijdstip": timezone.localtime(contact.tijdstip).strftime("%Y-%m-%dT%H:%M"),
        "kanaal": contact.kanaal,
        "richting": contact.richting,
        "bereikt": "ja" if contact.bereikt else "nee",
        "duur_minuten": contact.duur_minuten or "",
        "verslag": contact.verslag,
        "versie": contact.versie,
    }
    return {**velden, **wijzig}


def test_issue23_3_ver2_two_tabs_edit_one_contact_report_the_second_gets_the_conflict(worker, contact):
    """VER-2: two tabs show the report; the first save lands, the second is told (409) and shown the first."""
    url = reverse("taken:verslag_bewerken", args=[contact.pk])
    tab_a, tab_b = _tab(worker), _tab(worker)
    assert 'name="versie" value="1"' in tab_a.get(url).content.decode()
    formulier_a = _verslag_formulier(contact, verslag="Cliënt gesproken; aangifte besproken.")
    formulier_b = _verslag_formulier(contact, verslag="Cliënt gesproken; doorverwezen naar de huisarts.")
    assert tab_a.post(url, formulier_a).status_code == 302
    response = tab_b.post(url, formulier_b)
    assert response.status_code == 409
    html = response.content.decode()
    assert CONFLICT in html
    assert "aangifte besproken" in html  # the other tab's change, in the form again
    assert "doorverwezen naar de huisarts" in html  # this tab's text, shown (not saved) to redo it
    assert 'name="versie" value="2"' in html
    contact.refresh_from_db()
    assert (contact.verslag, contact.versie) == ("Cliënt gesproken; aangifte besproken.", 2)
    assert AuditEntry.objects.filter(actie="wijzigen", object_type="taken.contactmoment").count() == 1
    assert contact.casus.tijdlijn.filter(omschrijving__contains="bijgewerkt").count() == 1
    # Redone on top of the current version, the change lands.
    assert tab_b.post(url, _verslag_formulier(contact, verslag="Beide.")).status_code == 302


def test_issue23_3_ver2_a_form_without_its_version_saves_nothing(worker, contact):
    url = reverse("taken:verslag_bewerken", args=[contact.pk])
    formulier = _verslag_formulier(contact, verslag="Zonder versie")
    del formulier["versie"]
    response = _tab(worker).post(url, formulier)
    assert response.status_code == 422 and "Het formulier mist zijn versie" in response.content.decode()
    contact.refresh_from_db()
    assert contact.verslag == "Cliënt gesproken." and contact.versie == 1
