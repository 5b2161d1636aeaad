from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cris.accounts.admin import FunctieprofielAdmin
from cris.accounts.models import Functieprofiel
from cris.beheer import AlleenInzienAdmin
from werkstroom import vier_ogen
from werkstroom.models import (
    Beheervoorstel,
    District,
    Lidmaatschap,
    Piketdienst,
    Piketregeling,
    Postcode,
    Specialisatie,
    Team,
)

_VOORGESTELD = gettext_lazy(
    "De wijziging in lidmaatschappen is voorgesteld: een tweede beheerder moet haar goedkeuren "
    "(Beheervoorstellen). De privacy officer is ingelicht."
)


def lidmaatschap_voorstellen(request, lid, *, beeindigen: bool = False) -> bool:
    """Memberships carry access to cases: the admin proposes, a second manager approves (issue 21 item 6)."""
    try:
        vier_ogen.voorstel_doen(
            actor=request.user,
            soort=Beheervoorstel.Soort.LID_BEEINDIGEN if beeindigen else Beheervoorstel.Soort.LID_OPSLAAN,
            medewerker=lid.medewerker,
            team=lid.team,
            gegevens={} if beeindigen else {"rol": lid.rol, "standaard": lid.standaard},
        )
    except vier_ogen.VierOgenFout as fout:
        messages.error(request, " ".join(fout.messages))
        return False
    return True


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

    def save_formset(self, request, form, formset, change):
        if formset.model is not Lidmaatschap:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)  # nothing is written: each change becomes a proposal
        voorgesteld = False
        for lid in formset.new_objects:
            voorgesteld |= lidmaatschap_voorstellen(request, lid)
        for lid, velden in formset.changed_objects:
            if "medewerker" in velden:
                voorgesteld |= lidmaatschap_voorstellen(request, Lidmaatschap.objects.get(pk=lid.pk), beeindigen=True)
            voorgesteld |= lidmaatschap_voorstellen(request, lid)
        for lid in formset.deleted_objects:
            voorgesteld |= lidmaatschap_voorstellen(request, lid, beeindigen=True)
        if voorgesteld:
            messages.warning(request, _VOORGESTELD)
        return None


@admin.register(Specialisatie)
class SpecialisatieAdmin(admin.ModelAdmin):
    list_display = ("code", "naam")
    search_fields = ("code", "naam")
    filter_horizontal = ("medewerkers",)


@admin.register(Lidmaatschap)
class LidmaatschapAdmin(AlleenInzienAdmin):
    """A list; memberships are changed on the team's page, as proposals (four eyes)."""

    list_display = ("medewerker", "team", "rol", "standaard")
    list_filter = ("rol", "team__afdeling")
    list_select_related = ("medewerker", "team")
    search_fields = ("medewerker__username", "medewerker__achternaam", "team__naam")
    autocomplete_fields = ("medewerker", "team")


@admin.register(Beheervoorstel)
class BeheervoorstelAdmin(admin.ModelAdmin):
    """Four eyes (issue 21 item 6): changes to memberships and profile roles wait here for a second manager."""

    list_display = ("voorgesteld_op", "omschrijving", "voorgesteld_door", "status", "beoordeeld_door")
    list_filter = ("status", "soort")
    list_select_related = ("medewerker", "team", "functieprofiel", "voorgesteld_door", "beoordeeld_door")
    actions = ["goedkeuren", "afwijzen"]
    fields = readonly_fields = (
        "soort", "omschrijving", "status", "voorgesteld_door", "voorgesteld_op", "beoordeeld_door", "beoordeeld_op",
    )  # fmt: skip

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _besluiten(self, request, queryset, goedkeuren: bool):
        for voorstel in queryset.filter(status=Beheervoorstel.Status.OPEN):
            try:
                vier_ogen.voorstel_besluiten(actor=request.user, voorstel=voorstel, goedkeuren=goedkeuren)
            except vier_ogen.VierOgenFout as fout:
                self.message_user(request, f"{voorstel}: {' '.join(fout.messages)}", messages.ERROR)
            else:
                self.message_user(request, f"{voorstel}: {voorstel.get_status_display()}", messages.SUCCESS)

    @admin.action(description=gettext_lazy("Goedkeuren en uitvoeren (tweede beheerder)"), permissions=["change"])
    def goedkeuren(self, request, queryset):
        self._besluiten(request, queryset, True)

    @admin.action(description=gettext_lazy("Afwijzen"), permissions=["change"])
    def afwijzen(self, request, queryset):
        self._besluiten(request, queryset, False)


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


admin.site.unregister(Functieprofiel)


@admin.register(Functieprofiel)
class VierOgenFunctieprofielAdmin(FunctieprofielAdmin):
    """The profile's roles are not changed on save: a change becomes a proposal that a second manager
    approves (four eyes, issue 21 item 6). Registered here: the proposal lives above cris.accounts."""

    def save_related(self, request, form, formsets, change):
        profiel = form.instance
        oud = set(profiel.rollen.values_list("pk", flat=True)) if change else set()
        nieuw = {g.pk for g in form.cleaned_data.get("rollen", [])}
        admin.ModelAdmin.save_related(self, request, form, formsets, change)
        profiel.rollen.set(oud)
        if oud == nieuw:
            return
        try:
            vier_ogen.voorstel_doen(
                actor=request.user, soort=Beheervoorstel.Soort.PROFIELROLLEN, functieprofiel=profiel,
                gegevens={"rollen": sorted(nieuw)},
            )  # fmt: skip
        except vier_ogen.VierOgenFout as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            messages.warning(request, _("De nieuwe rollen zijn voorgesteld: een tweede beheerder moet ze goedkeuren."))
