from django import forms
from django.utils.translation import gettext_lazy as _


class UitzonderenForm(forms.Form):
    reden = forms.CharField(label=_("Reden"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    tot = forms.DateField(
        label=_("Tot en met (optioneel)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leeg: het item wordt niet meer geselecteerd tot iemand de uitzondering beëindigt."),
    )
