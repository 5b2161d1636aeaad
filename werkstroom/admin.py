from django.contrib import admin

from werkstroom.models import District, Lidmaatschap, Postcode, Specialisatie, Team


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
class TeamAdmin(admin.ModelAdmin):
    list_display = ("naam", "code", "afdeling", "district", "actief")
    list_filter = ("afdeling", "district", "actief")
    search_fields = ("naam", "code")
    list_select_related = ("district",)
    inlines = [LidmaatschapInline]


@admin.register(Specialisatie)
class SpecialisatieAdmin(admin.ModelAdmin):
    list_display = ("code", "naam")
    search_fields = ("code", "naam")
    filter_horizontal = ("medewerkers",)


@admin.register(Lidmaatschap)
class LidmaatschapAdmin(admin.ModelAdmin):
    list_display = ("medewerker", "team", "rol", "standaard")
    list_filter = ("rol", "team__afdeling")
    list_select_related = ("medewerker", "team")
    search_fields = ("medewerker__username", "medewerker__achternaam", "team__naam")
    autocomplete_fields = ("medewerker", "team")
