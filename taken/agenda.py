"""AGE-1: appointments on tasks. A worker makes them on the task and sees their week; a team leader sees
their members' weeks; JD-Admin plans appointments for JD workers. Everyone can subscribe to their own
appointments as iCalendar (RFC 5545). Appointments carry no client data outside CRIS: the calendar names
the subject, task type and case number only (no location: it is
often the client's address)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from casus import signalen
from casus.access import zichtbaar_voor, ziet_casus
from casus.models import TijdlijnSoort
from casus.services import tijdlijn_toevoegen
from cris import klok, versie
from cris.accounts.models import Medewerker
from cris.audit.api import Actie, audit_record
from taken.models import OPEN_TAAKSTATUSSEN, Afspraak, Taak
from taken.permissions import is_jd_planner, mag_behandelen, mag_inzien, mag_wijzigen
from taken.services import TaakFout
from werkstroom.models import Afdeling, Lidmaatschap


def jd_medewerkers() -> QuerySet[Medewerker]:
    leden = Lidmaatschap.objects.filter(team__afdeling=Afdeling.JURIDISCHE_DIENSTVERLENING).values("medewerker_id")
    return Medewerker.objects.filter(pk__in=leden, is_active=True).order_by("achternaam", "voornamen", "pk")


def zichtbare_agendas(user) -> QuerySet[Medewerker]:
    """Whose week this user may see: their own, their team members' as team leader, JD workers' for JD-Admin."""
    geleid = Lidmaatschap.objects.filter(medewerker=user, rol=Lidmaatschap.Rol.TEAMLEIDER).values("team_id")
    leden = Lidmaatschap.objects.filter(team_id__in=geleid).values("medewerker_id")
    qs = Medewerker.objects.filter(pk=user.pk) | Medewerker.objects.filter(pk__in=leden, is_active=True)
    if is_jd_planner(user):
        qs = qs | jd_medewerkers()
    return qs.distinct().order_by("achternaam", "voornamen", "pk")


def plantaken_voor(*, planner, medewerker) -> QuerySet[Taak]:
    """The open tasks an appointment for ``medewerker`` may hang on, when ``planner`` plans it. JD-Admin plans
    without access to the cases: the planning form names a task by type, deadline and number only, never
    its casus (PlanningForm)."""
    qs = Taak.objects.filter(behandelaar=medewerker, status__in=OPEN_TAAKSTATUSSEN)
    if planner.pk != medewerker.pk:
        qs = qs.filter(team__afdeling=Afdeling.JURIDISCHE_DIENSTVERLENING)
    return qs.select_related("type", "casus").order_by("deadline", "pk")


def afspraak_maken(
    *, actor, taak: Taak, begin: datetime, einde: datetime, onderwerp: str, locatie: str = "", medewerker=None
) -> Afspraak:
    medewerker = medewerker or taak.behandelaar or actor
    # One's own appointment, or a team leader's for a member, only on a casus one may see now (item 12).
    eigen = medewerker.pk == actor.pk and (taak.behandelaar_id in (None, actor.pk) or mag_behandelen(actor, taak))
    eigen = eigen and ziet_casus(actor, taak.casus_id)
    leider = (
        mag_behandelen(actor, taak)
        and Lidmaatschap.objects.filter(team_id=taak.team_id, medewerker=medewerker).exists()
        and ziet_casus(actor, taak.casus_id)
    )
    plannen = is_jd_planner(actor) and plantaken_voor(planner=actor, medewerker=medewerker).filter(pk=taak.pk)
    if not (eigen or leider or (plannen and plannen.exists())):
        raise TaakFout(_("U kunt voor deze medewerker geen afspraak op deze taak maken."))
    if einde <= begin:
        raise TaakFout(_("Het einde van de afspraak moet na het begin liggen."))
    overlap = Afspraak.objects.filter(medewerker=medewerker, begin__lt=einde, einde__gt=begin).first()
    if overlap:
        raise TaakFout(
            _("%(m)s heeft dan al een afspraak (%(b)s).")
            % {"m": medewerker, "b": timezone.localtime(overlap.begin).strftime("%d-%m-%Y %H:%M")}
        )
    with transaction.atomic():
        afspraak = Afspraak.objects.create(
            taak=taak,
            medewerker=medewerker,
            begin=begin,
            einde=einde,
            onderwerp=onderwerp.strip()[:200],
            locatie=locatie.strip()[:200],
            gepland_door=actor,
        )
        audit_record(
            Actie.AANMAKEN,
            actor=actor,
            obj=afspraak,
            client_id=taak.casus.client_id,
            changes={"medewerker": [None, medewerker.pk], "begin": [None, begin.isoformat()]},
        )
        # TIJ-1: the appointment on the casus's timeline (what, when and where: casus.tijdlijn via taken.tijdlijn).
        tijdlijn_toevoegen(
            casus=taak.casus,
            soort=TijdlijnSoort.TAAK,
            medewerker=actor,
            obj=afspraak,
            omschrijving=_("Afspraak gepland"),
        )
        signalen.melden(
            casus_id=taak.casus_id,
            client_id=taak.casus.client_id,
            soort=signalen.AFSPRAAK_GEPLAND,
            gegevens={"afspraak": afspraak.pk, "begin": begin.isoformat(), "einde": einde.isoformat()},
        )
    return afspraak


def afspraak_verwijderen(*, actor, afspraak: Afspraak) -> None:
    if not mag_inzien(actor, afspraak) or not mag_wijzigen(actor, afspraak):
        raise TaakFout(_("U kunt deze afspraak niet verwijderen."))
    with transaction.atomic():
        audit_record(Actie.VERWIJDEREN, actor=actor, obj=afspraak, client_id=afspraak.taak.casus.client_id)
        signalen.melden(
            casus_id=afspraak.taak.casus_id,
            client_id=afspraak.taak.casus.client_id,
            soort=signalen.AFSPRAAK_GEANNULEERD,
            gegevens={"afspraak": afspraak.pk},
        )
        afspraak.delete()


def afspraak_verplaatsen(
    *, actor, afspraak: Afspraak, begin: datetime, einde: datetime, verwacht: int | None
) -> Afspraak:
    """AGE-1: the appointment at another time, by whoever may remove it. Audited with the old and new times, on
    the timeline; the client's platforms hear of it once, as 'afspraak-verplaatst' with the new time (KOP-3).
    ``verwacht`` is the version the form showed: a move made meanwhile raises cris.versie.VersieConflict."""
    if not mag_inzien(actor, afspraak) or not mag_wijzigen(actor, afspraak):
        raise TaakFout(_("U kunt deze afspraak niet verplaatsen."))
    if einde <= begin:
        raise TaakFout(_("Het einde van de afspraak moet na het begin liggen."))
    with transaction.atomic():
        afspraak = Afspraak.objects.select_for_update().select_related("taak__casus").get(pk=afspraak.pk)
        versie.controleer(afspraak, verwacht)
        overlap = (
            Afspraak.objects.filter(medewerker_id=afspraak.medewerker_id, begin__lt=einde, einde__gt=begin)
            .exclude(pk=afspraak.pk)
            .first()
        )
        if overlap:
            raise TaakFout(
                _("%(m)s heeft dan al een afspraak (%(b)s).")
                % {"m": afspraak.medewerker, "b": timezone.localtime(overlap.begin).strftime("%d-%m-%Y %H:%M")}
            )
        oud = {"begin": afspraak.begin.isoformat(), "einde": afspraak.einde.isoformat()}
        afspraak.begin, afspraak.einde = begin, einde
        versie.verhoog(afspraak)
        afspraak.save(update_fields=["begin", "einde", "versie"])
        casus = afspraak.taak.casus
        audit_record(
            Actie.WIJZIGEN,
            actor=actor,
            obj=afspraak,
            client_id=casus.client_id,
            changes={"begin": [oud["begin"], begin.isoformat()], "einde": [oud["einde"], einde.isoformat()]},
        )
        tijdlijn_toevoegen(
            casus=casus,
            soort=TijdlijnSoort.TAAK,
            medewerker=actor,
            obj=afspraak,
            omschrijving=_("Afspraak verplaatst naar %(b)s")
            % {"b": timezone.localtime(begin).strftime("%d-%m-%Y %H:%M")},
        )
        signalen.melden(
            casus_id=casus.pk,
            client_id=casus.client_id,
            soort=signalen.AFSPRAAK_VERPLAATST,
            gegevens={"afspraak": afspraak.pk, "begin": begin.isoformat(), "einde": einde.isoformat()},
        )
    return afspraak


def week_begin(dag: date) -> date:
    return dag - timedelta(days=dag.weekday())


def week(*, medewerker, maandag: date, kijker) -> list[tuple[date, list[Afspraak]]]:
    """The seven days from this Monday with the worker's appointments, in one query. Each carries
    ``inzien``: whether ``kijker`` may see its casus. The page shows the others as busy time only."""
    begin = timezone.make_aware(datetime.combine(maandag, datetime.min.time()))
    afspraken = list(
        Afspraak.objects.filter(medewerker=medewerker, begin__gte=begin, begin__lt=begin + timedelta(days=7))
        .annotate(inzien=ExpressionWrapper(zichtbaar_voor(kijker, "taak__casus"), output_field=BooleanField()))
        .select_related("taak__type", "taak__casus", "gepland_door")
        .order_by("begin")
    )
    dagen = [maandag + timedelta(days=i) for i in range(7)]
    return [(d, [a for a in afspraken if timezone.localtime(a.begin).date() == d]) for d in dagen]


_REGELEINDE = re.compile(r"\r\n|\r|\n|\u2028|\u2029")
_STUURTEKENS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _ical_tekst(waarde: str) -> str:
    """An RFC 5545 TEXT value on one content line: every line break (CRLF, a bare CR or LF) becomes the
    escaped ``\\n`` and other control characters go, so a subject can never start a property or an event
    of its own (issue 21 item 9)."""
    tekst = waarde.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return _STUURTEKENS.sub("", _REGELEINDE.sub("\\\\n", tekst))


def ical(*, medewerker, host: str) -> str:
    """RFC 5545 calendar of this worker's appointments from 30 days back, on cases they may still see (a
    former handler's appointments leave the feed with the task); CRLF line ends."""
    from datetime import UTC

    vanaf = klok.nu() - timedelta(days=30)
    regels = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//CRIS//Agenda//NL", "CALSCALE:GREGORIAN"]
    stempel = klok.nu().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    for a in (
        Afspraak.objects.filter(zichtbaar_voor(medewerker, "taak__casus"), medewerker=medewerker, einde__gte=vanaf)
        .select_related("taak__type", "taak__casus")
        .order_by("begin")[:2000]
    ):
        regels += [
            "BEGIN:VEVENT",
            f"UID:afspraak-{a.pk}@{host}",
            f"DTSTAMP:{stempel}",
            f"DTSTART:{a.begin.astimezone(UTC):%Y%m%dT%H%M%SZ}",
            f"DTEND:{a.einde.astimezone(UTC):%Y%m%dT%H%M%SZ}",
            f"SUMMARY:{_ical_tekst(a.onderwerp)}",
            f"DESCRIPTION:{_ical_tekst(f'{a.taak.type.naam}, casus {a.taak.casus.nummer}')}",
        ]
        regels.append("END:VEVENT")
    regels.append("END:VCALENDAR")
    return "\r\n".join(regels) + "\r\n"
