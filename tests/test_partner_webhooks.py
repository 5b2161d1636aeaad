"""KOP-3 out (issue 26): what a client may see, as CloudEvents (NL GOV profile) in a transactional outbox,
delivered by signed webhook to real HTTP receivers on loopback: in order per casus, every event once after a
receiver was down, a refusal on the dead-letter list, replay by an application manager, counts per day."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from aanmelding.services import aanmelding_goedkeuren
from casus import signalen
from casus.models import Casus
from cris import klok
from cris.accounts.roles import Rol
from cris.audit.models import Actie, AuditEntry
from documenten.models import OutboxStatus
from koppelingen.berichten.models import Kanaal
from koppelingen.partners import uitgaand
from koppelingen.partners.models import Toestemming, Uitgaandbericht
from taken.models import TaakType
from tests import chain
from tests import partners as p
from tests.factories import LidmaatschapFactory, MedewerkerFactory
from tests.webhook import Ontvanger

pytestmark = pytest.mark.django_db


@pytest.fixture
def ontvanger():
    o = Ontvanger()
    yield o
    o.stop()


@pytest.fixture
def msh(ontvanger):
    ontvanger.start()
    partner, _token = p.partner(Kanaal.MSH, naam="Mijnslachtofferhulp", webhook_url=ontvanger.url)
    ontvanger.geheim = partner.webhook_geheim
    return partner


def _casus_met_toestemming(partner, **velden):
    casus = chain.casus(**velden)
    Toestemming.objects.create(client=casus.client, partner=partner, gegeven_op=klok.nu())
    return casus


def _melden(casus, soort=signalen.BRIEF_VERZONDEN, **gegevens):
    signalen.melden(casus_id=casus.pk, client_id=casus.client_id, soort=soort, gegevens=gegevens)


def test_approving_a_referral_writes_the_event_in_the_same_transaction_only_with_consent(msh, ontvanger, team):
    """KOP-3: 'casus accepted' for a consenting client; the event is part of the change (a rolled back change
    leaves none); without consent nothing leaves CRIS; no delict in the event."""
    administratie = MedewerkerFactory(rollen=[Rol.ADMINISTRATIE])
    aanmelding = chain.aanmelding(actor=administratie)
    client = chain.casus().client
    taken = [(TaakType.objects.get(code="AB-BENADERING"), team)]
    Toestemming.objects.create(client=client, partner=msh, gegeven_op=klok.nu())
    with pytest.raises(RuntimeError), transaction.atomic():
        aanmelding_goedkeuren(actor=administratie, aanmelding=aanmelding, client=client, taken=taken)
        assert Uitgaandbericht.objects.count() == 1
        raise RuntimeError("rolled back")
    assert not Uitgaandbericht.objects.exists()
    casus = aanmelding_goedkeuren(actor=administratie, aanmelding=aanmelding, client=client, taken=taken)
    rij = Uitgaandbericht.objects.get()
    event = rij.event
    assert event["specversion"] == "1.0" and event["type"] == "nl.slachtofferhulp.cris.casus-geaccepteerd"
    assert event["source"].startswith("urn:nld:oin:") and event["subject"] == casus.nummer
    assert event["id"] == str(rij.event_id) and event["sequence"] == f"{rij.pk:020d}"
    assert event["data"] == {"casus": casus.nummer, "client": client.nummer}
    assert "Woninginbraak" not in str(event)
    # Another client without consent: nothing for the platform.
    zonder = chain.casus()
    _melden(zonder)
    assert Uitgaandbericht.objects.count() == 1


def test_a_caseworker_taking_the_casus_sends_first_name_and_team_only(msh, team):
    behandelaar = MedewerkerFactory(voornamen="Eva Maria", achternaam="Jansen")
    LidmaatschapFactory(medewerker=behandelaar, team=team)
    casus = _casus_met_toestemming(msh)
    chain.taak(casus=casus, team=team, behandelaar=behandelaar)
    event = Uitgaandbericht.objects.get(type__endswith="contactpersoon-toegewezen").event
    assert event["data"] == {"casus": casus.nummer, "client": casus.client.nummer, "voornaam": "Eva", "team": team.naam}


def test_a_moved_appointment_is_one_verplaatst_event_with_the_new_time(msh, ontvanger, client, worker, team):
    """Issue 26: moving an appointment on the agenda sends 'afspraak-verplaatst' (new begin and end), not a
    cancellation plus a new appointment; audited with the old and new times."""

    from taken.agenda import afspraak_maken

    casus = _casus_met_toestemming(msh)
    taak = chain.taak(casus=casus, team=team, behandelaar=worker)
    begin = klok.begin_van_dag(klok.vandaag() + timedelta(days=3)) + timedelta(hours=10)
    afspraak = afspraak_maken(
        actor=worker, taak=taak, begin=begin, einde=begin + timedelta(hours=1), onderwerp="Gesprek"
    )
    uitgaand.afleveren()
    client.force_login(worker)
    url = reverse("taken:afspraak_verplaatsen", args=[afspraak.pk])
    nieuw = begin + timedelta(days=1, hours=4)
    lokaal = lambda t: timezone.localtime(t).strftime("%Y-%m-%dT%H:%M")  # noqa: E731
    response = client.post(
        url,
        {"begin": lokaal(nieuw), "einde": lokaal(nieuw + timedelta(minutes=45)), "versie": afspraak.versie},
    )
    assert response.status_code == 302
    uitgaand.afleveren()
    soorten = [e["type"].rsplit(".", 1)[1] for e in ontvanger.events]
    assert soorten[-2:] == ["afspraak-gepland", "afspraak-verplaatst"] and "afspraak-geannuleerd" not in soorten
    data = ontvanger.events[-1]["data"]
    assert data == {
        "casus": casus.nummer,
        "client": casus.client.nummer,
        "afspraak": afspraak.pk,
        "begin": nieuw.isoformat(),
        "einde": (nieuw + timedelta(minutes=45)).isoformat(),
    }
    entry = AuditEntry.objects.get(actie=Actie.WIJZIGEN, object_type="taken.afspraak", object_id=str(afspraak.pk))
    oud, verplaatst = (datetime.fromisoformat(t) for t in entry.wijzigingen["begin"])
    assert (oud, verplaatst) == (begin, nieuw)  # the instants; the zone of their text may differ
    # An end before the begin: a Dutch message, nothing moved, nothing sent.
    client.post(url, {"begin": lokaal(nieuw), "einde": lokaal(begin), "versie": afspraak.versie + 1})
    afspraak.refresh_from_db()
    assert afspraak.begin == nieuw and Uitgaandbericht.objects.filter(type__endswith="verplaatst").count() == 1


def test_the_receiver_verifies_the_signature_and_gets_each_event(msh, ontvanger):
    casus = _casus_met_toestemming(msh)
    _melden(casus, titel="Bevestiging aanmelding")
    uitkomst = uitgaand.afleveren()
    assert uitkomst.as_dict() == {"verzonden": 1, "mislukt": 0, "uitgesteld": 0}
    assert ontvanger.ongeldig == 0
    assert ontvanger.events[0]["data"]["titel"] == "Bevestiging aanmelding"
    rij = Uitgaandbericht.objects.get()
    assert rij.status == OutboxStatus.VERZONDEN and rij.verzonden_op is not None
    assert AuditEntry.objects.filter(actie=Actie.EXPORTEREN, object_id=str(rij.pk), client_id=casus.client_id).exists()
    # A wrong secret: the receiver refuses the signature (401) and the event is a dead letter with the reason.
    msh.webhook_geheim = "ander-geheim"
    msh.save()
    _melden(casus, titel="Tweede brief")
    uitgaand.afleveren()
    assert ontvanger.ongeldig == 1 and len(ontvanger.events) == 1
    assert Uitgaandbericht.objects.get(status=OutboxStatus.MISLUKT).laatste_fout.startswith("HTTP 401")


def test_a_receiver_that_is_down_gets_every_event_once_and_in_order_when_it_returns(msh, ontvanger, settings):
    settings.OUTBOX_MAX_POGINGEN = 10
    a, b = _casus_met_toestemming(msh), _casus_met_toestemming(msh)
    ontvanger.stop()
    for i in range(6):
        _melden(a if i % 2 == 0 else b, titel=f"brief {i}")
    eerste = uitgaand.afleveren()
    # One attempt at the first event; the partner is then left alone (not hammered), the rest waits in order.
    assert eerste.as_dict() == {"verzonden": 0, "mislukt": 0, "uitgesteld": 1}
    assert eerste.opnieuw_na == settings.OUTBOX_WACHTTIJD_SECONDEN
    assert sorted(Uitgaandbericht.objects.values_list("pogingen", flat=True)) == [0, 0, 0, 0, 0, 1]
    assert uitgaand.afleveren().as_dict()["uitgesteld"] == 0  # not due yet: exponential backoff
    with time_machine.travel(klok.nu() + timedelta(seconds=61), tick=True):
        assert uitgaand.afleveren().as_dict()["uitgesteld"] == 1  # still down: the second wait doubles
        rij = Uitgaandbericht.objects.get(pogingen=2)
        assert timedelta(seconds=115) < rij.volgende_poging - klok.nu() <= timedelta(seconds=120)
    ontvanger.start()  # back, on the same port
    with time_machine.travel(klok.nu() + timedelta(seconds=200), tick=True):
        assert uitgaand.afleveren().as_dict() == {"verzonden": 6, "mislukt": 0, "uitgesteld": 0}
    assert len(ontvanger.ids) == len(set(ontvanger.ids)) == 6
    for casus in (a, b):
        titels = [e["data"]["titel"] for e in ontvanger.events if e["subject"] == casus.nummer]
        volgorde = [e["sequence"] for e in ontvanger.events if e["subject"] == casus.nummer]
        assert titels == sorted(titels) and volgorde == sorted(volgorde) and len(titels) == 3
    assert uitgaand.afleveren().verzonden == 0  # nothing twice


def test_a_refused_event_goes_to_the_dead_letter_list_and_replay_delivers_it(msh, ontvanger, client):
    casus = _casus_met_toestemming(msh)
    ontvanger.weigeren = {"nl.slachtofferhulp.cris.casus-afgesloten"}
    _melden(casus, signalen.CASUS_AFGESLOTEN)
    _melden(casus, titel="Na de afsluiting")
    assert uitgaand.afleveren().as_dict() == {"verzonden": 1, "mislukt": 1, "uitgesteld": 0}
    dood = Uitgaandbericht.objects.get(status=OutboxStatus.MISLUKT)
    assert dood.laatste_fout == 'HTTP 400: {"fout": "geweigerd"}' and dood.pogingen == 1
    # The dead-letter list and its replay button (admin action) for application managers.
    beheerder = MedewerkerFactory(rollen=[Rol.APPLICATIEBEHEERDER], is_staff=True)
    client.force_login(beheerder)
    lijst = client.get("/beheer/partners/uitgaandbericht/?status__exact=mislukt")
    assert lijst.status_code == 200 and "HTTP 400" in lijst.content.decode()
    ontvanger.weigeren = set()
    with django_capture_on_commit(execute=True):
        response = client.post(
            "/beheer/partners/uitgaandbericht/", {"action": "opnieuw_aanbieden", "_selected_action": [dood.pk]}
        )
    assert response.status_code == 302
    dood.refresh_from_db()
    assert dood.status == OutboxStatus.VERZONDEN  # the replay asked for delivery (eagerly here)
    assert [e["type"].rsplit(".", 1)[1] for e in ontvanger.events] == ["brief-verzonden", "casus-afgesloten"]
    assert AuditEntry.objects.filter(object_id=str(dood.pk), actor_id=beheerder.pk, reden="Opnieuw aangeboden").exists()


def django_capture_on_commit(execute):
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=execute)


def test_the_import_page_counts_events_per_day(msh, ontvanger, client):
    casus = _casus_met_toestemming(msh)
    _melden(casus)
    _melden(casus)
    uitgaand.afleveren()
    _melden(casus)
    beheerder = MedewerkerFactory(rollen=[Rol.APPLICATIEBEHEERDER])
    client.force_login(beheerder)
    html = client.get("/koppelingen/berichten/").content.decode()
    assert "Webhooks" in html
    from koppelingen.partners.selectors import gebeurtenissen_per_dag

    vandaag = gebeurtenissen_per_dag()[0]
    assert (vandaag["dag"], vandaag["verzonden"], vandaag["wachtrij"], vandaag["mislukt"]) == (klok.vandaag(), 2, 1, 0)


def _oud(rij, **velden):
    Uitgaandbericht.objects.filter(pk=rij.pk).update(**velden)


def test_retention_deletes_delivered_events_and_old_dead_letters_never_waiting_ones(msh, ontvanger, settings):
    """Issue 26 / SCH (nothing kept forever): the nightly job removes delivered events
    CRIS_OUTBOX_BEWAREN_VERZONDEN_DAGEN after sending and dead letters CRIS_OUTBOX_BEWAREN_MISLUKT_DAGEN after they
    were written; waiting events stay; a second run finds nothing; the run is audited once."""
    from koppelingen.partners.tasks import gebeurtenissen_opruimen

    settings.OUTBOX_BEWAREN_VERZONDEN_DAGEN, settings.OUTBOX_BEWAREN_MISLUKT_DAGEN = 30, 90
    casus = _casus_met_toestemming(msh)
    for i in range(5):
        _melden(casus, titel=f"brief {i}")
    uitgaand.afleveren()
    oud_verzonden, vers_verzonden, oud_mislukt, vers_mislukt, wachtend = Uitgaandbericht.objects.order_by("id")
    nu = klok.nu()
    _oud(oud_verzonden, verzonden_op=nu - timedelta(days=31))
    _oud(vers_verzonden, verzonden_op=nu - timedelta(days=29))
    _oud(oud_mislukt, status=OutboxStatus.MISLUKT, aangemaakt_op=nu - timedelta(days=91))
    _oud(vers_mislukt, status=OutboxStatus.MISLUKT, aangemaakt_op=nu - timedelta(days=89))
    _oud(wachtend, status=OutboxStatus.WACHTRIJ, aangemaakt_op=nu - timedelta(days=400), verzonden_op=None)
    assert gebeurtenissen_opruimen() == {"verzonden": 1, "mislukt": 1}
    assert set(Uitgaandbericht.objects.values_list("pk", flat=True)) == {
        vers_verzonden.pk,
        vers_mislukt.pk,
        wachtend.pk,
    }
    entry = AuditEntry.objects.get(actie=Actie.VERWIJDEREN, object_type="partners.uitgaandbericht")
    assert entry.wijzigingen == {"verzonden": [1, 0], "mislukt": [1, 0]} and entry.bron == "taak"
    assert gebeurtenissen_opruimen() == {"verzonden": 0, "mislukt": 0}  # idempotent
    assert AuditEntry.objects.filter(actie=Actie.VERWIJDEREN, object_type="partners.uitgaandbericht").count() == 1


def test_retention_runs_nightly_one_run_at_a_time(msh, ontvanger, settings):
    """Issue 26: in the beat schedule; while another run holds the job's lock (another session), the command
    says so, deletes nothing and exits 0, as every nightly job (cris.jobs)."""
    from io import StringIO

    from django.core.management import call_command

    from tests.jobs import job_bezig

    assert settings.CELERY_BEAT_SCHEDULE["gebeurtenissen-opruimen"]["task"] == (
        "koppelingen.partners.tasks.gebeurtenissen_opruimen"
    )
    casus = _casus_met_toestemming(msh)
    _melden(casus)
    uitgaand.afleveren()
    Uitgaandbericht.objects.update(verzonden_op=klok.nu() - timedelta(days=365))
    with job_bezig("gebeurtenissen_opruimen"):
        uit = StringIO()
        call_command("gebeurtenissen_opruimen", stdout=uit)
        assert "gebeurtenissen_opruimen draait al" in uit.getvalue()
        assert Uitgaandbericht.objects.count() == 1
    uit = StringIO()
    call_command("gebeurtenissen_opruimen", stdout=uit)
    assert "1 verzonden en 0 mislukte" in uit.getvalue() and not Uitgaandbericht.objects.exists()


def test_sch3_the_events_of_a_purged_casus_go_with_it(msh, ontvanger, toegang):
    """SCH-3 × issue 26: an event names the casus and the client; purging the casus deletes its events (sent,
    waiting or dead), another casus's events stay."""
    from schoning.models import Soort
    from schoning.verwijderen import selectie_uitvoeren
    from tests.test_schoning import _afgerond, _goedgekeurd, _regel

    privacy = (
        MedewerkerFactory(rollen=[Rol.PRIVACY_OFFICER]),
        MedewerkerFactory(rollen=[Rol.PRIVACY_OFFICER]),
    )
    weg, blijft = _casus_met_toestemming(msh), _casus_met_toestemming(msh)
    _melden(weg)
    _melden(blijft)
    uitgaand.afleveren()
    _melden(weg)  # still waiting
    assert Uitgaandbericht.objects.filter(casus=weg).count() == 2
    _regel(Soort.CASUS)
    _afgerond(weg)
    selectie_uitvoeren(_goedgekeurd(privacy))
    assert not Casus.objects.filter(pk=weg.pk).exists()
    assert list(Uitgaandbericht.objects.values_list("casus_id", flat=True)) == [blijft.pk]
    assert not Uitgaandbericht.objects.filter(event__subject=weg.nummer).exists()
