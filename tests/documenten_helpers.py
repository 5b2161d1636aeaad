"""Builders for the document tests: a casus whose client has a full postal address, templates, files."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from casus.models import Kanaal
from casus.services import casus_aanmaken, client_aanmaken
from documenten.models import Sjabloon

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64 + b"This program cannot be run in DOS mode."


def bestand(naam: str, inhoud: bytes, mime: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, inhoud, content_type=mime)


def docx(*, macro: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archief:
        archief.writestr("[Content_Types].xml", "<Types/>")
        archief.writestr("word/document.xml", "<w:document/>")
        if macro:
            archief.writestr("word/vbaProject.bin", b"\x00macro")
    return buffer.getvalue()


def casus_met_adres(*, geslacht="V", **client):
    gegevens = {"voornamen": "Fatma", "achternaam": "Yılmaz", "geslacht": geslacht, "email": "fatma@example.org"}
    gegevens.update(client)
    klant = client_aanmaken(
        actor=None,
        gegevens=gegevens,
        adres={"straat": "Oudegracht", "huisnummer": "12", "postcode": "3511AB", "woonplaats": "Utrecht"},
    )
    return casus_aanmaken(
        actor=None,
        client=klant,
        gegevens={
            "bron": Kanaal.CAI,
            "slachtofferrol": "slachtoffer",
            "delict_code": "WONINGINBRAAK",
            "delict_omschrijving": "Woninginbraak",
        },
    )


def sjabloon(**velden) -> Sjabloon:
    waarden = {
        "naam": "Bevestiging aanmelding",
        "soort": "brief",
        "onderwerp": "Uw aanmelding bij Slachtofferhulp ({{ casus.nummer }})",
        "inhoud": "{{ client.aanhef }},\n\nWij hebben uw aanmelding over {{ casus.delict }} ontvangen.\n\n"
        "Uw contactpersoon is {{ afzender.naam }}.",
    }
    waarden.update(velden)
    result = Sjabloon(**waarden)
    result.full_clean()
    result.save()
    return result
