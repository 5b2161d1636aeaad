from django import forms
from django.utils.translation import gettext_lazy as _

from cris.versie import VersieFormMixin
from koppelingen.partners.models import Contactvoorkeur, ExterneOrganisatie
from koppelingen.partners.selectors import platforms


class DoorverwijzingForm(forms.Form):
    organisatie = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=ExterneOrganisatie.objects.filter(actief=True), empty_label=None
    )
    reden = forms.CharField(
        label=_("Reden van de doorverwijzing"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
    contactvoorkeur = forms.ChoiceField(label=_("Contactvoorkeur van de cliënt"), choices=Contactvoorkeur.choices)
    contact_toelichting = forms.CharField(
        label=_("Toelichting bij contact"), required=False, max_length=200, help_text=_("Bijv. liever na 18.00 uur.")
    )
    toestemming = forms.BooleanField(
        label=_("De cliënt geeft toestemming om zijn of haar gegevens aan deze organisatie door te geven"),
        error_messages={"required": _("Zonder toestemming van de cliënt kan er niet worden doorverwezen.")},
    )


class ToestemmingGevenForm(forms.Form):
    partner = forms.ModelChoiceField(
        label=_("Platform"),
        queryset=platforms(),
        error_messages={"invalid_choice": _("Kies een van de platforms."), "required": _("Kies een platform.")},
    )


class ToestemmingIntrekkenForm(VersieFormMixin):
    toestemming = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)
