from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from cris import klok
from gebeurtenissen.models import Gebeurtenis


class GebeurtenisForm(forms.ModelForm):
    class Meta:
        model = Gebeurtenis
        fields = ["naam", "datum", "type", "plaats", "omschrijving"]
        widgets = {
            "datum": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "omschrijving": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "gebeurtenis")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "utrecht-select" if isinstance(field.widget, forms.Select) else "utrecht-textbox"
            if isinstance(field.widget, forms.Textarea):
                css = "utrecht-textarea"
            field.widget.attrs.setdefault("class", css)
        self.fields["naam"].error_messages["required"] = _("Geef de gebeurtenis een naam.")
        self.fields["datum"].error_messages["required"] = _("Vul de datum van de gebeurtenis in.")
        self.fields["type"].error_messages["required"] = _("Kies de soort gebeurtenis.")

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        if datum and datum > klok.vandaag():
            raise forms.ValidationError(_("De datum ligt in de toekomst."))
        return datum


_CASUSNUMMER = re.compile(r"^\s*(?:CA)?0*(\d{1,12})\s*$", re.IGNORECASE)


class CasusKoppelenForm(forms.Form):
    casus = forms.CharField(
        label=_("Casusnummer"),
        max_length=20,
        help_text=_("Bijv. CA0001234. U kunt alleen casussen koppelen die u mag inzien."),
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
        error_messages={"required": _("Vul het casusnummer in.")},
    )

    def clean_casus(self):
        match = _CASUSNUMMER.match(self.cleaned_data["casus"])
        if not match:
            raise forms.ValidationError(_("Een casusnummer ziet eruit als CA0001234."))
        return int(match.group(1))
