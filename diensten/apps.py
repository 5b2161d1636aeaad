"""Service catalogue, registration and production reporting (DIE-*)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DienstenConfig(AppConfig):
    name = "diensten"
    verbose_name = _("Diensten")

    def ready(self):
        # SCH-3: before the purge deletes a batch of cases, their production figures are kept as anonymous
        # aggregates, so the production report counts the purged work as before (docs/rapportage.md).
        from schoning.registry import voor_verwijderen_registreren

        voor_verwijderen_registreren(_productie_bewaren)


def _productie_bewaren(casus_ids):
    from diensten.services import productie_bewaren

    productie_bewaren(casus_ids=casus_ids)
