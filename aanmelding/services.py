"""Referral intake and review (AAN-1, AAN-3, AAN-7). Approval is atomic and idempotent: the referral row
is locked, so two reviewers approving at once give one client, one casus and a clear message to the second."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from aanmelding.bsn import bsn_controle_aanvragen, bsn_signaleringen
from aanmelding.models import OPEN_AANMELDINGSTATUSSEN, Aanmelding, AanmeldingStatus, Wachtrij
from casus.models import Casus, Client, Kanaal, TijdlijnSoort
from casus.services import (
    ADRES_FIELDS,
    CLIENT_FIELDS,
    casus_aanmaken,
    client_aanmaken,
    strafzaken_bijwerken,
    tijdlijn_toevoegen,
)
from cris.audit.api import Actie, audit_record, audit_record_many
from cris.db import bulk_copy
from taken.models import TaakType
from taken.services import taak_aanmaken
from werkstroom.models import Afdeling, Team

STANDAARD_TAAKTYPE = "AB-BENADERING"
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
    """AAN-1: a referral entered by hand (CAI phone, CMA, recherche, ...)."""
    with transaction.atomic():
        aanmelding = Aanmelding(
            **gegevens, wachtrij=wachtrij_voor(gegevens["kanaal"]), ontvangen_op=timezone.now(), ingevoerd_door=actor
        )
        aanmelding.signaleringen = bsn_signaleringen(aanmelding.bsn, aanmelding.signaleringen)
        aanmelding.full_clean()
        aanmelding.save()
        audit_record(Actie.AANMAKEN, actor=actor, obj=aanmelding, changes={"kanaal": [None, aanmelding.kanaal]})
        if aanmelding.bsn:  # AAN-6: checked with BVBSN once stored; intake does not wait for it
            transaction.on_commit(lambda: bsn_controle_aanvragen([aanmelding.pk]))
    return aanmelding


def aanmeldingen_ontvangen(*, aanmeldingen: list[Aanmelding], reden: str) -> list[Aanmelding]:
    """AAN-1: referrals received from a chain partner (EDP, EDOM), stored in bulk with their audit entries
    in the caller's transaction; once committed they go to ``na_ontvangst``. They wait in the review queue
    of their channel (AAN-3)."""
    for aanmelding in aanmeldingen:
        aanmelding.wachtrij = wachtrij_voor(aanmelding.kanaal)
    with transaction.atomic():
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
    """The single place where referrals go after they arrived from a chain partner, once stored.

    Automatic processing (AAN-9: configurable rules that approve complete, unambiguous police referrals,
    and AAN-8: the online offer for online-only delicts) hooks in here; until those rules exist every
    referral simply waits in its review queue. Called after commit, with the ids of the new referrals.
    """


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
) -> Casus:
    """AAN-7: create (or link) the client, create the casus and its first tasks, in one transaction."""
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
        if aanmelding.strafzaak:
            strafzaken_bijwerken(
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
        aanmelding.status = AanmeldingStatus.GOEDGEKEURD
        aanmelding.beoordelaar, aanmelding.beoordeeld_op = actor, timezone.now()
        aanmelding.casus = casus
        aanmelding.save()
        audit_record(
            Actie.WIJZIGEN,
            actor=actor,
            obj=aanmelding,
            client_id=client.pk,
            changes={"status": ["nieuw", "goedgekeurd"], "casus": [None, casus.pk]},
        )
        tijdlijn_toevoegen(
            casus=casus,
            soort=TijdlijnSoort.AANMELDING,
            obj=aanmelding,
            medewerker=actor,
            omschrijving=_("Aanmelding goedgekeurd"),
        )
    return casus


def aanmelding_afkeuren(*, actor, aanmelding: Aanmelding, reden: str) -> Aanmelding:
    if not reden.strip():
        raise AanmeldingFout(_("Geef de reden van afwijzing op."))
    with transaction.atomic():
        aanmelding = _lock_open(aanmelding.pk)
        oud = aanmelding.status
        aanmelding.status = AanmeldingStatus.AFGEKEURD
        aanmelding.afwijsreden = reden.strip()
        aanmelding.beoordelaar, aanmelding.beoordeeld_op = actor, timezone.now()
        aanmelding.save()
        audit_record(
            Actie.WIJZIGEN,
            actor=actor,
            obj=aanmelding,
            reason=reden.strip(),
            changes={"status": [oud, aanmelding.status]},
        )
    return aanmelding
