"""For application managers: the event outbox with its dead-letter list and replay (KOP-3/4), and the clients'
consents for the online platforms."""

from django.contrib import admin
from django.utils.translation import gettext_lazy

from documenten.admin import OutboxAdmin
from koppelingen.partners import uitgaand
from koppelingen.partners.models import Doorverwijzing, ExterneOrganisatie, Toestemming, Uitgaandbericht


@admin.register(Uitgaandbericht)
class UitgaandberichtAdmin(OutboxAdmin):
    """What was sent to which partner, what waits and why, and the dead-letter list ('mislukt')."""

    list_display = ("aangemaakt_op", "type", "partner", "ordersleutel", "status", "pogingen", "volgende_poging", "fout")
    list_filter = ("status", "partner", "type")
    search_fields = ("=event_id", "=ordersleutel")
    fields = (
        "event_id",
        "type",
        "partner",
        "ordersleutel",
        "status",
        "pogingen",
        "laatste_fout",
        "volgende_poging",
        "verzonden_op",
        "aangemaakt_op",
        "event",
    )
    readonly_fields = fields
    opnieuw = staticmethod(uitgaand.opnieuw_aanbieden)
    opnieuw_melding = gettext_lazy("%(n)d gebeurtenis(sen) opnieuw aangeboden.")


@admin.register(Toestemming)
class ToestemmingAdmin(admin.ModelAdmin):
    list_display = ("client", "partner", "gegeven_op", "ingetrokken_op")
    list_filter = ("partner",)
    raw_id_fields = ("client",)
    readonly_fields = ("vastgelegd_door",)
    search_fields = ("=client__id",)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.vastgelegd_door = request.user
        super().save_model(request, obj, form, change)


@admin.register(ExterneOrganisatie)
class ExterneOrganisatieAdmin(admin.ModelAdmin):
    """KOP-4: the catalogue of organisations a caseworker can refer to."""

    list_display = ("naam", "partner", "actief")
    list_filter = ("actief",)
    search_fields = ("naam",)


@admin.register(Doorverwijzing)
class DoorverwijzingAdmin(admin.ModelAdmin):
    list_display = ("aangemaakt_op", "organisatie", "status", "casus")
    list_filter = ("status", "organisatie")
    readonly_fields = [f.name for f in Doorverwijzing._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
