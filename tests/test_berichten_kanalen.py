"""KOP-1 delivery: the inbox polled by Celery beat, the authenticated HTTP endpoint, the import page for
application managers and the backlog metric."""

import os
import time
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from aanmelding.models import Aanmelding
from cris.accounts.roles import Rol
from koppelingen.berichten.inbox import VERWERKING, achterstand
from koppelingen.berichten.models import Aanlevering, Ketenpartner, Quarantainebericht
from koppelingen.berichten.tasks import inbox_verwerken
from tests import berichten as b
from tests.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def inbox(settings, tmp_path):
    settings.BERICHTEN_INBOX = tmp_path / "inbox"
    settings.BERICHTEN_ARCHIEF = tmp_path / "archief"
    settings.BERICHTEN_INBOX_WACHTTIJD = 0
    settings.BERICHTEN_INBOX.mkdir()
    return settings.BERICHTEN_INBOX


# --- Inbox -------------------------------------------------------------------------------------------------


def test_the_beat_task_imports_the_inbox_and_archives_each_file(inbox):
    b.bestand(inbox, b.edp(), "een.xml")
    b.bestand(inbox, b.batch(b.edp(root=False), b.edp(root=False, pv="fout")), "twee.xml")
    b.bestand(inbox, b.edp(), "nog-bezig.xml.part")
    assert achterstand(inbox) == 2
    assert inbox_verwerken.delay().get() == {"ontvangen": 3, "geimporteerd": 2, "dubbel": 0, "quarantaine": 1}
    assert sorted(p.name for p in inbox.iterdir()) == [VERWERKING, "nog-bezig.xml.part"]
    dag = django_settings.BERICHTEN_ARCHIEF / timezone.localdate().isoformat()
    gearchiveerd = sorted(p.name.split("__", 1)[1] for p in dag.iterdir())
    assert gearchiveerd == ["een.xml", "twee.xml"]
    assert {a.pad for a in Aanlevering.objects.all()} == {str(p) for p in dag.iterdir()}
    assert Aanmelding.objects.count() == 2
    assert achterstand(inbox) == 0
    assert inbox_verwerken.delay().get()["ontvangen"] == 0


def test_the_inbox_takes_as_many_queries_for_many_files_as_for_a_few(inbox, django_assert_max_num_queries):
    """KOP-1 after an outage: a backlog of files, one message each. Each file's start is counted (issue 23)
    in one statement per group of files, not a few statements per file."""
    from koppelingen.berichten.inbox import inbox_verwerken as verwerken

    archief = django_settings.BERICHTEN_ARCHIEF
    for _ in range(3):
        b.bestand(inbox, b.edp())
    with django_assert_max_num_queries(20):
        assert verwerken(inbox=inbox, archief=archief).geimporteerd == 3
    for _ in range(300):
        b.bestand(inbox, b.edp())
    with django_assert_max_num_queries(20):
        assert verwerken(inbox=inbox, archief=archief).geimporteerd == 300


def test_a_file_still_being_written_waits_for_the_next_poll(inbox, settings):
    settings.BERICHTEN_INBOX_WACHTTIJD = 60
    b.bestand(inbox, b.edp(), "net-binnen.xml")
    assert inbox_verwerken.delay().get()["ontvangen"] == 0
    assert (inbox / "net-binnen.xml").exists()


def test_a_file_left_behind_by_a_dead_worker_is_put_back_and_imported_once(inbox):
    (inbox / VERWERKING).mkdir()
    verweesd = b.bestand(inbox / VERWERKING, b.edp(), "0123abcd__achtergelaten.xml")
    oud = time.time() - 3600
    os.utime(verweesd, (oud, oud))
    assert inbox_verwerken.delay().get()["geimporteerd"] == 1
    assert not verweesd.exists() and Aanlevering.objects.get().naam == "achtergelaten.xml"


def test_a_file_whose_import_committed_before_the_worker_died_is_only_archived(inbox):
    b.bestand(inbox, b.edp(), "een.xml")
    inbox_verwerken.delay().get()
    aanlevering = Aanlevering.objects.get()
    # simulate: committed, but the move to the archive never happened
    archief = aanlevering.pad
    teruggezet = inbox / VERWERKING / os.path.basename(archief)
    os.replace(archief, teruggezet)
    oud = time.time() - 3600
    os.utime(teruggezet, (oud, oud))
    assert inbox_verwerken.delay().get()["ontvangen"] == 0
    assert os.path.exists(archief) and Aanlevering.objects.count() == 1


def test_a_too_large_inbox_file_is_kept_in_the_archive_and_named_in_the_quarantine(inbox, settings):
    settings.BERICHTEN_MAX_BYTES = 100
    b.bestand(inbox, b.edp(), "groot.xml")
    assert inbox_verwerken.delay().get()["quarantaine"] == 1
    q = Quarantainebericht.objects.get()
    assert q.pad.endswith("groot.xml") and os.path.exists(q.pad) and "archief" in q.pad


def test_beat_polls_the_inbox_every_minute():
    schema = django_settings.CELERY_BEAT_SCHEDULE["berichten-inbox"]
    assert schema["task"] == "koppelingen.berichten.tasks.inbox_verwerken" and schema["schedule"] == 60.0


# --- HTTP ---------------------------------------------------------------------------------------------------


@pytest.fixture
def politie():
    partner = Ketenpartner.objects.create(naam="Politie Nederland", code="politie", kanaal="edp")
    token = partner.nieuw_token()
    partner.save()
    return partner, token


URL = "/koppelingen/berichten/ontvangen/"


def _post(client, body, token=None, **extra):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(URL, data=body, content_type="application/xml", **headers, **extra)


def test_a_partner_posts_messages_with_its_token_and_gets_the_counts(client, politie):
    partner, token = politie
    response = _post(client, b.batch(b.edp(root=False), b.edp(root=False)), token)
    assert response.status_code == 200
    assert response.json() == {"ontvangen": 2, "geimporteerd": 2, "dubbel": 0, "quarantaine": 0}
    aanlevering = Aanlevering.objects.get()
    assert aanlevering.partner == partner and aanlevering.bron == "http"
    assert Ketenpartner.objects.get().token_hash != token  # only the hash is kept


def test_bad_xml_over_http_is_quarantined_never_a_500(client, politie):
    _, token = politie
    response = _post(client, "<Aanmelding><kapot", token)
    assert response.status_code == 200 and response.json()["quarantaine"] == 1
    assert bytes(Quarantainebericht.objects.get().inhoud) == b"<Aanmelding><kapot"


@pytest.mark.parametrize(
    ("token", "melding"),
    [(None, "Geen token"), ("verkeerd", "Onbekend of ingetrokken token")],
)
def test_without_a_valid_token_the_answer_is_401_with_a_dutch_reason(client, politie, token, melding):
    response = _post(client, b.edp(), token)
    assert response.status_code == 401 and melding in response.json()["fout"]
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert not Aanlevering.objects.exists()


def test_an_inactive_partner_is_refused(client, politie):
    partner, token = politie
    partner.actief = False
    partner.save()
    assert _post(client, b.edp(), token).status_code == 401


def test_a_partner_sending_the_other_channel_goes_to_the_quarantine_and_in_after_a_fix(client, politie):
    from koppelingen.berichten.services import quarantaine_opnieuw_verwerken

    partner, token = politie
    assert _post(client, b.edom(), token).json()["quarantaine"] == 1
    q = Quarantainebericht.objects.get()
    assert "levert EDP-berichten aan; dit is een EDOM-bericht" in q.reden
    partner.kanaal = "edom"  # the application manager corrects the configuration
    partner.save()
    quarantaine_opnieuw_verwerken(actor=None, bericht=q)
    assert Aanmelding.objects.filter(kanaal="edom").count() == 1


def test_too_large_a_body_is_413(client, politie, settings):
    _, token = politie
    settings.BERICHTEN_MAX_BYTES = 100
    response = _post(client, b.edp(), token)
    assert response.status_code == 413 and "groter dan 100 bytes" in response.json()["fout"]


def test_only_post(client, politie):
    assert client.get(URL).status_code == 405


def test_a_client_certificate_passed_on_by_the_proxy_identifies_the_partner(client, politie, settings):
    partner, _ = politie
    partner.certificaat_onderwerp = "CN=edp.politie.nl,O=Politie,C=NL"
    partner.save()
    settings.BERICHTEN_CERTIFICAAT_HEADER = "X-SSL-Client-S-DN"
    response = _post(client, b.edp(), HTTP_X_SSL_CLIENT_S_DN="CN=edp.politie.nl,O=Politie,C=NL")
    assert response.status_code == 200 and response.json()["geimporteerd"] == 1
    vreemd = _post(client, b.edp(), HTTP_X_SSL_CLIENT_S_DN="CN=iemand.anders")
    assert vreemd.status_code == 401 and "clientcertificaat" in vreemd.json()["fout"]
    settings.BERICHTEN_CERTIFICAAT_HEADER = ""  # switched off: the header means nothing
    assert _post(client, b.edp(), HTTP_X_SSL_CLIENT_S_DN="CN=edp.politie.nl,O=Politie,C=NL").status_code == 401


def test_a_new_token_is_made_in_the_admin_shown_once_and_audited(client, politie):
    from cris.audit.models import AuditEntry

    partner, oud = politie
    beheerder = MedewerkerFactory(rollen=[Rol.APPLICATIEBEHEERDER])
    client.force_login(beheerder)
    response = client.post(
        "/beheer/berichten/ketenpartner/", {"action": "nieuw_token", "_selected_action": [partner.pk]}, follow=True
    )
    partner.refresh_from_db()
    nieuw = next(str(m).split(": ", 1)[1].split(" ")[0] for m in response.context["messages"])
    assert Ketenpartner.hash_token(nieuw) == partner.token_hash and nieuw.startswith(partner.token_begin)
    assert AuditEntry.objects.filter(object_type="berichten.ketenpartner", actor_id=beheerder.pk).exists()
    client.logout()
    assert _post(client, b.edp(), oud).status_code == 401
    assert _post(client, b.edp(), nieuw).status_code == 200


# --- Import page and metric ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rol", "status"),
    [
        (Rol.APPLICATIEBEHEERDER, 200),
        (Rol.FUNCTIONEEL_BEHEERDER, 200),
        (Rol.ADMINISTRATIE, 403),
        (Rol.JD_ADMIN, 403),
        (Rol.ACTIEVE_BENADERING, 403),
        (Rol.TEAMLEIDER, 403),
    ],
)
def test_the_import_page_is_for_application_and_functional_managers(client, rol, status):
    client.force_login(MedewerkerFactory(rollen=[rol]))
    assert client.get("/koppelingen/berichten/").status_code == status
    assert client.get("/koppelingen/berichten/voortgang/").status_code == status


def test_the_import_page_needs_a_login(client):
    assert client.get("/koppelingen/berichten/").status_code == 302


def test_the_import_page_shows_progress_and_the_days_counts_in_bounded_queries(
    client, inbox, tmp_path, django_assert_max_num_queries
):
    from django.core.management import call_command

    call_command("importeer", str(b.bestand(tmp_path, b.batch(b.edp(root=False), b.edp(root=False, pv="x")))))
    for i in range(30):
        Aanlevering.objects.create(naam=f"groot-{i}.xml", bron="inbox", totaal=1000, gestart=timezone.now())
    Aanlevering.objects.filter(naam="groot-0.xml").update(ontvangen=250, geimporteerd=250)
    b.bestand(inbox, b.edp(), "wacht.xml")
    client.force_login(MedewerkerFactory(rollen=[Rol.APPLICATIEBEHEERDER]))
    client.get("/koppelingen/berichten/voortgang/")
    with django_assert_max_num_queries(12):
        page = client.get("/koppelingen/berichten/voortgang/").content.decode()
    assert 'value="25"' in page and "250 van 1000 berichten" in page
    assert '<dd data-telling="ontvangen">252</dd>' in page and '<dd data-telling="quarantaine">1</dd>' in page
    assert '<dd data-telling="achterstand">1</dd>' in page
    assert "1 bericht in quarantaine wacht op afhandeling" in page
    assert 'hx-trigger="every 3s"' in client.get("/koppelingen/berichten/").content.decode()


def test_the_days_counts_hold_only_that_day():
    from koppelingen.berichten.selectors import dagtelling

    gisteren = timezone.now() - timedelta(days=1)
    Aanlevering.objects.create(naam="oud", bron="inbox", gestart=gisteren, ontvangen=5, geimporteerd=5)
    assert dagtelling()["ontvangen"] == 0
    assert dagtelling(timezone.localtime(gisteren).date())["ontvangen"] == 5


def test_the_metric_shows_the_backlog_for_prometheus(client, inbox):
    b.bestand(inbox, b.edp(), "a.xml")
    b.bestand(inbox, b.edp(), "b.xml")
    response = client.get("/koppelingen/berichten/metriek/")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "cris_berichten_inbox_achterstand 2\n" in text
    assert 'cris_berichten_vandaag{uitkomst="quarantaine"} 0' in text
    assert "cris_berichten_quarantaine_open 0" in text


def test_issue23_6_the_reaper_ends_only_deliveries_without_progress_once():
    from koppelingen.berichten.models import Bron
    from koppelingen.berichten.services import VERWEESD_NA, aanleveringen_opruimen
    from koppelingen.berichten.tasks import aanleveringen_opruimen as taak

    nu = timezone.now()
    oud = nu - timedelta(seconds=VERWEESD_NA + 60)
    Aanlevering.objects.create(naam="levend", bron=Bron.HTTP, gestart=oud, bijgewerkt_op=nu)
    Aanlevering.objects.create(naam="dood", bron=Bron.HTTP, gestart=oud, bijgewerkt_op=oud)
    Aanlevering.objects.create(naam="zonder teken", bron=Bron.INBOX, gestart=oud)
    assert taak.delay().get() == {"afgebroken": 2}
    assert aanleveringen_opruimen() == 0
    statussen = dict(Aanlevering.objects.values_list("naam", "status"))
    assert statussen == {"levend": "bezig", "dood": "afgebroken", "zonder teken": "afgebroken"}
