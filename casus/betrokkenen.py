"""Writes on the further parts of a casus: betrokkenen (CAS-4), related cases (CAS-9) and the client's
Mijnslachtofferhulp status (CAS-1 MSH). Each in one transaction with its audit entry and timeline line."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from casus.models import Betrokkene, Casus, CasusRelatie, MshAccount, MshStatus, TijdlijnSoort
from casus.services import tijdlijn_toevoegen
from cris import klok
from cris.audit.api import Actie, audit_record, changes_between

BETROKKENE_FIELDS = ("rol", "naam", "telefoon", "email", "organisatie", "toelichting", "contactpersoon")


def betrokkene_toevoegen(*, actor, casus: Casus, gegevens: dict) -> Betrokkene:
    with transaction.atomic():
        betrokkene = Betrokkene(casus=casus, **{k: v for k, v in gegevens.items() if k in BETROKKENE_FIELDS})
        betrokkene.full_clean()
        betrokkene.save()
        audit_record(
            Actie.AANMAKEN,
            actor=actor,
            obj=betrokkene,
            client_id=casus.client_id,
            changes=changes_between(None, betrokkene, BETROKKENE_FIELDS),
        )
        tijdlijn_toevoegen(
            casus=casus,
            soort=TijdlijnSoort.STATUS,
            omschrijving=_("Betrokkene toegevoegd: %(rol)s") % {"rol": betrokkene.get_rol_display()},
            medewerker=actor,
            obj=betrokkene,
        )
    return betrokkene


def betrokkene_verwijderen(*, actor, betrokkene: Betrokkene) -> None:
    with transaction.atomic():
        casus = betrokkene.casus
        audit_record(
            Actie.VERWIJDEREN,
            actor=actor,
            obj=betrokkene,
            client_id=casus.client_id,
            changes={k: [v, None] for k, v in changes_between(None, betrokkene, BETROKKENE_FIELDS).items()},
        )
        tijdlijn_toevoegen(
            casus=casus,
            soort=TijdlijnSoort.STATUS,
            omschrijving=_("Betrokkene verwijderd: %(rol)s") % {"rol": betrokkene.get_rol_display()},
            medewerker=actor,
        )
        betrokkene.delete()


class RelatieFout(ValueError):
    pass


def casussen_relateren(*, actor, casus: Casus, ander: Casus, toelichting: str = "") -> CasusRelatie:
    """Relate two cases by hand (CAS-9). The caller has checked that the actor may see both."""
    if casus.pk == ander.pk:
        raise RelatieFout(_("Een casus kan niet aan zichzelf gerelateerd worden."))
    van, naar = sorted((casus, ander), key=lambda c: c.pk)
    with transaction.atomic():
        relatie, nieuw = CasusRelatie.objects.get_or_create(
            van=van, naar=naar, defaults={"toelichting": toelichting[:300], "aangemaakt_door": actor}
        )
        if not nieuw:
            raise RelatieFout(_("Deze casussen zijn al aan elkaar gerelateerd."))
        for een, twee in ((casus, ander), (ander, casus)):
            audit_record(
                Actie.WIJZIGEN,
                actor=actor,
                obj=een,
                client_id=een.client_id,
                changes={"gerelateerd": [None, twee.nummer]},
                reason=toelichting,
            )
            tijdlijn_toevoegen(
                casus=een,
                soort=TijdlijnSoort.STATUS,
                omschrijving=_("Gerelateerd aan casus %(nr)s") % {"nr": twee.nummer},
                medewerker=actor,
            )
    return relatie


def msh_status_bijwerken(*, actor=None, client, status: str, laatste_login=None) -> MshAccount:
    """Record the client's Mijnslachtofferhulp status as the platform reports it (KOP-3 brings it later)."""
    if status not in MshStatus.values:
        raise ValueError(status)
    with transaction.atomic():
        account = MshAccount.objects.select_for_update().filter(client=client).first()
        oud = {"status": account.status, "laatste_login": account.laatste_login} if account else None
        account = account or MshAccount(client=client)
        account.status = status
        if status == MshStatus.UITGENODIGD and account.uitgenodigd_op is None:
            account.uitgenodigd_op = klok.nu()
        if laatste_login is not None:
            account.laatste_login = laatste_login
        account.save()
        audit_record(
            Actie.WIJZIGEN if oud else Actie.AANMAKEN,
            actor=actor,
            obj=account,
            client_id=client.pk,
            changes=changes_between(oud, account, ["status", "laatste_login"]),
        )
    return account
