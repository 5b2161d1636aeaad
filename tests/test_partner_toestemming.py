"""KOP-3 consent (issue 26): a caseworker with access to the casus records and withdraws the client's consent for
Mijnslachtofferhulp / MijnSlachtofferzaak on the casus; audited with old and new values, on the timeline; a
withdrawal stops further events (and those still waiting); a second tab's withdrawal gets the conflict message
(cris.versie); bad input is a Dutch message, never a 500."""

import pytest

from casus import signalen
from casus.models import TijdlijnItem
from cris.audit.models import Actie, AuditEntry
from documenten.models import OutboxStatus
from koppelingen.berichten.models import Kanaal
from koppelingen.partners.models import Toestemming, Uitgaandbericht
from tests import chain
from tests import partners as p

pytestmark = pytest.mark.django_db


@pytest.fixture
def opzet(client, worker, team):
    msh, _token = p.partner(Kanaal.MSH, naam="Mijnslachtofferhulp", webhook_url="http://127.0.0.1:9/webhook")
    msz, _token = p.partner(Kanaal.MSZ, naam="MijnSlachtofferzaak")
    p.partner(Kanaal.EXTERN, naam="PHB")  # not a platform: no consent row for it
    casus = chain.casus()
    chain.taak(casus=casus, team=team, behandelaar=worker)
    client.force_login(worker)
    return casus, msh, msz, f"/koppelingen/doorverwijzingen/casussen/{casus.pk}/toestemmingen/"


def _audit(actie, toestemming):
    return AuditEntry.objects.filter(actie=actie, object_type="partners.toestemming", object_id=str(toestemming.pk))


def _melden(casus):
    signalen.melden(casus_id=casus.pk, client_id=casus.client_id, soort=signalen.BRIEF_VERZONDEN, gegevens={})


def test_kop3_a_caseworker_records_and_withdraws_consent_and_withdrawal_stops_events(client, worker, opzet):
    casus, msh, _msz, url = opzet
    pagina = client.get(url).content.decode()
    assert "Mijnslachtofferhulp" in pagina and "MijnSlachtofferzaak" in pagina and "PHB" not in pagina
    assert pagina.count("Niet gegeven") == 2

    response = client.post(url, {"partner": msh.pk}, follow=True)
    assert "De toestemming voor Mijnslachtofferhulp is vastgelegd." in response.content.decode()
    toestemming = Toestemming.objects.get()
    assert (toestemming.client_id, toestemming.partner, toestemming.vastgelegd_door) == (casus.client_id, msh, worker)
    entry = AuditEntry.objects.get(
        actie=Actie.AANMAKEN, object_id=str(toestemming.pk), object_type="partners.toestemming"
    )
    assert entry.actor_id == worker.pk and entry.client_id == casus.client_id
    assert entry.wijzigingen["partner"] == [None, msh.pk]
    assert TijdlijnItem.objects.filter(casus=casus, omschrijving__contains="berichten via Mijnslachtofferhulp").exists()

    _melden(casus)  # the platform hears of the casus now; the event waits (no receiver on port 9)
    assert Uitgaandbericht.objects.filter(partner=msh, status=OutboxStatus.WACHTRIJ).count() == 1

    response = client.post(url, {"toestemming": toestemming.pk, "versie": toestemming.versie}, follow=True)
    assert "De toestemming voor Mijnslachtofferhulp is ingetrokken." in response.content.decode()
    toestemming.refresh_from_db()
    assert toestemming.ingetrokken_op is not None and toestemming.versie == 2
    entry = AuditEntry.objects.get(
        actie=Actie.WIJZIGEN, object_id=str(toestemming.pk), object_type="partners.toestemming"
    )
    assert entry.wijzigingen["ingetrokken_op"][0] is None and entry.wijzigingen["ingetrokken_op"][1]
    assert entry.wijzigingen["wachtende_gebeurtenissen"] == [1, 0]
    assert TijdlijnItem.objects.filter(casus=casus, omschrijving__contains="ingetrokken").exists()
    assert not Uitgaandbericht.objects.exists()  # the waiting event is never sent
    _melden(casus)
    assert not Uitgaandbericht.objects.exists()  # nor any further one
    assert "Ingetrokken op" in client.get(url).content.decode()


def test_kop3_a_second_tab_withdrawing_gets_the_conflict_message_and_a_double_record_is_refused(client, opzet):
    _casus, msh, _msz, url = opzet
    client.post(url, {"partner": msh.pk})
    tweede = client.post(url, {"partner": msh.pk})
    assert tweede.status_code == 400
    assert "intussen al vastgelegd" in tweede.content.decode()
    toestemming = Toestemming.objects.get()
    client.post(url, {"toestemming": toestemming.pk, "versie": 1})
    oud_tabblad = client.post(url, {"toestemming": toestemming.pk, "versie": 1})
    assert oud_tabblad.status_code == 409
    assert "Iemand anders heeft dit intussen gewijzigd" in oud_tabblad.content.decode()
    assert "Ingetrokken op" in oud_tabblad.content.decode()  # the current state is shown
    assert (
        AuditEntry.objects.filter(
            actie=Actie.WIJZIGEN, object_id=str(toestemming.pk), object_type="partners.toestemming"
        ).count()
        == 1
    )


@pytest.mark.parametrize(
    "data",
    [{}, {"partner": "²"}, {"partner": 2**70}, {"toestemming": "x", "versie": 1}, {"toestemming": 2**62}],
)
def test_kop3_bad_input_is_a_dutch_message_and_nothing_is_saved(client, opzet, data):
    _casus, _msh, _msz, url = opzet
    response = client.post(url, data)
    assert response.status_code == 400 and 'role="alert"' in response.content.decode()
    assert not Toestemming.objects.exists()


def test_kop3_consent_of_another_clients_casus_cannot_be_withdrawn_here(client, opzet):
    casus, msh, _msz, url = opzet
    ander = chain.casus(achternaam="Ander")
    vreemd = Toestemming.objects.create(client=ander.client, partner=msh, gegeven_op=casus.aangemaakt_op)
    response = client.post(url, {"toestemming": vreemd.pk, "versie": 1})
    assert response.status_code == 400 and "bestaat niet" in response.content.decode()
    vreemd.refresh_from_db()
    assert vreemd.ingetrokken_op is None
