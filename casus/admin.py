from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from casus.models import Casus, TevredenheidRegel, TevredenheidSelectie, Toegangsverlening
from cris.beheer import AlleenInzienAdmin


@admin.register(TevredenheidRegel)
class TevredenheidRegelAdmin(admin.ModelAdmin):
    """CAS-5 exclusion rules, maintained by functional management."""

    list_display = ("soort", "waarde", "actief", "toelichting")
    list_filter = ("soort", "actief")


@admin.register(TevredenheidSelectie)
class TevredenheidSelectieAdmin(admin.ModelAdmin):
    """CAS-5 for functional management: which casus (by number: no case access, issue 21 item 13), selected
    or excluded by which rule, exported when."""

    list_display = ("casusnummer", "geselecteerd", "uitgesloten_door", "beoordeeld_op", "geexporteerd_op", "bestand")
    list_filter = ("geselecteerd", "uitgesloten_door", "bestand")
    show_full_result_count = False
    fields = readonly_fields = list_display

    @admin.display(description=_("casus"), ordering="casus_id")
    def casusnummer(self, obj):
        return Casus(pk=obj.casus_id).nummer

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Toegangsverlening)
class ToegangsverleningAdmin(AlleenInzienAdmin):
    """AUT-2 grants, read-only: for the privacy officer's overview. Decisions go through the access page."""

    list_display = ("aangevraagd_op", "soort", "status", "casus_id", "medewerker", "geldig_tot", "beoordeeld_op")
    list_filter = ("soort", "status", ("aangevraagd_op", admin.DateFieldListFilter))
    list_select_related = ("medewerker",)
    show_full_result_count = False
    raw_id_fields = ("casus", "medewerker", "besloten_door", "beoordeeld_door")
