"""Letters (DOC-2): requested from a template, made into a PDF by Celery (WeasyPrint), archived as a document;
the preview for functional managers."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from casus.models import Adres, Casus, Client, Geslacht, TijdlijnSoort
from casus.services import tijdlijn_toevoegen, voorkeursadres
from cris import klok
from cris.audit.api import Actie, audit_record
from cris.notificaties.models import Soort
from cris.notificaties.services import notificeren
from documenten import bestandstype, opslag
from documenten.models import Brief, Document, DocumentStatus, DocumentType, Sjabloon, SjabloonSoort
from documenten.services import DocumentFout
from documenten.services.bestanden import _versie_opslaan, document_url
from documenten.services.sjablonen import _invullen, _sjabloon_controleren, waarden
from taken.models import Taak


def adresregels(client: Client, adres: Adres) -> list[str]:
    nummer = "".join(p for p in (adres.huisnummer, adres.huisletter) if p)
    straat = " ".join(p for p in (adres.straat, nummer, adres.toevoeging) if p)
    regels = [client.naam, straat, f"{adres.postcode}  {adres.woonplaats.upper()}"]
    if adres.land and adres.land.strip().lower() != "nederland":
        regels.append(adres.land.upper())
    return regels


def postadres_controleren(client: Client) -> Adres:
    """Safe contact: no letter to a secret address or to a client who wants no post at home."""
    if client.geheim_adres:
        raise DocumentFout(
            _(
                "Het adres van deze cliënt is geheim: brieven naar dit adres zijn geblokkeerd. "
                "Neem op een andere manier contact op, bijvoorbeeld telefonisch."
            )
        )
    if client.geen_post_huisadres:
        raise DocumentFout(
            _(
                "Deze cliënt wil geen post op het huisadres: de brief is niet gemaakt. "
                "Neem op een andere manier contact op, bijvoorbeeld telefonisch."
            )
        )
    adres = voorkeursadres(client)
    if adres is None or not (adres.straat and adres.huisnummer and adres.postcode and adres.woonplaats):
        raise DocumentFout(
            _("Van deze cliënt is geen volledig postadres bekend (straat, huisnummer, postcode, woonplaats).")
        )
    return adres


def brief_aanvragen(*, actor, casus: Casus, sjabloon: Sjabloon, taak: Taak | None = None) -> Brief:
    """DOC-2: a letter from a template, filed on the casus as a concept; a Celery task makes the PDF."""
    _sjabloon_controleren(sjabloon=sjabloon, soort=SjabloonSoort.BRIEF, casus=casus, taak=taak)
    adres = postadres_controleren(casus.client)
    onderwerp, tekst = _invullen(sjabloon, waarden(casus=casus, taak=taak, afzender=actor))
    with transaction.atomic():
        document = Document.objects.create(
            casus=casus,
            titel=sjabloon.naam[:200],
            type=DocumentType.BRIEF,
            status=DocumentStatus.CONCEPT,
            aangemaakt_door=actor,
        )
        brief = Brief.objects.create(
            document=document,
            sjabloon=sjabloon,
            onderwerp=onderwerp,
            tekst=tekst,
            adresregels=adresregels(casus.client, adres),
            aangevraagd_door=actor,
        )
        audit_record(
            Actie.AANMAKEN,
            actor=actor,
            obj=document,
            client_id=casus.client_id,
            changes={"sjabloon": [None, sjabloon.pk], "onderwerp": [None, onderwerp]},
        )
        tijdlijn_toevoegen(
            casus=casus,
            soort=TijdlijnSoort.DOCUMENT,
            medewerker=actor,
            obj=document,
            omschrijving=_("Brief '%(t)s' aangevraagd") % {"t": sjabloon.naam},
        )
        from documenten.tasks import brief_maken

        transaction.on_commit(lambda: brief_maken.delay(brief.pk))
    return brief


def brief_html(*, onderwerp: str, tekst: str, adresregels: list[str], kenmerk: str, afzender: str, datum) -> str:
    return render_to_string(
        "documenten/brief.html",
        {
            "organisatie": {
                "naam": settings.ORGANISATIE_NAAM,
                "adres": settings.ORGANISATIE_ADRES,
                "telefoon": settings.ORGANISATIE_TELEFOON,
                "website": settings.ORGANISATIE_WEBSITE,
            },
            "onderwerp": onderwerp,
            "alineas": [a.strip() for a in re.split(r"\n\s*\n", tekst.replace("\r\n", "\n")) if a.strip()],
            "adresregels": adresregels,
            "kenmerk": kenmerk,
            "afzender": afzender,
            "datum": datum,
        },
    )


def _geen_externe_bronnen(url, *args, **kwargs):
    raise ValueError(f"external resource refused in a letter: {url}")


def pdf_maken(html: str) -> bytes:
    """WeasyPrint, without fetching anything from outside (the letter is self-contained)."""
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_geen_externe_bronnen).write_pdf()


def brief_pdf_maken(*, brief_id: int) -> Brief:
    """The Celery task's work: render the letter to PDF and file it as the document's version. Idempotent."""
    with transaction.atomic():
        brief = (
            Brief.objects.select_for_update(of=("self",))
            .select_related("document__casus", "aangevraagd_door")
            .get(pk=brief_id)
        )
        if brief.gemaakt_op is not None:
            return brief
        document = brief.document
        html = brief_html(
            onderwerp=brief.onderwerp,
            tekst=brief.tekst,
            adresregels=brief.adresregels,
            kenmerk=document.casus.nummer,
            afzender=str(brief.aangevraagd_door or ""),
            datum=timezone.localtime(brief.aangevraagd_op).date(),
        )
        pdf = pdf_maken(html)
        with opslag.bewaren([pdf]) as opgeslagen:
            document.status = DocumentStatus.DEFINITIEF
            _versie_opslaan(
                document=document,
                opgeslagen=opgeslagen,
                bestandsnaam=f"{slugify(brief.onderwerp)[:80] or 'brief'}-{document.casus.nummer}.pdf",
                mime=bestandstype.PDF.mime,
                actor=brief.aangevraagd_door,
            )
            brief.gemaakt_op = klok.nu()
            brief.fout = ""
            brief.save(update_fields=["gemaakt_op", "fout"])
            audit_record(
                Actie.WIJZIGEN,
                actor=brief.aangevraagd_door,
                obj=document,
                client_id=document.casus.client_id,
                changes={
                    "status": [DocumentStatus.CONCEPT, DocumentStatus.DEFINITIEF],
                    "bestand": [None, opgeslagen.sha256],
                },
            )
            tijdlijn_toevoegen(
                casus=document.casus,
                soort=TijdlijnSoort.DOCUMENT,
                obj=document,
                omschrijving=_("Brief '%(t)s' gemaakt (PDF)") % {"t": document.titel},
            )
    return brief


def brief_mislukt(*, brief_id: int, fout: str) -> None:
    """The PDF could not be made: the letter says why, and the person who asked for it is told."""
    with transaction.atomic():
        brief = Brief.objects.select_related("document__casus").get(pk=brief_id)
        brief.fout = fout[:2000]
        brief.save(update_fields=["fout"])
        notificeren(
            ontvangers=[brief.aangevraagd_door_id],
            soort=Soort.BRIEF_MISLUKT,
            tekst=_("De brief '%(t)s' op casus %(c)s kon niet worden gemaakt.")
            % {"t": brief.document.titel, "c": brief.document.casus.nummer},
            link=document_url(brief.document),
        )


def voorbeeld(*, sjabloon: Sjabloon, afzender) -> dict:
    """The template filled in for a made-up client and casus (no real data in the admin)."""
    from datetime import date

    from taken.models import TaakType
    from werkstroom.models import District, Team

    client = Client(pk=1234567, voornamen="Anna", tussenvoegsel="de", achternaam="Voorbeeld", geslacht=Geslacht.VROUW)
    adres = Adres(straat="Voorbeeldstraat", huisnummer="1", postcode="1234 AB", woonplaats="Voorbeeldstad")
    casus = Casus(
        pk=7654321,
        client=client,
        delict_code=sjabloon.delict_code or "FIETS",
        delict_omschrijving="Fietsdiefstal",
        delict_datum=date(2026, 1, 15),
        pv_nummer="PL0900-2026000001",
        district=District(naam="Midden-Nederland"),
    )
    taak = Taak(type=TaakType(naam="Benaderingsgesprek"), team=Team(naam="AB Midden-Nederland"), deadline=klok.nu())
    onderwerp, tekst = _invullen(sjabloon, waarden(casus=casus, taak=taak, afzender=afzender))
    return {
        "onderwerp": onderwerp,
        "tekst": tekst,
        "adresregels": adresregels(client, adres),
        "kenmerk": casus.nummer,
        "afzender": str(afzender),
        "datum": klok.vandaag(),
    }
