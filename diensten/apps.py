"""Service catalogue, registration and production reporting (DIE-*)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DienstenConfig(AppConfig):
    name = "diensten"
    verbose_name = _("Diensten")

    def ready(self):
        # TIJ-1: the timeline names the service of its service entries, linked to the task.
        from casus.tijdlijn import bron_registreren
        from diensten.selectors import tijdlijn_onderwerpen

        bron_registreren("diensten.dienst", tijdlijn_onderwerpen)
        # diensten sits above taken and schoning (docs/architectuur.md): it acts at their moments through
        # their hook registries, so neither imports diensten.
        from diensten import taakpagina
        from diensten.services.levenscyclus import taak_gesloten, taak_kan_gerealiseerd
        from schoning.registry import voor_verwijderen_registreren
        from taken.registry import (
            bij_sluiten,
            contact_uitbreiding_registreren,
            onderdeel_registreren,
            openstaand_registreren,
            taakpaneel_registreren,
            voor_realiseren,
        )

        # SCH-3: before the purge deletes a batch of cases, their production figures are kept as anonymous
        # aggregates, so the production report counts the purged work as before (docs/rapportage.md).
        voor_verwijderen_registreren(_productie_bewaren)
        # TAK-2: a task is Gerealiseerd only when its services are closed; DIE-2: open services stop with it.
        voor_realiseren.register(taak_kan_gerealiseerd)
        bij_sluiten.register(taak_gesloten)
        # Issue 25: the task page's close panel says which services are still open.
        openstaand_registreren(_open_diensten)
        # TAK-6: the task page's form to hand some of its services to a colleague.
        onderdeel_registreren("diensten-overdragen", _("Diensten overdragen"), taakpagina.onderdeel_overdragen)
        # Issue 25: the "Dienst registreren" action panel and the services section of the task page.
        taakpaneel_registreren(taakpagina.panelen)
        # DIE-3: recording a contact can write its duration on a service of the task in the same step.
        contact_uitbreiding_registreren(taakpagina.contact_uitbreiding)


def _open_diensten(taak) -> list[str]:
    from diensten.selectors import open_diensten_van

    return [_("Dienst nog open: %(d)s") % {"d": d} for d in open_diensten_van(taak=taak)]


def _productie_bewaren(casus_ids):
    from diensten.services.productie import productie_bewaren

    productie_bewaren(casus_ids=casus_ids)
