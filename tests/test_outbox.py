"""DOC-2 e-mail through the outbox: a real SMTP server on loopback with STARTTLS, retries with a growing
wait, a refused delivery marked failed after the configured attempts and visible in the admin, the sent
message (.eml) filed on the casus; NOT-1 e-mail copies of notifications through the same outbox."""

import email
from email import policy
from html import unescape

import pytest
from django.urls import reverse

from cris.accounts.roles import Rol
from cris.notificaties.models import Notificatie
from cris.notificaties.services import notificeren
from documenten.models import Document, UitgaandeEmail
from documenten.services import outbox
from documenten.tasks import outbox_verwerken
from tests import chain
from tests.documenten_helpers import casus_met_adres, sjabloon
from tests.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def keten(toegang):
    casus = casus_met_adres()
    chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.eigenaar)
    return casus


@pytest.fixture
def mailsjabloon(db):
    return sjabloon(
        naam="Bevestiging per e-mail",
        soort="email",
        onderwerp="Uw aanmelding ({{ casus.nummer }})",
        inhoud="{{ client.aanhef }},\n\nWij nemen binnen twee werkdagen contact met u op.\n\n{{ afzender.naam }}",
    )


def _versturen(client, casus, sjabloon, capture, aan="fatma@example.org"):
    with capture(execute=True):
        return client.post(
            reverse("documenten:email", args=[casus.pk]), {"email-sjabloon": sjabloon.pk, "email-aan": aan}
        )


def test_doc2_an_email_leaves_over_tls_and_the_sent_message_is_filed_on_the_casus(
    client, toegang, keten, mailsjabloon, postbus, django_capture_on_commit_callbacks
):
    client.force_login(toegang.eigenaar)
    response = _versturen(client, keten, mailsjabloon, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    [ontvangen] = postbus.berichten
    assert postbus.versleuteld == [True]
    bericht = email.message_from_bytes(ontvangen, policy=policy.default)
    assert bericht["Subject"] == f"Uw aanmelding ({keten.nummer})"
    assert bericht["To"] == "fatma@example.org" and bericht["Reply-To"] == toegang.eigenaar.email
    assert "Geachte mevrouw Yılmaz," in bericht.get_content()
    mail = UitgaandeEmail.objects.get()
    assert (mail.status, mail.pogingen, mail.laatste_fout) == ("verzonden", 1, "")
    assert bericht["Message-ID"] == mail.message_id
    # Filed on the casus as sent, the .eml exactly as it left.
    document = Document.objects.get(casus=keten, type="email")
    assert document.status == "verzonden" and document.huidige_versie.mime == "message/rfc822"
    download = client.get(reverse("documenten:downloaden", args=[keten.pk, document.pk, document.huidige_versie_id]))
    gearchiveerd = email.message_from_bytes(b"".join(download.streaming_content), policy=policy.default)
    assert gearchiveerd["Message-ID"] == mail.message_id
    assert f"E-mail 'Uw aanmelding ({keten.nummer})' verzonden aan fatma@example.org" in set(
        keten.tijdlijn.values_list("omschrijving", flat=True)
    )


def test_doc2_a_refused_delivery_is_retried_with_a_growing_wait_then_marked_failed_and_visible_in_the_admin(
    client, toegang, keten, mailsjabloon, postbus, settings, django_capture_on_commit_callbacks
):
    settings.OUTBOX_MAX_POGINGEN = 3
    postbus.weigeren = True
    client.force_login(toegang.eigenaar)
    _versturen(client, keten, mailsjabloon, django_capture_on_commit_callbacks)
    mail = UitgaandeEmail.objects.get()
    assert postbus.pogingen == 3  # the Celery task retried itself (eagerly here, after 60 s and 120 s in production)
    assert (mail.status, mail.pogingen, mail.volgende_poging) == ("mislukt", 3, None)
    assert "550" in mail.laatste_fout and "Mailbox onbekend" in mail.laatste_fout
    assert not Document.objects.filter(type="email").exists()
    assert Notificatie.objects.get(ontvanger=toegang.eigenaar, soort="email_mislukt")
    assert keten.tijdlijn.filter(omschrijving__contains="niet afgeleverd na 3 pogingen").exists()

    # The application manager sees it in the admin, filtered on status, and sends it again.
    beheer = MedewerkerFactory(username="ab-beheer", rollen=[Rol.APPLICATIEBEHEERDER])
    client.force_login(beheer)
    lijst = reverse("admin:documenten_uitgaandeemail_changelist")
    page = unescape(client.get(lijst, {"status__exact": "mislukt"}).content.decode())
    assert "fatma@example.org" in page and "550 5.1.1 Mailbox onbekend" in page
    assert "fatma@example.org" not in unescape(client.get(lijst, {"status__exact": "verzonden"}).content.decode())
    postbus.weigeren = False
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(lijst, {"action": "opnieuw_aanbieden", "_selected_action": [mail.pk]})
    assert response.status_code == 302
    mail.refresh_from_db()
    assert (mail.status, mail.pogingen) == ("verzonden", 1)
    assert len(postbus.berichten) == 1


def test_doc2_the_wait_doubles_after_each_failed_attempt(settings):
    settings.OUTBOX_WACHTTIJD_SECONDEN = 60
    assert [outbox.wachttijd(n) for n in (1, 2, 3, 4)] == [60, 120, 240, 480]


def test_doc2_a_failed_attempt_schedules_the_next_one(keten, mailsjabloon, postbus, toegang, settings):
    settings.OUTBOX_MAX_POGINGEN = 5
    postbus.weigeren = True
    mail = outbox.email_aanmaken(actor=toegang.eigenaar, casus=keten, sjabloon=mailsjabloon, aan="a@example.org")
    uitkomst = outbox.email_afleveren(pk=mail.pk, poging=0)
    mail.refresh_from_db()
    assert (uitkomst.opnieuw_na, uitkomst.poging, mail.status, mail.pogingen) == (60, 1, "wachtrij", 1)
    # A duplicate of the first task, or the sweep before the wait is over: nothing happens.
    assert outbox.email_afleveren(pk=mail.pk, poging=0).status is None
    assert outbox.email_afleveren(pk=mail.pk, poging=None).status is None
    assert postbus.pogingen == 1


def test_doc2_email_is_never_sent_in_the_clear(keten, mailsjabloon, postbus_zonder_tls, toegang, settings):
    settings.OUTBOX_MAX_POGINGEN = 1
    mail = outbox.email_aanmaken(actor=toegang.eigenaar, casus=keten, sjabloon=mailsjabloon, aan="a@example.org")
    outbox.email_afleveren(pk=mail.pk, poging=0)
    mail.refresh_from_db()
    assert mail.status == "mislukt" and "STARTTLS" in mail.laatste_fout
    assert postbus_zonder_tls.berichten == []


def test_doc2_a_bad_address_or_a_letter_template_is_refused_with_a_message(client, toegang, keten, mailsjabloon):
    client.force_login(toegang.eigenaar)
    response = client.post(
        reverse("documenten:email", args=[keten.pk]), {"email-sjabloon": mailsjabloon.pk, "email-aan": "geen-adres"}
    )
    assert response.status_code == 422 and "Voer een geldig e-mailadres in" in unescape(response.content.decode())
    brief = sjabloon()
    response = client.post(
        reverse("documenten:email", args=[keten.pk]), {"email-sjabloon": brief.pk, "email-aan": "a@example.org"}
    )
    assert response.status_code == 422  # a letter template is not among the choices
    assert not UitgaandeEmail.objects.exists()


def test_not1_email_copies_of_notifications_go_through_the_outbox(
    toegang, postbus, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://cris.example.nl"
    notificeren(ontvangers=[toegang.collega], soort="terugbelnotitie", tekst="Bel terug over CA0000001.", link="/x/")
    notificeren(ontvangers=[toegang.eigenaar], soort="document_gedeeld", tekst="Alleen in CRIS.", link="/y/")
    with django_capture_on_commit_callbacks(execute=True):
        resultaat = outbox_verwerken()
    assert resultaat == {"notificaties": 1, "opnieuw": 0}
    [ontvangen] = postbus.berichten
    bericht = email.message_from_bytes(ontvangen, policy=policy.default)
    assert bericht["To"] == toegang.collega.email and bericht["Subject"] == "CRIS: terugbelnotitie"
    assert "Bel terug over CA0000001." in bericht.get_content()
    assert "https://cris.example.nl/x/" in bericht.get_content()
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox_verwerken() == {"notificaties": 0, "opnieuw": 0}  # each copy once
    assert len(postbus.berichten) == 1
