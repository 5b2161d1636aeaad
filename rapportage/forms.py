from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from diensten.models import Categorie
from rapportage.selectors import MAX_WEKEN, Periode, PeriodeFout
from werkstroom.models import District, Team

DIMENSIES = [
    ("soort", _("dienst")),
    ("hoofddienst", _("hoofddienst")),
    ("categorie", _("categorie")),
    ("district", _("district")),
    ("team", _("team")),
    ("maand", _("maand")),
]


def _alle_of_een(label, model) -> forms.ModelChoiceField:
    """A filter on one of the model's rows by name, or on all of them (empty)."""
    queryset = model.objects.order_by("naam")
    select = forms.Select(attrs={"class": "utrecht-select"})
    return forms.ModelChoiceField(label=label, required=False, queryset=queryset, empty_label=_("alle"), widget=select)


class ProductieFilter(forms.Form):
    """DIE-4: period (whole months or a quarter), service category, district, team, and the grouping."""

    van = forms.CharField(
        label=_("Van (maand of kwartaal)"),
        required=False,
        help_text=_("jjjj-mm, of een kwartaal als 2026-K3. Leeg: dit kwartaal."),
        widget=forms.TextInput(attrs={"class": "utrecht-textbox", "placeholder": "2026-K3"}),
    )
    tot = forms.CharField(
        label=_("Tot en met (maand)"),
        required=False,
        help_text=_("jjjj-mm; leeg bij een kwartaal of één maand."),
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
    )
    categorie = forms.ChoiceField(
        label=_("Categorie"),
        required=False,
        choices=[("", _("alle")), *Categorie.choices],
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    district = _alle_of_een(_("District"), District)
    team = _alle_of_een(_("Team"), Team)
    per = forms.ChoiceField(
        label=_("Uitsplitsen naar"),
        required=False,
        choices=DIMENSIES,
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )

    def clean(self):
        data = super().clean()
        try:
            data["periode"] = Periode.uit_tekst(data.get("van"), data.get("tot"))
        except PeriodeFout as fout:
            self.add_error("van", str(fout))
        data["per"] = data.get("per") or "soort"
        return data


class ManagementFilter(forms.Form):
    """The management view's period: the last N weeks (1 to MAX_WEKEN); 13 when empty or not valid."""

    STANDAARD_WEKEN = 13
    _FOUT = format_lazy(_("Vul een aantal weken in: een geheel getal van 1 tot en met {max}."), max=MAX_WEKEN)

    weken = forms.IntegerField(
        label=_("Aantal weken"),
        required=False,
        initial=STANDAARD_WEKEN,
        min_value=1,
        max_value=MAX_WEKEN,
        error_messages=dict.fromkeys(("invalid", "min_value", "max_value"), _FOUT),
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox", "min": 1, "max": MAX_WEKEN}),
    )

    def aantal_weken(self) -> int:
        """The weeks to show: the valid value, else the default (the summary names what was not used)."""
        if self.is_valid() and self.cleaned_data.get("weken"):
            return self.cleaned_data["weken"]
        return self.STANDAARD_WEKEN
