from django.contrib import admin

from taken.models import TaakType


@admin.register(TaakType)
class TaakTypeAdmin(admin.ModelAdmin):
    """TAK-1: task types per department, maintained by functional managers."""

    list_display = ("naam", "code", "afdeling", "subtype", "deadline_uren", "standaard_prioriteit", "actief")
    list_filter = ("afdeling", "subtype", "actief")
    search_fields = ("naam", "code")

    def has_delete_permission(self, request, obj=None):
        return False  # tasks refer to their type; deactivate instead
