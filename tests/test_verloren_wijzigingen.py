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
from taken.models import Contactmoment, VerslagConcept
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


def test_issue23_3_ver2_two_tabs_autosaving_one_draft_the_second_is_told_and_shown_the_first(worker, taak):
    """VER-2 autosave: the draft carries its version; a tab whose draft another tab saved since is told in the
    status line, with the saved draft, and overwrites nothing."""
    url = reverse("taken:verslag_concept", args=[taak.pk])
    tab_a, tab_b = _tab(worker), _tab(worker)
    pagina = tab_b.get(reverse("taken:detail", args=[taak.pk])).content.decode()
    assert 'name="concept_versie" id="concept-versie" value=""' in pagina  # no draft yet
    antwoord = tab_a.post(url, {"verslag": "Eerste tabblad", "concept_versie": ""}).content.decode()
    assert "Concept opgeslagen" in antwoord and 'id="concept-versie" value="1" hx-swap-oob="true"' in antwoord
    antwoord = tab_a.post(url, {"verslag": "Eerste tabblad, verder", "concept_versie": "1"}).content.decode()
    assert 'value="2" hx-swap-oob="true"' in antwoord
    response = tab_b.post(url, {"verslag": "Tweede tabblad", "concept_versie": ""})
    assert response.status_code == 200  # htmx swaps it into the status line
    html = response.content.decode()
    assert CONFLICT in html and "Eerste tabblad, verder" in html and "hx-swap-oob" not in html
    concept = VerslagConcept.objects.get(taak=taak, medewerker=worker)
    assert (concept.velden["verslag"], concept.versie) == ("Eerste tabblad, verder", 2)
    # Reloaded, the second tab carries the draft and its version, and continues on top of it.
    pagina = tab_b.get(reverse("taken:detail", args=[taak.pk])).content.decode()
    assert 'id="concept-versie" value="2"' in pagina
    assert "Concept opgeslagen" in tab_b.post(url, {"verslag": "Beide", "concept_versie": "2"}).content.decode()


def _document(toegang):
    from documenten.services import bestanden
    from tests.documenten_helpers import PDF, bestand

    casus = chain.casus(actor=toegang.eigenaar)
    chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.eigenaar)
    return bestanden.document_toevoegen(
        actor=toegang.eigenaar, casus=casus, bestand=bestand("plan.pdf", PDF), titel="Plan", type="overig",
        status="concept",
    )  # fmt: skip


def test_issue23_3_doc1_status_change_on_a_document_someone_else_changed_is_refused(toegang):

    document = _document(toegang)
    url = reverse("documenten:status", args=[document.casus_id, document.pk])
    pagina = reverse("documenten:detail", args=[document.casus_id, document.pk])
    eigenaar, collega = _tab(toegang.eigenaar), _tab(toegang.collega)
    getoond = document.versie  # the first file counted as a change
    assert f'name="versie" value="{getoond}"' in collega.get(pagina).content.decode()
    assert eigenaar.post(url, {"status": "definitief", "versie": getoond}).status_code == 302
    response = collega.post(url, {"status": "concept", "versie": getoond})
    assert response.status_code == 409
    html = response.content.decode()
    assert CONFLICT in html and f'name="versie" value="{getoond + 1}"' in html
    assert '<option value="definitief" selected>' in html  # the other person's status, shown in the form
    document.refresh_from_db()
    assert (document.status, document.versie) == ("definitief", getoond + 1)
    assert AuditEntry.objects.filter(actie="wijzigen", object_type="documenten.document").count() == 1


def test_issue23_3_doc1_a_new_version_on_top_of_one_not_seen_is_refused(toegang):
    from tests.documenten_helpers import PDF, bestand

    document = _document(toegang)
    url = reverse("documenten:versie", args=[document.casus_id, document.pk])
    eigenaar, collega = _tab(toegang.eigenaar), _tab(toegang.collega)
    getoond = document.versie
    assert eigenaar.post(url, {"bestand": bestand("v2.pdf", PDF + b"%a"), "versie": getoond}).status_code == 302
    response = collega.post(url, {"bestand": bestand("v2b.pdf", PDF + b"%b"), "versie": getoond})
    assert response.status_code == 409
    html = response.content.decode()
    assert CONFLICT in html and "v2.pdf" in html  # the other person's version in the list
    document.refresh_from_db()
    assert document.huidige_versie.bestandsnaam == "v2.pdf" and document.versies.count() == 2


def test_issue23_3_doc2_two_functional_managers_edit_one_template_the_second_gets_the_conflict(db):
    from html import unescape

    from cris.accounts.roles import Rol
    from documenten.models import Sjabloon
    from tests.documenten_helpers import sjabloon
    from tests.factories import MedewerkerFactory

    sj = sjabloon(naam="Bereikbaarheid")
    url = reverse("admin:documenten_sjabloon_change", args=[sj.pk])
    fb1 = _tab(MedewerkerFactory(username="fb1", rollen=[Rol.FUNCTIONEEL_BEHEERDER]))
    fb2 = _tab(MedewerkerFactory(username="fb2", rollen=[Rol.FUNCTIONEEL_BEHEERDER]))
    assert 'name="versie" value="1"' in fb2.get(url).content.decode()

    def formulier(**wijzig):
        velden = {"versie": 1, "naam": sj.naam, "soort": sj.soort, "doel": sj.doel, "delict_code": "",
                  "onderwerp": sj.onderwerp, "inhoud": sj.inhoud, "geldig_van": sj.geldig_van.isoformat(),
                  "geldig_tot": ""}  # fmt: skip
        return {**velden, **wijzig}

    assert fb1.post(url, formulier(onderwerp="Wij bellen u")).status_code == 302
    response = fb2.post(url, formulier(inhoud="{{ client.aanhef }},\n\nNieuwe tekst."))
    assert response.status_code == 409
    html = unescape(response.content.decode())
    assert CONFLICT in html and "Nu opgeslagen – onderwerp: Wij bellen u" in html
    sj.refresh_from_db()
    assert (sj.onderwerp, sj.versie) == ("Wij bellen u", 2) and "Nieuwe tekst" not in sj.inhoud
    assert fb2.post(url, formulier(versie=2, inhoud="{{ client.aanhef }},\n\nNieuw.")).status_code == 302
    assert Sjabloon.objects.get(pk=sj.pk).versie == 3


def test_issue23_3_age1_two_tabs_move_one_appointment_the_second_gets_the_conflict(worker, taak):
    """AGE-1: two tabs show the agenda; the first move lands, the second is refused with the current time shown."""
    from datetime import timedelta

    from cris import klok
    from taken.agenda import afspraak_maken
    from taken.models import Afspraak

    begin = klok.begin_van_dag(klok.vandaag() + timedelta(days=2)) + timedelta(hours=10)
    afspraak = afspraak_maken(
        actor=worker, taak=taak, begin=begin, einde=begin + timedelta(hours=1), onderwerp="Gesprek"
    )
    url = reverse("taken:afspraak_verplaatsen", args=[afspraak.pk])
    lokaal = lambda t: timezone.localtime(t).strftime("%Y-%m-%dT%H:%M")  # noqa: E731
    tab_a, tab_b = _tab(worker), _tab(worker)
    agenda = tab_a.get(reverse("taken:agenda") + f"?week={klok.lokale_datum(begin).isoformat()}").content.decode()
    assert 'name="versie" value="1"' in agenda

    eerst, later = begin + timedelta(hours=3), begin + timedelta(days=1)
    tab_a.post(url, {"begin": lokaal(eerst), "einde": lokaal(eerst + timedelta(hours=1)), "versie": 1})
    antwoord = tab_b.post(
        url, {"begin": lokaal(later), "einde": lokaal(later + timedelta(hours=1)), "versie": 1}, follow=True
    )

    afspraak = Afspraak.objects.get(pk=afspraak.pk)
    assert (afspraak.begin, afspraak.versie) == (eerst, 2)  # the first move stands; the second changed nothing
    tekst = antwoord.content.decode()
    assert CONFLICT in tekst and timezone.localtime(eerst).strftime("%d-%m-%Y %H:%M") in tekst
    assert (
        AuditEntry.objects.filter(object_type="taken.afspraak", object_id=str(afspraak.pk), actie="wijzigen").count()
        == 1
    )


def test_issue23_3_ver2_contact_saved_in_a_stale_tab_keeps_the_newer_draft_of_another_tab(worker, taak):
    """VER-1/VER-2: tab A shows the task with draft version 1; tab B types on (draft version 2). 'Contact
    opslaan' in tab A records A's contact and removes only the draft version it was based on: B's newer draft
    stays, and A is told so."""
    concept_url = reverse("taken:verslag_concept", args=[taak.pk])
    tab_a, tab_b = _tab(worker), _tab(worker)
    tab_a.post(concept_url, {"verslag": "Eerste opzet", "concept_versie": ""})
    assert 'id="concept-versie" value="1"' in tab_a.get(reverse("taken:detail", args=[taak.pk])).content.decode()
    tab_b.post(concept_url, {"verslag": "Eerste opzet, verder in tabblad B", "concept_versie": "1"})
    formulier = {
        "tijdstip": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "kanaal": "telefoon", "richting": "uitgaand",
        "bereikt": "ja", "verslag": "Cliënt gesproken (tabblad A).", "concept_versie": "1",
    }  # fmt: skip
    response = tab_a.post(reverse("taken:contact", args=[taak.pk]), formulier, follow=True)
    assert Contactmoment.objects.filter(taak=taak, verslag="Cliënt gesproken (tabblad A).").exists()
    concept = VerslagConcept.objects.get(taak=taak, medewerker=worker)
    assert (concept.velden["verslag"], concept.versie) == ("Eerste opzet, verder in tabblad B", 2)
    assert "nieuwer concept" in response.content.decode()
    # Based on the current draft, recording the contact removes it (as before).
    response = tab_b.post(
        reverse("taken:contact", args=[taak.pk]), {**formulier, "verslag": "Tweede contact.", "concept_versie": "2"}
    )
    assert response.status_code == 302
    assert not VerslagConcept.objects.filter(taak=taak).exists()


def test_ver2_the_forms_own_autosave_sent_as_it_is_submitted_leaves_no_draft(worker, taak):
    """VER-2: leaving the report field for the button fires the autosave (its change event) just as the form is
    submitted, so the draft it writes is one version newer than the form knows. That draft holds the report just
    recorded: it goes with the contact, and no "newer draft in another tab" warning follows."""
    concept_url = reverse("taken:verslag_concept", args=[taak.pk])
    tab = _tab(worker)
    verslag = "Cliënt gesproken; wil informatie over het strafproces."
    tab.post(concept_url, {"verslag": verslag, "concept_versie": ""})  # the autosave, first at the server
    formulier = {
        "tijdstip": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "kanaal": "telefoon", "richting": "uitgaand",
        "bereikt": "ja", "verslag": verslag, "concept_versie": "",
    }  # fmt: skip
    response = tab.post(reverse("taken:contact", args=[taak.pk]), formulier, follow=True)
    assert Contactmoment.objects.filter(taak=taak, verslag=verslag).exists()
    assert not VerslagConcept.objects.filter(taak=taak).exists()
    assert AuditEntry.objects.filter(object_type="taken.verslagconcept", actie="verwijderen").count() == 1
    pagina = response.content.decode()
    assert "Het contact is vastgelegd." in pagina and "nieuwer concept" not in pagina
    # Arriving after the contact instead, it writes nothing either (test_verslagen).
    tab.post(concept_url, {"verslag": verslag, "concept_versie": ""})
    assert not VerslagConcept.objects.filter(taak=taak).exists()
