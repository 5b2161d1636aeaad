"""DOC-1 documents on a casus: upload (size, real type), storage outside the web root, versions, status,
sharing, audited downloads, and the access matrix over every document page (AUT-1)."""

from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from cris.audit.models import AuditEntry
from cris.notificaties.models import Notificatie
from documenten import services
from documenten.models import Document, DocumentStatus, DocumentVersie
from documenten.services import bestanden
from tests import chain
from tests.access import assert_toegang
from tests.documenten_helpers import EXE, PDF, PNG, bestand, casus_met_adres, docx

pytestmark = pytest.mark.django_db


@pytest.fixture
def keten(toegang):
    casus = casus_met_adres()
    taak = chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.eigenaar)
    return casus, taak


def _upload(client, casus, naam, inhoud, **velden):
    data = {"bestand": bestand(naam, inhoud), "titel": "", "type": "ontvangen", "status": "definitief", **velden}
    return client.post(reverse("documenten:toevoegen", args=[casus.pk]), data)


def _bestanden():
    root = Path(settings.DOCUMENTEN_DIR)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_doc1_an_upload_is_stored_outside_the_web_root_with_its_hash_and_on_the_timeline(client, toegang, keten):
    casus, _ = keten
    client.force_login(toegang.eigenaar)
    response = _upload(client, casus, "aangifte.pdf", PDF, titel="Proces-verbaal aangifte")
    assert response.status_code == 302
    document = Document.objects.get(casus=casus)
    versie = document.huidige_versie
    assert (document.titel, document.status, versie.nummer, versie.mime) == (
        "Proces-verbaal aangifte",
        "definitief",
        1,
        "application/pdf",
    )
    assert versie.grootte == len(PDF) and len(versie.sha256) == 64
    [pad] = _bestanden()
    assert pad.read_bytes() == PDF and "aangifte" not in pad.name  # a name CRIS made up
    assert Path(settings.STATIC_ROOT) not in pad.parents
    assert casus.tijdlijn.filter(soort="document", omschrijving__contains="Proces-verbaal aangifte").exists()
    assert AuditEntry.objects.filter(actie="aanmaken", object_type="documenten.document", client_id=casus.client_id)
    page = client.get(reverse("casus:documenten", args=[casus.pk])).content.decode()
    assert "Proces-verbaal aangifte" in page and "Downloaden" in page


@pytest.mark.parametrize(
    ("naam", "inhoud", "melding"),
    [
        ("brief.pdf", EXE, "Dit bestand is een Windows-programma, ook al heet het 'brief.pdf'"),
        ("notities.txt", b"\x7fELF\x02\x01\x01" + b"\x00" * 40, "Linux-programma"),
        ("lijst.txt", b"#!/bin/sh\nrm -rf /\n", "script"),
        ("foto.pdf", PNG, "is een PNG-afbeelding en past niet bij de extensie .pdf"),
        ("verslag.docx", docx(macro=True), "bevat macro's"),
        ("pagina.html", b"<html><script>alert(1)</script></html>", "extensie .html"),
        ("leeg.pdf", b"", "bestand is leeg"),
    ],
)
def test_doc1_a_disguised_or_unwanted_file_is_refused_with_a_clear_message(
    client, toegang, keten, naam, inhoud, melding
):
    casus, _ = keten
    client.force_login(toegang.eigenaar)
    response = _upload(client, casus, naam, inhoud)
    assert response.status_code == 422
    assert melding in unescape(response.content.decode())
    assert not Document.objects.exists() and not _bestanden()


def test_doc1_an_oversized_file_is_refused_with_the_limit_in_the_message(client, toegang, keten, settings):
    settings.DOCUMENT_MAX_MB = 1
    casus, _ = keten
    client.force_login(toegang.eigenaar)
    response = _upload(client, casus, "scan.pdf", PDF + b"0" * (1024 * 1024))
    assert response.status_code == 422
    assert "het maximum is 1 MB" in unescape(response.content.decode())
    assert not Document.objects.exists() and not _bestanden()


def test_doc1_office_and_mail_files_are_recognised_by_their_content(client, toegang, keten):
    casus, _ = keten
    client.force_login(toegang.eigenaar)
    eml = b"From: a@example.org\r\nTo: b@example.org\r\nSubject: Verklaring\r\n\r\nTekst\r\n"
    for naam, inhoud in [("verslag.docx", docx()), ("bericht.eml", eml), ("notitie.txt", "Ĳssel – één".encode())]:
        assert _upload(client, casus, naam, inhoud).status_code == 302, naam
    mimes = set(DocumentVersie.objects.values_list("mime", flat=True))
    assert mimes == {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "message/rfc822",
        "text/plain",
    }


def test_doc1_download_is_access_checked_audited_and_never_inline(client, toegang, keten):
    casus, _ = keten
    document = bestanden.document_toevoegen(
        actor=toegang.eigenaar, casus=casus, bestand=bestand("a.pdf", PDF), titel="", type="ontvangen", status="concept"
    )
    url = reverse("documenten:downloaden", args=[casus.pk, document.pk, document.huidige_versie_id])
    client.force_login(toegang.collega)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/pdf"
    assert "sandbox" in response["Content-Security-Policy"]
    assert AuditEntry.objects.filter(
        actie="lezen", actor_id=toegang.collega.pk, object_type="documenten.documentversie", client_id=casus.client_id
    ).exists()
    # The same document through another casus the user may see: 404, not the file.
    ander = casus_met_adres(achternaam="Ander")
    chain.taak(casus=ander, team=toegang.team)
    anders = reverse("documenten:downloaden", args=[ander.pk, document.pk, document.huidige_versie_id])
    assert client.get(anders).status_code == 404


def test_doc1_versions_are_kept_and_a_sent_document_no_longer_changes(client, toegang, keten):
    casus, _ = keten
    document = bestanden.document_toevoegen(
        actor=toegang.eigenaar,
        casus=casus,
        bestand=bestand("a.pdf", PDF),
        titel="Plan",
        type="overig",
        status="concept",
    )
    client.force_login(toegang.eigenaar)
    url = reverse("documenten:versie", args=[casus.pk, document.pk])
    data = {"bestand": bestand("a2.pdf", PDF + b"%v2"), "toelichting": "Aangevuld", "versie": document.versie}
    assert client.post(url, data).status_code == 302
    document.refresh_from_db()
    assert document.huidige_versie.nummer == 2 and document.versies.count() == 2
    status_url = reverse("documenten:status", args=[casus.pk, document.pk])
    client.post(status_url, {"status": "verzonden", "versie": document.versie})
    document.refresh_from_db()
    assert document.status == DocumentStatus.VERZONDEN
    response = client.post(url, {"bestand": bestand("a3.pdf", PDF), "versie": document.versie}, follow=True)
    assert "Een verzonden document wijzigt niet meer" in unescape(response.content.decode())
    assert document.versies.count() == 2
    response = client.post(status_url, {"status": "concept", "versie": document.versie}, follow=True)
    assert "blijft verzonden" in unescape(response.content.decode())


def test_doc1_sharing_notifies_a_colleague_with_access_and_refuses_one_without(client, toegang, keten):
    casus, _ = keten
    document = bestanden.document_toevoegen(
        actor=toegang.eigenaar,
        casus=casus,
        bestand=bestand("a.pdf", PDF),
        titel="Plan",
        type="overig",
        status="concept",
    )
    client.force_login(toegang.eigenaar)
    url = reverse("documenten:delen", args=[casus.pk, document.pk])
    client.post(url, {"medewerker": toegang.collega.pk, "bericht": "Graag lezen voor het overleg"})
    notificatie = Notificatie.objects.get(ontvanger=toegang.collega)
    assert notificatie.soort == "document_gedeeld" and casus.nummer in notificatie.tekst
    assert notificatie.link == reverse("documenten:detail", args=[casus.pk, document.pk])
    assert "Yılmaz" not in notificatie.tekst  # no client data in notifications
    # The outsider is not in the list, and the service refuses them too.
    response = client.post(url, {"medewerker": toegang.buitenstaander.pk})
    assert response.status_code == 422
    with pytest.raises(services.DocumentFout, match="geen toegang tot deze casus"):
        bestanden.document_delen(actor=toegang.eigenaar, document=document, ontvanger=toegang.buitenstaander)
    assert not Notificatie.objects.filter(ontvanger=toegang.buitenstaander).exists()


@pytest.fixture
def document(keten, toegang):
    casus, _ = keten
    return bestanden.document_toevoegen(
        actor=toegang.eigenaar,
        casus=casus,
        bestand=bestand("a.pdf", PDF),
        titel="Plan",
        type="overig",
        status="concept",
    )


PAGINAS = {
    "documenten:toevoegen": lambda d: [d.casus_id],
    "documenten:detail": lambda d: [d.casus_id, d.pk],
    "documenten:downloaden": lambda d: [d.casus_id, d.pk, d.huidige_versie_id],
    "documenten:brief": lambda d: [d.casus_id],
    "documenten:email": lambda d: [d.casus_id],
}


@pytest.mark.parametrize("pagina", PAGINAS)
def test_every_document_page_follows_the_access_matrix(client, toegang, document, pagina):
    url = reverse(pagina, args=PAGINAS[pagina](document))
    assert_toegang(
        client, toegang, url, eigenaar=200, collega=200, teamleider=200, buitenstaander=404, functioneel_beheerder=404
    )


@pytest.mark.parametrize("actie", ["versie", "status", "delen", "toevoegen", "brief", "email"])
def test_document_actions_are_404_for_whoever_may_not_see_the_casus(client, toegang, document, actie):
    args = [document.casus_id] if actie in ("toevoegen", "brief", "email") else [document.casus_id, document.pk]
    for rol in ("buitenstaander", "functioneel_beheerder"):
        client.force_login(toegang.gebruiker(rol))
        response = client.post(reverse(f"documenten:{actie}", args=args), {"status": "definitief"})
        assert response.status_code == 404, (rol, actie)
    document.refresh_from_db()
    assert document.status == "concept" and Document.objects.count() == 1


def test_the_casus_page_queries_do_not_grow_with_the_documents(client, toegang, keten, django_assert_max_num_queries):
    casus, _ = keten
    for i in range(2):
        bestanden.document_toevoegen(
            actor=toegang.eigenaar,
            casus=casus,
            bestand=bestand("a.pdf", PDF),
            titel=f"D{i}",
            type="overig",
            status="concept",
        )
    client.force_login(toegang.eigenaar)
    url = reverse("casus:documenten", args=[casus.pk])
    with django_assert_max_num_queries(20) as weinig:
        client.get(url)
    for i in range(10):
        bestanden.document_toevoegen(
            actor=toegang.eigenaar,
            casus=casus,
            bestand=bestand("a.pdf", PDF),
            titel=f"E{i}",
            type="overig",
            status="concept",
        )
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count("Downloaden") == 12


def test_reads_of_document_pages_are_audited(client, toegang, document):
    client.force_login(toegang.collega)
    client.get(reverse("documenten:detail", args=[document.casus_id, document.pk]))
    client.get(reverse("documenten:email", args=[document.casus_id]))
    reads = AuditEntry.objects.filter(actie="lezen", actor_id=toegang.collega.pk, client_id=document.casus.client_id)
    assert set(reads.values_list("object_type", flat=True)) == {"documenten.document", "casus.casus"}


def test_cas2_alarmering_staat_op_elke_documentpagina_van_de_casus(client, toegang):
    """CAS-1/CAS-2: the case-level alarm flag is shown on every page of the case, the document pages too."""
    casus = chain.casus()
    chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.eigenaar)
    document = Document.objects.create(casus=casus, titel="Verklaring", type="ontvangen", status="definitief")
    paginas = [
        reverse("documenten:detail", args=[casus.pk, document.pk]),
        reverse("documenten:toevoegen", args=[casus.pk]),
        reverse("documenten:brief", args=[casus.pk]),
        reverse("documenten:email", args=[casus.pk]),
    ]
    client.force_login(toegang.eigenaar)
    for url in paginas:  # no alarm: no notice
        antwoord = client.get(url)
        assert antwoord.status_code == 200 and 'id="casus-alarm"' not in antwoord.content.decode(), url
    casus.alarm, casus.alarm_toelichting = True, "Dader kwam verhaal halen"
    casus.save(update_fields=["alarm", "alarm_toelichting"])
    for url in [*paginas, reverse("casus:detail", args=[casus.pk])]:
        html = client.get(url).content.decode()
        assert 'id="casus-alarm"' in html and "Dader kwam verhaal halen" in html, url
