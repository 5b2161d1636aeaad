"""Reads on documents and templates. Everything case-bearing goes through casus_of_404 first."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet
from django.http import Http404

from casus.access import casus_of_404
from casus.models import Casus
from cris import klok
from documenten.models import Document, DocumentVersie, Sjabloon, SjabloonDoel


def documenten_van_casus(*, casus: Casus) -> QuerySet[Document]:
    return (
        Document.objects.filter(casus=casus)
        .select_related("huidige_versie", "aangemaakt_door")
        .order_by("-gewijzigd_op", "-pk")
    )


def document_of_404(*, user, casus_pk: int, pk: int) -> Document:
    """The document, if this user may see its casus; 404 otherwise (also for a document of another casus)."""
    casus = casus_of_404(user, casus_pk, Casus.objects.select_related("client"))
    document = Document.objects.select_related("huidige_versie").filter(casus=casus, pk=pk).first()
    if document is None:
        raise Http404
    document.casus = casus
    return document


def versie_of_404(*, user, casus_pk: int, document_pk: int, pk: int) -> DocumentVersie:
    document = document_of_404(user=user, casus_pk=casus_pk, pk=document_pk)
    versie = DocumentVersie.objects.filter(document=document, pk=pk).first()
    if versie is None:
        raise Http404
    versie.document = document
    return versie


def _geldig(datum: date) -> Q:
    return Q(geldig_van__lte=datum) & (Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=datum))


def sjablonen_voor(*, casus: Casus, datum: date | None = None) -> QuerySet[Sjabloon]:
    """The templates a caseworker may use on this casus today: valid, for manual use, and either for
    every delict or for the casus's delict."""
    datum = datum or klok.vandaag()
    delict = Q(delict_code="") | Q(delict_code=casus.delict_code) if casus.delict_code else Q(delict_code="")
    return Sjabloon.objects.filter(_geldig(datum), delict, doel=SjabloonDoel.HANDMATIG).order_by("soort", "naam")


def sjabloon_voor_online_aanbod(*, delict_code: str, datum: date | None = None) -> Sjabloon | None:
    """AAN-8: the message for a delict with an online offer only: the template for that delict, else the
    general one. None when neither is valid today (the referral then needs a person)."""
    datum = datum or klok.vandaag()
    kandidaten = Sjabloon.objects.filter(
        _geldig(datum), Q(delict_code=delict_code) | Q(delict_code=""), doel=SjabloonDoel.ONLINE_AANBOD, soort="email"
    )
    # The delict's own template first (non-empty code sorts after ''), then the newest.
    return kandidaten.order_by("-delict_code", "-geldig_van", "-pk").first()


def tijdlijn_onderwerpen(casus_id: int, ids: list[int]):
    """TIJ-1 (casus.tijdlijn): the documents of these timeline entries on this casus, by title, linked."""
    from django.urls import reverse

    from casus.tijdlijn import Onderwerp

    rijen = Document.objects.filter(pk__in=ids, casus_id=casus_id).only("pk", "titel", "type", "status")
    return {
        d.pk: Onderwerp(
            f"{d.titel} ({d.get_type_display()}, {d.get_status_display()})",
            reverse("documenten:detail", args=[casus_id, d.pk]),
        )
        for d in rijen
    }
