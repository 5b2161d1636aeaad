"""For application managers: partners and their tokens, the files received, and the quarantine with its
reasons, where a message can be processed again once the cause is fixed."""

import logging
import re

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cris.audit.api import audit_read
from koppelingen.berichten.models import Aanlevering, Bericht, Ketenpartner, Quarantainebericht, QuarantaineStatus
from koppelingen.berichten.services import (
    partner_token_vernieuwen,
    partner_webhook_geheim_vernieuwen,
    quarantaine_opnieuw_verwerken,
)

_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']""")
TOON_MAX = 200_000

logger = logging.getLogger(__name__)


class AlleenLezen(admin.ModelAdmin):
    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Ketenpartner)
class KetenpartnerAdmin(admin.ModelAdmin):
    list_display = ("naam", "code", "kanaal", "actief", "token_begin", "certificaat_onderwerp")
    list_filter = ("kanaal", "actief")
    readonly_fields = ("token_begin",)
    actions = ["nieuw_token", "nieuw_webhook_geheim"]

    @admin.action(description=_("Nieuw webhookgeheim (HMAC) aanmaken"))
    def nieuw_webhook_geheim(self, request, queryset):
        for partner in queryset:
            geheim = partner_webhook_geheim_vernieuwen(actor=request.user, partner=partner)
            messages.warning(
                request,
                _("Nieuw webhookgeheim voor %(p)s: %(t)s — geef het veilig door; het wordt niet nog eens getoond.")
                % {"p": partner, "t": geheim},
            )

    @admin.action(description=_("Nieuw token aanmaken (het oude vervalt)"))
    def nieuw_token(self, request, queryset):
        for partner in queryset:
            token = partner_token_vernieuwen(actor=request.user, partner=partner)
            messages.warning(
                request,
                _("Nieuw token voor %(p)s: %(t)s — geef het veilig door; het wordt niet nog eens getoond.")
                % {"p": partner, "t": token},
            )


@admin.register(Aanlevering)
class AanleveringAdmin(AlleenLezen):
    list_display = (
        "gestart",
        "naam",
        "bron",
        "partner",
        "status",
        "ontvangen",
        "geimporteerd",
        "dubbel",
        "quarantaine",
    )
    list_filter = ("bron", "status", ("gestart", admin.DateFieldListFilter))
    search_fields = ("naam",)
    date_hierarchy = "gestart"
    show_full_result_count = False


@admin.register(Bericht)
class BerichtAdmin(AlleenLezen):
    list_display = ("bericht_id", "kanaal", "verzonden", "ontvangen_op", "slachtoffers")
    list_filter = ("kanaal",)
    search_fields = ("=bericht_id",)
    show_full_result_count = False


@admin.register(Quarantainebericht)
class QuarantaineberichtAdmin(AlleenLezen):
    list_display = ("aangemaakt_op", "aanlevering", "kanaal", "bericht_id", "regel", "element", "korte_reden", "status")
    list_filter = ("status", "kanaal", ("aangemaakt_op", admin.DateFieldListFilter))
    search_fields = ("=bericht_id", "aanlevering__naam")
    list_select_related = ("aanlevering",)
    actions = ["opnieuw_verwerken"]
    exclude = ("inhoud",)

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields if f.name != "inhoud"] + ["bericht"]

    @admin.display(description=_("reden"))
    def korte_reden(self, obj):
        return obj.reden[:120]

    @admin.display(description=_("bericht zoals ontvangen"))
    def bericht(self, obj):
        inhoud = bytes(obj.inhoud or b"")
        if not inhoud:
            return _("Niet opgeslagen (te groot): zie het bestand %(p)s.") % {"p": obj.pad or "?"}
        match = _ENCODING.match(inhoud[:200])
        try:
            tekst = inhoud.decode(match.group(1).decode() if match else "utf-8", errors="replace")
        except LookupError:
            tekst = inhoud.decode("utf-8", errors="replace")
        if len(tekst) > TOON_MAX:
            tekst = tekst[:TOON_MAX] + "\n…"
        return format_html('<pre class="cris-xml">{}</pre>', tekst)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None:
            audit_read(actor=request.user, obj=obj, reason="quarantaine bekeken")
        return super().change_view(request, object_id, form_url, extra_context)

    def has_change_permission(self, request, obj=None):
        # Nothing is edited here; the change permission allows processing again.
        return super().has_change_permission(request, obj) and obj is None

    @admin.action(description=_("Opnieuw verwerken"), permissions=["change"])
    def opnieuw_verwerken(self, request, queryset):
        for bericht in queryset.filter(status=QuarantaineStatus.OPEN).order_by("pk"):
            try:
                melding = quarantaine_opnieuw_verwerken(actor=request.user, bericht=bericht)
            except Exception as exc:  # a file that failed its worker may fail here too: nothing was saved
                logger.exception("quarantaine: opnieuw verwerken van %s mislukt", bericht.pk)
                messages.error(request, f"Bericht {bericht.pk}: opnieuw verwerken mislukt ({type(exc).__name__}).")
            else:
                messages.info(request, melding)
