from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from aanmelding.models import Aanmelding, Afwijsreden, Delict, Doelgroep, bsn_toegestaan
from aanmelding.services import GOEDKEUR_AFDELINGEN, STANDAARD_TAAKTYPE
from casus.models import Kanaal
from casus.selectors import normaliseer_postcode
from casus.services import CLIENT_FIELDS
from casus.validators import validate_bsn
from cris import klok
from cris.catalogus import Catalogus
from taken.forms import SnelleSelect
from taken.models import TaakType
from werkstroom.models import Team

HANDMATIGE_KANALEN = [
    Kanaal.CAI,
    Kanaal.CMA,
    Kanaal.RECHERCHE,
    Kanaal.ZSM,
    Kanaal.PIKET,
    Kanaal.EMAIL,
    Kanaal.KETENPARTNER,
    Kanaal.ZELF,
]
_POSTCODE = re.compile(r"^\d{4} ?[A-Za-z]{2}$")
_PV = re.compile(r"^PL\d{4}-\d{10}$")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DelictInput(forms.TextInput):
    """A text box that searches the delict catalogue as you type (a datalist: a part of the name or the code
    is enough); what is sent must be one of its entries (``DelictField``)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.keuzes: list[tuple[str, str]] = []

    def format_value(self, value):
        labels = dict(self.keuzes)
        return labels.get(value, value) if value else None

    def render(self, name, value, attrs=None, renderer=None):
        from django.utils.html import format_html, format_html_join

        lijst = f"{(attrs or {}).get('id', name)}_catalogus"
        html = super().render(name, value, {**(attrs or {}), "list": lijst, "autocomplete": "off"}, renderer)
        opties = format_html_join("", '<option value="{}"></option>', ((label,) for _code, label in self.keuzes))
        return format_html('{}<datalist id="{}">{}</datalist>', html, lijst, opties)


class DelictField(forms.CharField):
    """AAN-2/AAN-4: a manually entered referral's delict is one of the active catalogue (never free text; an
    unknown code only arrives by import, and is flagged for the reviewer). Accepts what the list offers
    ("Fietsdiefstal (FIETSDIEFSTAL) – alleen online aanbod"), the code, or the exact name; cleans to the code."""

    widget = DelictInput

    def __init__(self, **kwargs):
        super().__init__(
            label=_("Delict"),
            max_length=300,
            help_text=_("Typ een deel van de naam of de code en kies uit de delictencatalogus."),
            error_messages={"required": _("Kies het delict uit de delictencatalogus.")},
            **kwargs,
        )
        self.delicten: list[Delict] = []

    def catalogus_laden(self) -> None:
        self.delicten = list(Delict.objects.filter(actief=True).order_by("naam", "code"))
        self.widget.keuzes = [(d.code, self.label_van(d)) for d in self.delicten]

    @staticmethod
    def label_van(delict: Delict) -> str:
        label = f"{delict.naam} ({delict.code})"
        if delict.doelgroep != Doelgroep.MENSELIJKE_ONDERSTEUNING:
            label += f" – {delict.get_doelgroep_display()}"
        return label

    def clean(self, value):
        tekst = super().clean(value).strip()
        vergelijk = tekst.casefold()
        for delict in self.delicten:
            if vergelijk in (self.label_van(delict).casefold(), delict.code.casefold(), delict.naam.casefold()):
                return delict.code
        raise forms.ValidationError(
            _("'%(t)s' staat niet in de delictencatalogus. Typ een deel van de naam of de code en kies uit de lijst.")
            % {"t": tekst[:60]}
        )


# The entry form by section, in the order the page shows them: its fields and their order (AAN-1/AAN-2).
SECTIES = [
    (_("Aanmelding"), ["kanaal", "slachtofferrol", "melder"]),
    (_("Persoon"), [*CLIENT_FIELDS, "vertegenwoordiger", "minderjarig", "toestemming_contact"]),
    (_("Adres"), ["straat", "huisnummer", "huisletter", "toevoeging", "postcode", "woonplaats"]),
    (
        _("Delict"),
        [
            "delict_code",
            "delict_omschrijving",
            "pv_nummer",
            "delict_datum",
            "delict_plaats",
            "kwetsbaarheden",
            "beschermingsmaatregelen",
            "toelichting",
        ],
    ),
]


class AanmeldingForm(forms.ModelForm):
    """AAN-1/AAN-2: a referral entered by hand."""

    kanaal = forms.ChoiceField(label=_("Kanaal"), choices=[(k.value, k.label) for k in HANDMATIGE_KANALEN])
    kwetsbaarheden = forms.CharField(
        label=_("Kwetsbaarheden"), required=False, help_text=_("Gescheiden door komma's, bijv. LVB, taalbarrière")
    )
    delict_code = DelictField()

    class Meta:
        model = Aanmelding
        fields = [naam for _titel, namen in SECTIES for naam in namen]
        widgets = {
            "geboortedatum": DateInput(),
            "delict_datum": DateInput(),
            "toelichting": forms.Textarea(attrs={"rows": 4}),
            "beschermingsmaatregelen": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"delict_omschrijving": _("Omschrijving van het delict")}
        help_texts = {"delict_omschrijving": _("Optioneel; leeg: de naam uit de delictencatalogus.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delict_code"].catalogus_laden()
        for field in self.fields.values():
            css = "utrecht-checkbox" if isinstance(field.widget, forms.CheckboxInput) else "utrecht-textbox"
            if isinstance(field.widget, forms.Select):
                css = "utrecht-select"
            field.widget.attrs.setdefault("class", css)
        self.fields["bsn"].validators.append(validate_bsn)
        self.fields["achternaam"].error_messages["required"] = _("Vul de achternaam in.")

    def secties(self):
        """The form's fields by section, for the template."""
        return [(titel, [self[name] for name in names]) for titel, names in SECTIES]

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].strip()
        if postcode and not _POSTCODE.match(postcode):
            raise forms.ValidationError(_("Een postcode bestaat uit 4 cijfers en 2 letters, bijv. 3511 AB."))
        return normaliseer_postcode(postcode) if postcode else ""

    def clean_pv_nummer(self):
        pv = self.cleaned_data["pv_nummer"].strip().upper()
        if pv and not _PV.match(pv):
            raise forms.ValidationError(_("Een PV-nummer ziet eruit als PL1234-2026012345."))
        return pv

    def clean_geboortedatum(self):
        datum = self.cleaned_data["geboortedatum"]
        if datum and datum > klok.vandaag():
            raise forms.ValidationError(_("De geboortedatum ligt in de toekomst."))
        return datum

    def clean_kwetsbaarheden(self):
        return [k.strip() for k in self.cleaned_data["kwetsbaarheden"].split(",") if k.strip()]

    def clean(self):
        gegevens = super().clean()
        delict = next((d for d in self.fields["delict_code"].delicten if d.code == gegevens.get("delict_code")), None)
        if delict is not None and not (gegevens.get("delict_omschrijving") or "").strip():
            gegevens["delict_omschrijving"] = delict.naam
        if gegevens.get("bsn") and gegevens.get("slachtofferrol"):
            toegestaan, reden = bsn_toegestaan(gegevens["slachtofferrol"], gegevens.get("delict_code", ""))
            if not toegestaan:  # AAN-6: the matrix slachtofferrol × delict refuses a BSN here
                self.add_error("bsn", _("Het BSN mag niet worden vastgelegd: %(reden)s") % {"reden": reden})
        return gegevens


class ClientZoekForm(forms.Form):
    """The client finder before a new client is made (AAN-5): by BSN, name + birth date, or address."""

    zoek_bsn = forms.CharField(label=_("BSN"), required=False, max_length=9, validators=[validate_bsn])
    zoek_achternaam = forms.CharField(label=_("Achternaam"), required=False, max_length=200)
    zoek_voornamen = forms.CharField(
        label=_("Voornaam"), required=False, max_length=200, help_text=_("Optioneel: verfijnt de volgorde.")
    )
    zoek_geboortedatum = forms.DateField(label=_("Geboortedatum"), required=False, widget=DateInput())
    zoek_postcode = forms.CharField(label=_("Postcode"), required=False, max_length=7)
    zoek_huisnummer = forms.CharField(label=_("Huisnummer"), required=False, max_length=10)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "utrecht-textbox")

    def clean_zoek_postcode(self):
        postcode = self.cleaned_data["zoek_postcode"].strip()
        if postcode and not _POSTCODE.match(postcode):
            raise forms.ValidationError(_("Een postcode bestaat uit 4 cijfers en 2 letters, bijv. 3511 AB."))
        return postcode

    def clean(self):
        """Issue 21 item 3: never a bare birth date or first name (that would list the register); a surname alone
        is bounded (casus.clientzoeker.zoeken_bij_werk)."""
        data = super().clean()
        if self.errors:
            return data
        if data.get("zoek_postcode") and not data.get("zoek_huisnummer"):
            self.add_error("zoek_huisnummer", _("Vul bij de postcode ook het huisnummer in."))
        elif not (data.get("zoek_bsn") or data.get("zoek_achternaam", "").strip() or data.get("zoek_postcode")):
            melding = _("Vul een BSN, een achternaam of een postcode met huisnummer in.")
            if data.get("zoek_geboortedatum") or data.get("zoek_voornamen"):
                melding = _("Zoek niet op alleen een geboortedatum of voornaam: vul ook de achternaam in.")
            self.add_error("zoek_achternaam", melding)
        return data

    def criteria(self) -> dict:
        data = self.cleaned_data
        return {
            "bsn": data["zoek_bsn"],
            "achternaam": data["zoek_achternaam"],
            "voornamen": data["zoek_voornamen"],
            "geboortedatum": data["zoek_geboortedatum"],
            "postcode": data["zoek_postcode"],
            "huisnummer": data["zoek_huisnummer"],
        }


_GOEDKEUR_TAAKTYPEN = Catalogus(
    lambda: list(TaakType.objects.filter(actief=True, afdeling__in=GOEDKEUR_AFDELINGEN).order_by("afdeling", "naam")),
    TaakType,
)
_GOEDKEUR_TEAMS = Catalogus(
    lambda: list(Team.objects.filter(actief=True, afdeling__in=GOEDKEUR_AFDELINGEN).order_by("afdeling", "naam")), Team
)
_AFWIJSREDENEN = Catalogus(lambda: list(Afwijsreden.objects.filter(actief=True)), Afwijsreden)


class GoedkeurenForm(forms.Form):
    client = forms.ChoiceField(label=_("Cliënt"), widget=forms.RadioSelect)
    taaktypen = forms.ModelMultipleChoiceField(
        label=_("Eerste taken"),
        queryset=TaakType.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies ten minste één taak.")},
        help_text=_("Standaard een benaderingsgesprek van Actieve Benadering in het district van de cliënt."),
    )

    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("Team van het district van de cliënt (op postcode)"),
        help_text=_(
            "Kies een team als de aanmelding geen adres heeft of de postcode in geen district ligt (ORG-1). "
            "Het team geldt voor de eerste taken van zijn afdeling."
        ),
        widget=SnelleSelect,
    )

    def __init__(self, *args, kandidaten=(), standaard_taaktype: str = STANDAARD_TAAKTYPE, **kwargs):
        super().__init__(*args, **kwargs)
        self.client_keuzes: list[tuple[str, str]] = [("nieuw", str(_("Nieuwe cliënt aanmaken")))] + [
            (str(k.client.pk), f"{k.client.nummer} {k.client.naam}") for k in kandidaten
        ]
        self.fields["client"].choices = self.client_keuzes
        # A POST is checked against the querysets; the page draws the choices from the catalogue cache (the same
        # rows, without two queries and a model instance per option on every review page).
        taaktypen, teams = _GOEDKEUR_TAAKTYPEN(), _GOEDKEUR_TEAMS()
        self.fields["taaktypen"].queryset = TaakType.objects.filter(actief=True, afdeling__in=GOEDKEUR_AFDELINGEN)
        self.fields["taaktypen"].widget.choices = [(t.pk, str(t)) for t in taaktypen]
        self.fields["taaktypen"].initial = [t.pk for t in taaktypen if t.code == standaard_taaktype]
        self.fields["team"].queryset = Team.objects.filter(actief=True, afdeling__in=GOEDKEUR_AFDELINGEN).order_by(
            "afdeling", "naam"
        )
        self.fields["team"].widget.choices = [("", self.fields["team"].empty_label)] + [(t.pk, str(t)) for t in teams]


class AfkeurenForm(forms.Form):
    afwijsreden = forms.ModelChoiceField(
        label=_("Reden van afwijzing"),
        queryset=Afwijsreden.objects.filter(actief=True),
        empty_label=_("Kies een reden"),
        error_messages={"required": _("Kies de reden van afwijzing.")},
        widget=SnelleSelect(attrs={"class": "utrecht-select"}),
    )
    reden = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea"}),
        help_text=_("Verplicht bij sommige redenen, zoals 'Anders'."),
    )

    def clean(self):
        data = super().clean()
        keuze = data.get("afwijsreden")
        if keuze is not None and keuze.toelichting_verplicht and not (data.get("reden") or "").strip():
            self.add_error("reden", _("Licht de reden '%(r)s' toe.") % {"r": keuze.naam})
        return data

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        veld = self.fields["afwijsreden"]
        veld.widget.choices = [("", veld.empty_label)] + [(r.pk, str(r)) for r in _AFWIJSREDENEN()]


_AANMELDINGNUMMER = re.compile(r"^\s*(?:AM)?0*(\d{1,12})\s*$", re.IGNORECASE)


class SamenvoegenForm(forms.Form):
    """AAN-3: this referral is a duplicate of another one."""

    doel = forms.CharField(
        label=_("Dubbele van aanmelding"),
        max_length=20,
        help_text=_("Het nummer van de aanmelding die blijft, bijv. AM0001234."),
        widget=forms.TextInput(attrs={"class": "utrecht-textbox", "list": "dubbelen"}),
        error_messages={"required": _("Vul het nummer in van de aanmelding die blijft.")},
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
    )

    def clean_doel(self):
        match = _AANMELDINGNUMMER.match(self.cleaned_data["doel"])
        if not match:
            raise forms.ValidationError(_("Een aanmeldingsnummer ziet eruit als AM0001234."))
        return int(match.group(1))


class GebeurtenisKoppelenForm(forms.Form):
    """AAN-10: link this referral (and others with the same PV-nummer) to an event."""

    gebeurtenis = forms.ChoiceField(label=_("Gebeurtenis"), widget=SnelleSelect(attrs={"class": "utrecht-select"}))
    ook = forms.MultipleChoiceField(
        label=_("Ook koppelen (zelfde PV-nummer)"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, gebeurtenissen=(), zelfde_pv=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.gebeurtenissen = list(gebeurtenissen)
        self.fields["gebeurtenis"].choices = [("", _("Geen gebeurtenis"))] + [
            (str(g.pk), f"{g.nummer} {g}") for g in gebeurtenissen
        ]
        self.fields["gebeurtenis"].required = False
        self.fields["ook"].choices = [(str(a.pk), f"{a.nummer} {a.naam}") for a in zelfde_pv if a.open]
        if not self.fields["ook"].choices:
            del self.fields["ook"]


class OnlineAanbodForm(forms.Form):
    toelichting = forms.CharField(
        label=_("Hoe is de persoon geïnformeerd?"),
        max_length=500,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
        error_messages={"required": _("Vermeld hoe de persoon over het online aanbod is geïnformeerd.")},
    )
