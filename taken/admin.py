from django.contrib import admin

from taken.models import TaakType, Vervolgregel


class VervolgregelInline(admin.TabularInline):
    """TAK-3: which werkstromen may create this task type."""

    model = Vervolgregel
    extra = 0
    verbose_name = "werkstroom die deze taak mag aanmaken"
    verbose_name_plural = "Vervolgtaakmatrix: werkstromen die deze taak mogen aanmaken"


@admin.register(TaakType)
class TaakTypeAdmin(admin.ModelAdmin):
    """TAK-1: task types and sub-types per department, maintained by functional managers."""

    list_display = (
        "naam",
        "code",
        "afdeling",
        "subtype",
        "deadline_uren",
        "standaard_prioriteit",
        "specialisatie",
        "actief",
    )
    list_filter = ("afdeling", "subtype", "actief")
    search_fields = ("naam", "code")
    list_select_related = ("specialisatie",)
    inlines = [VervolgregelInline]

    def has_delete_permission(self, request, obj=None):
        return False  # tasks refer to their type; deactivate instead


@admin.register(Vervolgregel)
class VervolgregelAdmin(admin.ModelAdmin):
    """TAK-3: the follow-up matrix as one list: from which werkstroom which task type may be created."""

    list_display = ("van_afdeling", "taaktype")
    list_filter = ("van_afdeling", "taaktype__afdeling")
    list_select_related = ("taaktype",)
