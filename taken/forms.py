from datetime import UTC

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _

from cris import klok
from cris.caches import process_cache
from cris.formulieren import weergave_sleutel
from cris.versie import VersieFormMixin
from taken import registry
from taken.models import ContactKanaal, Richting
from taken.selectors import rij_labels


class TijdstipField(forms.DateTimeField):
    """A date and time in Amsterdam (``datetime-local``), read by :func:`cris.klok.uit_lokale_tijd`: a contact
    recorded at 02:30 in the night the clocks go back is valid, not "ambiguous"."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as fout:
            if fout.code != "ambiguous_timezone":
                raise
        with timezone.override(UTC):  # the typed wall-clock time, without Django's refusal
            naief = timezone.make_naive(super().to_python(value), UTC)
        return klok.uit_lokale_tijd(naief)


class ContactForm(forms.Form):
    """VER-1: a contact or a failed attempt, with its report."""

    tijdstip = TijdstipField(label=_("Tijdstip"))
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

    def __init__(self, *args, taak=None, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("tijdstip", timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
        super().__init__(*args, **kwargs)
        # DIE-3: on the task page (``taak``), fields of apps above taken (the service and its time).
        self.uitbreidingen = list(registry.contact_uitbreidingen) if taak is not None else []
        self.extra_velden: list[str] = []
        for uitbreiding in self.uitbreidingen:
            for name, field in uitbreiding.velden(taak).items():
                self.fields[name] = field
                self.extra_velden.append(name)
        for name, field in self.fields.items():
            if name != "bereikt":
                css = "utrecht-select" if isinstance(field.widget, forms.Select) else "utrecht-textbox"
                field.widget.attrs.setdefault("class", css)

    def clean_tijdstip(self):
        tijdstip = self.cleaned_data["tijdstip"]
        if tijdstip > klok.nu() + timezone.timedelta(minutes=5):
            raise forms.ValidationError(_("Een contact kan niet in de toekomst liggen."))
        return tijdstip

    def clean(self):
        data = super().clean()
        if data.get("bereikt") and not (data.get("verslag") or "").strip():
            self.add_error("verslag", _("Schrijf een verslag van het contact."))
        for uitbreiding in self.uitbreidingen:
            for name, fout in uitbreiding.controleren(data).items():
                if name not in self.errors:
                    self.add_error(name, fout)
        return data

    @property
    def extra(self) -> list:
        """The extensions' fields, to render after the contact's own."""
        return [self[name] for name in self.extra_velden]

    def gegevens(self) -> tuple[dict, dict]:
        """The contact's own cleaned fields, and those of the extensions (for ``verslag_vastleggen``)."""
        eigen = dict(self.cleaned_data)
        return eigen, {name: eigen.pop(name) for name in self.extra_velden}


class ContactBewerkenForm(VersieFormMixin, ContactForm):
    """VER-2: a finalised report edited within 7 days, with the version it showed (cris.versie)."""


class AfbrekenForm(forms.Form):
    reden = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 2, "class": "utrecht-textarea"}),
        error_messages={"required": _("Geef een reden op om de taak af te breken.")},
    )


class OverdragenForm(forms.Form):
    """TAK-6: hand the task to a colleague, found by team (of the task's department) and skill."""

    team = forms.ModelChoiceField(label=_("Team"), queryset=None, required=False, empty_label=_("team van de taak"))
    specialisatie = forms.ModelChoiceField(
        label=_("Specialisatie"), queryset=None, required=False, empty_label=_("alle")
    )
    naar = forms.ModelChoiceField(
        label=_("Overdragen aan"),
        queryset=None,
        empty_label=_("– kies een collega –"),
        widget=forms.Select(attrs={"class": "utrecht-select"}),
        error_messages={
            "required": _("Kies een collega."),
            "invalid_choice": _(
                "Kies een collega uit de lijst: een actief lid van het gekozen team, met de gekozen specialisatie."
            ),
        },
    )

    def __init__(self, *args, collegas, teams=None, specialisaties=None, **kwargs):
        from werkstroom.models import Specialisatie, Team

        super().__init__(*args, **kwargs)
        self.fields["naar"].queryset = collegas
        self.fields["team"].queryset = teams if teams is not None else Team.objects.none()
        self.fields["specialisatie"].queryset = (
            specialisaties if specialisaties is not None else Specialisatie.objects.all()
        )
        _stijl(self)


class SnelleSelect(forms.Select):
    """A select rendered in Python. Django renders every <option> through a template, which on the task page
    (colleagues, teams, task types) cost more than all of the page's SQL; same HTML, same attributes."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        gekozen = set(self.format_value(value))
        opties = []
        for waarde, label in self.choices:
            waarde = "" if waarde is None else str(getattr(waarde, "value", waarde))
            selected = " selected" if waarde in gekozen else ""
            opties.append(f'<option value="{escape(waarde)}"{selected}>{escape(label)}</option>')
        return mark_safe(f"<select{flatatt(final)}>{''.join(opties)}</select>")  # noqa: S308 - escaped above


def _stijl(form: forms.Form) -> None:
    _stijl_velden(form.fields)


def _stijl_velden(velden) -> None:
    for field in velden.values():
        if isinstance(field.widget, (forms.CheckboxSelectMultiple, forms.RadioSelect, forms.HiddenInput)):
            continue
        if type(field.widget) is forms.Select:
            field.widget = SnelleSelect(attrs=field.widget.attrs)
            field.widget.choices = field.choices
        css = "utrecht-select" if isinstance(field.widget, forms.Select) else "utrecht-textbox"
        field.widget.attrs.setdefault("class", css)


class WerklijstForm(forms.Form):
    """TAK-4: the worklist's view, filters and order, read from the URL (bookmarkable). An invalid value does
    not filter (the list shows as if it were not there: an old bookmark still opens) and is named in the
    form's error summary with its message at the field (issue 25)."""

    weergave = forms.ChoiceField(
        label=_("Weergave"),
        required=False,
        widget=forms.HiddenInput,  # the tabs above the list set it; the form carries it hidden
        choices=[
            ("mijn", _("Mijn taken")),
            ("team", _("Taken van mijn teams")),
            ("leden", _("Taken van mijn medewerkers")),
        ],
    )
    team = forms.TypedChoiceField(
        label=_("Team"), required=False, coerce=int, empty_value=None, widget=forms.HiddenInput
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    type = forms.TypedChoiceField(label=_("Taaktype"), required=False, coerce=int, empty_value=None)
    prioriteit = forms.TypedChoiceField(label=_("Prioriteit"), required=False, coerce=int, empty_value=None)
    deadline = forms.ChoiceField(
        label=_("Deadline"),
        required=False,
        choices=[
            ("", _("alle")),
            ("te_laat", _("te laat")),
            ("vandaag", _("uiterlijk vandaag")),
            ("week", _("binnen een week")),
            ("geen", _("zonder deadline")),
        ],
    )
    regio = forms.TypedChoiceField(label=_("Regio (district)"), required=False, coerce=int, empty_value=None)
    woonplaats = forms.CharField(label=_("Woonplaats cliënt"), required=False, max_length=100)
    sortering = forms.ChoiceField(
        label=_("Sorteren op"),
        required=False,
        choices=[
            ("deadline", _("deadline (eerst)")),
            ("-deadline", _("deadline (laatst)")),
            ("prioriteit", _("prioriteit")),
            ("aangemaakt", _("oudste eerst")),
            ("-aangemaakt", _("nieuwste eerst")),
        ],
    )

    def __init__(self, *args, lidmaatschappen, districten, typen, leider: bool, **kwargs):
        super().__init__(*args, **kwargs)
        vast = _werklijst_keuzes(get_language())
        self.fields["weergave"].choices = vast["weergave"] if leider else vast["weergave"][:2]
        self.fields["team"].choices = [("", vast["alle teams"])] + [
            (lid.team_id, lid.team.naam) for lid in lidmaatschappen
        ]
        self.fields["status"].choices = vast["status"]
        self.fields["type"].choices = [("", vast["alle"])] + [(t.pk, str(t)) for t in typen]
        self.fields["prioriteit"].choices = vast["prioriteit"]
        self.fields["deadline"].choices = vast["deadline"]
        self.fields["regio"].choices = [("", vast["alle"])] + [(d.pk, d.naam) for d in districten]
        self.fields["sortering"].choices = vast["sortering"]

    FILTERS = ("status", "type", "prioriteit", "deadline", "regio", "woonplaats")
    BEWAARD = ("weergave", "team", *FILTERS, "sortering")  # what "mijn filters" keeps of the URL

    def actieve_filters(self) -> list[str]:
        """The filters in the URL in words ("Status: Nieuw"), for the one line the collapsed filters show.
        A value that is not one of the choices filters nothing (``werklijst``) and is not shown."""
        actief = []
        for naam in self.FILTERS if self.is_bound else ():
            veld, waarde = self.fields[naam], str(self.data.get(naam, "")).strip()
            keuzes = {str(k): v for k, v in getattr(veld, "choices", [])}
            if waarde and (naam == "woonplaats" or waarde in keuzes):
                actief.append(f"{veld.label}: {keuzes.get(waarde, waarde)}")
        return actief

    def weergave_sleutel(self) -> str:
        """The filter fields' key for ``{% cache %}`` (taken/werkstroom.html, cris.formulieren)."""
        return weergave_sleutel(self, *self.FILTERS, "sortering")

    def werklijst(self):
        from taken.selectors import Werklijst

        data = {}
        if self.is_bound:
            for name in self.fields:  # keep the valid fields of a partly invalid URL
                try:
                    data[name] = self.fields[name].clean(
                        self.fields[name].widget.value_from_datadict(self.data, {}, name)
                    )
                except forms.ValidationError:
                    data[name] = None
        return Werklijst(
            weergave=data.get("weergave") or "mijn",
            team_id=data.get("team"),
            district_id=data.get("regio"),
            woonplaats=(data.get("woonplaats") or "").strip(),
            statussen=[data["status"]] if data.get("status") else [],
            type_id=data.get("type"),
            prioriteit=data.get("prioriteit"),
            deadline=data.get("deadline") or "",
            sortering=data.get("sortering") or "deadline",
        )


# The worklist form is made on every worklist view: its widgets are styled once, on the class (Django deep-copies
# them into each form), and its fixed choices are translated once per language instead of on every view (the
# filter fields' cache key, cris.formulieren, reads every label in words).
_stijl_velden(WerklijstForm.base_fields)


@process_cache(maxsize=16)
def _werklijst_keuzes(taal: str | None) -> dict:
    """The worklist filters' fixed choices with their labels in ``taal``'s words (plain strings); the status and
    priority labels are the rows' own (``selectors.rij_labels``)."""
    statussen, prioriteiten, _te_laat, _bijna = rij_labels(taal)
    with override(taal):
        velden = WerklijstForm.base_fields
        vast = ("weergave", "deadline", "sortering")
        keuzes = {naam: [(k, str(v)) for k, v in velden[naam].choices] for naam in vast}
        alle = str(_("alle"))
        return {
            **keuzes,
            "status": [("", str(_("alle open"))), *statussen.items()],
            "prioriteit": [("", alle), *prioriteiten.items()],
            "alle": alle,
            "alle teams": str(_("alle teams")),
        }


class VervolgtaakForm(forms.Form):
    """TAK-3: a follow-up task; the types are those the matrix allows from this werkstroom."""

    taaktype = forms.ModelChoiceField(label=_("Taaktype"), queryset=None, empty_label=_("– kies een taaktype –"))
    team = forms.ModelChoiceField(
        label=_("Team (leeg: op postcode van het voorkeursadres)"),
        queryset=None,
        required=False,
        empty_label=_("automatisch"),
    )

    def __init__(self, *args, typen, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["taaktype"].queryset = typen
        self.fields["team"].queryset = teams
        _stijl(self)

    def clean(self):
        data = super().clean()
        if data.get("team") and data.get("taaktype") and data["team"].afdeling != data["taaktype"].afdeling:
            self.add_error("team", _("Kies een team van de afdeling van het taaktype, of laat het leeg."))
        return data


class ToewijzenForm(forms.Form):
    aan = forms.ModelChoiceField(label=_("Toewijzen aan"), queryset=None, empty_label=_("– kies een collega –"))

    def __init__(self, *args, collegas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aan"].queryset = collegas
        _stijl(self)


class TerugbelForm(forms.Form):
    """TAK-7: a call-back note for a colleague."""

    voor = forms.ModelChoiceField(label=_("Voor collega"), queryset=None, empty_label=_("– kies een collega –"))
    tekst = forms.CharField(
        label=_("Notitie"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf wat de collega moet weten om terug te bellen.")},
    )
    terugbellen_voor = TijdstipField(label=_("Terugbellen vóór"), required=False)

    def __init__(self, *args, collegas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["voor"].queryset = collegas
        _stijl(self)


class AfspraakTijdForm(forms.Form):
    """AGE-1: when an appointment is (moving one asks only this)."""

    begin = TijdstipField(label=_("Begin"))
    einde = TijdstipField(label=_("Einde"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _stijl(self)

    def clean(self):
        data = super().clean()
        if data.get("begin") and data.get("einde") and data["einde"] <= data["begin"]:
            self.add_error("einde", _("Het einde van de afspraak moet na het begin liggen."))
        return data


class AfspraakVerplaatsenForm(VersieFormMixin, AfspraakTijdForm):
    """AGE-1: moving an appointment sends the version it showed (issue 23 item 3: no lost move). One form per
    appointment, on the agenda and on the task page: its ids name the appointment (several on one page)."""

    def __init__(self, *args, afspraak, **kwargs):
        kwargs.setdefault("auto_id", f"verplaats-{afspraak.pk}-%s")
        kwargs.setdefault(
            "initial",
            {
                "begin": timezone.localtime(afspraak.begin),
                "einde": timezone.localtime(afspraak.einde),
                "versie": afspraak.versie,
            },
        )
        super().__init__(*args, **kwargs)
        self.afspraak = afspraak
        self.fields["begin"].label, self.fields["einde"].label = _("Nieuw begin"), _("Nieuw einde")


class AfspraakForm(AfspraakTijdForm):
    """AGE-1: an appointment on a task."""

    onderwerp = forms.CharField(label=_("Onderwerp"), max_length=200)
    locatie = forms.CharField(label=_("Locatie"), max_length=200, required=False)


class AgendaWeekForm(forms.Form):
    """AGE-1: the agenda's week (any day in it) from the URL. Invalid (or outside cris.datums' range): this
    week shows, and the error summary says why."""

    week = forms.DateField(
        label=_("Week met datum"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _stijl(self)


class PlanningForm(AfspraakForm):
    """AGE-1: JD-Admin plans an appointment for a JD worker, on one of that worker's JD tasks."""

    taak = forms.ModelChoiceField(label=_("Taak"), queryset=None, empty_label=_("– kies een taak –"))

    def __init__(self, *args, taken, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["taak"].queryset = taken
        # No casus number: the planner (JD-Admin) need not have access to the case (issue 21 item 12).
        self.fields["taak"].label_from_instance = lambda t: (
            _("%(type)s, deadline %(d)s (taak %(nr)s)")
            % {
                "type": t.type.naam,
                "d": timezone.localtime(t.deadline).strftime("%d-%m-%Y") if t.deadline else "–",
                "nr": t.pk,
            }
        )
        _stijl(self)


class KopierenForm(forms.Form):
    """TAK-9: the tasks of other clients of the same incident to copy a report to."""

    contact = forms.ModelChoiceField(label=_("Verslag van"), queryset=None, empty_label=_("– kies een contact –"))
    taken = forms.ModelMultipleChoiceField(
        label=_("Kopiëren naar"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies ten minste één taak.")},
    )

    def __init__(self, *args, taken, contacten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = contacten
        self.fields["contact"].label_from_instance = lambda c: f"{c.tijdstip:%d-%m-%Y %H:%M} – {c.get_kanaal_display()}"
        self.fields["contact"].widget.attrs["class"] = "utrecht-select"
        self.fields["taken"].queryset = taken
        self.fields["taken"].label_from_instance = lambda t: f"{t.type.naam} – {t.casus.nummer}"
