"""Automatic processing of referrals from the chain partners (AAN-8, AAN-9).

After an import every new referral gets exactly one decision (AutomatischBesluit) with its reason:

- the delict has an online offer only (AAN-8): the person gets the delict's message by e-mail and the
  referral is closed as "online aanbod verstuurd". Without consent, e-mail address or a valid template the
  referral goes to a person, flagged: CRIS sends no letter on its own, because a letter is filed on a casus
  and an online-only referral gets none (see docs/beheer.md);
- an active rule of the channel applies and all its conditions hold, the delict is in the target group and
  the client is certain (AAN-9): approved through ``aanmelding_goedkeuren`` without a person, the same path
  as a reviewer's approval;
- otherwise: to the review queue, with the reason it was not processed automatically.

A referral entered by hand (``ingevoerd_door``) goes through the same path for the online offer (AAN-8) only:
a person took it down and a person reviews it, so without an online-only delict no decision is recorded.

A client is certain when the client finder finds nobody who could be this person (certainly new), or
exactly one, who matches exactly on BSN and birth date, or on normalised name, birth date and postcode.
A similar-looking client (a fuzzy hit of the finder) is never certain: the referral goes to a person.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from aanmelding.models import (
    OPEN_AANMELDINGSTATUSSEN,
    Aanmelding,
    AanmeldingStatus,
    AutomatischBesluit,
    Delict,
    Doelgroep,
    Signalering,
    Uitkomst,
    Verwerkingsregel,
)
from casus.clientzoeker import clienten_zoeken
from casus.models import Casus, Client
from casus.namen import ascii_letters
from casus.selectors import normaliseer_postcode
from cris import klok
from cris.audit.api import Actie, audit_record
from documenten.models import Sjabloon
from documenten.selectors import sjabloon_voor_online_aanbod
from documenten.services import DocumentFout
from documenten.services.outbox import online_aanbod_klaarzetten
from taken.services import TaakFout

logger = logging.getLogger(__name__)


@dataclass
class Besluit:
    uitkomst: str
    reden: str
    regel: Verwerkingsregel | None = None
    client: Client | None = None
    sjabloon: Sjabloon | None = None
    signalering: str = ""


def _naam(*delen: str) -> str:
    """'Van der Bergh', 'van der  Bérgh' → 'vanderbergh', 'Yılmaz' → 'yilmaz': case, accents, spaces and
    punctuation ignored (an exact comparison; the client finder's phonetic keys are for likely matches)."""
    return "".join(c for c in ascii_letters(" ".join(d or "" for d in delen)) if c.isalnum())


def zekere_client(aanmelding: Aanmelding) -> tuple[bool, Client | None, str]:
    """(certain?, the existing client or None for a new one, why)."""
    a = aanmelding
    if not (a.achternaam and a.geboortedatum):
        return False, None, _("zonder achternaam en geboortedatum is niet zeker wie de cliënt is")
    kandidaten = clienten_zoeken(
        tellen=False,
        bsn=a.bsn,
        achternaam=a.achternaam,
        geboortedatum=a.geboortedatum,
        postcode=a.postcode,
        huisnummer=a.huisnummer,
    )
    # A housemate found by address with another birth date is someone else; anyone else could be this person.
    mogelijk = [
        k.client
        for k in kandidaten
        if (a.bsn and k.client.bsn == a.bsn) or k.client.geboortedatum in (None, a.geboortedatum)
    ]
    if not mogelijk:
        if a.bsn or (a.postcode and a.huisnummer):
            return True, None, _("nieuwe cliënt: niemand gevonden op BSN, naam en geboortedatum of adres")
        return False, None, _("te weinig gegevens om zeker te zijn dat de cliënt nieuw is")
    if len(mogelijk) > 1:
        return False, None, _("%(n)d mogelijk bestaande cliënten") % {"n": len(mogelijk)}
    client = mogelijk[0]
    if a.bsn and client.bsn == a.bsn and client.geboortedatum == a.geboortedatum:
        return True, client, _("bestaande cliënt %(c)s: zelfde BSN en geboortedatum") % {"c": client.nummer}
    zelfde_naam = _naam(client.tussenvoegsel, client.achternaam) == _naam(a.tussenvoegsel, a.achternaam)
    voornaam_a, voornaam_c = _naam(a.voornamen or a.voorletters)[:1], _naam(client.voornamen or client.voorletters)[:1]
    zelfde_voornaam = not voornaam_a or not voornaam_c or voornaam_a == voornaam_c
    bsn_strijdig = bool(a.bsn and client.bsn and a.bsn != client.bsn)
    if (
        zelfde_naam
        and zelfde_voornaam
        and not bsn_strijdig
        and client.geboortedatum == a.geboortedatum
        and a.postcode
        and client.adressen.filter(postcode=normaliseer_postcode(a.postcode)).exists()
    ):
        return True, client, _("bestaande cliënt %(c)s: zelfde naam, geboortedatum en postcode") % {"c": client.nummer}
    return False, None, _("cliënt %(c)s lijkt op deze persoon, maar komt niet exact overeen") % {"c": client.nummer}


def _volledig(a: Aanmelding) -> bool:
    return bool(
        a.achternaam and a.geboortedatum and (a.bsn or (a.postcode and a.huisnummer)) and (a.telefoon or a.email)
    )


def _regel_bezwaren(regel: Verwerkingsregel, a: Aanmelding, delict: Delict) -> list[str]:
    bezwaren = []
    if regel.delictcategorieen and delict.categorie not in regel.delictcategorieen:
        bezwaren.append(_("delictcategorie %(c)s valt niet onder de regel") % {"c": delict.categorie or "–"})
    if regel.eis_volledig and not _volledig(a):
        bezwaren.append(_("gegevens onvolledig"))
    if regel.eis_toestemming and not a.toestemming_contact:
        bezwaren.append(_("geen toestemming voor contact"))
    # AAN-6: 'BSN nog niet gecontroleerd' only says the BVBSN check is still queued (it runs alongside this
    # decision); what BVBSN finds (unknown BSN, duplicate) is a flag like any other.
    if regel.eis_geen_signaleringen and set(a.signaleringen) - {Signalering.BSN_NIET_GECONTROLEERD}:
        labels = dict(Signalering.choices)
        gevonden = [labels.get(s, s) for s in a.signaleringen if s != Signalering.BSN_NIET_GECONTROLEERD]
        bezwaren.append(_("signaleringen: %(s)s") % {"s": ", ".join(str(s) for s in gevonden)})
    if regel.eis_meerderjarig and a.minderjarig:
        bezwaren.append(_("minderjarig"))
    if regel.eis_geen_kwetsbaarheden and a.kwetsbaarheden:
        bezwaren.append(_("kwetsbaarheden: %(k)s") % {"k": ", ".join(a.kwetsbaarheden)})
    return bezwaren


def _online_aanbod(a: Aanmelding, delict: Delict) -> Besluit:
    sjabloon = sjabloon_voor_online_aanbod(delict_code=delict.code)
    bezwaren = []
    if not a.toestemming_contact:
        bezwaren.append(_("geen toestemming voor contact"))
    if not a.email:
        bezwaren.append(_("geen e-mailadres"))
    if a.minderjarig:
        bezwaren.append(_("minderjarig: het bericht hoort bij de vertegenwoordiger"))
    if sjabloon is None:
        bezwaren.append(_("geen geldig sjabloon voor het online aanbod"))
    if bezwaren:
        return Besluit(
            Uitkomst.BEOORDELEN,
            _("Alleen online aanbod (%(d)s), niet automatisch verstuurd: %(b)s.")
            % {"d": delict.naam, "b": "; ".join(bezwaren)},
            signalering=Signalering.ONLINE_AANBOD_HANDMATIG,
        )
    return Besluit(
        Uitkomst.ONLINE_AANBOD,
        _("Alleen online aanbod (%(d)s): bericht '%(s)s' per e-mail verstuurd aan %(e)s.")
        % {"d": delict.naam, "s": sjabloon.naam, "e": a.email},
        sjabloon=sjabloon,
    )


def besluit_voor(a: Aanmelding, *, regels: list[Verwerkingsregel], delicten: dict[str, Delict]) -> Besluit | None:
    """What to do with one referral, and why; None for a referral entered by hand that is not for the online
    offer (nothing automatic about it). Reads only; ``uitvoeren`` acts on it."""
    delict = delicten.get(a.delict_code)
    if delict is not None and delict.doelgroep == Doelgroep.ALLEEN_ONLINE:
        return _online_aanbod(a, delict)
    if a.ingevoerd_door_id is not None:
        return None
    van_kanaal = [r for r in regels if r.kanaal == a.kanaal]
    if not van_kanaal:
        return Besluit(Uitkomst.BEOORDELEN, _("Geen actieve regel voor automatische verwerking van dit kanaal."))
    if delict is None:
        return Besluit(Uitkomst.BEOORDELEN, _("Delict onbekend in de delictencatalogus."))
    if delict.doelgroep != Doelgroep.MENSELIJKE_ONDERSTEUNING:
        return Besluit(Uitkomst.BEOORDELEN, _("Delict %(d)s valt buiten de doelgroep.") % {"d": delict.naam})
    redenen, passend = [], None
    for regel in van_kanaal:
        bezwaren = _regel_bezwaren(regel, a, delict)
        if not bezwaren:
            passend = regel
            break
        redenen.append(_("regel '%(r)s': %(b)s") % {"r": regel.naam, "b": "; ".join(bezwaren)})
    if passend is None:
        return Besluit(Uitkomst.BEOORDELEN, _("Niet automatisch verwerkt: %(r)s.") % {"r": " | ".join(redenen)})
    zeker, client, uitleg = zekere_client(a)
    if not zeker:
        return Besluit(
            Uitkomst.BEOORDELEN,
            _("Regel '%(r)s' past, maar de cliënt is niet zeker: %(u)s.") % {"r": passend.naam, "u": uitleg},
            regel=passend,
        )
    return Besluit(
        Uitkomst.GOEDGEKEURD,
        _("Regel '%(r)s': volledig, %(d)s in de doelgroep, %(u)s.")
        % {"r": passend.naam, "d": delict.naam, "u": uitleg},
        regel=passend,
        client=client,
    )


def _vastleggen(a: Aanmelding, besluit: Besluit) -> AutomatischBesluit:
    return AutomatischBesluit.objects.create(
        aanmelding=a, uitkomst=besluit.uitkomst, regel=besluit.regel, reden=besluit.reden[:5000]
    )


def _online_aanbod_versturen(a: Aanmelding, besluit: Besluit, delict: Delict) -> None:
    # An unsaved client and casus only to fill the template; nothing is registered for an online offer.
    client = Client(
        voorletters=a.voorletters,
        voornamen=a.voornamen,
        tussenvoegsel=a.tussenvoegsel,
        achternaam=a.achternaam,
        geslacht=a.geslacht,
    )
    casus = Casus(
        client=client,
        delict_code=a.delict_code,
        delict_omschrijving=a.delict_omschrijving or delict.naam,
        delict_datum=a.delict_datum,
        pv_nummer=a.pv_nummer,
    )
    online_aanbod_klaarzetten(
        sjabloon=besluit.sjabloon,
        casus=casus,
        aan=a.email,
        informatiepagina=delict.informatie_url,
        reden=_("Online aanbod bij aanmelding %(n)s") % {"n": a.nummer},
    )
    oud = a.status
    a.status = AanmeldingStatus.ONLINE_AANBOD
    a.beoordelaar, a.beoordeeld_op = None, klok.nu()
    a.save(update_fields=["status", "beoordelaar", "beoordeeld_op"])
    audit_record(Actie.WIJZIGEN, obj=a, reason=besluit.reden, changes={"status": [oud, a.status]})


def _uitvoeren(aanmelding_id: int, regels, delicten) -> str | None:
    from aanmelding.services import AanmeldingFout, aanmelding_goedkeuren

    with transaction.atomic():
        a = (
            Aanmelding.objects.select_for_update(of=("self",))
            .filter(pk=aanmelding_id, status__in=OPEN_AANMELDINGSTATUSSEN, automatisch_besluit__isnull=True)
            .first()
        )
        if a is None:  # already decided (a task delivered twice) or handled by a person meanwhile
            return None
        besluit = besluit_voor(a, regels=regels, delicten=delicten)
        if besluit is None:
            return None
        if besluit.uitkomst == Uitkomst.ONLINE_AANBOD:
            try:
                with transaction.atomic():
                    _online_aanbod_versturen(a, besluit, delicten[a.delict_code])
            except DocumentFout as fout:
                besluit = Besluit(
                    Uitkomst.BEOORDELEN,
                    _("Online aanbod niet verstuurd: %(f)s") % {"f": fout},
                    signalering=Signalering.ONLINE_AANBOD_HANDMATIG,
                )
        elif besluit.uitkomst == Uitkomst.GOEDGEKEURD:
            try:
                with transaction.atomic():
                    aanmelding_goedkeuren(actor=None, aanmelding=a, client=besluit.client, automatisch=besluit.reden)
            except (AanmeldingFout, TaakFout, ValidationError) as fout:
                logger.warning("referral %s not approved automatically: %s", a.pk, fout)
                besluit = Besluit(
                    Uitkomst.BEOORDELEN,
                    _("Automatisch goedkeuren lukte niet (%(f)s); beoordeel de aanmelding zelf.") % {"f": fout},
                    regel=besluit.regel,
                )
        if besluit.signalering and besluit.signalering not in a.signaleringen:
            a.signaleringen = [*a.signaleringen, besluit.signalering]
            Aanmelding.objects.filter(pk=a.pk).update(signaleringen=a.signaleringen)
        _vastleggen(a, besluit)
    return besluit.uitkomst


def verwerken(aanmelding_ids: list[int]) -> dict[str, int]:
    """Decide every referral of these ids that has no decision yet; each in its own transaction, so one
    that fails does not hold up the others. Idempotent: a referral is decided once.

    A referral whose processing raised stays undecided (``mislukt`` counts them) and is picked up again by
    :func:`te_verwerken` (the periodic job) or the task's retry."""
    regels = list(Verwerkingsregel.objects.filter(actief=True).order_by("pk"))
    delicten = {d.code: d for d in Delict.objects.filter(actief=True)}
    telling = {**dict.fromkeys(Uitkomst.values, 0), "mislukt": 0}
    for pk in aanmelding_ids:
        try:
            uitkomst = _uitvoeren(pk, regels, delicten)
        except DatabaseError:
            raise  # the database is gone: the whole batch is retried
        except Exception:
            logger.exception("referral %s: automatic processing failed; it is tried again later", pk)
            telling["mislukt"] += 1
            continue
        if uitkomst:
            telling[uitkomst] += 1
    return telling


def te_verwerken():
    """Issue 23 item 1: the referrals received from a chain partner (and those entered by a person with an
    online-only delict, AAN-8) that are still open and have no automatic decision: what the periodic job hands
    to :func:`verwerken`, oldest first. The state is the database's: a lost task, a broker that was down at
    commit or a killed worker leaves the referral here until it is decided."""
    online = Delict.objects.filter(actief=True, doelgroep=Doelgroep.ALLEEN_ONLINE).values("code")
    return (
        Aanmelding.objects.filter(
            Q(ingevoerd_door__isnull=True) | Q(delict_code__in=online),
            status__in=OPEN_AANMELDINGSTATUSSEN,
            automatisch_besluit__isnull=True,
        )
        .order_by("ontvangen_op", "pk")
        .values_list("pk", flat=True)
    )
