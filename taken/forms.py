from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taken.models import ContactKanaal, Richting


class ContactForm(forms.Form):
    """VER-1: a contact or a failed attempt, with its report."""

    tijdstip = forms.DateTimeField(
        label=_("Tijdstip"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    kanaal = forms.ChoiceField(label=_("Kanaal"), choices=ContactKanaal.choices)
    richting = forms.ChoiceField(label=_("Richting"), choices=Richting.choices)
    bereikt = forms.TypedChoiceField(
        label=_("Cliënt bereikt?"),
        choices=[("ja", _("Ja, contact gehad")), ("nee", _("Nee, niet bereikt"))],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
        initial="ja",
    )
    duur_minuten = forms.IntegerField(label=_("Duur (minuten)"), required=False, min_value=0, max_value=24 * 60)
    verslag = forms.CharField(label=_("Verslag"), required=False, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("tijdstip", timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "bereikt":
                css = "utrecht-select" if isinstance(field.widget, forms.Select) else "utrecht-textbox"
                field.widget.attrs.setdefault("class", css)

    def clean_tijdstip(self):
        tijdstip = self.cleaned_data["tijdstip"]
        if tijdstip > timezone.now() + timezone.timedelta(minutes=5):
            raise forms.ValidationError(_("Een contact kan niet in de toekomst liggen."))
        return tijdstip

    def clean(self):
        data = super().clean()
        if data.get("bereikt") and not (data.get("verslag") or "").strip():
            self.add_error("verslag", _("Schrijf een verslag van het contact."))
        return data


class AfbrekenForm(forms.Form):
    reden = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 2, "class": "utrecht-textarea"}),
        error_messages={"required": _("Geef een reden op om de taak af te breken.")},
    )


class OverdragenForm(forms.Form):
    """TAK-6: hand the task to a colleague of its team."""

    naar = forms.ModelChoiceField(
        label=_("Overdragen aan"),
        queryset=None,
        empty_label=_("– kies een collega –"),
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )

    def __init__(self, *args, collegas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["naar"].queryset = collegas
