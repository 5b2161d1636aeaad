from django.contrib import admin
from django.db import models

from aanmelding.models import Afwijsreden, AutomatischBesluit, BsnRegel, Delict, Verwerkingsregel
from cris.beheer import AlleenInzienAdmin


@admin.register(Delict)
class DelictAdmin(admin.ModelAdmin):
    """The delict catalogue (AAN-4, AAN-8) for functional managers. A delict is deactivated, never deleted."""

    list_display = ("code", "naam", "categorie", "doelgroep", "informatie_url", "actief")
    list_filter = ("doelgroep", "categorie", "actief")
    search_fields = ("code", "naam", "categorie")
    fields = ("code", "naam", "categorie", "doelgroep", "informatie_url", "actief")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_delete_permission(self, request, obj=None):
        return False


# --- BSN registration matrix (AAN-6) ------------------------------------------------------------------------


@admin.register(BsnRegel)
class BsnRegelAdmin(admin.ModelAdmin):
    """AAN-6: the matrix slachtofferrol × delict that decides whether a BSN may be recorded (changes are
    audited by the admin site)."""

    list_display = ("slachtofferrol", "delict", "bsn_toegestaan", "reden")
    list_filter = ("slachtofferrol", "bsn_toegestaan")
    list_select_related = ("delict",)
    autocomplete_fields = ("delict",)
    search_fields = ("delict__naam", "delict__code", "reden")


@admin.register(Afwijsreden)
class AfwijsredenAdmin(admin.ModelAdmin):
    """Reasons of rejection offered on the review page (AAN-3). Deactivated, never deleted: rejected
    referrals keep pointing to their reason. The order is changed in the change form, which has the version
    check (cris.beheer.VersieAdminMixin); an editable column on the list would bypass it."""

    list_display = ("naam", "toelichting_verplicht", "volgorde", "actief")
    list_filter = ("actief",)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Verwerkingsregel)
class VerwerkingsregelAdmin(admin.ModelAdmin):
    """AAN-9: the rules under which police (or other) referrals are approved without a person."""

    list_display = ("naam", "kanaal", "actief", "categorieen", "gewijzigd_op")
    list_filter = ("actief", "kanaal")
    fieldsets = [
        (None, {"fields": ("naam", "actief", "kanaal", "delictcategorieen")}),
        (
            "Voorwaarden",
            {
                "description": "Altijd vereist: het delict staat in de catalogus met menselijke ondersteuning, "
                "en de cliënt is zeker (precies één exacte match op BSN of op naam, geboortedatum en postcode, "
                "of zeker nieuw).",
                "fields": (
                    "eis_volledig",
                    "eis_toestemming",
                    "eis_geen_signaleringen",
                    "eis_meerderjarig",
                    "eis_geen_kwetsbaarheden",
                ),
            },
        ),
    ]

    @admin.display(description="delictcategorieën")
    def categorieen(self, obj):
        return ", ".join(obj.delictcategorieen) or "alle"


@admin.register(AutomatischBesluit)
class AutomatischBesluitAdmin(AlleenInzienAdmin):
    """What automatic processing decided, and why; filter by day and outcome to count (AAN-9)."""

    # The referral by number only: its name is the client's, and functional managers have no case access.
    list_display = ("genomen_op", "aanmelding_id", "uitkomst", "regel", "reden")
    list_filter = ("uitkomst", "regel")
    date_hierarchy = "genomen_op"
    list_select_related = ("regel",)
    show_facets = admin.ShowFacets.ALWAYS
    show_full_result_count = False
    fields = readonly_fields = ("aanmelding_id", "uitkomst", "regel", "reden", "genomen_op")
