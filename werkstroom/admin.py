from django.contrib import admin

from werkstroom.models import District, Lidmaatschap, Piketdienst, Piketregeling, Postcode, Specialisatie, Team
from werkstroom.services import lidmaatschap_beeindigen, lidmaatschap_opslaan


class MembershipsThroughServiceMixin:
    """Memberships carry access to cases (the team's group): they are written by the service only."""

    def _save_lidmaatschap(self, request, lid):
        return lidmaatschap_opslaan(
            medewerker=lid.medewerker, team=lid.team, rol=lid.rol, standaard=lid.standaard, actor=request.user
        )


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ("code", "naam")


@admin.register(Postcode)
class PostcodeAdmin(admin.ModelAdmin):
    list_display = ("cijfers", "district")
    list_filter = ("district",)
    search_fields = ("=cijfers",)
    list_select_related = ("district",)


class LidmaatschapInline(admin.TabularInline):
    model = Lidmaatschap
    extra = 0
    autocomplete_fields = ("medewerker",)


@admin.register(Team)
class TeamAdmin(MembershipsThroughServiceMixin, admin.ModelAdmin):
    list_display = ("naam", "code", "afdeling", "district", "actief")
    list_filter = ("afdeling", "district", "actief")
    search_fields = ("naam", "code")
    list_select_related = ("district",)
    inlines = [LidmaatschapInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not Lidmaatschap:
            return super().save_formset(request, form, formset, change)
        for lid in formset.save(commit=False):
            self._save_lidmaatschap(request, lid)
        for lid in formset.deleted_objects:
            lidmaatschap_beeindigen(lidmaatschap=lid, actor=request.user)
        return None


@admin.register(Specialisatie)
class SpecialisatieAdmin(admin.ModelAdmin):
    list_display = ("code", "naam")
    search_fields = ("code", "naam")
    filter_horizontal = ("medewerkers",)


@admin.register(Lidmaatschap)
class LidmaatschapAdmin(MembershipsThroughServiceMixin, admin.ModelAdmin):
    list_display = ("medewerker", "team", "rol", "standaard")
    list_filter = ("rol", "team__afdeling")
    list_select_related = ("medewerker", "team")
    search_fields = ("medewerker__username", "medewerker__achternaam", "team__naam")
    autocomplete_fields = ("medewerker", "team")

    def save_model(self, request, obj, form, change):
        if change and {"medewerker", "team"} & set(form.changed_data):
            lidmaatschap_beeindigen(lidmaatschap=Lidmaatschap.objects.get(pk=obj.pk), actor=request.user)
        obj.pk = self._save_lidmaatschap(request, obj).pk

    def delete_model(self, request, obj):
        lidmaatschap_beeindigen(lidmaatschap=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for lid in queryset:
            lidmaatschap_beeindigen(lidmaatschap=lid, actor=request.user)


@admin.register(Piketregeling)
class PiketregelingAdmin(admin.ModelAdmin):
    """TAK-8: when the piket period runs and which team has AO alerts in office hours."""

    list_display = ("__str__", "begin_dag", "begin_tijd", "einde_dag", "einde_tijd", "kantoorteam")

    def has_add_permission(self, request):
        return not Piketregeling.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Piketdienst)
class PiketdienstAdmin(admin.ModelAdmin):
    """TAK-8: the rota of piketleiders."""

    list_display = ("medewerker", "van", "tot")
    list_select_related = ("medewerker",)
    autocomplete_fields = ("medewerker",)
    date_hierarchy = "van"
