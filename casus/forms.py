from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from casus import catalogus
from casus.bewerken import CLIENT_KAART_FIELDS
from casus.models import Adres, Betrokkene, Casus, Client
from casus.services import ADRES_FIELDS
from cris.versie import VersieFormMixin

_CASUSNUMMER = re.compile(r"^(?:CA)?\s*0*(\d{1,12})$", re.IGNORECASE)


def casus_pk(nummer: str) -> int | None:
    """'CA0000123', 'ca 123' or '123' → 123."""
    m = _CASUSNUMMER.match((nummer or "").strip())
    return int(m.group(1)) if m else None


class CasusnummerField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Casusnummer"))
        kwargs.setdefault("help_text", _("Bijvoorbeeld CA0000123."))
        super().__init__(max_length=20, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        pk = casus_pk(value)
        if pk is None:
            raise forms.ValidationError(_("Dit is geen casusnummer; een casusnummer ziet eruit als CA0000123."))
        return pk


class BetrokkeneForm(forms.ModelForm):
    class Meta:
        model = Betrokkene
        fields = ["rol", "naam", "telefoon", "email", "organisatie", "toelichting", "contactpersoon"]


class RelatieForm(forms.Form):
    casus = CasusnummerField(label=_("Gerelateerde casus"))
    toelichting = forms.CharField(label=_("Toelichting"), max_length=300, required=False)


class ToegangAanvraagForm(forms.Form):
    casus = CasusnummerField()
    reden = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Waarom heb je deze casus nodig voor je werk? De beoordelaar en de privacy officer lezen dit."),
    )
    dagen = forms.IntegerField(label=_("Duur in dagen"), min_value=1, initial=7)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dagen"].validators.append(MaxValueValidator(settings.TOEGANG_MAX_DAGEN))
        self.fields["dagen"].widget.attrs["max"] = settings.TOEGANG_MAX_DAGEN


class NoodtoegangForm(forms.Form):
    casus = CasusnummerField()
    reden = forms.CharField(
        label=_("Reden (verplicht)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("De privacy officer beoordeelt deze noodtoegang achteraf."),
    )


class BesluitForm(forms.Form):
    besluit = forms.ChoiceField(choices=[("verlenen", _("Verlenen")), ("afwijzen", _("Afwijzen"))])
    dagen = forms.IntegerField(label=_("Duur in dagen"), min_value=1, required=False)
    toelichting = forms.CharField(label=_("Toelichting"), max_length=500, required=False)


class BeoordelingForm(forms.Form):
    beoordeling = forms.CharField(label=_("Beoordeling"), max_length=500)


# --- Issue 24: corrections after intake (CLI-1, CAS-2), through casus.bewerken ------------------------------


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class _BewerkForm(VersieFormMixin):
    """Fields from the model (labels and limits in one place), NL Design System classes on every widget."""

    model = None
    velden: tuple[str, ...] = ()
    widgets: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(forms.fields_for_model(self.model, fields=self.velden, widgets=self.widgets))
        self.fields.update(self.extra_fields())
        for veld in self.fields.values():
            if isinstance(veld.widget, forms.CheckboxInput | forms.HiddenInput):
                continue
            css = "utrecht-select" if isinstance(veld.widget, forms.Select) else "utrecht-textbox"
            if isinstance(veld.widget, forms.Textarea):
                css = "utrecht-textarea"
            veld.widget.attrs.setdefault("class", css)

    def extra_fields(self) -> dict:
        return {}


class ClientKaartForm(_BewerkForm):
    """CLI-1: the client card as a caseworker corrects it (the BSN is intake's: BsnForm)."""

    model = Client
    velden = CLIENT_KAART_FIELDS
    widgets = {"geboortedatum": DatumInput(), "overleden_op": DatumInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["telefoon"].widget.attrs.update({"type": "tel", "autocomplete": "off"})
        self.fields["telefoon_2"].widget.attrs.update({"type": "tel", "autocomplete": "off"})
        self.fields["overleden_op"].help_text = _("Vul in als de datum bekend is.")

    def clean_telefoon(self):
        return _telefoon(self.cleaned_data["telefoon"])

    def clean_telefoon_2(self):
        return _telefoon(self.cleaned_data["telefoon_2"])

    def clean_taal(self):
        taal = self.cleaned_data["taal"].strip().lower()
        if taal and not re.fullmatch(r"[a-z]{2}", taal):
            raise forms.ValidationError(_("Gebruik de taalcode van twee letters, bijvoorbeeld nl, en of ar."))
        return taal


_TELEFOON = re.compile(r"^\+?[0-9][0-9 \-()]{5,25}$")


def _telefoon(waarde: str) -> str:
    waarde = (waarde or "").strip()
    if waarde and not _TELEFOON.match(waarde):
        raise forms.ValidationError(_("Dit is geen telefoonnummer; gebruik cijfers, spaties, - en eventueel +31."))
    return waarde


class AdresForm(_BewerkForm):
    model = Adres
    velden = ADRES_FIELDS

    def extra_fields(self) -> dict:
        return {
            "voorkeur": forms.BooleanField(
                label=_("Dit is het voorkeursadres"),
                required=False,
                help_text=_("De postcode van het voorkeursadres bepaalt het district van nieuwe casussen."),
            )
        }

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].strip()
        land = (self.data.get(self.add_prefix("land")) or "Nederland").strip().lower()
        if postcode and land in ("", "nederland", "nl") and not re.fullmatch(r"\d{4} ?[A-Za-z]{2}", postcode):
            raise forms.ValidationError(_("Een Nederlandse postcode ziet eruit als 3511 AB."))
        return postcode


class CasusGegevensForm(_BewerkForm):
    """CAS-2: delict (from the catalogue), date and place, role, protection, vulnerabilities, alarm, legal part."""

    model = Casus
    velden = (
        "delict_datum",
        "delict_plaats",
        "slachtofferrol",
        "beschermingsmaatregelen",
        "alarm",
        "alarm_toelichting",
        "parketnummer",
        "juridische_informatie",
    )
    widgets = {
        "delict_datum": DatumInput(),
        "beschermingsmaatregelen": forms.Textarea(attrs={"rows": 3}),
        "juridische_informatie": forms.Textarea(attrs={"rows": 3}),
    }

    def __init__(self, *args, huidige_code: str = "", **kwargs):
        self.huidige_code = huidige_code
        super().__init__(*args, **kwargs)
        self.order_fields(["versie", "delict_code", *self.velden[:3], "kwetsbaarheden", *self.velden[3:]])

    def extra_fields(self) -> dict:
        keuzes = [("", _("– geen delict –")), *catalogus.delict_keuzes()]
        if self.huidige_code and self.huidige_code not in {c for c, _l in keuzes}:
            keuzes.append((self.huidige_code, _("%(c)s (onbekend in de catalogus)") % {"c": self.huidige_code}))
        return {
            "delict_code": forms.ChoiceField(label=_("Delict"), choices=keuzes, required=False),
            "kwetsbaarheden": forms.CharField(
                label=_("Kwetsbaarheden"),
                required=False,
                max_length=1000,
                help_text=_("Gescheiden door komma's, bijvoorbeeld: ouderen, licht verstandelijke beperking."),
            ),
        }

    def clean_kwetsbaarheden(self):
        delen = [k.strip() for k in self.cleaned_data["kwetsbaarheden"].split(",") if k.strip()]
        if any(len(k) > 50 for k in delen):
            raise forms.ValidationError(_("Elke kwetsbaarheid is hoogstens 50 tekens."))
        return delen


class BsnForm(VersieFormMixin):
    bsn = forms.CharField(
        label=_("BSN"),
        max_length=11,
        required=False,
        help_text=_("Laat leeg om het BSN te verwijderen."),
        widget=forms.TextInput(attrs={"class": "utrecht-textbox", "inputmode": "numeric", "autocomplete": "off"}),
    )
    reden = forms.CharField(
        label=_("Reden"),
        max_length=500,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
        help_text=_("Bijvoorbeeld: BSN gecontroleerd bij BVBSN na melding van de cliënt."),
    )
