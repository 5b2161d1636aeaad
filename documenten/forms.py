from django import forms
from django.utils.translation import gettext_lazy as _

from cris.versie import VersieFormMixin
from documenten import bestandstype
from documenten.models import DocumentStatus, DocumentType, SjabloonSoort


class BestandField(forms.FileField):
    """A file checked on size and on what its content really is (documenten.services.bestanden.bestand_controleren)."""

    def clean(self, data, initial=None):
        from documenten.services.bestanden import bestand_controleren

        bestand = super().clean(data, initial)
        if bestand:
            try:
                bestand_controleren(bestand)
            except bestandstype.BestandGeweigerd as fout:
                raise forms.ValidationError(str(fout), code="geweigerd") from None
        return bestand


class _Opmaak(forms.Form):
    """NL Design System classes on every widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Select):
                css = "utrecht-select"
            elif isinstance(field.widget, forms.ClearableFileInput):
                css = "utrecht-textbox cris-bestand"
            else:
                css = "utrecht-textbox"
            field.widget.attrs.setdefault("class", css)


def _bestandshulp():
    from django.conf import settings

    return _("PDF, Word, Excel, OpenDocument, afbeelding, e-mail of tekst; hoogstens %(mb)d MB.") % {
        "mb": settings.DOCUMENT_MAX_MB
    }


class UploadForm(_Opmaak):
    bestand = BestandField(label=_("Bestand"))
    titel = forms.CharField(label=_("Titel"), max_length=200, required=False, help_text=_("Leeg: de bestandsnaam."))
    type = forms.ChoiceField(label=_("Type"), choices=DocumentType.choices, initial=DocumentType.ONTVANGEN)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (DocumentStatus.CONCEPT, DocumentStatus.CONCEPT.label),
            (DocumentStatus.DEFINITIEF, DocumentStatus.DEFINITIEF.label),
        ],
        initial=DocumentStatus.DEFINITIEF,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bestand"].help_text = _bestandshulp()


class VersieForm(VersieFormMixin, _Opmaak):
    bestand = BestandField(label=_("Nieuwe versie"))
    toelichting = forms.CharField(label=_("Wat is er veranderd?"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bestand"].help_text = _bestandshulp()


class StatusForm(VersieFormMixin, _Opmaak):
    status = forms.ChoiceField(label=_("Status"), choices=DocumentStatus.choices)


class DelenForm(_Opmaak):
    medewerker = forms.ModelChoiceField(label=_("Collega"), queryset=None, empty_label=_("– kies een collega –"))
    bericht = forms.CharField(label=_("Bericht (optioneel)"), max_length=300, required=False)

    def __init__(self, *args, collegas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["medewerker"].queryset = collegas
        self.fields["medewerker"].help_text = _("Alleen collega's die deze casus mogen zien.")


class _SjabloonForm(_Opmaak):
    """Template and task are chosen from lists the caller has read once (the casus page shows two of
    these forms; the lists are not read again for each)."""

    soort = None
    sjabloon = forms.TypedChoiceField(label=_("Sjabloon"), coerce=int)
    taak = forms.TypedChoiceField(
        label=_("Taak (voor taakgegevens in het sjabloon)"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, sjablonen, taken, **kwargs):
        super().__init__(*args, **kwargs)
        self._sjablonen = {s.pk: s for s in sjablonen if s.soort == self.soort}
        self._taken = {t.pk: t for t in taken}
        self.fields["sjabloon"].choices = [("", _("– kies een sjabloon –"))] + [
            (pk, s.naam) for pk, s in self._sjablonen.items()
        ]
        self.fields["taak"].choices = [("", _("– geen –"))] + [
            (pk, f"{t.type.naam} ({t.team.naam})") for pk, t in self._taken.items()
        ]

    def clean_sjabloon(self):
        return self._sjablonen[self.cleaned_data["sjabloon"]]

    def clean_taak(self):
        pk = self.cleaned_data.get("taak")
        return self._taken[pk] if pk is not None else None


class BriefForm(_SjabloonForm):
    soort = SjabloonSoort.BRIEF

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="brief", **kwargs)


class EmailForm(_SjabloonForm):
    soort = SjabloonSoort.EMAIL
    aan = forms.EmailField(label=_("E-mailadres van de ontvanger"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="email", **kwargs)
