"""AAN-8 online offer, AAN-9 automatic processing, AAN-3 reject reasons and duplicate referrals."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from aanmelding import automatisch
from aanmelding.models import (
    Aanmelding,
    AanmeldingStatus,
    Afwijsreden,
    AutomatischBesluit,
    Signalering,
    Uitkomst,
    Verwerkingsregel,
)
from aanmelding.selectors import automatische_besluiten_per_dag
from aanmelding.services import AanmeldingFout, aanmelding_samenvoegen, aanmeldingen_ontvangen
from casus.models import Casus, Client, Kanaal
from casus.services import client_aanmaken
from cris.accounts.roles import Rol
from cris.audit.models import AuditEntry
from documenten.models import OutboxStatus, Sjabloon, UitgaandeEmail
from testgegevens.demo.werkstroom import teams_aanmaken
from tests import chain
from tests.factories import LidmaatschapFactory, MedewerkerFactory

pytestmark = pytest.mark.django_db

POLITIE = {
    "kanaal": Kanaal.EDP,
    "pv_nummer": "PL0900-2026000001",
    "delict_code": "MISH",
    "delict_omschrijving": "Mishandeling",
    "voornamen": "Fatma",
    "achternaam": "Yılmaz",
    "geboortedatum": date(1985, 4, 12),
    "geslacht": "V",
    "bsn": "111222333",
    "postcode": "3511 AB",
    "huisnummer": "12",
    "straat": "Oudegracht",
    "woonplaats": "Utrecht",
    "telefoon": "0612345678",
    "toestemming_contact": True,
}


@pytest.fixture
def teams():
    teams_aanmaken()


@pytest.fixture
def regel():
    return Verwerkingsregel.objects.create(naam="Politie, volledig en zeker", actief=True, kanaal=Kanaal.EDP)


@pytest.fixture
def admin_mw():
    return MedewerkerFactory(username="admin1", rollen=[Rol.ADMINISTRATIE])


def ontvangen(**velden) -> Aanmelding:
    aanmelding = Aanmelding(ontvangen_op=timezone.now(), **{**POLITIE, **velden})
    aanmeldingen_ontvangen(aanmeldingen=[aanmelding], reden="test")
    return Aanmelding.objects.get(pk=aanmelding.pk)


def verwerkt(aanmelding: Aanmelding) -> tuple[Aanmelding, AutomatischBesluit]:
    automatisch.verwerken([aanmelding.pk])
    aanmelding.refresh_from_db()
    return aanmelding, AutomatischBesluit.objects.get(aanmelding=aanmelding)


def test_aan9_a_complete_certain_police_referral_is_approved_without_a_person(teams, regel):
    aanmelding, besluit = verwerkt(ontvangen())
    assert aanmelding.status == AanmeldingStatus.AUTOMATISCH_VERWERKT and aanmelding.beoordelaar is None
    assert besluit.uitkomst == Uitkomst.GOEDGEKEURD and besluit.regel == regel
    assert "nieuwe cliënt" in besluit.reden and regel.naam in besluit.reden
    casus = aanmelding.casus
    assert casus.client.bsn == "111222333" and casus.taken.get().type.code == "AB-BENADERING"
    # One path with manual approval: the same audit entry, marked with the reason and the background job.
    entry = AuditEntry.objects.get(object_type="aanmelding.aanmelding", object_id=str(aanmelding.pk), actie="wijzigen")
    assert entry.actor_id is None and entry.reden == besluit.reden
    assert entry.wijzigingen["status"] == ["nieuw", "automatisch"]
    assert casus.tijdlijn.filter(omschrijving__startswith="Aanmelding automatisch goedgekeurd").exists()


def test_aan9_the_decision_runs_as_a_background_task_after_the_import(teams, regel, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        aanmelding = Aanmelding(ontvangen_op=timezone.now(), **POLITIE)
        aanmeldingen_ontvangen(aanmeldingen=[aanmelding], reden="test")
    aanmelding.refresh_from_db()
    assert aanmelding.status == AanmeldingStatus.AUTOMATISCH_VERWERKT
    assert AuditEntry.objects.filter(object_id=str(aanmelding.pk), actie="wijzigen", bron="taak").exists()


def test_aan9_an_existing_client_with_the_same_bsn_is_linked(teams, regel):
    bestaand = client_aanmaken(
        actor=None,
        gegevens={"achternaam": "Yilmaz", "geboortedatum": date(1985, 4, 12), "bsn": "111222333"},
        adres={"postcode": "1011 AA", "huisnummer": "1"},
    )
    aanmelding, besluit = verwerkt(ontvangen())
    assert aanmelding.casus.client == bestaand and "zelfde BSN en geboortedatum" in besluit.reden
    assert Client.objects.count() == 1


def test_aan9_an_exact_name_birth_date_and_postcode_match_is_certain(teams, regel):
    bestaand = client_aanmaken(
        actor=None,
        gegevens={"voornamen": "Fatma", "achternaam": "YILMAZ", "geboortedatum": date(1985, 4, 12)},
        adres={"postcode": "3511AB", "huisnummer": "12"},
    )
    aanmelding, besluit = verwerkt(ontvangen(bsn=""))
    assert aanmelding.casus.client == bestaand and "zelfde naam, geboortedatum en postcode" in besluit.reden


def test_aan9_a_similar_but_not_exact_client_goes_to_a_person(teams, regel):
    client_aanmaken(
        actor=None,
        gegevens={"voornamen": "Fatma", "achternaam": "Yılmaz", "geboortedatum": date(1985, 4, 12)},
        adres={"postcode": "1011 AA", "huisnummer": "3"},  # moved? another person? not certain
    )
    aanmelding, besluit = verwerkt(ontvangen(bsn=""))
    assert aanmelding.status == AanmeldingStatus.NIEUW and aanmelding.casus is None
    assert besluit.uitkomst == Uitkomst.BEOORDELEN and "niet exact" in besluit.reden


def test_aan9_two_possible_clients_go_to_a_person(teams, regel):
    for postcode in ("3511 AB", "1011 AA"):
        client_aanmaken(
            actor=None,
            gegevens={"achternaam": "Yılmaz", "geboortedatum": date(1985, 4, 12)},
            adres={"postcode": postcode, "huisnummer": "12"},
        )
    _, besluit = verwerkt(ontvangen(bsn=""))
    assert besluit.uitkomst == Uitkomst.BEOORDELEN and "2 mogelijk bestaande cliënten" in besluit.reden


@pytest.mark.parametrize(
    ("velden", "reden"),
    [
        ({"geboortedatum": None}, "gegevens onvolledig"),
        ({"toestemming_contact": False}, "geen toestemming"),
        ({"signaleringen": [Signalering.BSN_ONTBREEKT], "bsn": ""}, "signaleringen: BSN ontbreekt"),
        ({"minderjarig": True}, "minderjarig"),
        ({"kwetsbaarheden": ["LVB"]}, "kwetsbaarheden: LVB"),
        ({"delict_code": "BELEDIGING"}, "buiten de doelgroep"),
        ({"delict_code": "ONBEKEND-1"}, "Delict onbekend"),
        ({"kanaal": Kanaal.EDOM}, "Geen actieve regel"),
    ],
)
def test_aan9_each_unmet_condition_sends_the_referral_to_a_person_with_its_reason(teams, regel, velden, reden):
    aanmelding, besluit = verwerkt(ontvangen(**velden))
    assert aanmelding.open and besluit.uitkomst == Uitkomst.BEOORDELEN
    assert reden in besluit.reden


def test_aan9_inactive_rules_and_other_categories_do_not_approve(teams, regel):
    regel.delictcategorieen = ["Zeden"]
    regel.save()
    assert "delictcategorie Geweld" in verwerkt(ontvangen())[1].reden
    regel.actief = False
    regel.save()
    assert "Geen actieve regel" in verwerkt(ontvangen(bericht_id="x2"))[1].reden


def test_aan9_a_referral_is_decided_once_and_one_handled_by_a_person_is_left_alone(teams, regel, admin_mw):
    aanmelding = ontvangen()
    automatisch.verwerken([aanmelding.pk, aanmelding.pk])
    assert AutomatischBesluit.objects.count() == 1 and Casus.objects.count() == 1
    ander = ontvangen(bericht_id="x2", bsn="", achternaam="Jansen")
    from aanmelding.services import aanmelding_afkeuren

    aanmelding_afkeuren(actor=admin_mw, aanmelding=ander, reden="test")
    automatisch.verwerken([ander.pk])
    assert not AutomatischBesluit.objects.filter(aanmelding=ander).exists()


def test_aan9_a_failed_approval_leaves_the_referral_for_a_person_with_the_reason(regel):
    # No teams: the first task cannot be placed, approval rolls back completely.
    aanmelding, besluit = verwerkt(ontvangen())
    assert aanmelding.status == AanmeldingStatus.NIEUW and not Casus.objects.exists() and not Client.objects.exists()
    assert besluit.uitkomst == Uitkomst.BEOORDELEN and "Automatisch goedkeuren lukte niet" in besluit.reden


def online_sjabloon(**velden):
    return Sjabloon.objects.create(
        naam="Online aanbod fietsdiefstal",
        soort="email",
        doel="online_aanbod",
        delict_code="FIETSDIEFSTAL",
        onderwerp="Informatie na uw aangifte ({{ casus.pv_nummer }})",
        inhoud="{{ client.aanhef }},\n\nKijk op {{ delict.informatiepagina }} voor hulp na {{ casus.delict }}.",
        **velden,
    )


def test_aan8_an_online_offer_delict_sends_the_delicts_message_and_closes_the_referral(
    settings, django_capture_on_commit_callbacks, mailoutbox
):
    from aanmelding.models import Delict

    Delict.objects.filter(code="FIETSDIEFSTAL").update(informatie_url="https://example.org/fietsdiefstal")
    online_sjabloon()
    with django_capture_on_commit_callbacks(execute=True):
        aanmelding, besluit = verwerkt(
            ontvangen(delict_code="FIETSDIEFSTAL", delict_omschrijving="Fietsdiefstal", email="fatma@example.org")
        )
    assert aanmelding.status == AanmeldingStatus.ONLINE_AANBOD and aanmelding.casus is None
    assert besluit.uitkomst == Uitkomst.ONLINE_AANBOD and "fatma@example.org" in besluit.reden
    mail = UitgaandeEmail.objects.get()
    assert mail.status == OutboxStatus.VERZONDEN and mail.casus is None
    assert mail.onderwerp == "Informatie na uw aangifte (PL0900-2026000001)"
    assert "Geachte mevrouw Yılmaz" in mail.tekst and "https://example.org/fietsdiefstal" in mail.tekst
    assert [m.to for m in mailoutbox] == [["fatma@example.org"]]
    assert not Client.objects.exists()  # no client or casus for an online offer


@pytest.mark.parametrize(
    ("velden", "sjabloon", "reden"),
    [
        ({"email": ""}, True, "geen e-mailadres"),
        ({"email": "a@example.org", "toestemming_contact": False}, True, "geen toestemming"),
        ({"email": "a@example.org"}, False, "geen geldig sjabloon"),
    ],
)
def test_aan8_without_email_consent_or_template_the_referral_is_flagged_for_a_person(velden, sjabloon, reden):
    if sjabloon:
        online_sjabloon()
    aanmelding, besluit = verwerkt(ontvangen(delict_code="FIETSDIEFSTAL", **velden))
    assert aanmelding.open and Signalering.ONLINE_AANBOD_HANDMATIG in aanmelding.signaleringen
    assert besluit.uitkomst == Uitkomst.BEOORDELEN and reden in besluit.reden
    assert not UitgaandeEmail.objects.exists()


def test_aan8_the_reviewer_closes_a_flagged_online_offer_after_informing_the_person(client, admin_mw):
    aanmelding, _ = verwerkt(ontvangen(delict_code="FIETSDIEFSTAL", email=""))
    client.force_login(admin_mw)
    pagina = client.get(reverse("aanmelding:detail", args=[aanmelding.pk])).content.decode()
    assert "Online aanbod zelf afhandelen" in pagina and "geen e-mailadres" in pagina
    url = reverse("aanmelding:online_aanbod", args=[aanmelding.pk])
    assert "Vermeld hoe" in client.post(url, {"toelichting": ""}, follow=True).content.decode()
    client.post(url, {"toelichting": "Gebeld en de website genoemd"})
    aanmelding.refresh_from_db()
    assert aanmelding.status == AanmeldingStatus.ONLINE_AANBOD and aanmelding.beoordelaar == admin_mw
    assert Signalering.ONLINE_AANBOD_HANDMATIG not in aanmelding.signaleringen


def test_aan9_decisions_are_counted_per_day_on_the_review_page(client, teams, regel, admin_mw):
    verwerkt(ontvangen())
    verwerkt(ontvangen(bericht_id="b", bsn="", toestemming_contact=False))
    verwerkt(ontvangen(bericht_id="c", bsn="", toestemming_contact=False, achternaam="Jansen"))
    vandaag = automatische_besluiten_per_dag()[0]
    assert (vandaag["dag"], vandaag["goedgekeurd"], vandaag["beoordelen"], vandaag["online_aanbod"]) == (
        timezone.localdate(),
        1,
        2,
        0,
    )
    client.force_login(admin_mw)
    pagina = client.get(reverse("aanmelding:beoordelen")).content.decode()
    assert "automatisch-per-dag" in pagina
    open_aanmelding = Aanmelding.objects.filter(achternaam="Jansen").get()
    detail = client.get(reverse("aanmelding:detail", args=[open_aanmelding.pk])).content.decode()
    assert "geen toestemming voor contact" in detail


def test_the_review_queue_stays_bounded_with_decisions_shown(
    client, teams, regel, admin_mw, django_assert_max_num_queries
):
    for n in range(5):
        verwerkt(ontvangen(bericht_id=f"n{n}", bsn="", toestemming_contact=False))
    client.force_login(admin_mw)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("aanmelding:beoordelen")).status_code == 200


def test_aan3_rejection_offers_the_reason_list_with_an_optional_explanation(client, admin_mw):
    aanmelding = chain.aanmelding(actor=admin_mw)
    client.force_login(admin_mw)
    pagina = client.get(reverse("aanmelding:detail", args=[aanmelding.pk])).content.decode()
    assert "Geen toestemming voor contact" in pagina
    url = reverse("aanmelding:afkeuren", args=[aanmelding.pk])
    anders = Afwijsreden.objects.get(naam="Anders")
    assert "Licht de reden" in client.post(url, {"afwijsreden": anders.pk}, follow=True).content.decode()
    assert "Kies de reden" in client.post(url, {"reden": "zomaar"}, follow=True).content.decode()
    reden = Afwijsreden.objects.get(naam="Persoon wil geen hulp")
    client.post(url, {"afwijsreden": reden.pk, "reden": "telefonisch gezegd"})
    aanmelding.refresh_from_db()
    assert aanmelding.status == AanmeldingStatus.AFGEKEURD and aanmelding.reden_afwijzing == reden
    assert aanmelding.afwijsreden == "Persoon wil geen hulp: telefonisch gezegd"


def test_aan3_a_duplicate_referral_is_merged_into_the_other_with_audit_and_timeline(client, teams, admin_mw):
    eerste = ontvangen()
    from aanmelding.services import aanmelding_goedkeuren

    casus = aanmelding_goedkeuren(actor=admin_mw, aanmelding=eerste)
    dubbel = chain.aanmelding(actor=admin_mw, pv_nummer="PL0900-2026000001", achternaam="Yılmaz")
    client.force_login(admin_mw)
    pagina = client.get(reverse("aanmelding:detail", args=[dubbel.pk])).content.decode()
    # Approved, the first referral follows casus access (issue 21 item 10): offered by number, not opened.
    assert eerste.nummer in pagina and "mogelijke-dubbelen" in pagina
    assert (
        f'href="/aanmeldingen/{eerste.pk}/"' not in pagina and "Oudegracht" not in pagina.split("mogelijke-dubbelen")[1]
    )
    url = reverse("aanmelding:samenvoegen", args=[dubbel.pk])
    assert "AM0001234" in client.post(url, {"doel": "xyz"}, follow=True).content.decode()
    response = client.post(url, {"doel": eerste.nummer, "toelichting": "zelfde melding via CAI"})
    assert response["Location"] == reverse("aanmelding:detail", args=[dubbel.pk])
    dubbel.refresh_from_db()
    assert dubbel.status == AanmeldingStatus.SAMENGEVOEGD and dubbel.samengevoegd_met == eerste
    entry = AuditEntry.objects.get(object_id=str(dubbel.pk), wijzigingen__has_key="samengevoegd_met")
    assert entry.reden.endswith("zelfde melding via CAI") and entry.client_id == casus.client_id
    assert casus.tijdlijn.filter(omschrijving__contains=f"{dubbel.nummer} (ontvangen via").exists()
    team = casus.taken.first().team
    collega = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    LidmaatschapFactory(medewerker=collega, team=team)
    client.force_login(collega)
    assert dubbel.nummer in client.get(reverse("aanmelding:detail", args=[eerste.pk])).content.decode()


def test_aan3_merging_refuses_itself_and_a_merged_referral(admin_mw):
    a, b, c = (chain.aanmelding(actor=admin_mw) for _ in range(3))
    with pytest.raises(AanmeldingFout):
        aanmelding_samenvoegen(actor=admin_mw, aanmelding=a, doel=a)
    aanmelding_samenvoegen(actor=admin_mw, aanmelding=b, doel=c)
    with pytest.raises(AanmeldingFout, match="zelf al samengevoegd"):
        aanmelding_samenvoegen(actor=admin_mw, aanmelding=a, doel=b)


def test_aan3_a_referral_outside_the_reviewers_view_cannot_be_a_merge_target(client, admin_mw):
    jd = MedewerkerFactory(username="jd", rollen=[Rol.JD_ADMIN])
    edom = ontvangen(kanaal=Kanaal.EDOM)  # JD-Admin's queue
    aanmelding = chain.aanmelding(actor=admin_mw)
    client.force_login(admin_mw)
    url = reverse("aanmelding:samenvoegen", args=[aanmelding.pk])
    assert "niet gevonden" in client.post(url, {"doel": edom.nummer}, follow=True).content.decode()
    assert Aanmelding.objects.get(pk=aanmelding.pk).open and jd.pk


def test_aan9_a_bsn_waiting_for_bvbsn_does_not_stop_the_rule_but_what_bvbsn_found_does(teams, regel):
    """AAN-6 × AAN-9: an imported BSN is flagged 'nog niet gecontroleerd' while its check is queued; that
    alone is no objection. BVBSN's findings (unknown, duplicate) are."""
    aanmelding, besluit = verwerkt(ontvangen())
    assert aanmelding.signaleringen == [Signalering.BSN_NIET_GECONTROLEERD]
    assert besluit.uitkomst == Uitkomst.GOEDGEKEURD
    aanmelding, besluit = verwerkt(
        ontvangen(bericht_id="d", achternaam="Jansen", signaleringen=[Signalering.BSN_DOUBLURE])
    )
    assert aanmelding.status != AanmeldingStatus.AUTOMATISCH_VERWERKT
    assert "BVBSN meldt een doublure op dit BSN" in besluit.reden
    assert "nog niet gecontroleerd" not in besluit.reden


# --- Issue 24 item 1: manual entry picks the delict from the catalogue and gets the online offer (AAN-8) ---


@pytest.fixture
def cai_mw():
    return MedewerkerFactory(username="cai1", rollen=[Rol.CAI])


def _invoeren(client, actor, **velden):
    client.force_login(actor)
    return client.post(reverse("aanmelding:nieuw"), {**chain.AANMELDING, **velden}, follow=True)


def test_aan2_manual_entry_offers_the_delict_catalogue_to_search_not_free_text(client, cai_mw):
    from aanmelding.models import Delict

    Delict.objects.filter(code="VERNIELING").update(actief=False)
    client.force_login(cai_mw)
    pagina = client.get(reverse("aanmelding:nieuw")).content.decode()
    assert 'list="id_delict_code_catalogus"' in pagina and '<datalist id="id_delict_code_catalogus">' in pagina
    assert '<option value="Fietsdiefstal (FIETSDIEFSTAL) – alleen online aanbod">' in pagina
    assert '<option value="Woninginbraak (WONINGINBRAAK)">' in pagina
    assert "VERNIELING" not in pagina  # inactive delicts are not offered
    for waarde, melding in [
        ("", "Kies het delict uit de delictencatalogus."),
        ("Woning", "&#x27;Woning&#x27; staat niet in de delictencatalogus."),
        ("ONBEKEND-1", "staat niet in de delictencatalogus"),
        ("Vernieling (VERNIELING)", "staat niet in de delictencatalogus"),
    ]:
        antwoord = _invoeren(client, cai_mw, delict_code=waarde)
        assert antwoord.status_code == 200 and melding in antwoord.content.decode(), waarde
        assert 'id="id_delict_code_error"' in antwoord.content.decode()
    assert not Aanmelding.objects.exists()  # nothing half-saved


@pytest.mark.parametrize("waarde", ["Woninginbraak (WONINGINBRAAK)", "woninginbraak", "WONINGINBRAAK"])
def test_aan2_the_chosen_delict_is_stored_as_its_catalogue_code_and_name(client, cai_mw, waarde):
    _invoeren(client, cai_mw, delict_code=waarde, delict_omschrijving="")
    aanmelding = Aanmelding.objects.get()
    assert (aanmelding.delict_code, aanmelding.delict_omschrijving) == ("WONINGINBRAAK", "Woninginbraak")
    assert Signalering.DELICT_ONBEKEND not in aanmelding.signaleringen


def test_aan8_a_manually_entered_online_only_referral_gets_the_online_offer_as_an_imported_one(
    client, cai_mw, admin_mw, django_capture_on_commit_callbacks, mailoutbox
):
    online_sjabloon()
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = _invoeren(
            client, cai_mw, delict_code="Fietsdiefstal (FIETSDIEFSTAL) – alleen online aanbod", email="f@example.org"
        )
    # The decision runs after the commit (a background task): the page says what will happen.
    assert "alleen online aanbod: het bericht wordt automatisch verstuurd" in antwoord.content.decode()
    aanmelding = Aanmelding.objects.get()
    besluit = AutomatischBesluit.objects.get(aanmelding=aanmelding)
    assert aanmelding.status == AanmeldingStatus.ONLINE_AANBOD and aanmelding.casus is None
    assert besluit.uitkomst == Uitkomst.ONLINE_AANBOD and "f@example.org" in besluit.reden
    assert [m.to for m in mailoutbox] == [["f@example.org"]] and not Client.objects.exists()
    client.force_login(admin_mw)
    assert aanmelding.nummer not in client.get(reverse("aanmelding:beoordelen")).content.decode()
    assert automatische_besluiten_per_dag()[0]["online_aanbod"] == 1  # counted like an imported one (AAN-9)


def test_aan8_a_manual_online_only_referral_without_email_is_flagged_for_the_reviewer(
    client, cai_mw, admin_mw, django_capture_on_commit_callbacks
):
    online_sjabloon()
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = _invoeren(client, cai_mw, delict_code="FIETSDIEFSTAL", email="")
    assert antwoord.status_code == 200
    aanmelding = Aanmelding.objects.get()
    assert aanmelding.open and Signalering.ONLINE_AANBOD_HANDMATIG in aanmelding.signaleringen
    client.force_login(admin_mw)
    pagina = client.get(reverse("aanmelding:detail", args=[aanmelding.pk])).content.decode()
    assert "Online aanbod zelf afhandelen" in pagina and "geen e-mailadres" in pagina


def test_aan9_rules_do_not_approve_a_referral_a_person_entered(
    client, cai_mw, teams, django_capture_on_commit_callbacks
):
    Verwerkingsregel.objects.create(naam="CAI", actief=True, kanaal=Kanaal.CAI, eis_volledig=False)
    with django_capture_on_commit_callbacks(execute=True):
        _invoeren(client, cai_mw, bsn="111222333")
    aanmelding = Aanmelding.objects.get()
    assert aanmelding.status == AanmeldingStatus.NIEUW and not AutomatischBesluit.objects.exists()
    assert list(automatisch.te_verwerken()) == []


def test_aan8_a_manual_online_only_referral_whose_task_was_lost_is_picked_up_by_the_periodic_job(cai_mw):
    online_sjabloon()
    aanmelding = chain.aanmelding(actor=cai_mw, delict_code="FIETSDIEFSTAL", email="f@example.org")
    handmatig = chain.aanmelding(actor=cai_mw, achternaam="Jansen")  # a person reviews this one
    assert list(automatisch.te_verwerken()) == [aanmelding.pk]
    assert automatisch.verwerken([aanmelding.pk, handmatig.pk])["online_aanbod"] == 1


def test_aan4_an_unknown_delict_code_arrives_only_by_import_and_is_flagged_on_the_review_page(client, admin_mw):
    aanmelding = ontvangen(delict_code="ONBEKEND-1", signaleringen=[Signalering.DELICT_ONBEKEND])
    client.force_login(admin_mw)
    pagina = client.get(reverse("aanmelding:detail", args=[aanmelding.pk])).content.decode()
    assert "Delictcode onbekend in de delictencatalogus" in pagina
