from django.contrib import admin

from gebeurtenissen.models import Gebeurtenis


@admin.register(Gebeurtenis)
class GebeurtenisAdmin(admin.ModelAdmin):
    """Events (CAS-9) for correcting name, date or place; linking cases happens in the application."""

    list_display = ("naam", "datum", "type", "plaats")
    list_filter = ("type",)
    search_fields = ("naam", "plaats")
    date_hierarchy = "datum"
    fields = ("naam", "datum", "type", "plaats", "omschrijving")

    def has_delete_permission(self, request, obj=None):
        return False
