"""For application managers: the event outbox with its dead-letter list and replay (KOP-3/4), and the clients'
consents for the online platforms."""

from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documenten.models import OutboxStatus
from koppelingen.partners import uitgaand
from koppelingen.partners.models import Doorverwijzing, ExterneOrganisatie, Toestemming, Uitgaandbericht


@admin.register(Uitgaandbericht)
class UitgaandberichtAdmin(admin.ModelAdmin):
    """What was sent to which partner, what waits and why, and the dead-letter list ('mislukt')."""

    list_display = ("aangemaakt_op", "type", "partner", "ordersleutel", "status", "pogingen", "volgende_poging", "fout")
    list_filter = ("status", "partner", "type")
    search_fields = ("=event_id", "=ordersleutel")
    date_hierarchy = "aangemaakt_op"
    actions = ["opnieuw_aanbieden"]
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
    list_per_page = 50
    show_full_result_count = False

    @admin.display(description=gettext_lazy("reden"))
    def fout(self, obj):
        return obj.laatste_fout[:120]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=gettext_lazy("Opnieuw aanbieden (dead letters)"), permissions=["change"])
    def opnieuw_aanbieden(self, request, queryset):
        ids = list(queryset.filter(status=OutboxStatus.MISLUKT).values_list("pk", flat=True))
        aantal = uitgaand.opnieuw_aanbieden(actor=request.user, ids=ids)
        self.message_user(request, _("%(n)d gebeurtenis(sen) opnieuw aangeboden.") % {"n": aantal}, messages.SUCCESS)


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
