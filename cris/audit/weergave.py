"""An audit entry in people's words (issue 25): what was seen or changed ("Casus CA0000009, tabblad
Tijdlijn"), the action ("Gelezen (webapplicatie)"), why, which values changed, and when in local time.
The one owner of these words: the privacy officer's inzage page, its CSV export and the entry's own title
(``AuditEntry.__str__``) all use it.

Apps above the audit log name their pages here (``pagina_registreren``) in their ``AppConfig.ready``: a
read logged with ``reason="tijdlijn"`` on a casus is then "tabblad Tijdlijn", not a reason."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cris.audit.api import LIJST
from cris.audit.models import AuditEntry

# The list pages (``audit_lijst``'s ``lijst``): their name, and their name with what the entry's reason
# adds ("team Noord", the search terms, the event's number).
LIJSTEN = {
    "werkvoorraad": (gettext_lazy("Werklijst"), gettext_lazy("Werklijst %(tekst)s")),
    "beoordelen": (gettext_lazy("Beoordelingslijst aanmeldingen"), gettext_lazy("Beoordelingslijst %(tekst)s")),
    "zoeken": (gettext_lazy("Zoekresultaten"), gettext_lazy("Zoekresultaten voor “%(tekst)s”")),
    "gebeurtenis": (gettext_lazy("Gebeurtenispagina"), gettext_lazy("Gebeurtenispagina %(tekst)s")),
    "mijn_werk": (gettext_lazy("Mijn werk"), gettext_lazy("Mijn werk")),
}

_PAGINAS: dict[tuple[str, str], object] = {}


def pagina_registreren(object_type: str, paginas: dict[str, object]) -> None:
    """Name the pages an app logs reads of ``object_type`` from: {reason key: "tabblad Tijdlijn"}."""
    for sleutel, naam in paginas.items():
        _PAGINAS[(object_type, sleutel)] = naam


@dataclass(frozen=True)
class Omschrijving:
    tijdstip: str  # "29-11-2026 23:02:05", local time
    medewerker: str
    actie: str  # "Gelezen (webapplicatie)"
    wat: str  # "Casus CA0000009, tabblad Tijdlijn"
    waarom: str
    wijzigingen: str  # "Status: open → gesloten; Telefoon: (leeg) → 0612345678"


def tijdstip(moment) -> str:
    return timezone.localtime(moment).strftime("%d-%m-%Y %H:%M:%S") if moment else ""


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def onderwerp(entry: AuditEntry, *, met_reden: bool = False) -> str:
    """The object by its kind and number ("Casus CA0000009"); a list page by its name and number of clients,
    with what its reason adds ("team Noord", the search terms) only ``met_reden`` (the reason is for the
    privacy officer)."""
    if entry.object_type == LIJST:
        return _lijst(entry, entry.reden if met_reden else "")
    model = _model(entry.object_type)
    soort = str(model._meta.verbose_name) if model else entry.object_type
    soort = soort[:1].upper() + soort[1:]
    if model is not None and isinstance(getattr(model, "nummer", None), property) and entry.object_id.isdigit():
        return f"{soort} {model(pk=int(entry.object_id)).nummer}"  # type: ignore[attr-defined]
    if entry.object_id:
        return _("%(soort)s nr. %(id)s") % {"soort": soort, "id": entry.object_id}
    return soort or _("onbekend")


def _lijst(entry: AuditEntry, reden: str) -> str:
    tekst = reden.removeprefix(f"{entry.object_id}:").removeprefix(f"{entry.object_id} ").strip()
    kaal, met_tekst = LIJSTEN.get(entry.object_id) or (_("Lijst “%(lijst)s”") % {"lijst": entry.object_id}, "")
    naam = str(met_tekst) % {"tekst": tekst} if tekst and met_tekst else f"{kaal} {tekst}".strip()
    n = len(entry.client_ids or [])
    return f"{naam} ({ngettext('%(n)d cliënt', '%(n)d cliënten', n) % {'n': n}})"


def _pagina_en_reden(entry: AuditEntry) -> tuple[str, str]:
    """(page, why): a registered page key at the start of the reason names the page; the rest is the why."""
    if entry.object_type == LIJST:
        return "", ""
    sleutel, _sep, rest = entry.reden.partition(";")
    pagina = _PAGINAS.get((entry.object_type, sleutel.strip()))
    if pagina is None:
        return "", entry.reden  # as written: the export must not change a person's text
    return str(pagina), rest.strip()


def _waarde(waarde, veld=None) -> str:
    """A logged value as people read it: a choice by its label, a moment in local time, a date as dd-mm-jjjj,
    a linked record by its kind and number, a list joined; never a Python representation."""
    if waarde is None or waarde == "" or waarde == []:
        return _("(leeg)")
    if isinstance(waarde, bool):
        return _("ja") if waarde else _("nee")
    if isinstance(waarde, list | tuple):
        return ", ".join(_waarde(w, veld) for w in waarde)
    if isinstance(waarde, dict):
        return ", ".join(f"{k}: {_waarde(v)}" for k, v in waarde.items())
    if veld is not None and getattr(veld, "flatchoices", None):
        return str(dict(veld.flatchoices).get(waarde, waarde))
    if isinstance(veld, models.DateTimeField) and isinstance(waarde, str):
        moment = parse_datetime(waarde)
        return tijdstip(moment) if moment else waarde
    if isinstance(veld, models.DateField) and isinstance(waarde, str):
        dag = parse_date(waarde)
        return dag.strftime("%d-%m-%Y") if dag else waarde
    if isinstance(veld, models.ForeignKey) and str(waarde).isdigit():
        gekoppeld = veld.related_model
        if isinstance(getattr(gekoppeld, "nummer", None), property):
            return gekoppeld(pk=int(waarde)).nummer
        return _("%(soort)s nr. %(id)s") % {"soort": gekoppeld._meta.verbose_name, "id": waarde}
    return str(waarde)


def _veld(model, naam: str):
    try:
        return model._meta.get_field(naam) if model else None
    except FieldDoesNotExist:
        return None


def _veldnaam(veld, naam: str) -> str:
    label = str(getattr(veld, "verbose_name", "") or naam.replace("_", " "))
    return label[:1].upper() + label[1:]


def wijzigingen(entry: AuditEntry) -> str:
    if entry.object_type == LIJST or not isinstance(entry.wijzigingen, dict):
        return ""
    model = _model(entry.object_type)
    delen = []
    for naam, paar in entry.wijzigingen.items():
        veld = _veld(model, naam)
        if isinstance(paar, list | tuple) and len(paar) == 2:
            delen.append(f"{_veldnaam(veld, naam)}: {_waarde(paar[0], veld)} → {_waarde(paar[1], veld)}")
        else:
            delen.append(f"{_veldnaam(veld, naam)}: {_waarde(paar, veld)}")
    return "; ".join(delen)


def omschrijving(entry: AuditEntry) -> Omschrijving:
    pagina, waarom = _pagina_en_reden(entry)
    wat = onderwerp(entry, met_reden=True)
    if pagina:
        wat = f"{wat}, {pagina}"
    if not waarom:
        if pagina:
            waarom = _("Eigen werk (toegang via team of taak)")
        elif entry.object_type == LIJST:
            waarom = _("De lijst toonde deze cliënt")
        else:
            waarom = _("Geen reden vastgelegd")
    actie = entry.get_actie_display()
    return Omschrijving(
        tijdstip=tijdstip(entry.tijdstip),
        medewerker=entry.actor_weergave or _("systeem"),
        actie=f"{actie[:1].upper()}{actie[1:]} ({entry.get_bron_display()})",
        wat=wat,
        waarom=waarom,
        wijzigingen=wijzigingen(entry),
    )
