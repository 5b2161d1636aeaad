"""What the admin pages of the apps share."""

from __future__ import annotations

import hashlib

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _

from cris import versie

VERSIE_VELD = "versie"


class AlleenInzienAdmin(admin.ModelAdmin):
    """An admin page that only shows rows: what it lists is written by the product's services (or by nobody)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def heeft_versiekolom(model) -> bool:
    return any(f.name == VERSIE_VELD and f.concrete for f in model._meta.get_fields())


def versie_van(obj: models.Model) -> str:
    """The version a change form shows: the row's ``versie`` column (cris.versie.Versiebeheerd); for the
    packages' models, which have none, a fingerprint of the stored values and many-to-many links."""
    if heeft_versiekolom(type(obj)):
        return str(obj.versie)
    # Editable fields only: a package's own bookkeeping (celery-beat's last run) is no one's change.
    waarden = [getattr(obj, f.attname) for f in obj._meta.concrete_fields if f.editable]
    waarden += [sorted(getattr(obj, f.name).values_list("pk", flat=True)) for f in obj._meta.many_to_many]
    return hashlib.sha256(repr(waarden).encode()).hexdigest()[:32]


def _weergave(obj: models.Model, veld: models.Field) -> str:
    waarde = getattr(obj, veld.name)
    if veld.choices:
        waarde = getattr(obj, f"get_{veld.name}_display")()
    if isinstance(waarde, bool):
        return _("ja") if waarde else _("nee")
    return "–" if waarde in (None, "") else str(waarde)


class VersieAdminForm(forms.Form):
    """The hidden ``versie`` of an admin change form and its check (issue 23 item 3): when the row moved on
    since the form was shown, nothing is saved; the form comes back with the Dutch message, the values as they
    are stored now, and the current version, so a second save is a deliberate one on top of the other change.
    Runs inside the admin's transaction: the row stays locked until this change is saved."""

    versie = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict: versie.VersieConflict | None = None
        self.opgeslagen_versie: int | None = None
        self.fields[VERSIE_VELD].required = True
        self.fields[VERSIE_VELD].error_messages["required"] = _(
            "Het formulier mist zijn versie; laad de pagina opnieuw."
        )
        self.initial[VERSIE_VELD] = versie_van(self.instance)

    def clean(self):
        data = super().clean()
        model = type(self.instance)
        huidig = model._base_manager.select_for_update().get(pk=self.instance.pk)
        nu = versie_van(huidig)
        if heeft_versiekolom(model):
            self.opgeslagen_versie = huidig.versie
        getoond = self.data.get(self.add_prefix(VERSIE_VELD))
        if getoond is None or getoond == nu:
            return data  # no version at all: the field's own message
        self.conflict = versie.VersieConflict(huidig, None)
        self.data = self.data.copy()
        self.data[self.add_prefix(VERSIE_VELD)] = nu  # a second save is one on top of the stored change
        raise ValidationError([self.conflict.bericht, *self._nu_opgeslagen(huidig, data)])

    def _nu_opgeslagen(self, huidig: models.Model, data: dict) -> list[str]:
        """The stored values that differ from what this form sent: the other person's change."""
        regels = []
        for veld in huidig._meta.concrete_fields:
            if veld.name not in self.fields or veld.name == VERSIE_VELD:
                continue
            opgestuurd = data.get(veld.name)
            opgestuurd = getattr(opgestuurd, "pk", opgestuurd)
            if opgestuurd != getattr(huidig, veld.attname):
                regels.append(_("Nu opgeslagen – %(veld)s: %(waarde)s") % {
                    "veld": veld.verbose_name, "waarde": _weergave(huidig, veld),
                })  # fmt: skip
        return regels


class _AlleenIds:
    """An autocomplete box re-rendered after a refused form looks its selected values up as ids: only values
    that can be ids (ASCII digits within bigint), so '²' or 2^63 is the field's message, not a 500."""

    def optgroups(self, name, value, attr=None):
        from cris.invoer import geheel_getal

        doel = self.field.remote_field.model._meta
        veld = doel.get_field(getattr(self.field.remote_field, "field_name", None) or doel.pk.name)
        if isinstance(veld, models.IntegerField | models.AutoField):
            value = [v for v in value if geheel_getal(v) is not None]
        return super().optgroups(name, value, attr)


class VeiligeAutocompleteSelect(_AlleenIds, AutocompleteSelect):
    pass


class VeiligeAutocompleteSelectMultiple(_AlleenIds, AutocompleteSelectMultiple):
    pass


class DatumhierarchieMixin:
    """Hostile input in the admin (issue 23 item 8). The date drill-down (``date_hierarchy``) reads year, month
    and day from the URL and overflowed on 2^63 or year 1: a value outside cris.datums' range goes and the list
    shows without it. Autocomplete boxes render only values that can be ids (_AlleenIds)."""

    def changelist_view(self, request, extra_context=None):
        from cris.datums import MAX_DATUM, MIN_DATUM
        from cris.invoer import geheel_getal

        veld = getattr(self, "date_hierarchy", None)
        if veld:
            grenzen = {"year": (MIN_DATUM.year, MAX_DATUM.year), "month": (1, 12), "day": (1, 31)}
            fout = [
                f"{veld}__{deel}"
                for deel, (laag, hoog) in grenzen.items()
                if f"{veld}__{deel}" in request.GET
                and not laag <= (geheel_getal(request.GET[f"{veld}__{deel}"]) or 0) <= hoog
            ]
            if fout:
                query = request.GET.copy()
                for naam in fout:
                    query.pop(naam)
                return HttpResponseRedirect(f"{request.path}?{query.urlencode()}")
        return super().changelist_view(request, extra_context)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = VeiligeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = VeiligeAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class VersieAdminMixin(DatumhierarchieMixin):
    """Optimistic concurrency for every change form of /beheer/ (issue 23 item 3). The admin site puts it in
    every ModelAdmin it registers (cris.audit.admin_site), so a new registration cannot go without it. A form
    whose row changed since it was shown answers 409 and saves nothing (VersieAdminForm)."""

    def _met_versie(self, request, obj) -> bool:
        return obj is not None and self.has_change_permission(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        fields = kwargs.pop("fields") if "fields" in kwargs else flatten_fieldsets(self.get_fieldsets(request, obj))
        if fields is not None:
            fields = [f for f in fields if f != VERSIE_VELD]
        form = super().get_form(request, obj, change=change, fields=fields, **kwargs)
        if not self._met_versie(request, obj):
            return form
        return type(form.__name__, (VersieAdminForm, form), {})

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self._met_versie(request, obj) or VERSIE_VELD in flatten_fieldsets(fieldsets):
            return fieldsets
        (naam, opties), *rest = fieldsets
        return [(naam, {**opties, "fields": (VERSIE_VELD, *opties.get("fields", ()))}), *rest]

    def save_model(self, request, obj, form, change):
        if change and getattr(form, "opgeslagen_versie", None) is not None:
            obj.versie = form.opgeslagen_versie + 1
        super().save_model(request, obj, form, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = super().changeform_view(request, object_id, form_url, extra_context)
        adminform = getattr(response, "context_data", {}).get("adminform")
        if adminform is not None and getattr(adminform.form, "conflict", None) is not None:
            response.status_code = 409  # nothing saved: someone else changed the row
        return response


class SelectieAdminMixin:
    """A changelist's bulk action on selected rows whose ids are not ids of this model (a hand-made POST, an old
    tab: '²', 'a', 2^63) did nothing but answer 500 (issue 23 item 8). Such a selection is refused with a message
    and nothing is done; the admin site puts this in every ModelAdmin it registers (cris.audit.admin_site)."""

    def response_action(self, request, queryset):
        veld = self.model._meta.pk
        for waarde in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
            try:
                pk = veld.to_python(waarde)
                if isinstance(pk, int) and not -(2**63) <= pk < 2**63:
                    raise ValidationError("buiten bereik")
            except (ValidationError, ValueError, TypeError):
                self.message_user(
                    request, _("Niets gedaan: de selectie bevat een onbekende regel. Kies opnieuw."), messages.WARNING
                )
                return None  # the admin then shows the list again
        return super().response_action(request, queryset)
