"""Retention rules and legal holds for functional managers and the privacy officer (SCH-1). Saves go through
the services and are audited; a legal hold is ended by giving it an end date, never deleted."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cris.beheer import AlleenInzienAdmin
from schoning.models import Bewaarplicht, Bewaarregel, Selectie, Uitzondering
from schoning.services import bewaarplicht_opslaan, bewaarregel_opslaan


def _snapshot(model, pk, velden):
    return model.objects.filter(pk=pk).values(*velden).first() if pk else None


@admin.register(Bewaarregel)
class BewaarregelAdmin(admin.ModelAdmin):
    list_display = ("soort", "termijn_maanden", "telt_vanaf", "actief", "grondslag", "gewijzigd_op")
    list_filter = ("actief",)

    def save_model(self, request, obj, form, change):
        oud = _snapshot(Bewaarregel, obj.pk, ["soort", "termijn_maanden", "telt_vanaf", "actief", "grondslag"])
        bewaarregel_opslaan(actor=request.user, regel=obj, oud=oud)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Bewaarplicht)
class BewaarplichtAdmin(admin.ModelAdmin):
    list_display = ("__str__", "tot", "vastgelegd_door", "vastgelegd_op")
    raw_id_fields = ("casus", "client")
    readonly_fields = ("vastgelegd_door", "vastgelegd_op")
    fields = ("casus", "client", "reden", "tot", "vastgelegd_door", "vastgelegd_op")

    def save_model(self, request, obj, form, change):
        oud = _snapshot(Bewaarplicht, obj.pk, ["casus", "client", "reden", "tot"])
        bewaarplicht_opslaan(actor=request.user, bewaarplicht=obj, oud=oud)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Uitzondering)
class UitzonderingAdmin(AlleenInzienAdmin):
    list_display = ("soort", "object_id", "reden", "tot", "door", "op")
    list_filter = ("soort",)


@admin.register(Selectie)
class SelectieAdmin(AlleenInzienAdmin):
    list_display = ("datum", "status", "voorbereid_door", "goedgekeurd_door", "uitgevoerd_op", "pagina")

    @admin.display(description=_("lijst"))
    def pagina(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("schoning:selectie", args=[obj.pk]), _("openen"))
