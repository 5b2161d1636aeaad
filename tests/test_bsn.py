"""AAN-6 / KOP-2: the BSN — 11-proef at the field, the matrix slachtofferrol × delict, and BVBSN through zeep
against a real SOAP server on loopback (tests/bvbsn.py), also when that server is slow or stops mid-test."""

from __future__ import annotations

import pytest
from django.urls import reverse

from aanmelding.models import Aanmelding, BsnRegel, Delict, Signalering, bsn_toegestaan
from cris.accounts.roles import Rol
from cris.audit.models import AuditEntry
from koppelingen.bsn.client import BvbsnNietBeschikbaar, bsn_controleren
from koppelingen.bsn.tasks import bsn_controles_herhalen
from tests import chain
from tests.bvbsn import Bvbsn
from tests.factories import MedewerkerFactory

BEKEND = "111222333"
ONBEKEND = "123456782"
DOUBLURE = "200000007"
STORING = "100000009"

PERSOON = {
    "Voornamen": "Fatma",
    "Geslachtsnaam": "Yılmaz",
    "Geboortedatum": "1985-04-12",
    "Geslacht": "V",
    "Adres": {"Straat": "Oudegracht", "Huisnummer": "12", "Postcode": "3511 AB", "Woonplaats": "Utrecht"},
}


@pytest.fixture
def bvbsn(settings):
    server = Bvbsn()
    server.personen = {BEKEND: PERSOON, DOUBLURE: {"Geslachtsnaam": "Jansen"}}
    server.doublures = {DOUBLURE}
    server.storing = {STORING}
    server.start()
    settings.BVBSN_URL, settings.BVBSN_TIMEOUT, settings.BVBSN_POGINGEN = server.url, 1, 1
    yield server
    server.stop()


@pytest.fixture
def cai(db):
    return MedewerkerFactory(rollen=[Rol.CAI])


def test_elfproef_nummers_van_de_tests():
    from casus.validators import elfproef

    assert all(elfproef(n) for n in (BEKEND, ONBEKEND, DOUBLURE, STORING))


# --- the adapter ---


def test_kop2_bekend_bsn_geeft_de_persoon(bvbsn):
    uitkomst = bsn_controleren(BEKEND)
    assert (uitkomst.geldig, uitkomst.bekend, uitkomst.doublure) == (True, True, False)
    assert uitkomst.persoon["achternaam"] == "Yılmaz" and uitkomst.persoon["geboortedatum"] == "1985-04-12"
    assert uitkomst.persoon["adres"]["postcode"] == "3511 AB"
    assert bvbsn.verzoeken == [BEKEND]


def test_kop2_faults_niet_gevonden_en_doublure(bvbsn):
    onbekend = bsn_controleren(ONBEKEND)
    assert (onbekend.bekend, onbekend.persoon) == (False, None)
    assert bsn_controleren(DOUBLURE).doublure is True


def test_kop2_storing_traag_of_uit_is_niet_beschikbaar_na_de_herhaalpogingen(bvbsn, settings):
    with pytest.raises(BvbsnNietBeschikbaar, match="storing"):
        bsn_controleren(STORING)
    bvbsn.vertraging = 2  # longer than CRIS_BVBSN_TIMEOUT
    bvbsn.verzoeken.clear()
    with pytest.raises(BvbsnNietBeschikbaar):
        bsn_controleren(BEKEND)
    assert len(bvbsn.verzoeken) == 1 + settings.BVBSN_POGINGEN  # the timeout was retried
    bvbsn.vertraging = 0
    bvbsn.stop()
    with pytest.raises(BvbsnNietBeschikbaar):
        bsn_controleren(BEKEND)


def test_kop2_zonder_adres_niet_beschikbaar(settings):
    settings.BVBSN_URL = ""
    with pytest.raises(BvbsnNietBeschikbaar, match="CRIS_BVBSN_URL"):
        bsn_controleren(BEKEND)


# --- intake ---


def _invoeren(client, cai, **velden):
    """Manual entry through the page; what the commit sets off (the BVBSN check) runs as it would."""
    from django.test import TestCase

    client.force_login(cai)
    with TestCase.captureOnCommitCallbacks(execute=True):
        antwoord = client.post(reverse("aanmelding:nieuw"), {**chain.AANMELDING, **velden})
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    return Aanmelding.objects.latest("pk")


@pytest.mark.django_db
def test_aan6_bsn_wordt_na_invoer_gecontroleerd_en_de_persoon_bewaard(client, cai, bvbsn):
    aanmelding = _invoeren(client, cai, bsn=BEKEND)
    assert aanmelding.bsn_gecontroleerd_op is not None
    assert Signalering.BSN_NIET_GECONTROLEERD not in aanmelding.signaleringen
    assert aanmelding.bsn_persoon["achternaam"] == "Yılmaz"
    assert AuditEntry.objects.filter(object_id=str(aanmelding.pk), reden="BSN-controle BVBSN").exists()


@pytest.mark.django_db
def test_aan6_onbekend_en_doublure_worden_gesignaleerd(client, cai, bvbsn):
    assert _invoeren(client, cai, bsn=ONBEKEND).signaleringen == [Signalering.BSN_ONBEKEND]
    assert _invoeren(client, cai, bsn=DOUBLURE).signaleringen == [Signalering.BSN_DOUBLURE]


@pytest.mark.django_db
def test_aan6_bvbsn_valt_uit_tijdens_de_test_invoer_gaat_door_en_de_controle_volgt(client, cai, bvbsn):
    """The BSN service stops mid-test: the referral is still saved, flagged, and checked once it is back."""
    eerste = _invoeren(client, cai, bsn=BEKEND)
    assert eerste.bsn_gecontroleerd_op is not None

    bvbsn.stop()
    tweede = _invoeren(client, cai, bsn=BEKEND, achternaam="Jansen")
    assert tweede.signaleringen == [Signalering.BSN_NIET_GECONTROLEERD] and tweede.bsn_gecontroleerd_op is None
    pagina = client.get(reverse("aanmelding:detail", args=[tweede.pk])).content.decode()
    assert "BSN nog niet gecontroleerd bij BVBSN" in pagina
    assert bsn_controles_herhalen.delay().get()["uitgesteld"] == 1  # still down: still flagged
    tweede.refresh_from_db()
    assert tweede.signaleringen == [Signalering.BSN_NIET_GECONTROLEERD]

    bvbsn.start()  # back, on the same address
    assert bsn_controles_herhalen.delay().get()["gecontroleerd"] == 1
    tweede.refresh_from_db()
    assert tweede.signaleringen == [] and tweede.bsn_gecontroleerd_op is not None
    assert bsn_controles_herhalen.delay().get()["gecontroleerd"] == 0  # idempotent: nothing left


@pytest.mark.django_db
def test_aan6_geimporteerde_aanmelding_krijgt_de_signalering_als_bvbsn_er_niet_is(cai, settings):
    settings.BVBSN_URL = ""
    aanmelding = chain.aanmelding(actor=cai, bsn=BEKEND)
    Aanmelding.objects.filter(pk=aanmelding.pk).update(signaleringen=[])  # as an import stores it
    assert bsn_controles_herhalen()["uitgesteld"] == 1
    aanmelding.refresh_from_db()
    assert aanmelding.signaleringen == [Signalering.BSN_NIET_GECONTROLEERD]


# --- the matrix slachtofferrol × delict ---


@pytest.mark.django_db
def test_aan6_matrix_meest_specifieke_regel_wint():
    delict = Delict.objects.get(code=Delict.objects.values_list("code", flat=True).first())
    assert bsn_toegestaan("getuige", delict.code) == (True, "")  # no rule: allowed
    BsnRegel.objects.create(slachtofferrol="getuige", bsn_toegestaan=False, reden="Getuigen krijgen geen BSN.")
    assert bsn_toegestaan("getuige", delict.code) == (False, "Getuigen krijgen geen BSN.")
    assert bsn_toegestaan("getuige", "") == (False, "Getuigen krijgen geen BSN.")
    BsnRegel.objects.create(slachtofferrol="getuige", delict=delict, bsn_toegestaan=True)
    assert bsn_toegestaan("getuige", delict.code) == (True, "")
    assert bsn_toegestaan("slachtoffer", delict.code) == (True, "")


@pytest.mark.django_db
def test_aan6_geweigerd_bsn_geeft_de_reden_bij_het_veld_en_niets_wordt_opgeslagen(client, cai):
    BsnRegel.objects.create(slachtofferrol="getuige", bsn_toegestaan=False, reden="Getuigen krijgen geen BSN.")
    client.force_login(cai)
    antwoord = client.post(
        reverse("aanmelding:nieuw"), {**chain.AANMELDING, "slachtofferrol": "getuige", "bsn": BEKEND}
    )
    assert antwoord.status_code == 200
    assert "Het BSN mag niet worden vastgelegd: Getuigen krijgen geen BSN." in antwoord.content.decode()
    assert not Aanmelding.objects.exists()
    # Without a BSN the same referral is fine.
    antwoord = client.post(reverse("aanmelding:nieuw"), {**chain.AANMELDING, "slachtofferrol": "getuige"})
    assert antwoord.status_code == 302 and Aanmelding.objects.count() == 1


@pytest.mark.django_db
def test_aan6_elfproef_bij_het_veld(client, cai):
    client.force_login(cai)
    antwoord = client.post(reverse("aanmelding:nieuw"), {**chain.AANMELDING, "bsn": "123456789"})
    assert "elfproef" in antwoord.content.decode() and not Aanmelding.objects.exists()


@pytest.mark.django_db
def test_aan6_functioneel_beheerder_beheert_de_matrix_in_de_admin(client):
    from cris.audit.models import AuditEntry

    beheerder = MedewerkerFactory(rollen=[Rol.FUNCTIONEEL_BEHEERDER])
    client.force_login(beheerder)
    delict = Delict.objects.order_by("pk").first()
    data = {"slachtofferrol": "naaste", "delict": delict.pk, "reden": "Naasten: geen BSN."}
    antwoord = client.post(reverse("admin:aanmelding_bsnregel_add"), data)
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    assert bsn_toegestaan("naaste", delict.code) == (False, "Naasten: geen BSN.")
    assert AuditEntry.objects.filter(
        object_type="aanmelding.bsnregel", actie="aanmaken", actor_id=beheerder.pk
    ).exists()
    # Twice the same role and delict is refused.
    antwoord = client.post(reverse("admin:aanmelding_bsnregel_add"), data)
    assert antwoord.status_code == 200 and BsnRegel.objects.count() == 1
