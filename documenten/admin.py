"""Admin for functional managers (templates, DOC-2) and application managers (outbox, documents)."""

import re

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cris import klok
from documenten import placeholders
from documenten.models import Document, OutboxStatus, Sjabloon, SjabloonSoort, UitgaandeEmail
from documenten.services import brieven, outbox

_E_MAILADRES = re.compile(r"[^\s<>@\"']+@[^\s<>@\"']+")


def _velden_hulp() -> str:
    return format_html(
        "{}<ul>{}</ul>",
        _("Velden die u in onderwerp en inhoud kunt gebruiken (andere code wordt geweigerd):"),
        format_html_join(
            "", "<li><code>{{{{ {} }}}}</code> – {}</li>", ((v, str(o)) for v, o in placeholders.VELDEN.items())
        ),
    )


class SjabloonForm(forms.ModelForm):
    """The template form; its version check (two functional managers editing one template) is the admin's
    own, cris.beheer.VersieAdminMixin."""

    class Meta:
        model = Sjabloon
        fields = ["naam", "soort", "doel", "delict_code", "onderwerp", "inhoud", "geldig_van", "geldig_tot"]


@admin.register(Sjabloon)
class SjabloonAdmin(admin.ModelAdmin):
    """DOC-2: letter and e-mail templates with validity dates, optionally per delict (AAN-8)."""

    list_display = ("naam", "soort", "doel", "delict_code", "geldig_van", "geldig_tot", "voorbeeld_link")
    list_filter = ("soort", "doel")
    search_fields = ("naam", "delict_code", "onderwerp")
    form = SjabloonForm
    fieldsets = (
        (None, {"fields": ("naam", "soort", "doel", "delict_code")}),
        (gettext_lazy("Tekst"), {"fields": ("onderwerp", "inhoud"), "description": ""}),
        (gettext_lazy("Geldigheid"), {"fields": ("geldig_van", "geldig_tot")}),
    )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        tekst = dict(fieldsets[1][1], description=_velden_hulp())
        return (fieldsets[0], (fieldsets[1][0], tekst), fieldsets[2])

    def has_delete_permission(self, request, obj=None):
        return False  # letters refer to their template; end its validity instead

    @admin.display(description=gettext_lazy("voorbeeld"))
    def voorbeeld_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:documenten_sjabloon_voorbeeld", args=[obj.pk]), _("Voorbeeld")
        )

    def get_urls(self):
        eigen = [
            path(
                "<int:pk>/voorbeeld/", self.admin_site.admin_view(self.voorbeeld), name="documenten_sjabloon_voorbeeld"
            ),
            path(
                "<int:pk>/voorbeeld.pdf",
                self.admin_site.admin_view(self.voorbeeld_pdf),
                name="documenten_sjabloon_voorbeeld_pdf",
            ),
        ]
        return eigen + super().get_urls()

    def _sjabloon(self, request, pk):
        if not self.has_view_permission(request):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        return get_object_or_404(Sjabloon, pk=pk)

    def voorbeeld(self, request, pk: int):
        """The template filled in for a made-up client and casus, as a caseworker would produce it."""
        sjabloon = self._sjabloon(request, pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Voorbeeld: %(n)s") % {"n": sjabloon.naam},
            "sjabloon": sjabloon,
            "opts": self.model._meta,
            "brief": sjabloon.soort == SjabloonSoort.BRIEF,
            "geldig_vandaag": sjabloon.geldig_op(klok.vandaag()),
            **brieven.voorbeeld(sjabloon=sjabloon, afzender=request.user),
        }
        return TemplateResponse(request, "documenten/admin_voorbeeld.html", context)

    def voorbeeld_pdf(self, request, pk: int):
        sjabloon = self._sjabloon(request, pk)
        pdf = brieven.pdf_maken(brieven.brief_html(**brieven.voorbeeld(sjabloon=sjabloon, afzender=request.user)))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="voorbeeld.pdf"'
        return response


class OutboxAdmin(admin.ModelAdmin):
    """What an outbox shows application managers, the e-mail outbox and the partners' event outbox
    (koppelingen.partners) alike: read-only rows, what waits and why, the dead-letter list (status 'mislukt') and
    one action that offers the chosen dead letters again through the outbox's own service ``opnieuw``."""

    date_hierarchy = "aangemaakt_op"
    actions = ["opnieuw_aanbieden"]
    list_per_page = 50
    show_full_result_count = False
    opnieuw: staticmethod  # (actor, ids) -> how many went back into the queue
    opnieuw_melding = gettext_lazy("%(n)d opnieuw in de wachtrij gezet.")

    def foutmelding(self, obj) -> str:
        return obj.laatste_fout

    @admin.display(description=gettext_lazy("laatste fout"))
    def fout(self, obj):
        return self.foutmelding(obj)[:120]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=gettext_lazy("Opnieuw aanbieden (mislukt)"), permissions=["change"])
    def opnieuw_aanbieden(self, request, queryset):
        ids = list(queryset.filter(status=OutboxStatus.MISLUKT).values_list("pk", flat=True))
        aantal = self.opnieuw(actor=request.user, ids=ids)
        self.message_user(request, self.opnieuw_melding % {"n": aantal}, messages.SUCCESS)


@admin.register(UitgaandeEmail)
class UitgaandeEmailAdmin(OutboxAdmin):
    """The outbox: what is waiting, what was sent, what failed and why (DOC-2)."""

    # No recipient, subject or linked object's name: those are personal data of the client, read here by
    # application managers without access to the casus (issue 21 item 13). The domain shows where mail fails.
    list_display = (
        "aangemaakt_op",
        "domein",
        "status",
        "pogingen",
        "volgende_poging",
        "verzonden_op",
        "fout",
    )
    list_filter = ("status",)
    search_fields = ("=message_id",)
    fields = (
        "domein",
        "status",
        "pogingen",
        "fout_zonder_adres",
        "volgende_poging",
        "verzonden_op",
        "message_id",
        "casus_id",
        "document_id",
        "aangemaakt_door",
        "aangemaakt_op",
    )
    readonly_fields = fields
    opnieuw = staticmethod(outbox.outbox_opnieuw)
    opnieuw_melding = gettext_lazy("%(n)d e-mail(s) opnieuw in de wachtrij gezet.")

    @admin.display(description=gettext_lazy("domein ontvanger"))
    def domein(self, obj):
        return obj.aan.rpartition("@")[2] if "@" in obj.aan else "–"

    def foutmelding(self, obj) -> str:
        return _E_MAILADRES.sub("…@…", obj.laatste_fout)

    @admin.display(description=gettext_lazy("laatste fout"))
    def fout_zonder_adres(self, obj):
        return self.foutmelding(obj)


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    """Read-only overview for application managers (e.g. a letter whose PDF failed). No file contents:
    those are reached only from the casus, by whoever may see it."""

    list_display = ("id", "type", "status", "casus_id", "gewijzigd_op", "brief_fout")  # no title: case data
    list_filter = ("type", "status")
    search_fields = ("=casus__id",)
    list_select_related = ("brief",)
    fields = (
        "id",
        "type",
        "status",
        "casus_id",
        "huidige_versie_id",
        "aangemaakt_door",
        "aangemaakt_op",
        "gewijzigd_op",
    )
    readonly_fields = fields
    show_full_result_count = False

    @admin.display(description=gettext_lazy("fout bij maken PDF"))
    def brief_fout(self, obj):
        brief = getattr(obj, "brief", None)
        return brief.fout[:120] if brief is not None else ""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # The list says all an application manager needs; a detail page would be titled with the document's
        # title, which is case data (issue 21 item 13).
        return obj is None and super().has_view_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False
