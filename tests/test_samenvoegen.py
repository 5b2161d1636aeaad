"""CLI-2: merging duplicate clients by authorised staff, audited and reversible."""

from datetime import date

import pytest
from django.urls import reverse

from aanmelding.models import Aanmelding
from casus.models import Adres, Casus, Client
from casus.samenvoegen import SamenvoegFout, client_samenvoegen, samenvoegen_ongedaan_maken
from casus.services import client_aanmaken
from cris.accounts.roles import Rol
from cris.audit.models import AuditEntry
from tests import chain
from tests.access import assert_toegang
from tests.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_mw():
    return MedewerkerFactory(username="admin1", rollen=[Rol.ADMINISTRATIE])


def twee_clienten():
    doel = client_aanmaken(
        actor=None,
        gegevens={"achternaam": "Jansen", "geboortedatum": date(1970, 1, 2)},
        adres={"postcode": "3511 AB", "huisnummer": "1", "straat": "Oudegracht", "woonplaats": "Utrecht"},
    )
    bron = client_aanmaken(
        actor=None,
        gegevens={"achternaam": "Janssen", "voornamen": "Piet", "bsn": "111222333", "telefoon": "0612345678"},
        adres={"postcode": "1011 AA", "huisnummer": "5", "woonplaats": "Amsterdam"},
    )
    return bron, doel


def test_cli2_merge_moves_cases_addresses_and_referrals_and_fills_empty_fields(admin_mw):
    bron, doel = twee_clienten()
    casus = chain.casus()
    Casus.objects.filter(pk=casus.pk).update(client=bron)
    aanmelding = chain.aanmelding(actor=admin_mw, voorgestelde_client=bron)
    entry = client_samenvoegen(actor=admin_mw, bron=bron, doel=doel, reden="Dubbel ingevoerd")
    assert not Client.objects.filter(pk=bron.pk).exists()
    doel.refresh_from_db()
    assert (doel.voornamen, doel.bsn, doel.telefoon, doel.achternaam) == ("Piet", "111222333", "0612345678", "Jansen")
    assert Casus.objects.get(pk=casus.pk).client == doel
    assert Aanmelding.objects.get(pk=aanmelding.pk).voorgestelde_client == doel
    assert Adres.objects.filter(client=doel).count() == 2
    assert Adres.objects.filter(client=doel, voorkeur=True).count() == 1
    assert entry.actor_id == admin_mw.pk and entry.reden == "Dubbel ingevoerd"
    assert entry.wijzigingen["samengevoegd_met"] == [bron.pk, doel.pk]
    assert AuditEntry.objects.filter(actie="verwijderen", object_id=str(bron.pk), client_id=bron.pk).exists()


def test_cli2_a_merge_is_undone_from_its_audit_entry_once(admin_mw):
    bron, doel = twee_clienten()
    casus = chain.casus()
    Casus.objects.filter(pk=casus.pk).update(client=bron)
    aangemaakt = bron.aangemaakt_op
    entry = client_samenvoegen(actor=admin_mw, bron=bron, doel=doel, reden="Dubbel")
    terug = samenvoegen_ongedaan_maken(actor=admin_mw, entry_id=entry.pk)
    assert terug.pk == bron.pk
    bron.refresh_from_db()
    doel.refresh_from_db()
    assert (bron.achternaam, bron.voornamen, bron.bsn) == ("Janssen", "Piet", "111222333")
    assert bron.aangemaakt_op == aangemaakt
    assert (doel.voornamen, doel.bsn, doel.telefoon) == ("", None, "")
    assert Casus.objects.get(pk=casus.pk).client == bron
    assert Adres.objects.get(client=bron).voorkeur and Adres.objects.get(client=doel).voorkeur
    with pytest.raises(SamenvoegFout, match="al ongedaan"):
        samenvoegen_ongedaan_maken(actor=admin_mw, entry_id=entry.pk)


def test_cli2_two_different_people_are_not_merged(admin_mw):
    bron, doel = twee_clienten()
    Client.objects.filter(pk=doel.pk).update(bsn="123456782")
    with pytest.raises(SamenvoegFout, match="verschillend BSN"):
        client_samenvoegen(actor=admin_mw, bron=bron, doel=doel, reden="x")
    with pytest.raises(SamenvoegFout, match="reden"):
        client_samenvoegen(actor=admin_mw, bron=bron, doel=doel, reden=" ")
    assert Client.objects.count() == 2


def aanbieden(client, user, bron, doel):
    """The work at hand: a referral whose review page shows both clients in the finder (issue 21 item 2)."""
    cai = MedewerkerFactory(rollen=[Rol.CAI])
    aanmelding = chain.aanmelding(
        actor=cai, achternaam="Jansen", geboortedatum="1970-01-02", postcode="1011 AA", huisnummer="5"
    )
    client.force_login(user)
    pagina = client.get(reverse("aanmelding:detail", args=[aanmelding.pk])).content.decode()
    assert bron.nummer in pagina and doel.nummer in pagina
    return aanmelding


def test_cli2_the_merge_page_is_for_intake_staff_only(client, toegang, admin_mw):
    bron, doel = twee_clienten()
    url = reverse("casus:samenvoegen") + f"?bron={bron.nummer}&doel={doel.nummer}&reden=AM1"
    assert_toegang(
        client, toegang, url, eigenaar=404, collega=404, buitenstaander=404, teamleider=404, functioneel_beheerder=404
    )
    ongedaan = reverse("casus:samenvoegen_ongedaan", args=[1])
    assert_toegang(
        client,
        toegang,
        ongedaan,
        method="post",
        eigenaar=404,
        collega=404,
        buitenstaander=404,
        teamleider=404,
        functioneel_beheerder=404,
    )
    aanbieden(client, admin_mw, bron, doel)
    pagina = client.get(url).content.decode()
    assert "Janssen" in pagina and "Jansen" in pagina and "vergelijking" in pagina
    assert AuditEntry.objects.filter(
        actie="lezen", object_id=str(bron.pk), actor_id=admin_mw.pk, reden="cliënten samenvoegen: AM1"
    ).exists()


def test_issue21_2_only_clients_the_finder_offered_are_compared_with_bsn_and_secret_address_masked(client, admin_mw):
    """Issue 21 item 2: numbers typed into the URL show nothing; BSN and a secret address only as
    "gelijk / verschilt"; a reason is asked before anything is shown."""
    bron, doel = twee_clienten()
    derde = client_aanmaken(actor=None, gegevens={"achternaam": "Pietersen", "bsn": "123456782"})
    client.force_login(admin_mw)
    url = reverse("casus:samenvoegen")
    for paar in ((bron, doel), (derde, doel)):
        pagina = client.get(url, {"bron": paar[0].nummer, "doel": paar[1].nummer, "reden": "lus"}).content.decode()
        assert 'id="vergelijking"' not in pagina and "Cliënt niet gevonden" in pagina
        assert "111222333" not in pagina and "Oudegracht" not in pagina
    assert not AuditEntry.objects.filter(actie="lezen", object_type="casus.client", actor_id=admin_mw.pk).exists()

    aanbieden(client, admin_mw, bron, doel)
    zonder_reden = client.get(url, {"bron": bron.nummer, "doel": doel.nummer}).content.decode()
    assert 'id="vergelijking"' not in zonder_reden and "Geef de reden" in zonder_reden
    pagina = client.get(url, {"bron": bron.nummer, "doel": doel.nummer, "reden": "AM1"}).content.decode()
    assert 'id="vergelijking"' in pagina and "111222333" not in pagina and "verschilt" in pagina
    assert "Oudegracht" in pagina  # an ordinary address is shown
    # still not the third client, who was never offered
    pagina = client.get(url, {"bron": derde.nummer, "doel": doel.nummer, "reden": "AM1"}).content.decode()
    assert 'id="vergelijking"' not in pagina and "Pietersen" not in pagina

    Client.objects.filter(pk=doel.pk).update(geheim_adres=True, bsn="111222333")
    pagina = client.get(url, {"bron": bron.nummer, "doel": doel.nummer, "reden": "AM1"}).content.decode()
    assert "Oudegracht" not in pagina and "Amsterdam" not in pagina and "1011" not in pagina
    assert "111222333" not in pagina and "geheim adres" in pagina and "gelijk" in pagina


def test_cli2_merge_and_undo_through_the_page(client, admin_mw, django_assert_max_num_queries):
    bron, doel = twee_clienten()
    aanbieden(client, admin_mw, bron, doel)
    url = reverse("casus:samenvoegen")
    data = {"bron": bron.nummer, "doel": doel.nummer, "reden": ""}
    assert "Geef de reden" in client.post(url, data).content.decode()
    assert client.post(url, {**data, "reden": "Dubbel"})["Location"] == url
    assert not Client.objects.filter(pk=bron.pk).exists()
    for n in range(3):
        b, d = twee_clienten()
        client_samenvoegen(actor=admin_mw, bron=b, doel=d, reden=f"r{n}")
    with django_assert_max_num_queries(10):
        pagina = client.get(url).content.decode()
    assert pagina.count("Ongedaan maken</button>") == 4
    entry = AuditEntry.objects.filter(wijzigingen__has_key="samengevoegd_met").order_by("pk").first()
    client.post(reverse("casus:samenvoegen_ongedaan", args=[entry.pk]))
    assert Client.objects.filter(pk=bron.pk).exists()
    assert "ongedaan gemaakt" in client.get(url).content.decode()
