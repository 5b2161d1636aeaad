"""VER-1, VER-2: contact reports — drafts saved while typing, finalising, editing for 7 days, then locked
with corrections as new linked entries; failed attempts counted. Access follows the casus (AUT-1)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cris.audit.models import AuditEntry
from taken import verslagen
from taken.models import Contactmoment, VerslagConcept
from taken.services import TaakFout
from tests import chain
from tests.access import assert_toegang
from tests.factories import LidmaatschapFactory, MedewerkerFactory

pytestmark = pytest.mark.django_db

VELDEN = {"kanaal": "telefoon", "richting": "uitgaand", "bereikt": True, "duur_minuten": 15}


@pytest.fixture
def taak(team, worker):
    return chain.taak(casus=chain.casus(), team=team, behandelaar=worker)


def _vastleggen(worker, taak, **extra):
    velden = {**VELDEN, "tijdstip": timezone.now(), "verslag": "Cliënt gesproken.", **extra}
    return verslagen.verslag_vastleggen(actor=worker, taak=taak, **velden)


def _verouderen(contact, dagen):
    Contactmoment.objects.filter(pk=contact.pk).update(aangemaakt_op=timezone.now() - timedelta(days=dagen))
    contact.refresh_from_db()
    return contact


def test_ver2_autosave_keeps_the_draft_and_finalising_removes_it(client, worker, taak):
    client.force_login(worker)
    url = reverse("taken:verslag_concept", args=[taak.pk])
    response = client.post(url, {"kanaal": "telefoon", "verslag": "Eerste zin", "tijdstip": "", "bereikt": "ja"})
    assert response.status_code == 200 and "Concept opgeslagen om" in response.content.decode()
    volgende = {"kanaal": "telefoon", "verslag": "Eerste zin, tweede zin", "bereikt": "ja", "concept_versie": "1"}
    client.post(url, volgende)
    concept = VerslagConcept.objects.get(taak=taak, medewerker=worker)
    assert concept.velden["verslag"] == "Eerste zin, tweede zin"
    # The tab was closed: the task page brings the draft back in the form; it is not yet a contact.
    pagina = client.get(reverse("taken:detail", args=[taak.pk])).content.decode()
    assert "Eerste zin, tweede zin</textarea>" in pagina
    assert not Contactmoment.objects.filter(taak=taak).exists()
    assert not taak.casus.tijdlijn.filter(soort="contact").exists()
    # Every draft write is audited, without the text.
    entries = AuditEntry.objects.filter(object_type="taken.verslagconcept")
    assert entries.count() == 2 and "Eerste zin" not in str(list(entries.values_list("wijzigingen", flat=True)))
    # Finalise: the contact exists, the draft is gone.
    response = client.post(
        reverse("taken:contact", args=[taak.pk]),
        {"tijdstip": "2026-01-01T10:00", "kanaal": "telefoon", "richting": "uitgaand", "bereikt": "ja",
         "verslag": "Eerste zin, tweede zin"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Contactmoment.objects.get(taak=taak).verslag == "Eerste zin, tweede zin"
    assert not VerslagConcept.objects.exists()


def test_ver2_an_invalid_finalise_keeps_the_draft_and_shows_the_field_error(client, worker, taak):
    client.force_login(worker)
    client.post(reverse("taken:verslag_concept", args=[taak.pk]), {"verslag": "", "bereikt": "ja"})
    response = client.post(
        reverse("taken:contact", args=[taak.pk]),
        {"tijdstip": "2026-01-01T10:00", "kanaal": "telefoon", "richting": "uitgaand", "bereikt": "ja", "verslag": ""},
    )
    assert response.status_code == 422 and "Schrijf een verslag van het contact." in response.content.decode()
    assert VerslagConcept.objects.filter(taak=taak).exists() and not Contactmoment.objects.exists()


def test_ver2_only_the_handler_saves_drafts(team, taak):
    collega = MedewerkerFactory()
    LidmaatschapFactory(medewerker=collega, team=team)
    with pytest.raises(TaakFout, match="behandelaar"):
        verslagen.concept_opslaan(actor=collega, taak=taak, velden={"verslag": "x"})


def test_ver2_editable_for_7_days_then_locked(worker, taak):
    contact = _vastleggen(worker, taak)
    contact = verslagen.verslag_bewerken(actor=worker, contact=contact, verwacht=1, verslag="Aangevuld verslag.")
    assert contact.verslag == "Aangevuld verslag." and contact.gewijzigd_op is not None
    # Six days and 23 hours: still editable.
    contact = _verouderen(contact, 6.95)
    assert verslagen.is_bewerkbaar(contact)
    verslagen.verslag_bewerken(actor=worker, contact=contact, verwacht=2, duur_minuten=20)
    # After 7 days: locked, also for its author.
    contact = _verouderen(contact, 7)
    assert not verslagen.is_bewerkbaar(contact)
    with pytest.raises(TaakFout, match="vergrendeld"):
        verslagen.verslag_bewerken(actor=worker, contact=contact, verwacht=3, verslag="Te laat")
    contact.refresh_from_db()
    assert contact.verslag == "Aangevuld verslag." and contact.duur_minuten == 20


def test_ver2_a_correction_after_the_lock_is_a_new_linked_entry(worker, taak):
    contact = _verouderen(_vastleggen(worker, taak, bereikt=False, verslag="Geen gehoor."), 8)
    with pytest.raises(TaakFout, match="nog niet vergrendeld"):
        verslagen.verslag_corrigeren(actor=worker, contact=_vastleggen(worker, taak), verslag="x")
    correctie = verslagen.verslag_corrigeren(actor=worker, contact=contact, verslag="Voicemail ingesproken.")
    contact.refresh_from_db()
    assert contact.verslag == "Geen gehoor."  # the locked report is unchanged
    assert correctie.correctie_van == contact and correctie.tijdstip == contact.tijdstip
    assert taak.casus.tijdlijn.filter(soort="contact", omschrijving__startswith="Correctie").exists()


def test_ver1_failed_attempts_are_counted_once_not_with_their_corrections(client, worker, taak):
    poging = _verouderen(_vastleggen(worker, taak, bereikt=False, verslag=""), 8)
    _vastleggen(worker, taak, bereikt=False, verslag="")
    verslagen.verslag_corrigeren(actor=worker, contact=poging, verslag="Toch een bericht achtergelaten.")
    client.force_login(worker)
    pagina = client.get(reverse("taken:detail", args=[taak.pk])).content.decode()
    assert "<dt>Mislukte contactpogingen</dt><dd>2</dd>" in pagina
    assert "Vergrendeld – correctie vastleggen" in pagina and "Verslag bewerken" in pagina


def test_the_report_page_edits_then_corrects(client, worker, taak):
    contact = _vastleggen(worker, taak)
    client.force_login(worker)
    url = reverse("taken:verslag_bewerken", args=[contact.pk])
    assert "Verslag opslaan" in client.get(url).content.decode()
    response = client.post(
        url,
        {"tijdstip": "2026-01-01T10:00", "kanaal": "telefoon", "richting": "uitgaand", "bereikt": "ja", "verslag": "",
         "versie": 1},
    )  # fmt: skip
    assert response.status_code == 422 and "Schrijf een verslag van het contact." in response.content.decode()
    _verouderen(contact, 10)
    pagina = client.get(url).content.decode()
    assert "Verslag (vergrendeld)" in pagina and "Correctie vastleggen" in pagina
    assert client.post(url, {"verslag": ""}).status_code == 422
    assert client.post(url, {"verslag": "Aanvulling"}).status_code == 302
    assert Contactmoment.objects.filter(correctie_van=contact, verslag="Aanvulling").exists()


def test_report_pages_follow_casus_access(client, toegang):
    taak = chain.taak(casus=chain.casus(), team=toegang.team, behandelaar=toegang.eigenaar)
    contact = _vastleggen(toegang.eigenaar, taak)
    assert_toegang(
        client, toegang, reverse("taken:verslag_bewerken", args=[contact.pk]),
        eigenaar=200, collega=200, teamleider=200, buitenstaander=404, functioneel_beheerder=404,
    )  # fmt: skip
    assert_toegang(
        client, toegang, reverse("taken:verslag_concept", args=[taak.pk]), method="post", data={"verslag": "x"},
        eigenaar=200, collega=200, teamleider=200, buitenstaander=404, functioneel_beheerder=404,
    )  # fmt: skip
    # Only the handler and the team leader got a draft; the colleague got the message, no row.
    assert set(VerslagConcept.objects.values_list("medewerker__username", flat=True)) == {"eigenaar", "teamleider"}
    assert_toegang(
        client, toegang, reverse("taken:contact", args=[taak.pk]), method="post", data={},
        eigenaar=422, collega=422, teamleider=422, buitenstaander=404, functioneel_beheerder=404,
    )  # fmt: skip


def test_ver2_an_autosave_arriving_after_finalising_does_not_revive_the_draft(worker, taak):
    _vastleggen(worker, taak, verslag="Cliënt gesproken.")
    assert verslagen.concept_opslaan(actor=worker, taak=taak, velden={"verslag": "Cliënt gesproken."}) is None
    assert not VerslagConcept.objects.exists()
    # A new report after that is a draft again.
    assert verslagen.concept_opslaan(actor=worker, taak=taak, velden={"verslag": "Tweede gesprek"}) is not None
