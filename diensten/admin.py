from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from diensten.models import DienstSoort


class SubdienstFormSet(BaseInlineFormSet):
    """A sub-service takes its main service's category, set before the model checks that it does (a row
    checked with its old category after the main service's changed answered 500, issue 23 item 8)."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.instance.categorie = self.instance.categorie
        return form


class SubdienstInline(admin.TabularInline):
    model = DienstSoort
    formset = SubdienstFormSet
    fk_name = "hoofddienst"
    fields = ("code", "naam", "geldig_van", "geldig_tot", "volgorde")
    extra = 0
    verbose_name = _("subdienst")
    verbose_name_plural = _("subdiensten")

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DienstSoort)
class DienstSoortAdmin(admin.ModelAdmin):
    """DIE-1: informerende and ondersteunende diensten with sub-services. Never deleted: a retired soort
    gets an end date, so registered services and past reports keep their meaning."""

    list_display = ("__str__", "code", "categorie", "geldig_van", "geldig_tot", "volgorde")
    list_filter = ("categorie", "hoofddienst")
    search_fields = ("naam", "code")
    inlines = [SubdienstInline]

    def get_inlines(self, request, obj):
        return [SubdienstInline] if obj is not None and obj.hoofddienst_id is None else []

    def has_delete_permission(self, request, obj=None):
        return False
