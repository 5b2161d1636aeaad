from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from casus.models import Betrokkene

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
