from django.contrib import admin
from django.db import models

from aanmelding.models import BsnRegel, Delict


@admin.register(Delict)
class DelictAdmin(admin.ModelAdmin):
    """The delict catalogue (AAN-4) for functional managers. A delict is deactivated, never deleted."""

    list_display = ("code", "naam", "categorie", "doelgroep", "actief")
    list_filter = ("doelgroep", "categorie", "actief")
    search_fields = ("code", "naam")
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
