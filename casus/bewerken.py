"""Corrections after intake (issue 24, CLI-1, CAS-2): the client card, its addresses, the BSN and the casus data.

Every write locks its row, checks the version the form showed (cris.versie: no lost updates), writes the
change with an audit entry holding the old and new values and a line on the timeline, in one transaction.
A changed preferred address re-routes nothing: cases keep their district and open tasks stay with their team;
the caller gets a ``melding`` to tell the worker when the new postcode lies in another district.
Whoever may see the casus (AUT-1) corrects it and its client's card: the views reach the casus and client
through casus.access (404 otherwise). The BSN is intake's: ``casus.permissions.mag_bsn_wijzigen``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casus import catalogus
from casus.models import Adres, Casus, Client, TijdlijnItem, TijdlijnSoort
from casus.permissions import mag_bsn_wijzigen
from casus.selectors import OPEN_STATUSSEN, normaliseer_postcode
from casus.services import ADRES_FIELDS, tijdlijn_toevoegen
from casus.validators import elfproef
from cris import klok, versie
from cris.audit.api import Actie, audit_record, changes_between
from werkstroom.selectors import district_voor_postcode

# The client card as a caseworker edits it, in the order its form (casus.forms.ClientKaartForm) shows it.
# BSN and merging stay with intake staff (casus.permissions.INTAKE_ROLLEN).
CLIENT_KAART_FIELDS = (
    "voorletters",
    "voornamen",
    "tussenvoegsel",
    "achternaam",
    "geboortedatum",
    "geslacht",
    "telefoon",
    "telefoon_2",
    "email",
    "taal",
    "tolk_nodig",
    "contactvoorkeur",
    "vertegenwoordiger",
    "geheim_adres",
    "geen_post_huisadres",
    "overleden",
    "overleden_op",
)
CASUS_FIELDS = (
    "delict_code",
    "delict_omschrijving",
    "delict_datum",
    "delict_plaats",
    "slachtofferrol",
    "beschermingsmaatregelen",
    "kwetsbaarheden",
    "alarm",
    "alarm_toelichting",
    "parketnummer",
    "juridische_informatie",
)
ADRES_AUDIT_FIELDS = (*ADRES_FIELDS, "voorkeur")
BSN_VAN_ANDERE_CLIENT = gettext_lazy(
    "Dit BSN hoort al bij een andere cliënt. Is het dezelfde persoon, voeg de cliënten dan samen: open de "
    "aanmelding en kies ‘De twee best passende cliënten vergelijken en samenvoegen’."
)


@dataclass
class Uitkomst:
    obj: object
    gewijzigd: list[str] = field(default_factory=list)
    melding: str = ""  # for the worker: e.g. the new preferred address lies in another district


def _labels(model, velden) -> str:
    return ", ".join(str(model._meta.get_field(v).verbose_name) for v in velden)


def _tijdlijn_client(client: Client, omschrijving: str, actor, obj) -> None:
    """A change of the client card shows on the timeline of every casus of the client."""
    nu = klok.nu()
    medewerker = actor if getattr(actor, "is_authenticated", False) else None
    TijdlijnItem.objects.bulk_create(
        TijdlijnItem(
            casus_id=casus_id,
            tijdstip=nu,
            soort=TijdlijnSoort.STATUS,
            omschrijving=omschrijving[:500],
            medewerker=medewerker,
            object_type=obj._meta.label_lower,
            object_id=obj.pk,
        )
        for casus_id in client.casussen.values_list("pk", flat=True)
    )


def _vergrendel_client(client_id: int, verwacht: int | None) -> Client:
    client = Client.objects.select_for_update().get(pk=client_id)
    versie.controleer(client, verwacht)
    return client


def client_bijwerken(*, actor, client_id: int, verwacht: int | None, gegevens: dict) -> Uitkomst:
    """CLI-1: the caseworker's corrections of the client card (not the BSN: ``bsn_wijzigen``)."""
    with transaction.atomic():
        client = _vergrendel_client(client_id, verwacht)
        oud = {f: getattr(client, f) for f in CLIENT_KAART_FIELDS}
        for veld in CLIENT_KAART_FIELDS:
            if veld in gegevens:
                setattr(client, veld, gegevens[veld])
        if client.overleden_op:
            client.overleden = True
        if not client.overleden:
            client.overleden_op = None
        if client.overleden_op and client.overleden_op > klok.vandaag():
            raise ValidationError({"overleden_op": _("De datum van overlijden ligt in de toekomst.")})
        client.full_clean(exclude=["bsn"])
        changes = changes_between(oud, client, CLIENT_KAART_FIELDS)
        if not changes:
            return Uitkomst(client)
        versie.verhoog(client)
        client.save(update_fields=[*changes, "versie"])
        audit_record(Actie.WIJZIGEN, actor=actor, obj=client, client_id=client.pk, changes=changes)
        _tijdlijn_client(client, _("Cliëntgegevens gewijzigd: %(v)s") % {"v": _labels(Client, changes)}, actor, client)
    return Uitkomst(client, list(changes))


def _district_melding(client: Client, voor, na) -> str:
    """The worker is told, not the system re-routing: open cases keep their district, open tasks their team."""
    nieuw = district_voor_postcode(na.postcode) if na else None
    if voor is not None and na is not None and normaliseer_postcode(voor.postcode) == normaliseer_postcode(na.postcode):
        return ""
    if nieuw is None:
        return ""
    anders = [
        c.nummer
        for c in client.casussen.filter(status__in=OPEN_STATUSSEN).select_related("district").order_by("pk")
        if c.district_id != nieuw.pk
    ]
    if not anders:
        return ""
    return _(
        "Het nieuwe voorkeursadres ligt in district %(nieuw)s. Casus %(casussen)s blijft in het huidige district "
        "en open taken blijven bij hun team; draag werk zelf over als dat nodig is."
    ) % {"nieuw": nieuw.naam, "casussen": ", ".join(anders)}


def adres_opslaan(
    *, actor, client_id: int, verwacht: int | None, gegevens: dict, adres_id: int | None = None, voorkeur: bool = False
) -> Uitkomst:
    """Add (``adres_id`` None) or correct an address of the client. ``voorkeur`` makes it the preferred address;
    the first address is always preferred, and a preferred address stays so until another one takes over."""
    with transaction.atomic():
        client = _vergrendel_client(client_id, verwacht)
        adressen = list(client.adressen.order_by("pk"))
        voor = next((a for a in adressen if a.voorkeur), None)
        if adres_id is None:
            adres, oud = Adres(client=client), None
        else:
            adres = next((a for a in adressen if a.pk == adres_id), None)
            if adres is None:
                raise Adres.DoesNotExist
            oud = {f: getattr(adres, f) for f in ADRES_AUDIT_FIELDS}
        for veld in ADRES_FIELDS:
            if veld in gegevens:
                setattr(adres, veld, (gegevens[veld] or "").strip())
        adres.postcode = normaliseer_postcode(adres.postcode)
        if not any(getattr(adres, v) for v in ("straat", "postcode", "woonplaats")):
            raise ValidationError(_("Vul ten minste een straat, postcode of woonplaats in."))
        adres.voorkeur = voorkeur or voor is None or voor.pk == adres.pk
        adres.full_clean(exclude=["client"], validate_constraints=False)
        if adres.voorkeur and voor is not None and voor.pk != adres.pk:
            Adres.objects.filter(pk=voor.pk).update(voorkeur=False)
            audit_record(
                Actie.WIJZIGEN, actor=actor, obj=voor, client_id=client.pk, changes={"voorkeur": [True, False]}
            )
        changes = changes_between(oud, adres, ADRES_AUDIT_FIELDS)
        if not changes:
            return Uitkomst(adres)
        adres.save()
        versie.verhoog(client)
        client.save(update_fields=["versie"])
        audit_record(
            Actie.AANMAKEN if oud is None else Actie.WIJZIGEN,
            actor=actor,
            obj=adres,
            client_id=client.pk,
            changes=changes,
        )
        melding = _district_melding(client, voor, adres) if adres.voorkeur else ""
        tekst = _("Adres toegevoegd") if oud is None else _("Adres gewijzigd: %(v)s") % {"v": _labels(Adres, changes)}
        if adres.voorkeur and (voor is None or voor.pk != adres.pk):
            tekst += "; " + _("nu het voorkeursadres")
        if melding:
            tekst += ". " + melding
        _tijdlijn_client(client, tekst, actor, adres)
    return Uitkomst(adres, list(changes), melding)


def adres_verwijderen(*, actor, client_id: int, verwacht: int | None, adres_id: int) -> Uitkomst:
    """Remove an address; the preferred one only when it is the last (make another preferred first)."""
    with transaction.atomic():
        client = _vergrendel_client(client_id, verwacht)
        adres = client.adressen.filter(pk=adres_id).first()
        if adres is None:
            raise Adres.DoesNotExist
        if adres.voorkeur and client.adressen.exclude(pk=adres.pk).exists():
            raise ValidationError(_("Dit is het voorkeursadres. Maak eerst een ander adres voorkeursadres."))
        audit_record(
            Actie.VERWIJDEREN,
            actor=actor,
            obj=adres,
            client_id=client.pk,
            changes={k: [v[1], None] for k, v in changes_between(None, adres, ADRES_AUDIT_FIELDS).items()},
        )
        _tijdlijn_client(client, _("Adres verwijderd"), actor, client)
        adres.delete()
        versie.verhoog(client)
        client.save(update_fields=["versie"])
    return Uitkomst(client, ["adres"])


def bsn_wijzigen(*, actor, client_id: int, verwacht: int | None, bsn: str, reden: str) -> Uitkomst:
    """The BSN, by intake staff only, checked as at intake: the elfproef, and no second client with it (merge
    instead, CLI-2). An empty value removes it. The reason goes into the audit entry."""
    if not mag_bsn_wijzigen(actor):
        raise PermissionError
    bsn = "".join((bsn or "").split())
    if bsn and not elfproef(bsn):
        raise ValidationError(
            {"bsn": _("Dit is geen geldig BSN: het moet 9 cijfers hebben en voldoen aan de elfproef.")}
        )
    if not (reden or "").strip():
        raise ValidationError({"reden": _("Schrijf op waarom het BSN verandert.")})
    with transaction.atomic():
        client = _vergrendel_client(client_id, verwacht)
        ander = Client.objects.filter(bsn=bsn).exclude(pk=client.pk).first() if bsn else None
        if ander is not None:
            # Issue 21: not the other client's number (that would tell who has this BSN); the way to the merge.
            raise ValidationError({"bsn": BSN_VAN_ANDERE_CLIENT})
        oud = client.bsn
        client.bsn = bsn or None
        if oud == client.bsn:
            return Uitkomst(client)
        versie.verhoog(client)
        client.save(update_fields=["bsn", "versie"])
        audit_record(
            Actie.WIJZIGEN,
            actor=actor,
            obj=client,
            client_id=client.pk,
            changes={"bsn": [oud, client.bsn]},
            reason=reden,
        )
        _tijdlijn_client(client, _("BSN gewijzigd door %(rol)s") % {"rol": _("de intake")}, actor, client)
    return Uitkomst(client, ["bsn"])


def casus_bijwerken(*, actor, casus_id: int, verwacht: int | None, gegevens: dict) -> Uitkomst:
    """CAS-2: the casus data. The delict comes from the catalogue (its name with it); an unknown code that came
    in with an import may stay as it is but cannot be typed in. The alarm flag needs its reason."""
    with transaction.atomic():
        casus = Casus.objects.select_for_update().get(pk=casus_id)
        versie.controleer(casus, verwacht)
        oud = {f: getattr(casus, f) for f in CASUS_FIELDS}
        for veld in CASUS_FIELDS:
            if veld in gegevens and veld != "delict_omschrijving":
                setattr(casus, veld, gegevens[veld])
        fouten = {}
        if casus.delict_code != oud["delict_code"]:
            naam = catalogus.delict_naam(casus.delict_code) if casus.delict_code else ""
            if naam is None:
                fouten["delict_code"] = _("Kies een delict uit de delictencatalogus.")
            else:
                casus.delict_omschrijving = naam
        if casus.delict_datum and casus.delict_datum > klok.vandaag():
            fouten["delict_datum"] = _("De delictdatum ligt in de toekomst.")
        if casus.alarm and not casus.alarm_toelichting.strip():
            fouten["alarm_toelichting"] = _("Geef de reden van de alarmering: collega's lezen die op elke pagina.")
        if not casus.alarm:
            casus.alarm_toelichting = ""
        casus.kwetsbaarheden = [k.strip() for k in casus.kwetsbaarheden if k and k.strip()]
        if fouten:
            raise ValidationError(fouten)
        casus.full_clean(exclude=["client", "district"])
        changes = changes_between(oud, casus, CASUS_FIELDS)
        if not changes:
            return Uitkomst(casus)
        versie.verhoog(casus)
        casus.save(update_fields=[*changes, "versie"])
        audit_record(Actie.WIJZIGEN, actor=actor, obj=casus, client_id=casus.client_id, changes=changes)
        tijdlijn_toevoegen(
            casus=casus,
            soort=TijdlijnSoort.STATUS,
            omschrijving=_("Casusgegevens gewijzigd: %(v)s") % {"v": _labels(Casus, changes)},
            medewerker=actor,
            obj=casus,
        )
    return Uitkomst(casus, list(changes))
