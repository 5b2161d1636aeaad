"""Referrals: intake form, review worklists, approval, client finder (AAN-*)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _delict_keuzes() -> list[tuple[str, str]]:
    from aanmelding.models import Delict

    return [(d.code, str(d)) for d in Delict.objects.filter(actief=True).order_by("naam", "code")]


def _delict_naam(code: str) -> str | None:
    from aanmelding.models import Delict

    return Delict.objects.filter(code=code, actief=True).values_list("naam", flat=True).first()


class AanmeldingConfig(AppConfig):
    name = "aanmelding"
    verbose_name = _("Aanmeldingen")

    def ready(self):
        # TIJ-1: the timeline says which referral its referral entries are about.
        from aanmelding.selectors import tijdlijn_onderwerpen
        from casus.tijdlijn import bron_registreren

        bron_registreren("aanmelding.aanmelding", tijdlijn_onderwerpen)
        # The casus edit form picks its delict from this catalogue (casus.catalogus; casus cannot import us).
        from casus import catalogus

        catalogus.registreren(keuzes=_delict_keuzes, naam=_delict_naam)
        # Issue 25: Mijn werk's review-queue panel (werkstroom.registry).
        from aanmelding.mijn_werk import beoordelen, zittingen
        from werkstroom.registry import paneel_registreren

        paneel_registreren(beoordelen)
        paneel_registreren(zittingen)
