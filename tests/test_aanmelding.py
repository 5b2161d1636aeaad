"""AAN-1, AAN-3, AAN-7: manual entry, review queues, approval and rejection."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse

from aanmelding.models import Aanmelding, AanmeldingStatus, Wachtrij
from aanmelding.services import AanmeldingFout, aanmelding_afkeuren, aanmelding_goedkeuren, wachtrij_voor
from casus.models import Casus, CasusStatus, Client
from casus.validators import elfproef
from cris.accounts.roles import Rol
from cris.audit.models import AuditEntry
from taken.models import Taak, TaakStatus, TaakType
from taken.services import TaakFout
from testgegevens.demo.werkstroom import teams_aanmaken
from tests import chain
from tests.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def teams():
    teams_aanmaken()


@pytest.fixture
def cai():
    return MedewerkerFactory(username="cai", rollen=[Rol.CAI])


@pytest.fixture
def admin_mw():
    return MedewerkerFactory(username="admin1", rollen=[Rol.ADMINISTRATIE])


def test_aan1_cai_enters_a_referral_that_lands_in_the_administratie_queue(client, cai, admin_mw):
    client.force_login(cai)
    data = {**chain.AANMELDING, "bsn": "111222333", "pv_nummer": "pl0901-2026012345", "kwetsbaarheden": "LVB, ouderen"}
    response = client.post(reverse("aanmelding:nieuw"), data)
    aanmelding = Aanmelding.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("aanmelding:detail", args=[aanmelding.pk])
    assert (aanmelding.wachtrij, aanmelding.status, aanmelding.ingevoerd_door) == ("administratie", "nieuw", cai)
    assert aanmelding.pv_nummer == "PL0901-2026012345" and aanmelding.kwetsbaarheden == ["LVB", "ouderen"]
    assert AuditEntry.objects.filter(object_type="aanmelding.aanmelding", actie="aanmaken").exists()
    client.force_login(admin_mw)
    assert aanmelding.nummer in client.get(reverse("aanmelding:beoordelen")).content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("bsn", "123456789", "elfproef"),
        ("postcode", "35111", "4 cijfers en 2 letters"),
        ("pv_nummer", "12345", "PL1234-2026012345"),
        ("achternaam", "", "Vul de achternaam in"),
        ("geboortedatum", "2150-01-01", "in de toekomst"),
    ],
)
def test_bad_input_gets_a_dutch_message_at_the_field_and_nothing_is_saved(client, cai, field, value, message):
    client.force_login(cai)
    response = client.post(reverse("aanmelding:nieuw"), {**chain.AANMELDING, field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Aanmelding.objects.count() == 0


def test_only_intake_roles_may_enter_referrals(client):
    client.force_login(MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING]))
    assert client.get(reverse("aanmelding:nieuw")).status_code == 403
    assert client.get(reverse("aanmelding:beoordelen")).status_code == 403


def test_the_client_lookup_finds_an_existing_client_and_logs_the_read(client, cai):
    bestaand = chain.casus(achternaam="Yılmaz").client
    Client.objects.filter(pk=bestaand.pk).update(geboortedatum="1985-04-12")
    client.force_login(cai)
    page = client.get(reverse("aanmelding:nieuw"), {"zoek_achternaam": "yılmaz", "zoek_geboortedatum": "1985-04-12"})
    assert bestaand.nummer in page.content.decode() and "1 open, 0 gesloten" in page.content.decode()
    entry = AuditEntry.objects.get(actie="lezen", object_id="clientzoeker", reden="cliëntzoeker")
    assert entry.client_ids == [bestaand.pk] and entry.actor_id == cai.pk  # AUT-3: the list shown, one entry


def test_bsn_elfproef():
    assert elfproef("111222333") and elfproef("123456782")
    assert not elfproef("123456789") and not elfproef("12345678") and not elfproef("000000000")


def test_aan3_prosecution_referrals_go_to_jd_admin():
    assert wachtrij_voor("edom") == Wachtrij.JD_ADMIN
    assert wachtrij_voor("edp") == wachtrij_voor("cai") == Wachtrij.ADMINISTRATIE


def test_aan7_approval_creates_client_casus_and_an_ab_task_in_the_district_team(teams, cai, admin_mw):
    aanmelding = chain.aanmelding(actor=cai)
    casus = aanmelding_goedkeuren(actor=admin_mw, aanmelding=aanmelding)
    aanmelding.refresh_from_db()
    assert (aanmelding.status, aanmelding.casus, aanmelding.beoordelaar) == ("goedgekeurd", casus, admin_mw)
    assert (casus.client.achternaam, casus.district.code, casus.bron) == ("Yılmaz", "MN", "cai")
    assert casus.client.adressen.get().postcode == "3511 AB"
    taak = casus.taken.get()
    assert (taak.type.code, taak.team.code, taak.status) == ("AB-BENADERING", "AB-MN", TaakStatus.NIEUW)
    assert taak.deadline == aanmelding.ontvangen_op + timedelta(hours=48)  # TAK-8
    assert "Midden-Nederland" in taak.routering
    assert casus.status == CasusStatus.NIEUW
    kinds = set(casus.tijdlijn.values_list("soort", flat=True))
    assert kinds == {"aanmelding", "status", "taak"}


def test_aan7_approval_can_link_an_existing_client_and_choose_other_tasks(teams, cai, admin_mw):
    bestaand = chain.casus().client
    aanmelding = chain.aanmelding(actor=cai)
    soorten = TaakType.objects.filter(code__in=["JD-ZSM", "AD-INTAKE"])
    casus = aanmelding_goedkeuren(
        actor=admin_mw, aanmelding=aanmelding, client=bestaand, taken=[(t, None) for t in soorten]
    )
    assert casus.client == bestaand and Client.objects.count() == 1
    assert sorted(casus.taken.values_list("team__code", flat=True)) == ["AD-MN", "JD-MN"]


def test_aan7_approving_twice_gives_one_casus_and_a_clear_message(teams, cai, admin_mw):
    aanmelding = chain.aanmelding(actor=cai)
    aanmelding_goedkeuren(actor=admin_mw, aanmelding=aanmelding)
    tweede = MedewerkerFactory(rollen=[Rol.ADMINISTRATIE])
    with pytest.raises(AanmeldingFout, match="al goedgekeurd door"):
        aanmelding_goedkeuren(actor=tweede, aanmelding=aanmelding)
    assert Casus.objects.count() == 1 and Taak.objects.count() == 1


def test_aan7_approval_is_atomic_when_no_team_can_take_the_task(cai, admin_mw):
    aanmelding = chain.aanmelding(actor=cai)  # no teams exist
    with pytest.raises(TaakFout, match="Kies een team"):
        aanmelding_goedkeuren(actor=admin_mw, aanmelding=aanmelding)
    aanmelding.refresh_from_db()
    assert aanmelding.status == AanmeldingStatus.NIEUW
    assert (Client.objects.count(), Casus.objects.count()) == (0, 0)


def test_rejection_needs_a_reason_and_is_final(teams, cai, admin_mw):
    aanmelding = chain.aanmelding(actor=cai)
    with pytest.raises(AanmeldingFout, match="reden"):
        aanmelding_afkeuren(actor=admin_mw, aanmelding=aanmelding, reden=" ")
    aanmelding_afkeuren(actor=admin_mw, aanmelding=aanmelding, reden="Buiten doelgroep")
    with pytest.raises(AanmeldingFout, match="al afgekeurd"):
        aanmelding_goedkeuren(actor=admin_mw, aanmelding=aanmelding)


def test_the_review_pages_approve_through_the_browser_forms(client, teams, cai, admin_mw):
    aanmelding = chain.aanmelding(actor=cai)
    client.force_login(admin_mw)
    page = client.get(reverse("aanmelding:detail", args=[aanmelding.pk]))
    assert "Goedkeuren" in page.content.decode()
    ab = TaakType.objects.get(code="AB-BENADERING")
    response = client.post(
        reverse("aanmelding:goedkeuren", args=[aanmelding.pk]), {"client": "nieuw", "taaktypen": [ab.pk]}
    )
    assert response.status_code == 302
    assert Aanmelding.objects.get().status == "goedgekeurd"
    # Issue 21 item 10: once approved the referral follows casus access; the reviewer has none.
    again = client.post(
        reverse("aanmelding:goedkeuren", args=[aanmelding.pk]), {"client": "nieuw", "taaktypen": [ab.pk]}
    )
    assert again.status_code == 404
    assert Casus.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_aan7_two_reviewers_approving_at_once_yield_one_casus(teams):
    cai = MedewerkerFactory(rollen=[Rol.CAI])
    reviewers = [MedewerkerFactory(rollen=[Rol.ADMINISTRATIE]) for _ in range(2)]
    aanmelding = chain.aanmelding(actor=cai)
    barrier, outcomes = threading.Barrier(2), []

    def approve(user):
        try:
            barrier.wait()
            aanmelding_goedkeuren(actor=user, aanmelding=aanmelding)
            outcomes.append("ok")
        except Exception as fout:  # anything but the clear message fails the assertion below
            outcomes.append(str(fout))
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(u,)) for u in reviewers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes)[-1] == "ok" and "al goedgekeurd" in sorted(outcomes)[0]
    assert (Casus.objects.count(), Client.objects.count(), Taak.objects.count()) == (1, 1, 1)


def test_every_field_of_the_entry_form_is_shown_once():
    from aanmelding.forms import SECTIES, AanmeldingForm

    names = [name for _, names in SECTIES for name in names]
    assert sorted(names) == sorted(AanmeldingForm().fields)


def test_the_empty_entry_form_is_drawn_once_and_a_posted_back_one_never_comes_from_the_cache(client, cai):
    """AAN-1: the empty form's fields come from the fragment cache (cris.formulieren); a form posted back with
    errors shows what was typed, and neither that nor its values end up in the cache for the next empty form."""
    from django.core.cache import caches

    client.force_login(cai)
    caches["fragmenten"].clear()
    leeg = client.get(reverse("aanmelding:nieuw")).content.decode()
    assert 'name="achternaam"' in leeg
    assert client.get(reverse("aanmelding:nieuw")).content.decode().count('name="achternaam"') == 1
    teruggestuurd = client.post(
        reverse("aanmelding:nieuw"), {**chain.AANMELDING, "achternaam": "Oosterhuis-Vrijdag", "bsn": "123456789"}
    ).content.decode()
    assert "Oosterhuis-Vrijdag" in teruggestuurd and "elfproef" in teruggestuurd
    daarna = client.get(reverse("aanmelding:nieuw")).content.decode()
    assert "Oosterhuis-Vrijdag" not in daarna and "elfproef" not in daarna
    bewaard = caches["fragmenten"]._cache.values()  # the locmem backend: each process's own fragments
    assert not any(b"Oosterhuis-Vrijdag" in (w if isinstance(w, bytes) else str(w).encode()) for w in bewaard)
    assert Aanmelding.objects.count() == 0
