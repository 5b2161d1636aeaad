from django.contrib import admin

from koppelingen.afas.models import AfasImport


@admin.register(AfasImport)
class AfasImportAdmin(admin.ModelAdmin):
    list_display = (
        "gestart",
        "bestand",
        "regels",
        "aangemaakt",
        "bijgewerkt",
        "gedeactiveerd",
        "aantal_fouten",
    )
    readonly_fields = [f.name for f in AfasImport._meta.fields]

    @admin.display(description="fouten")
    def aantal_fouten(self, obj):
        return len(obj.fouten)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
