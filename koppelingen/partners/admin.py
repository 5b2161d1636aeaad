"""For application managers: the event outbox with its dead-letter list and replay (KOP-3/4), and the clients'
consents for the online platforms."""

from django.contrib import admin
from django.utils.translation import gettext_lazy

from casus.models import Casus, Client
from cris.beheer import AlleenInzienAdmin
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


def _nummer(model, pk) -> str:
    """A linked record by its number only (CL0000123, CA0000123), without loading it: application managers
    have no case access, so the admin shows them no name or case content (issue 21 item 13)."""
    return model(pk=pk).nummer if pk else "–"


@admin.register(Toestemming)
class ToestemmingAdmin(AlleenInzienAdmin):
    """KOP-3: the consents, read only. A caseworker records and withdraws consent on the casus ("Toestemmingen
    voor berichten"), where the change is audited, versioned and a withdrawal removes the waiting events; the
    admin shows the client's number, never her name (issue 21 item 13)."""

    list_display = ("clientnummer", "partner", "gegeven_op", "ingetrokken_op")
    list_filter = ("partner",)
    fields = readonly_fields = ("clientnummer", "partner", "gegeven_op", "ingetrokken_op", "vastgelegd_door")
    search_fields = ("=client__id",)

    @admin.display(description=gettext_lazy("cliënt"), ordering="client_id")
    def clientnummer(self, obj):
        return _nummer(Client, obj.client_id)


@admin.register(ExterneOrganisatie)
class ExterneOrganisatieAdmin(admin.ModelAdmin):
    """KOP-4: the catalogue of organisations a caseworker can refer to."""

    list_display = ("naam", "partner", "actief")
    list_filter = ("actief",)
    search_fields = ("naam",)


@admin.register(Doorverwijzing)
class DoorverwijzingAdmin(admin.ModelAdmin):
    """The technical state of a referral; its reasons (case content) are on the casus page."""

    list_display = ("aangemaakt_op", "organisatie", "status", "casusnummer")
    list_filter = ("status", "organisatie")
    fields = readonly_fields = ("casusnummer", "organisatie", "status", "contactvoorkeur", "aangemaakt_op",
                                "bijgewerkt_op")  # fmt: skip

    @admin.display(description=gettext_lazy("casus"), ordering="casus_id")
    def casusnummer(self, obj):
        return _nummer(Casus, obj.casus_id)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
