"""AUT-2: temporary access to a casus, and emergency access for the piket.

- A user who may not see a casus asks for it with a reason (``toegang_aanvragen``). The team leaders of the
  teams holding the casus decide; for a Casemanagement casus the CMA-coördinator (``casus.permissions``).
- A grant runs until ``geldig_tot``; casus.access compares that with the application's clock (``klok.NU``),
  and the beat job ``toegang_verlopen`` marks it verlopen and tells the holder.
- The piket (Acute Opvang) takes access at once outside office hours (``noodtoegang_nemen``), with a
  mandatory reason; the privacy officer reviews every such grant afterwards (``noodtoegang_beoordelen``).
Requests, decisions, expiry and reviews are notified and audited. Notification texts carry only the
casus number (NOT-1).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casus.access import view_casus_permission, ziet_casus
from casus.models import (
    Casus,
    CasusGroupObjectPermission,
    ToegangSoort,
    ToegangStatus,
    Toegangsverlening,
    verlening_verlopen_q,
)
from casus.permissions import beslissers, mag_beslissen, mag_noodtoegang_beoordelen, mag_noodtoegang_nemen
from cris import klok
from cris.accounts.models import Medewerker
from cris.accounts.roles import Rol
from cris.audit.api import Actie, audit_record, audit_record_many
from cris.notificaties.models import Soort
from cris.notificaties.services import notificeren
from werkstroom import piket
from werkstroom.models import Afdeling, Lidmaatschap, Team

MIN_REDEN = 10


class ToegangFout(ValidationError):
    """A request that cannot be made or decided as asked; the message is for the user."""


def buiten_kantooruren(moment: datetime | None = None) -> bool:
    """TAK-8, issue 24: emergency access follows Acute Opvang's out-of-hours window (werkstroom.piket: the
    weekend and weekday nights 17:00–08:00, as configured), the same window that routes AO alerts."""
    return piket.buiten_kantooruren(moment)


def te_beslissen_door(user):
    """Open requests this user decides on, in SQL: the same rule as ``casus.permissions.beslissers``, seen from the
    decider."""
    perm = view_casus_permission()
    houders = CasusGroupObjectPermission.objects.filter(content_object=OuterRef("casus_id"), permission_id=perm)
    cm_groepen = Team.objects.filter(afdeling=Afdeling.CASEMANAGEMENT).values("groep_id")
    geleid = Lidmaatschap.objects.filter(medewerker=user, rol=Lidmaatschap.Rol.TEAMLEIDER)
    coordinator = user.heeft_rol(Rol.CMA_COORDINATOR)
    if not coordinator and not geleid.exists():
        # Neither rule can hold for someone who leads no team (Mijn werk asks this of everyone): one small
        # query instead of building and planning the four EXISTS below.
        return Toegangsverlening.objects.none()
    via_team = Exists(houders.filter(group_id__in=geleid.values("team__groep_id"))) & ~Exists(
        houders.filter(group_id__in=cm_groepen)
    )
    zonder_team = ~Exists(houders) & Exists(
        Lidmaatschap.objects.filter(medewerker_id=OuterRef("medewerker_id"), team_id__in=geleid.values("team_id"))
    )
    regel = via_team | zonder_team
    if coordinator:
        regel |= Exists(houders.filter(group_id__in=cm_groepen))
    return (
        Toegangsverlening.objects.filter(status=ToegangStatus.AANGEVRAAGD).exclude(medewerker_id=user.pk).filter(regel)
    )


def _reden_controleren(reden: str) -> str:
    reden = (reden or "").strip()
    if len(reden) < MIN_REDEN:
        raise ToegangFout(
            {"reden": _("Geef een reden van minstens %(n)d tekens: waarom heb je deze casus nodig?") % {"n": MIN_REDEN}}
        )
    return reden


def _link(verlening: Toegangsverlening) -> str:
    return reverse("casus:toegang")


def _audit(actie: str, verlening: Toegangsverlening, *, actor, changes=None, reden: str = "") -> None:
    audit_record(
        actie,
        actor=actor,
        obj=verlening,
        client_id=verlening.casus.client_id if verlening.casus_id else None,
        reason=reden or verlening.reden,
        changes=changes,
    )


def toegang_aanvragen(*, actor, casus: Casus | int, reden: str, dagen: int = 7) -> Toegangsverlening:
    """Ask for access to a casus, given as the casus or as the number asked for (its pk). A request already
    open for it is returned, not doubled.

    A number that does not exist gets a request too, kept and listed like any other, that nobody can decide
    on: the answer and the access page are the same either way (issue 21 item 14)."""
    casus_pk = casus if isinstance(casus, int) else casus.pk
    reden = _reden_controleren(reden)
    if not 1 <= dagen <= settings.TOEGANG_MAX_DAGEN:
        raise ToegangFout({"dagen": _("Kies een duur van 1 tot %(max)d dagen.") % {"max": settings.TOEGANG_MAX_DAGEN}})
    casus = Casus.objects.filter(pk=casus_pk).first() if 0 < casus_pk < 2**31 else None  # an int column
    if casus is not None and ziet_casus(actor, casus.pk):
        raise ToegangFout({"casus": _("Je hebt al toegang tot deze casus.")})
    nummer = Casus(pk=casus_pk).nummer
    with transaction.atomic():
        bestaand = Toegangsverlening.objects.filter(
            gevraagd_nummer=nummer, medewerker=actor, status=ToegangStatus.AANGEVRAAGD
        ).first()
        if bestaand is not None:
            return bestaand
        verlening = Toegangsverlening.objects.create(
            casus=casus,
            gevraagd_nummer=nummer,
            medewerker=actor,
            soort=ToegangSoort.TIJDELIJK,
            status=ToegangStatus.AANGEVRAAGD,
            reden=reden,
            gewenste_dagen=dagen,
        )
        _audit(Actie.AANMAKEN, verlening, actor=actor, changes={"status": [None, verlening.status]})
        if casus is None:
            return verlening
        notificeren(
            ontvangers=beslissers(casus, actor),
            soort=Soort.TOEGANGSVERZOEK,
            tekst=_("%(wie)s vraagt tijdelijke toegang tot casus %(nr)s.") % {"wie": actor, "nr": casus.nummer},
            link=_link(verlening),
        )
    return verlening


def toegang_besluiten(
    *, actor, verlening: Toegangsverlening, goedkeuren: bool, dagen: int | None = None, toelichting: str = ""
) -> Toegangsverlening:
    """Grant or refuse a request. Only a decider (``beslissers``) may, and only once (a conditional update:
    two leaders deciding at once cannot both win)."""
    if not mag_beslissen(actor, verlening):
        raise PermissionDenied
    dagen = dagen or verlening.gewenste_dagen
    if goedkeuren and not 1 <= dagen <= settings.TOEGANG_MAX_DAGEN:
        raise ToegangFout({"dagen": _("Kies een duur van 1 tot %(max)d dagen.") % {"max": settings.TOEGANG_MAX_DAGEN}})
    if not goedkeuren and not toelichting.strip():
        raise ToegangFout({"toelichting": _("Licht een afwijzing toe: de aanvrager krijgt je toelichting te zien.")})
    nu = klok.nu()
    status = ToegangStatus.VERLEEND if goedkeuren else ToegangStatus.AFGEWEZEN
    geldig_tot = nu + timedelta(days=dagen) if goedkeuren else None
    with transaction.atomic():
        n = Toegangsverlening.objects.filter(pk=verlening.pk, status=ToegangStatus.AANGEVRAAGD).update(
            status=status,
            besloten_door=actor,
            besloten_op=nu,
            besluit_toelichting=toelichting.strip()[:500],
            geldig_tot=geldig_tot,
        )
        if n == 0:
            raise ToegangFout(_("Over dit verzoek is al besloten."))
        verlening.refresh_from_db()
        _audit(
            Actie.WIJZIGEN,
            verlening,
            actor=actor,
            changes={"status": [ToegangStatus.AANGEVRAAGD, status], "geldig_tot": [None, geldig_tot]},
            reden=toelichting or verlening.reden,
        )
        if goedkeuren:
            tekst = _("Je tijdelijke toegang tot casus %(nr)s is verleend tot %(tot)s.") % {
                "nr": verlening.casus.nummer,
                "tot": timezone.localtime(geldig_tot).strftime("%d-%m-%Y %H:%M"),
            }
            link = reverse("casus:detail", args=[verlening.casus_id])
        else:
            tekst = _("Je verzoek om toegang tot casus %(nr)s is afgewezen.") % {"nr": verlening.casus.nummer}
            link = _link(verlening)
        notificeren(ontvangers=[verlening.medewerker_id], soort=Soort.TOEGANGSBESLUIT, tekst=tekst, link=link)
    return verlening


def toegang_intrekken(*, actor, verlening: Toegangsverlening) -> Toegangsverlening:
    """End a grant (or withdraw a request) early: the holder themself or a decider."""
    if actor.pk != verlening.medewerker_id and not mag_beslissen(actor, verlening):
        raise PermissionDenied
    with transaction.atomic():
        oud = verlening.status
        n = Toegangsverlening.objects.filter(
            pk=verlening.pk, status__in=[ToegangStatus.AANGEVRAAGD, ToegangStatus.VERLEEND]
        ).update(status=ToegangStatus.INGETROKKEN, verlopen_op=klok.nu())
        if n == 0:
            raise ToegangFout(_("Deze toegang is al beëindigd."))
        verlening.refresh_from_db()
        _audit(Actie.WIJZIGEN, verlening, actor=actor, changes={"status": [oud, verlening.status]})
        if actor.pk != verlening.medewerker_id:
            notificeren(
                ontvangers=[verlening.medewerker_id],
                soort=Soort.TOEGANGSBESLUIT,
                tekst=_("Je toegang tot casus %(nr)s is ingetrokken.") % {"nr": verlening.casus.nummer},
                link=_link(verlening),
            )
    return verlening


def privacy_officers():
    return Medewerker.objects.filter(is_active=True, groups__name=Rol.PRIVACY_OFFICER)


def noodtoegang_nemen(*, actor, casus: Casus, reden: str) -> Toegangsverlening:
    """The piket (Acute Opvang) takes access at once, outside office hours only, for TOEGANG_NOOD_UREN hours.
    The privacy officers are told and review it afterwards."""
    if not mag_noodtoegang_nemen(actor):
        raise PermissionDenied
    if not buiten_kantooruren():
        raise ToegangFout(_("Noodtoegang kan alleen buiten kantooruren (vrijdag 17:00 tot maandag 08:00)."))
    reden = _reden_controleren(reden)
    nu = klok.nu()
    with transaction.atomic():
        verlening = Toegangsverlening.objects.create(
            casus=casus,
            medewerker=actor,
            soort=ToegangSoort.NOOD,
            status=ToegangStatus.VERLEEND,
            reden=reden,
            besloten_op=nu,
            geldig_tot=nu + timedelta(hours=settings.TOEGANG_NOOD_UREN),
        )
        _audit(Actie.AANMAKEN, verlening, actor=actor, changes={"status": [None, verlening.status]})
        notificeren(
            ontvangers=privacy_officers(),
            soort=Soort.TOEGANGSVERZOEK,
            tekst=_("Noodtoegang genomen door %(wie)s tot casus %(nr)s; beoordeel deze achteraf.")
            % {"wie": actor, "nr": casus.nummer},
            link=reverse("casus:toegang"),
        )
    return verlening


def noodtoegang_beoordelen(*, actor, verlening: Toegangsverlening, beoordeling: str) -> Toegangsverlening:
    """The privacy officer's review of an emergency grant, once."""
    if not mag_noodtoegang_beoordelen(actor) or verlening.soort != ToegangSoort.NOOD:
        raise PermissionDenied
    beoordeling = (beoordeling or "").strip()
    if not beoordeling:
        raise ToegangFout({"beoordeling": _("Schrijf je beoordeling op: was de noodtoegang gerechtvaardigd?")})
    with transaction.atomic():
        n = Toegangsverlening.objects.filter(pk=verlening.pk, beoordeeld_op__isnull=True).update(
            beoordeeld_door=actor, beoordeeld_op=klok.nu(), beoordeling=beoordeling[:500]
        )
        if n == 0:
            raise ToegangFout(_("Deze noodtoegang is al beoordeeld."))
        verlening.refresh_from_db()
        _audit(Actie.WIJZIGEN, verlening, actor=actor, changes={"beoordeling": [None, beoordeling]}, reden=beoordeling)
    return verlening


def toegang_verlopen(*, nu: datetime | None = None) -> int:
    """Beat job: grants past geldig_tot become verlopen; each holder (and the decider) is told. Idempotent:
    the conditional update claims each row once, also with two runs at once."""
    nu = nu or klok.nu()
    with transaction.atomic():
        ids = list(
            Toegangsverlening.objects.filter(verlening_verlopen_q(nu))
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:5000]
        )
        if not ids:
            return 0
        Toegangsverlening.objects.filter(pk__in=ids).update(status=ToegangStatus.VERLOPEN, verlopen_op=nu)
        verleningen = list(Toegangsverlening.objects.filter(pk__in=ids).select_related("casus", "medewerker"))
        audit_record_many(
            Actie.WIJZIGEN,
            (
                {
                    "obj": v,
                    "client_id": v.casus.client_id,
                    "changes": {"status": [ToegangStatus.VERLEEND, ToegangStatus.VERLOPEN]},
                    "reason": _("verlopen"),
                }
                for v in verleningen
            ),
            bron="taak",
        )
        for v in verleningen:
            notificeren(
                ontvangers=[v.medewerker_id, v.besloten_door_id],
                soort=Soort.TOEGANGSBESLUIT,
                tekst=_("De tijdelijke toegang van %(wie)s tot casus %(nr)s is verlopen.")
                % {"wie": v.medewerker, "nr": v.casus.nummer},
                link=reverse("casus:toegang"),
            )
    return len(verleningen)


def overzicht(user) -> dict:
    """The access page: my requests and grants, requests I decide on, emergency grants to review."""
    mijn = Toegangsverlening.objects.filter(medewerker=user).select_related("casus", "besloten_door")[:50]
    te_beslissen = list(
        te_beslissen_door(user).select_related("casus", "medewerker").order_by("aangevraagd_op", "id")[:200]
    )
    te_beoordelen = []
    if mag_noodtoegang_beoordelen(user):
        te_beoordelen = list(
            Toegangsverlening.objects.filter(soort=ToegangSoort.NOOD, beoordeeld_op__isnull=True)
            .select_related("casus", "medewerker")
            .order_by("-aangevraagd_op")[:100]
        )
    return {"mijn": list(mijn), "te_beslissen": te_beslissen, "te_beoordelen": te_beoordelen}
