from django.contrib import admin

from casus.models import TevredenheidRegel, TevredenheidSelectie, Toegangsverlening


@admin.register(TevredenheidRegel)
class TevredenheidRegelAdmin(admin.ModelAdmin):
    """CAS-5 exclusion rules, maintained by functional management."""

    list_display = ("soort", "waarde", "actief", "toelichting")
    list_filter = ("soort", "actief")


@admin.register(TevredenheidSelectie)
class TevredenheidSelectieAdmin(admin.ModelAdmin):
    list_display = ("casus_id", "geselecteerd", "uitgesloten_door", "beoordeeld_op", "geexporteerd_op", "bestand")
    list_filter = ("geselecteerd", "uitgesloten_door", "bestand")
    show_full_result_count = False
    raw_id_fields = ("casus",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Toegangsverlening)
class ToegangsverleningAdmin(admin.ModelAdmin):
    """AUT-2 grants, read-only: for the privacy officer's overview. Decisions go through the access page."""

    list_display = ("aangevraagd_op", "soort", "status", "casus_id", "medewerker", "geldig_tot", "beoordeeld_op")
    list_filter = ("soort", "status", ("aangevraagd_op", admin.DateFieldListFilter))
    list_select_related = ("medewerker",)
    show_full_result_count = False
    raw_id_fields = ("casus", "medewerker", "besloten_door", "beoordeeld_door")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
