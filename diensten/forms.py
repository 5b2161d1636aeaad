from django import forms
from django.utils.translation import gettext_lazy as _

from cris import klok
from diensten.selectors import geldige_soorten, geldige_soorten_uit_catalogus
from taken.forms import OverdragenForm, SnelleSelect


class DienstForm(forms.Form):
    """DIE-2: register a service from the catalogue on the task."""

    soort = forms.ModelChoiceField(
        label=_("Dienst"),
        queryset=None,
        empty_label=_("– kies een dienst –"),
        widget=SnelleSelect(attrs={"class": "utrecht-select"}),
        error_messages={"required": _("Kies een dienst."), "invalid_choice": _("Deze dienst is niet (meer) geldig.")},
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A POST is checked against the queryset; the page draws the choices from the catalogue cache (the same
        # rows, without a query on every task page).
        veld = self.fields["soort"]
        veld.queryset = geldige_soorten()
        veld.widget.choices = [("", veld.empty_label)] + [
            (s.pk, f"{s.get_categorie_display()}: {s}") for s in geldige_soorten_uit_catalogus()
        ]


class TijdForm(forms.Form):
    """DIE-3: time actually spent on a service."""

    minuten = forms.IntegerField(
        label=_("Besteed (minuten)"),
        min_value=1,
        max_value=24 * 60,
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox"}),
        error_messages={"required": _("Geef het aantal minuten op.")},
    )
    datum = forms.DateField(
        label=_("Datum"),
        widget=forms.DateInput(attrs={"type": "date", "class": "utrecht-textbox"}, format="%Y-%m-%d"),
    )
    omschrijving = forms.CharField(
        label=_("Omschrijving"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("datum", klok.vandaag())
        super().__init__(*args, **kwargs)

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        if datum > klok.vandaag():
            raise forms.ValidationError(_("Tijd kan niet in de toekomst worden geschreven."))
        return datum


class DienstenOverdragenForm(OverdragenForm):
    """TAK-6: some of the task's active services to a colleague, found with the filters of the task transfer
    (team, skill). The chosen skill is carried in the post: a colleague without it is refused at the field."""

    field_order = ["diensten", "team", "specialisatie", "naar"]
    diensten = forms.ModelMultipleChoiceField(
        label=_("Diensten"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Kies ten minste één dienst om over te dragen."),
            "invalid_choice": _("Kies alleen actieve diensten van deze taak."),
            "invalid_pk_value": _("Kies alleen actieve diensten van deze taak."),
        },
    )

    def __init__(self, *args, diensten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["diensten"].queryset = diensten
        self.fields["naar"].label = _("Diensten overdragen aan")
        self.fields["diensten"].label_from_instance = self._label

    @staticmethod
    def _label(dienst) -> str:
        label = f"{dienst.soort} ({dienst.get_status_display().lower()})"
        return f"{label} – {dienst.toelichting}" if dienst.toelichting else label
