"""Writes for what partners send through the API (KOP-3, KOP-4). Every message is accounted for in the import
ledger of koppelingen.berichten, exactly like an EDP/EDOM message: one Aanlevering per call, the sender's UUID
taken once (Bericht), an invalid message kept whole in the quarantine with its reason."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from aanmelding.models import Aanmelding, Signalering
from aanmelding.services import aanmeldingen_ontvangen
from casus.models import Casus, Kanaal, TijdlijnSoort
from casus.services import tijdlijn_toevoegen
from cris import klok
from cris import versie as versies
from cris.audit.api import Actie, audit_record
from cris.notificaties.models import Soort
from cris.notificaties.services import notificeren
from documenten.models import OutboxStatus
from koppelingen.berichten.models import (
    Aanlevering,
    AanleveringStatus,
    Bericht,
    Bron,
    Ketenpartner,
    Quarantainebericht,
    QuarantaineStatus,
)
from koppelingen.partners.models import Clientbericht, Doorverwijzing, ExterneOrganisatie, Toestemming, Uitgaandbericht
from koppelingen.partners.selectors import PLATFORMS
from taken.models import OPEN_TAAKSTATUSSEN, Taak
from werkstroom.models import Lidmaatschap


class Afgewezen(Exception):
    """Valid JSON whose content CRIS cannot take (an unknown casus, ...): quarantined like a schema error."""

    def __init__(self, veld: str, melding: str):
        super().__init__(melding)
        self.veld, self.melding = veld, melding


@dataclass(frozen=True)
class Ontvangst:
    bericht_id: uuid.UUID
    dubbel: bool
    referentie: str

    def as_dict(self) -> dict:
        return {
            "berichtId": str(self.bericht_id),
            "resultaat": "dubbel" if self.dubbel else "verwerkt",
            "referentie": self.referentie,
        }


def _aanlevering(partner: Ketenpartner, grootte: int, pad: str = "", **telling) -> Aanlevering:
    nu = klok.nu()
    return Aanlevering.objects.create(
        naam=f"api-{partner.code}-{nu:%Y%m%d-%H%M%S-%f}",
        pad=pad,
        bron=Bron.HTTP,
        partner=partner,
        grootte=grootte,
        status=AanleveringStatus.KLAAR,
        totaal=1,
        ontvangen=1,
        gestart=nu,
        afgerond=nu,
        **telling,
    )


def ontvangen(
    *,
    partner: Ketenpartner,
    gegevens: dict,
    grootte: int,
    verwerken: Callable[[], str],
    bestaand: Callable[[], str] | str,
) -> Ontvangst:
    """Take the message (its ``berichtId`` and ``verzonden`` in ``gegevens``) once: ``verwerken`` makes what it
    means and returns its CRIS number; the same ``berichtId`` again makes nothing and returns the first call's
    number: ``bestaand``, or what it finds."""
    bericht_id, verzonden = gegevens["berichtId"], gegevens["verzonden"]
    with transaction.atomic():
        aanlevering = _aanlevering(partner, grootte, geimporteerd=1)
        try:
            with transaction.atomic():
                Bericht.objects.create(
                    bericht_id=bericht_id,
                    kanaal=partner.kanaal,
                    aanlevering=aanlevering,
                    verzonden=verzonden,
                    ontvangen_op=klok.nu(),
                )
        except IntegrityError:
            Aanlevering.objects.filter(pk=aanlevering.pk).update(geimporteerd=0, dubbel=1)
            referentie = bestaand() if callable(bestaand) else bestaand
            return Ontvangst(bericht_id=bericht_id, dubbel=True, referentie=referentie)
        return Ontvangst(bericht_id=bericht_id, dubbel=False, referentie=verwerken())


def quarantaine(
    *, partner: Ketenpartner, pad: str, inhoud: bytes, element: str, reden: str
) -> Quarantainebericht | None:
    """An invalid message, kept whole with the reason, for the application manager (as EDP's). The same broken
    message again while the first waits counts as a duplicate (None)."""
    sha256 = hashlib.sha256(inhoud).hexdigest()
    bericht_id = ""
    with transaction.atomic():
        if Quarantainebericht.objects.filter(sha256=sha256, status=QuarantaineStatus.OPEN).exists():
            _aanlevering(partner, len(inhoud), pad, dubbel=1)
            return None
        aanlevering = _aanlevering(partner, len(inhoud), pad, quarantaine=1)
        try:
            waarde = json.loads(inhoud)
            bericht_id = str(waarde.get("berichtId", ""))[:64] if isinstance(waarde, dict) else ""
        except ValueError:
            pass
        return Quarantainebericht.objects.create(
            aanlevering=aanlevering,
            kanaal=partner.kanaal,
            bericht_id=bericht_id,
            inhoud=inhoud,
            sha256=sha256,
            element=element[:300],
            reden=reden,
        )


# --- KOP-3 in: Mijnslachtofferhulp -----------------------------------------------------------------------


def zelfaanmelding(*, partner: Ketenpartner, gegevens: dict, grootte: int) -> Ontvangst:
    """KOP-3, AAN-1 channel online: a self-registration becomes a referral in the Administratie queue,
    flagged as a self-registration."""
    persoon, adres, delict = gegevens["persoon"], gegevens.get("adres") or {}, gegevens.get("delict") or {}

    def verwerken() -> str:
        aanmelding = Aanmelding(
            kanaal=Kanaal.MSH,
            ontvangen_op=klok.nu(),
            bericht_id=str(gegevens["berichtId"]),
            slachtofferrol=gegevens["slachtofferrol"],
            toestemming_contact=gegevens["toestemmingContact"],
            toelichting=gegevens["toelichting"],
            melder=_("Zelfaanmelding via %(p)s") % {"p": partner.naam},
            signaleringen=[Signalering.ZELFAANMELDING],
            delict_omschrijving=delict.get("omschrijving", ""),
            delict_datum=delict.get("datum"),
            delict_plaats=delict.get("plaats", ""),
            **{k: persoon[k] for k in ("voornamen", "tussenvoegsel", "achternaam", "geboortedatum", "geslacht")},
            **{k: persoon[k] for k in ("telefoon", "email", "taal")},
            **{k: adres.get(k, "") for k in ("straat", "huisnummer", "huisletter", "toevoeging", "postcode")},
            woonplaats=adres.get("woonplaats", ""),
        )
        aanmeldingen_ontvangen(aanmeldingen=[aanmelding], reden=_("Zelfaanmelding via %(p)s") % {"p": partner.naam})
        return aanmelding.nummer

    def bestaand() -> str:
        pk = Aanmelding.objects.filter(bericht_id=str(gegevens["berichtId"])).values_list("pk", flat=True).first()
        return Aanmelding.nummer_van(pk) if pk else ""

    return ontvangen(partner=partner, gegevens=gegevens, grootte=grootte, verwerken=verwerken, bestaand=bestaand)


def heeft_toestemming(*, client_id: int, partner: Ketenpartner) -> bool:
    return Toestemming.objects.filter(client_id=client_id, partner=partner, ingetrokken_op__isnull=True).exists()


class ToestemmingFout(Exception):
    """A consent that cannot be recorded or withdrawn; the message is Dutch, for the caseworker."""


def toestemming_geven(*, actor, casus: Casus, partner: Ketenpartner) -> Toestemming:
    """KOP-3: the client agrees that CRIS tells this platform about their casus, recorded by a caseworker of the
    casus: audited, on the casus timeline. From now on the client's events go to the platform."""
    if partner.kanaal not in PLATFORMS or not partner.actief:
        raise ToestemmingFout(_("Voor %(p)s kan geen toestemming worden vastgelegd.") % {"p": partner.naam})
    nu = klok.nu()
    try:
        with transaction.atomic():
            toestemming = Toestemming.objects.create(
                client_id=casus.client_id, partner=partner, gegeven_op=nu, vastgelegd_door=actor
            )
            audit_record(
                Actie.AANMAKEN,
                actor=actor,
                obj=toestemming,
                client_id=casus.client_id,
                changes={"partner": [None, partner.pk], "gegeven_op": [None, nu.isoformat()]},
            )
            tijdlijn_toevoegen(
                casus=casus,
                soort=TijdlijnSoort.CONTACT,
                medewerker=actor,
                obj=toestemming,
                omschrijving=_("Toestemming van de cliënt vastgelegd: berichten via %(p)s") % {"p": partner.naam},
            )
    except IntegrityError:  # another tab or colleague recorded it in between (one current consent per partner)
        raise ToestemmingFout(
            _("Iemand anders heeft de toestemming voor %(p)s intussen al vastgelegd.") % {"p": partner.naam}
        ) from None
    return toestemming


def toestemming_intrekken(*, actor, casus: Casus, toestemming_id: int, versie) -> Toestemming:
    """KOP-3: the client withdraws their consent. The version the page showed must still be current
    (cris.versie); no further event goes to the platform, and those still waiting in the outbox are removed
    (never sent). Audited with the old and new values, on the casus timeline."""
    with transaction.atomic():
        toestemming = (
            Toestemming.objects.select_for_update(of=("self",))
            .select_related("partner")
            .filter(pk=toestemming_id, client_id=casus.client_id)
            .first()
        )
        if toestemming is None:
            raise ToestemmingFout(_("Deze toestemming bestaat niet."))
        versies.controleer(toestemming, versie)
        if toestemming.ingetrokken_op is not None:
            raise ToestemmingFout(_("Deze toestemming is al ingetrokken."))
        toestemming.ingetrokken_op = klok.nu()
        versies.verhoog(toestemming)
        toestemming.save(update_fields=["ingetrokken_op", "versie"])
        wachtend, _per_soort = Uitgaandbericht.objects.filter(
            partner=toestemming.partner, casus__client_id=casus.client_id, status=OutboxStatus.WACHTRIJ
        ).delete()
        audit_record(
            Actie.WIJZIGEN,
            actor=actor,
            obj=toestemming,
            client_id=casus.client_id,
            changes={
                "ingetrokken_op": [None, toestemming.ingetrokken_op.isoformat()],
                "wachtende_gebeurtenissen": [wachtend, 0],
            },
        )
        tijdlijn_toevoegen(
            casus=casus,
            soort=TijdlijnSoort.CONTACT,
            medewerker=actor,
            obj=toestemming,
            omschrijving=_("Toestemming van de cliënt ingetrokken: geen berichten meer via %(p)s")
            % {"p": toestemming.partner.naam},
        )
    return toestemming


def behandelaars(casus: Casus) -> set[int]:
    """Who hears of a client's message: the workers holding its open tasks, or, when no one holds one, the
    members of the teams that have them."""
    open_taken = Taak.objects.filter(casus=casus, status__in=OPEN_TAAKSTATUSSEN)
    personen = set(open_taken.exclude(behandelaar=None).values_list("behandelaar_id", flat=True))
    if personen:
        return personen
    teams = open_taken.values_list("team_id", flat=True)
    return set(Lidmaatschap.objects.filter(team_id__in=teams).values_list("medewerker_id", flat=True))


def _melden(casus_id: int, ontvangers, soort: str, tekst: str) -> None:
    """A partner's message about a casus, told to who works on it, with a link to the casus."""
    from documenten.services.bestanden import casus_url

    notificeren(ontvangers=ontvangers, soort=soort, tekst=tekst, link=casus_url(casus_id))


def clientbericht(*, partner: Ketenpartner, gegevens: dict, grootte: int) -> Ontvangst:
    """KOP-3: a client's message about their casus goes onto the casus timeline and to its workers."""
    casus = Casus.objects.filter(pk=int(gegevens["casus"][2:])).first()
    if casus is None or not heeft_toestemming(client_id=casus.client_id, partner=partner):
        raise Afgewezen("casus", _("Onbekende casus, of de cliënt heeft geen toestemming gegeven voor deze partner."))

    def verwerken() -> str:
        bericht = Clientbericht.objects.create(
            casus=casus,
            bericht_id=gegevens["berichtId"],
            onderwerp=gegevens["onderwerp"],
            tekst=gegevens["tekst"],
            ontvangen_op=klok.nu(),
        )
        audit_record(Actie.AANMAKEN, obj=bericht, client_id=casus.client_id, reason=partner.naam)
        tijdlijn_toevoegen(
            casus=casus,
            soort=TijdlijnSoort.CONTACT,
            obj=bericht,
            omschrijving=_("Bericht van de cliënt via %(p)s: %(o)s — %(t)s")
            % {"p": partner.naam, "o": bericht.onderwerp, "t": bericht.tekst},
        )
        tekst = _("Nieuw bericht van de cliënt op casus %(c)s.") % {"c": casus.nummer}
        _melden(casus.pk, behandelaars(casus), Soort.CLIENTBERICHT, tekst)
        return casus.nummer

    return ontvangen(partner=partner, gegevens=gegevens, grootte=grootte, verwerken=verwerken, bestaand=casus.nummer)


def quarantaine_opnieuw(*, actor, bericht: Quarantainebericht) -> str:
    """'Opnieuw verwerken' of a quarantined API message (called by koppelingen.berichten for the API channels):
    validated and processed as if the partner posted it now. The item's Aanlevering counts move from quarantaine
    to what it is now; still invalid, it stays open with the new reason."""
    from rest_framework.exceptions import ValidationError

    from koppelingen.partners.api.views import _velden, verwerken

    with transaction.atomic():
        bericht = (
            Quarantainebericht.objects.select_for_update(of=("self",))
            .select_related("aanlevering__partner")
            .get(pk=bericht.pk)
        )
        if bericht.status != QuarantaineStatus.OPEN:
            return _("Bericht %(n)s is al verwerkt: %(u)s") % {"n": bericht.pk, "u": bericht.uitkomst}
        bericht.pogingen += 1
        try:
            with transaction.atomic():
                ontvangst = verwerken(
                    pad=bericht.aanlevering.pad, partner=bericht.aanlevering.partner, inhoud=bytes(bericht.inhoud)
                )
        except (ValueError, KeyError, ValidationError, Afgewezen) as fout:
            if isinstance(fout, ValidationError):
                reden = "; ".join(f"{v['name']}: {v['reason']}" for v in _velden(fout.detail))
            elif isinstance(fout, Afgewezen):
                reden = f"{fout.veld}: {fout.melding}"
            else:
                reden = _("Geen geldige JSON of onbekende bewerking.")
            bericht.reden = reden[:5000]
            bericht.save(update_fields=["reden", "pogingen"])
            audit_record(Actie.WIJZIGEN, actor=actor, obj=bericht, reason="Opnieuw verwerkt: nog steeds ongeldig")
            return _("Bericht %(n)s is nog steeds ongeldig: %(r)s") % {"n": bericht.pk, "r": reden}
        # The call was counted once, as quarantined; the new Aanlevering of this attempt holds what it is now.
        Aanlevering.objects.filter(pk=bericht.aanlevering_id).update(ontvangen=0, quarantaine=0, totaal=0)
        bericht.status = QuarantaineStatus.VERWERKT
        bericht.afgehandeld_op, bericht.afgehandeld_door = klok.nu(), actor
        bericht.uitkomst = f"{ontvangst.as_dict()['resultaat']}: {ontvangst.referentie}"
        bericht.save(update_fields=["status", "afgehandeld_op", "afgehandeld_door", "pogingen", "uitkomst"])
        audit_record(
            Actie.WIJZIGEN,
            actor=actor,
            obj=bericht,
            reason="Opnieuw verwerkt",
            changes={"status": ["open", "verwerkt"], "uitkomst": [None, bericht.uitkomst]},
        )
    return _("Bericht %(n)s opnieuw verwerkt: %(u)s.") % {"n": bericht.pk, "u": bericht.uitkomst}


# --- KOP-4: referrals to external organisations (PHB, ...) ---------------------------------------------------


class DoorverwijzingFout(Exception):
    """A referral that cannot be made; the message is Dutch, for the caseworker."""


def doorverwijzen(
    *,
    actor,
    casus: Casus,
    organisatie: ExterneOrganisatie,
    reden: str,
    contactvoorkeur: str,
    contact_toelichting: str = "",
    toestemming: bool,
) -> Doorverwijzing:
    """KOP-4: refer the client, with their consent, to an external organisation. The referral goes out through the
    event outbox as a CloudEvent (JSON) to the organisation's webhook, in this transaction."""
    if not toestemming:
        raise DoorverwijzingFout(_("Verwijs alleen door als de cliënt daar toestemming voor heeft gegeven."))
    if not organisatie.actief:
        raise DoorverwijzingFout(_("Naar %(o)s kan niet meer worden doorverwezen.") % {"o": organisatie})
    if not reden.strip():
        raise DoorverwijzingFout(_("Geef de reden van de doorverwijzing."))
    from koppelingen.partners.gebeurtenissen import casusnummer, in_outbox

    nu = klok.nu()
    with transaction.atomic():
        verwijzing = Doorverwijzing.objects.create(
            casus=casus,
            organisatie=organisatie,
            reden=reden.strip(),
            contactvoorkeur=contactvoorkeur,
            contact_toelichting=contact_toelichting.strip(),
            toestemming=True,
            aangemaakt_door=actor,
            aangemaakt_op=nu,
            bijgewerkt_op=nu,
        )
        audit_record(
            Actie.AANMAKEN,
            actor=actor,
            obj=verwijzing,
            client_id=casus.client_id,
            changes={"organisatie": [None, organisatie.pk], "toestemming": [None, True]},
        )
        tijdlijn_toevoegen(
            casus=casus,
            soort=TijdlijnSoort.CONTACT,
            medewerker=actor,
            obj=verwijzing,
            omschrijving=_("Doorverwezen naar %(o)s (%(n)s)") % {"o": organisatie.naam, "n": verwijzing.nummer},
        )
        client = casus.client
        in_outbox(
            partner=organisatie.partner,
            soort="doorverwijzing-aangemaakt",
            ordersleutel=f"doorverwijzing:{verwijzing.pk}",
            subject=verwijzing.nummer,
            casus_id=casus.pk,
            data={
                "doorverwijzing": verwijzing.nummer,
                "casus": casusnummer(casus.pk),
                "reden": verwijzing.reden,
                "toestemming": True,
                "contactvoorkeur": verwijzing.contactvoorkeur,
                "contactToelichting": verwijzing.contact_toelichting,
                # What the organisation needs to make contact; no BSN, no delict details beyond the reason.
                "client": {
                    "voornamen": client.voornamen,
                    "tussenvoegsel": client.tussenvoegsel,
                    "achternaam": client.achternaam,
                    "telefoon": client.telefoon,
                    "email": client.email,
                    "taal": client.taal,
                },
                "verwijzer": {"naam": str(actor) if actor else "", "email": getattr(actor, "email", "") or ""},
            },
        )
    return verwijzing


def doorverwijzing_status(*, partner: Ketenpartner, gegevens: dict, grootte: int) -> Ontvangst:
    """KOP-4: the organisation reports on a referral (ontvangen, in behandeling, afgewezen met reden, afgerond):
    on the referral, the casus timeline, and a notification to the caseworker who referred."""
    nummer = gegevens["doorverwijzing"]
    verwijzing = (
        Doorverwijzing.objects.select_related("organisatie", "casus")
        .filter(pk=int(nummer[2:]), organisatie__partner=partner)
        .first()
    )
    if verwijzing is None:
        raise Afgewezen("doorverwijzing", _("Onbekende doorverwijzing voor deze organisatie."))

    def verwerken() -> str:
        with transaction.atomic():
            v = Doorverwijzing.objects.select_for_update().get(pk=verwijzing.pk)
            oud = v.status
            v.status, v.status_reden, v.bijgewerkt_op = gegevens["status"], gegevens.get("reden", ""), klok.nu()
            v.save(update_fields=["status", "status_reden", "bijgewerkt_op"])
            audit_record(
                Actie.WIJZIGEN,
                obj=v,
                client_id=v.casus.client_id,
                changes={"status": [oud, v.status]},
                reason=partner.naam,
            )
            tekst = _("%(o)s: doorverwijzing %(n)s %(s)s") % {
                "o": v.organisatie.naam,
                "n": v.nummer,
                "s": v.get_status_display(),
            }
            tijdlijn_toevoegen(
                casus=v.casus,
                soort=TijdlijnSoort.CONTACT,
                obj=v,
                omschrijving=f"{tekst}: {v.status_reden}" if v.status_reden else tekst,
            )
            ontvangers = [v.aangemaakt_door_id] if v.aangemaakt_door_id else behandelaars(v.casus)
            tekst = _("Terugmelding op doorverwijzing %(n)s: %(s)s.") % {"n": v.nummer, "s": v.get_status_display()}
            _melden(v.casus_id, ontvangers, Soort.DOORVERWIJZING, tekst)
        return verwijzing.nummer

    nummer = verwijzing.nummer
    return ontvangen(partner=partner, gegevens=gegevens, grootte=grootte, verwerken=verwerken, bestaand=nummer)
