"""What taken's timeline entries are about (TIJ-1, casus.tijdlijn): the task, the contact report with its text,
the call-back note and the appointment, each linked to its task's page. Registered in TakenConfig.ready."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casus.tijdlijn import Onderwerp
from taken.models import Afspraak, Contactmoment, Taak, Terugbelnotitie


def _taak_url(taak_id: int, anker: str = "") -> str:
    return reverse("taken:detail", args=[taak_id]) + (f"#{anker}" if anker else "")


def taken(casus_id: int, ids: list[int]) -> dict[int, Onderwerp]:
    rijen = Taak.objects.filter(pk__in=ids, casus_id=casus_id).select_related("type", "team")
    return {t.pk: Onderwerp(f"{t.type.naam} ({t.team.naam})", _taak_url(t.pk)) for t in rijen}


def contactmomenten(casus_id: int, ids: list[int]) -> dict[int, Onderwerp]:
    rijen = Contactmoment.objects.filter(pk__in=ids, casus_id=casus_id).only(
        "pk", "taak_id", "kanaal", "richting", "bereikt", "verslag", "tijdstip"
    )
    return {
        c.pk: Onderwerp(
            _("%(kanaal)s, %(richting)s, %(bereikt)s")
            % {
                "kanaal": c.get_kanaal_display(),
                "richting": c.get_richting_display(),
                "bereikt": _("bereikt") if c.bereikt else _("niet bereikt"),
            },
            _taak_url(c.taak_id, "contacten-kop"),
            c.verslag,
        )
        for c in rijen
    }


def terugbelnotities(casus_id: int, ids: list[int]) -> dict[int, Onderwerp]:
    rijen = Terugbelnotitie.objects.filter(pk__in=ids, taak__casus_id=casus_id).select_related("voor")
    return {
        n.pk: Onderwerp(_("Terugbelnotitie voor %(m)s") % {"m": n.voor}, _taak_url(n.taak_id), n.tekst) for n in rijen
    }


def afspraken(casus_id: int, ids: list[int]) -> dict[int, Onderwerp]:
    rijen = Afspraak.objects.filter(pk__in=ids, taak__casus_id=casus_id).select_related("medewerker")
    uit = {}
    for a in rijen:
        begin, einde = timezone.localtime(a.begin), timezone.localtime(a.einde)
        wanneer = f"{begin:%d-%m-%Y %H:%M}–{einde:%H:%M}"
        tekst = ", ".join(p for p in (wanneer, a.locatie, str(a.medewerker)) if p)
        uit[a.pk] = Onderwerp(_("Afspraak: %(o)s") % {"o": a.onderwerp}, _taak_url(a.taak_id), tekst)
    return uit


def registreren() -> None:
    from casus.tijdlijn import bron_registreren

    bron_registreren("taken.taak", taken)
    bron_registreren("taken.contactmoment", contactmomenten)
    bron_registreren("taken.terugbelnotitie", terugbelnotities)
    bron_registreren("taken.afspraak", afspraken)
