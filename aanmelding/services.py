"""Referral intake and review (AAN-1, AAN-3, AAN-7). Approval is atomic and idempotent: the referral row
is locked, so two reviewers approving at once give one client, one casus and a clear message to the second."""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from aanmelding.bsn import bsn_controle_inplannen
from aanmelding.models import OPEN_AANMELDINGSTATUSSEN, Aanmelding, AanmeldingStatus, Afwijsreden, Signalering, Wachtrij
from aanmelding.zitting import zittingen_melden
from casus import signalen
from casus.betrokkenen import betrokkene_toevoegen
from casus.models import BetrokkeneRol, Casus, Client, Kanaal, TijdlijnSoort
from casus.services import (
    ADRES_FIELDS,
    CLIENT_FIELDS,
    casus_aanmaken,
    client_aanmaken,
    strafzaken_bijwerken,
    tijdlijn_toevoegen,
)
from cris import klok
from cris.audit.api import Actie, audit_record, audit_record_many
from cris.db import bulk_copy
from gebeurtenissen.models import Gebeurtenis
from gebeurtenissen.services import casus_koppelen
from taken.models import TaakType
from taken.services.levenscyclus import taak_aanmaken
from werkstroom.models import Afdeling, Team

logger = logging.getLogger(__name__)

STANDAARD_TAAKTYPE = "AB-BENADERING"
# Issue 24: what the review page proposes per queue: prosecution referrals (JD-Admin) go to Juridische
# Dienstverlening, not to Actieve Benadering.
STANDAARD_TAAKTYPE_PER_WACHTRIJ = {Wachtrij.ADMINISTRATIE: STANDAARD_TAAKTYPE, Wachtrij.JD_ADMIN: "JD-INTAKE"}
# AAN-7: instead of Actieve Benadering the reviewer may create tasks for these departments (ZSM is JD's).
GOEDKEUR_AFDELINGEN = [
    Afdeling.ACTIEVE_BENADERING,
    Afdeling.JURIDISCHE_DIENSTVERLENING,
    Afdeling.ALGEMENE_DIENSTVERLENING,
    Afdeling.CMA,
    Afdeling.LOTGENOTEN,
]
CASUS_FIELDS = (
    "pv_nummer",
    "parketnummer",
    "slachtofferrol",
    "delict_code",
    "delict_omschrijving",
    "delict_datum",
    "delict_plaats",
    "beschermingsmaatregelen",
    "kwetsbaarheden",
    "juridische_informatie",
)


class AanmeldingFout(Exception):
    """The referral cannot be handled this way now; the message is for the user (Dutch)."""


def strafzaak_gegevens(opgeslagen: dict) -> dict:
    """The referral keeps the prosecution's data as JSON; the Strafzaak wants a datetime for the hearing."""
    gegevens = dict(opgeslagen)
    if gegevens.get("zittingsdatum"):
        gegevens["zittingsdatum"] = datetime.fromisoformat(gegevens["zittingsdatum"])
    return gegevens


def wachtrij_voor(kanaal: str) -> str:
    return Wachtrij.JD_ADMIN if kanaal == Kanaal.EDOM else Wachtrij.ADMINISTRATIE


def aanmelding_registreren(*, actor, gegevens: dict) -> Aanmelding:
    """AAN-1: a referral entered by hand (CAI phone, CMA, recherche, ...). Once stored it goes where an imported
    one goes (``na_ontvangst``): a delict with an online offer only gets that offer (AAN-8) exactly as an
    imported one; the rules for approval without a person (AAN-9) are for chain partners' referrals only."""
    with transaction.atomic():
        aanmelding = Aanmelding(
            **gegevens, wachtrij=wachtrij_voor(gegevens["kanaal"]), ontvangen_op=klok.nu(), ingevoerd_door=actor
        )
        bsn_controle_inplannen([aanmelding])  # AAN-6: checked with BVBSN once stored; intake does not wait
        aanmelding.full_clean()
        aanmelding.save()
        audit_record(Actie.AANMAKEN, actor=actor, obj=aanmelding, changes={"kanaal": [None, aanmelding.kanaal]})
        transaction.on_commit(lambda: na_ontvangst([aanmelding.pk]))
    return aanmelding


def aanmeldingen_ontvangen(*, aanmeldingen: list[Aanmelding], reden: str) -> list[Aanmelding]:
    """AAN-1: referrals received from a chain partner (EDP, EDOM), stored in bulk with their audit entries
    in the caller's transaction; once committed they go to ``na_ontvangst`` and those with a BSN to the
    BVBSN check (AAN-6; the caller has applied the BSN matrix). They wait in the review queue of their
    channel (AAN-3)."""
    for aanmelding in aanmeldingen:
        aanmelding.wachtrij = wachtrij_voor(aanmelding.kanaal)
    with transaction.atomic():
        bsn_controle_inplannen(aanmeldingen)
        bulk_copy(Aanmelding, aanmeldingen)
        audit_record_many(
            Actie.AANMAKEN,
            (
                {"obj": a, "changes": {"kanaal": [None, a.kanaal], "bericht_id": [None, a.bericht_id]}}
                for a in aanmeldingen
            ),
            reason=reden,
        )
        ids = [a.pk for a in aanmeldingen]
        transaction.on_commit(lambda: na_ontvangst(ids))
    return aanmeldingen


def na_ontvangst(aanmelding_ids: list[int]) -> None:
    """The single place where referrals go after they arrived (from a chain partner, or entered by hand), once
    stored.

    Called after commit with the ids of the new referrals; hands them to automatic processing
    (aanmelding.automatisch: AAN-8 online offer, AAN-9 rules) in a Celery task, so an import or the HTTP
    endpoint never waits for approvals. Whatever is not decided automatically waits in its review queue.
    """
    if not aanmelding_ids:
        return
    from aanmelding.tasks import automatisch_verwerken

    for begin in range(0, len(aanmelding_ids), VERWERK_PARTIJ):
        try:
            automatisch_verwerken.delay(list(aanmelding_ids[begin : begin + VERWERK_PARTIJ]))
        except Exception:  # the broker is down: the referrals are stored; the periodic job decides them
            logger.warning(
                "automatic processing of %s referrals not queued; automatisch_herhalen picks them up",
                len(aanmelding_ids[begin : begin + VERWERK_PARTIJ]),
                exc_info=True,
            )


VERWERK_PARTIJ = 500


def _lock_open(aanmelding_id: int) -> Aanmelding:
    aanmelding = Aanmelding.objects.select_for_update(of=("self",)).select_related("beoordelaar").get(pk=aanmelding_id)
    if aanmelding.status not in OPEN_AANMELDINGSTATUSSEN:
        raise AanmeldingFout(
            _("Deze aanmelding is al %(status)s door %(wie)s op %(wanneer)s.")
            % {
                "status": aanmelding.get_status_display().lower(),
                "wie": aanmelding.beoordelaar or _("het systeem"),
                "wanneer": date_format(timezone.localtime(aanmelding.beoordeeld_op), "DATETIME_FORMAT")
                if aanmelding.beoordeeld_op
                else "?",
            }
        )
    return aanmelding


def aanmelding_goedkeuren(
    *,
    actor,
    aanmelding: Aanmelding,
    client: Client | None = None,
    taken: list[tuple[TaakType, Team | None]] | None = None,
    automatisch: str = "",
) -> Casus:
    """AAN-7: create (or link) the client, create the casus and its first tasks, in one transaction.

    Automatic processing (AAN-9) approves through here too, with ``actor=None`` and its reason in
    ``automatisch``: the referral is then 'automatisch verwerkt' and the reason is in the audit entry and
    on the timeline. A referral linked to an event (CAS-9) links its new casus to that event."""
    with transaction.atomic():
        aanmelding = _lock_open(aanmelding.pk)
        if client is None:
            client = client_aanmaken(
                actor=actor,
                gegevens={k: getattr(aanmelding, k) for k in CLIENT_FIELDS},
                adres={k: getattr(aanmelding, k) for k in ADRES_FIELDS},
            )
        gegevens = {k: getattr(aanmelding, k) for k in CASUS_FIELDS}
        casus = casus_aanmaken(actor=actor, client=client, gegevens={**gegevens, "bron": aanmelding.kanaal})
        strafzaken = []
        if aanmelding.strafzaak:
            strafzaken = strafzaken_bijwerken(
                actor=actor,
                wijzigingen=[
                    (
                        casus,
                        strafzaak_gegevens(aanmelding.strafzaak),
                        _("Aanmelding %(n)s goedgekeurd") % {"n": aanmelding.nummer},
                    )
                ],
            )
        tijdlijn_toevoegen(
            casus=casus,
            soort=TijdlijnSoort.AANMELDING,
            obj=aanmelding,
            tijdstip=aanmelding.ontvangen_op,
            omschrijving=_("Aanmelding %(n)s ontvangen via %(k)s")
            % {"n": aanmelding.nummer, "k": aanmelding.get_kanaal_display()},
        )
        for taaktype, team in taken or [(TaakType.objects.get(code=STANDAARD_TAAKTYPE), None)]:
            taak_aanmaken(actor=actor, casus=casus, taaktype=taaktype, team=team, vanaf=aanmelding.ontvangen_op)
        zittingen_melden(strafzaken)  # issue 24: a coming hearing with speaking right alerts the JD worker
        if aanmelding.gebeurtenis_id:
            casus_koppelen(actor=actor, gebeurtenis=aanmelding.gebeurtenis, casus=casus)
        _betrokkenen_overnemen(actor=actor, aanmelding=aanmelding, casus=casus)
        oud = aanmelding.status
        aanmelding.status = AanmeldingStatus.AUTOMATISCH_VERWERKT if automatisch else AanmeldingStatus.GOEDGEKEURD
        aanmelding.beoordelaar, aanmelding.beoordeeld_op = actor, klok.nu()
        aanmelding.casus = casus
        aanmelding.save()
        audit_record(
            Actie.WIJZIGEN,
            actor=actor,
            obj=aanmelding,
            client_id=client.pk,
            reason=automatisch,
            changes={"status": [oud, aanmelding.status], "casus": [None, casus.pk]},
        )
        tijdlijn_toevoegen(
            casus=casus,
            soort=TijdlijnSoort.AANMELDING,
            obj=aanmelding,
            medewerker=actor,
            omschrijving=_("Aanmelding automatisch goedgekeurd: %(r)s") % {"r": automatisch}
            if automatisch
            else _("Aanmelding goedgekeurd"),
        )
        signalen.melden(casus_id=casus.pk, client_id=client.pk, soort=signalen.CASUS_GEACCEPTEERD)
    return casus


def _betrokkenen_overnemen(*, actor, aanmelding: Aanmelding, casus: Casus) -> None:
    """Issue 24: what the referrer wrote about other people lands on the casus (CAS-4): a minor's parent or
    representative (the contact person), and the reporting officer. The referral itself stays readable from
    the casus for the rest (toelichting, consent)."""
    bron = _("uit aanmelding %(n)s") % {"n": aanmelding.nummer}
    if aanmelding.vertegenwoordiger.strip():
        betrokkene_toevoegen(
            actor=actor,
            casus=casus,
            gegevens={
                "rol": BetrokkeneRol.VERTEGENWOORDIGER,
                "naam": aanmelding.vertegenwoordiger.strip()[:200],
                "contactpersoon": aanmelding.minderjarig,
                "toelichting": (_("cliënt minderjarig, ") if aanmelding.minderjarig else "") + bron,
            },
        )
    if aanmelding.melder.strip():
        betrokkene_toevoegen(
            actor=actor,
            casus=casus,
            gegevens={
                "rol": BetrokkeneRol.CONTACTPERSOON,
                "naam": aanmelding.melder.strip()[:200],
                "organisatie": aanmelding.get_kanaal_display()[:200],
                "toelichting": _("melder, %(b)s") % {"b": bron},
            },
        )


def aanmelding_afkeuren(
    *, actor, aanmelding: Aanmelding, reden: str = "", afwijsreden: Afwijsreden | None = None
) -> Aanmelding:
    """AAN-3: reject with a reason from the list (Afwijsreden) and/or an explanation."""
    toelichting = reden.strip()
    if afwijsreden is None and not toelichting:
        raise AanmeldingFout(_("Geef de reden van afwijzing op."))
    if afwijsreden is not None and afwijsreden.toelichting_verplicht and not toelichting:
        raise AanmeldingFout(_("Licht de reden '%(r)s' toe.") % {"r": afwijsreden.naam})
    tekst = ": ".join(p for p in (afwijsreden.naam if afwijsreden else "", toelichting) if p)
    with transaction.atomic():
        aanmelding = _lock_open(aanmelding.pk)
        oud = aanmelding.status
        aanmelding.status = AanmeldingStatus.AFGEKEURD
        aanmelding.afwijsreden = tekst
        aanmelding.reden_afwijzing = afwijsreden
        aanmelding.beoordelaar, aanmelding.beoordeeld_op = actor, klok.nu()
        aanmelding.save()
        audit_record(
            Actie.WIJZIGEN,
            actor=actor,
            obj=aanmelding,
            reason=tekst,
            changes={"status": [oud, aanmelding.status], "reden_afwijzing": [None, afwijsreden]},
        )
    return aanmelding


def aanmelding_samenvoegen(*, actor, aanmelding: Aanmelding, doel: Aanmelding, toelichting: str = "") -> Aanmelding:
    """AAN-3: this referral is a duplicate of ``doel``; it is closed as 'samengevoegd' and points there.
    Nothing is copied: the reviewer of ``doel`` sees the duplicate listed on it. If ``doel`` already has a
    casus, its timeline records the duplicate."""
    if doel.pk == aanmelding.pk:
        raise AanmeldingFout(_("Een aanmelding kan niet met zichzelf worden samengevoegd."))
    with transaction.atomic():
        aanmelding = _lock_open(aanmelding.pk)
        doel = Aanmelding.objects.select_for_update(of=("self",)).select_related("casus").get(pk=doel.pk)
        if doel.status == AanmeldingStatus.SAMENGEVOEGD:
            raise AanmeldingFout(
                _("Aanmelding %(n)s is zelf al samengevoegd; kies de aanmelding waarmee die is samengevoegd.")
                % {"n": doel.nummer}
            )
        oud = aanmelding.status
        aanmelding.status = AanmeldingStatus.SAMENGEVOEGD
        aanmelding.samengevoegd_met = doel
        aanmelding.beoordelaar, aanmelding.beoordeeld_op = actor, klok.nu()
        aanmelding.save(update_fields=["status", "samengevoegd_met", "beoordelaar", "beoordeeld_op"])
        reden = _("Dubbele aanmelding van %(d)s") % {"d": doel.nummer}
        if toelichting.strip():
            reden = f"{reden}: {toelichting.strip()}"
        audit_record(
            Actie.WIJZIGEN,
            actor=actor,
            obj=aanmelding,
            client_id=doel.casus.client_id if doel.casus else None,
            reason=reden,
            changes={"status": [oud, aanmelding.status], "samengevoegd_met": [None, doel.pk]},
        )
        if doel.casus:
            tijdlijn_toevoegen(
                casus=doel.casus,
                soort=TijdlijnSoort.AANMELDING,
                obj=aanmelding,
                medewerker=actor,
                omschrijving=_("Aanmelding %(n)s (ontvangen via %(k)s) samengevoegd met %(d)s als dubbele")
                % {"n": aanmelding.nummer, "k": aanmelding.get_kanaal_display(), "d": doel.nummer},
            )
    return aanmelding


def aanmeldingen_aan_gebeurtenis_koppelen(
    *, actor, aanmeldingen: list[Aanmelding], gebeurtenis: Gebeurtenis | None
) -> int:
    """AAN-10: link open referrals to an event (or unlink with None). An approved one also links its casus."""
    with transaction.atomic():
        rijen = list(
            Aanmelding.objects.select_for_update(of=("self",))
            .select_related("casus")
            .filter(pk__in=[a.pk for a in aanmeldingen])
            .exclude(status=AanmeldingStatus.SAMENGEVOEGD)
        )
        for aanmelding in rijen:
            oud = aanmelding.gebeurtenis_id
            if oud == (gebeurtenis.pk if gebeurtenis else None):
                continue
            aanmelding.gebeurtenis = gebeurtenis
            aanmelding.save(update_fields=["gebeurtenis"])
            audit_record(
                Actie.WIJZIGEN,
                actor=actor,
                obj=aanmelding,
                changes={"gebeurtenis": [oud, gebeurtenis.pk if gebeurtenis else None]},
            )
            if gebeurtenis is not None and aanmelding.casus is not None:
                casus_koppelen(actor=actor, gebeurtenis=gebeurtenis, casus=aanmelding.casus)
    return len(rijen)


def online_aanbod_afhandelen(*, actor, aanmelding: Aanmelding, toelichting: str) -> Aanmelding:
    """AAN-8 by hand: the online offer could not go by e-mail (flagged); the reviewer informed the person
    another way (by phone, or a letter outside CRIS) and closes the referral as 'online aanbod verstuurd'."""
    if not toelichting.strip():
        raise AanmeldingFout(_("Vermeld hoe de persoon over het online aanbod is geïnformeerd."))
    with transaction.atomic():
        aanmelding = _lock_open(aanmelding.pk)
        oud = aanmelding.status
        aanmelding.status = AanmeldingStatus.ONLINE_AANBOD
        aanmelding.beoordelaar, aanmelding.beoordeeld_op = actor, klok.nu()
        aanmelding.signaleringen = [s for s in aanmelding.signaleringen if s != Signalering.ONLINE_AANBOD_HANDMATIG]
        aanmelding.save(update_fields=["status", "beoordelaar", "beoordeeld_op", "signaleringen"])
        audit_record(
            Actie.WIJZIGEN,
            actor=actor,
            obj=aanmelding,
            reason=toelichting.strip(),
            changes={"status": [oud, aanmelding.status]},
        )
    return aanmelding
