"""Templates: the values of the placeholders of a letter or e-mail template and filling them in (DOC-2)."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from casus.models import Casus, Client, Geslacht
from cris import klok
from documenten import placeholders
from documenten.models import Sjabloon, SjabloonSoort
from documenten.services import DocumentFout
from taken.models import Taak
from werkstroom.models import Lidmaatschap


def _aanhef(client: Client) -> str:
    achternaam = " ".join(p for p in (client.tussenvoegsel.capitalize(), client.achternaam) if p)
    if client.geslacht == Geslacht.VROUW:
        return _("Geachte mevrouw %(n)s") % {"n": achternaam}
    if client.geslacht == Geslacht.MAN:
        return _("Geachte heer %(n)s") % {"n": achternaam}
    return _("Beste %(n)s") % {"n": client.naam}


def _datum(waarde) -> str:
    if not waarde:
        return ""
    if hasattr(waarde, "hour"):
        return date_format(timezone.localtime(waarde), "j F Y H:i")
    return date_format(waarde, "j F Y")


def waarden(*, casus: Casus, taak: Taak | None, afzender) -> dict[str, str]:
    """The value of every placeholder (documenten.placeholders.VELDEN) for this casus, task and sender."""
    client = casus.client
    team = (
        Lidmaatschap.objects.filter(medewerker=afzender, standaard=True).select_related("team").first()
        if afzender is not None and afzender.pk
        else None
    )
    return {
        "client.aanhef": _aanhef(client),
        "client.naam": client.naam,
        "client.voornamen": client.voornamen or client.voorletters,
        "client.achternaam": " ".join(p for p in (client.tussenvoegsel, client.achternaam) if p),
        "client.nummer": client.nummer if client.pk else "",
        "client.telefoon": client.telefoon,
        "casus.nummer": casus.nummer if casus.pk else "",
        "casus.delict": casus.delict_omschrijving,
        "casus.delictdatum": _datum(casus.delict_datum),
        "casus.pv_nummer": casus.pv_nummer,
        "casus.district": str(casus.district) if casus.district_id or casus.district else "",
        "taak.naam": taak.type.naam if taak else "",
        "taak.team": taak.team.naam if taak else "",
        "taak.deadline": _datum(taak.deadline) if taak else "",
        "afzender.naam": afzender.get_full_name() if afzender else "",
        "afzender.email": afzender.email if afzender else "",
        "afzender.telefoon": afzender.telefoon if afzender else "",
        "afzender.team": team.team.naam if team else "",
        "organisatie.naam": settings.ORGANISATIE_NAAM,
        "organisatie.telefoon": settings.ORGANISATIE_TELEFOON,
        "organisatie.website": settings.ORGANISATIE_WEBSITE,
    }


def _sjabloon_controleren(*, sjabloon: Sjabloon, soort: str, casus: Casus, taak: Taak | None) -> None:
    if sjabloon.soort != soort:
        raise DocumentFout(_("Dit sjabloon is geen %(s)s.") % {"s": SjabloonSoort(soort).label})
    if not sjabloon.geldig_op(klok.vandaag()):
        raise DocumentFout(_("Het sjabloon '%(n)s' is vandaag niet geldig.") % {"n": sjabloon.naam})
    if sjabloon.delict_code and sjabloon.delict_code != casus.delict_code:
        raise DocumentFout(_("Het sjabloon '%(n)s' hoort bij een ander delict.") % {"n": sjabloon.naam})
    if taak is not None and taak.casus_id != casus.pk:
        raise DocumentFout(_("Die taak hoort niet bij deze casus."))
    gebruikt = placeholders.velden_in(sjabloon.onderwerp + sjabloon.inhoud)
    if taak is None and any(v.startswith("taak.") for v in gebruikt):
        raise DocumentFout(
            _("Het sjabloon '%(n)s' gebruikt gegevens van een taak; kies de taak.") % {"n": sjabloon.naam}
        )


def _invullen(sjabloon: Sjabloon, w: dict[str, str]) -> tuple[str, str]:
    onderwerp = " ".join(placeholders.invullen(sjabloon.onderwerp, w).split())[:200]
    return onderwerp, placeholders.invullen(sjabloon.inhoud, w)
