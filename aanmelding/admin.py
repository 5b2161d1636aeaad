from django.contrib import admin
from django.db import models

from aanmelding.models import Delict


@admin.register(Delict)
class DelictAdmin(admin.ModelAdmin):
    """The delict catalogue (AAN-4) for functional managers. A delict is deactivated, never deleted."""

    list_display = ("code", "naam", "categorie", "doelgroep", "actief")
    list_filter = ("doelgroep", "categorie", "actief")
    search_fields = ("code", "naam")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_delete_permission(self, request, obj=None):
        return False
