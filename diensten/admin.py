from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from diensten.models import DienstSoort


class SubdienstInline(admin.TabularInline):
    model = DienstSoort
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

    def save_formset(self, request, form, formset, change):
        for subform in formset.forms:  # a sub-service takes its main service's category
            if subform.has_changed():
                subform.instance.categorie = form.instance.categorie
        super().save_formset(request, form, formset, change)

    def has_delete_permission(self, request, obj=None):
        return False
