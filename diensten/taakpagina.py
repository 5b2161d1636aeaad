"""The services' panels of the task page (DIE-2, DIE-3, TAK-6), contributed through ``taken.registry`` (issue
25): taken assembles its page object without importing diensten, and no template tag queries or imports views.
Registered in ``DienstenConfig.ready``."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext_lazy as _

from diensten.forms import DienstenOverdragenForm, DienstForm, TijdForm
from diensten.models import Dienst
from diensten.selectors import DienstGroepen, diensten_van_taak, geldige_soorten_uit_catalogus, overdraagbare_diensten
from diensten.services import tijd
from taken.permissions import mag_overdragen
from taken.registry import ContactUitbreiding, TaakPaneel
from taken.views_werk import filter_gekozen, overdragen_form_voor

OVERDRACHT_PREFIX = "dienstoverdracht"


def overdracht_form(request, taak, data=None) -> DienstenOverdragenForm:
    """TAK-6: the form to hand some of the task's services to a colleague, with the colleague filters of the
    task transfer (read from the GET filter, or from the post)."""
    return overdragen_form_voor(
        request,
        taak,
        data,
        form_class=DienstenOverdragenForm,
        prefix=OVERDRACHT_PREFIX,
        diensten=overdraagbare_diensten(taak=taak),
    )


@dataclass
class DienstRij:
    dienst: Dienst
    tijd_form: TijdForm | None  # None for the Historie (read-only)


@dataclass
class DienstenSectie:
    """What the services section shows: the groups (title, rows), and the transfer form when it is open."""

    groepen: list[tuple[str, list[DienstRij]]] = field(default_factory=list)
    mag_behandelen: bool = False
    overdragen: bool = False  # the transfer panel is there; its form loads when it opens, unless below
    overdracht_form: DienstenOverdragenForm | None = None


def panelen(*, request, taak, rechten, fouten: dict) -> list[TaakPaneel]:
    """The "Dienst registreren" action panel (for the handler of a task in progress) and the services
    section. ``fouten``: the form that came back with errors, by name (dienst_form, tijd_form with
    tijd_dienst, overdracht_form)."""
    mag_behandelen = taak.status == "in_behandeling" and rechten.behandelen
    groepen = _groepen(taak)
    sectie = DienstenSectie(mag_behandelen=mag_behandelen)
    for titel, lijst, alleen_lezen in (
        (_("Actief"), groepen.actief, False),
        (_("Afgerond"), groepen.afgerond, False),
        (_("Afgebroken"), groepen.afgebroken, False),
        (_("Historie (alleen lezen)"), groepen.historie, True),
    ):
        if lijst:
            sectie.groepen.append(
                (titel, [DienstRij(d, None if alleen_lezen else _tijd_form(d, fouten)) for d in lijst])
            )
    sectie.overdragen = bool(groepen.actief and mag_overdragen(request.user, taak, rechten))
    sectie.overdracht_form = fouten.get("overdracht_form")
    if sectie.overdracht_form is None and sectie.overdragen and filter_gekozen(request.GET, OVERDRACHT_PREFIX):
        sectie.overdracht_form = overdracht_form(request, taak)  # the colleague filter was used: show it open
    result = []
    if mag_behandelen:
        dienst_form = fouten.get("dienst_form")
        result.append(
            TaakPaneel(
                naam="dienst", titel=_("Dienst registreren"), template="diensten/_registreren.html",
                inhoud=dienst_form or DienstForm(), actie=True, open=dienst_form is not None,
            )
        )  # fmt: skip
    result.append(TaakPaneel(naam="diensten", template="diensten/_diensten.html", inhoud=sectie))
    return result


def _groepen(taak) -> DienstGroepen:
    """The task's services, read once per page: the services section and the contact form's service choice
    both show them (kept on this task object, which lives for one request)."""
    if not hasattr(taak, "_diensten_groepen"):
        taak._diensten_groepen = diensten_van_taak(taak=taak)
    return taak._diensten_groepen


def _tijd_form(dienst: Dienst, fouten: dict) -> TijdForm:
    """The time form of one service: the one with errors if that service's post failed."""
    if fouten.get("tijd_dienst") == dienst.pk:
        return fouten["tijd_form"]
    return TijdForm(prefix=f"tijd{dienst.pk}")


def onderdeel_overdragen(request, taak, rechten):
    """TAK-6: the transfer form, loaded when its panel opens (``taken.views_werk.onderdeel``)."""
    return mag_overdragen(request.user, taak, rechten) and {"form": overdracht_form(request, taak)}


# --- DIE-3: the contact form's service and time (taken.registry.contact_uitbreiding_registreren) ----------


def _contact_velden(taak) -> dict[str, forms.Field]:
    """ "Tijd schrijven op dienst": an open service of this task, or a new one from today's catalogue."""
    keuzes: list = [("", _("– geen dienst –"))]
    actief = _groepen(taak).actief
    if actief:
        keuzes.append((_("Dienst van deze taak"), [(f"d{d.pk}", DienstenOverdragenForm._label(d)) for d in actief]))
    nieuw = [(f"s{s.pk}", f"{s.get_categorie_display()}: {s}") for s in geldige_soorten_uit_catalogus()]
    keuzes.append((_("Nieuwe dienst registreren"), nieuw))
    veld = forms.ChoiceField(
        label=_("Tijd schrijven op dienst"),
        required=False,
        choices=keuzes,
        help_text=_("De duur van dit contact telt als bestede tijd op de gekozen dienst."),
        error_messages={
            "invalid_choice": _(
                "Kies een dienst uit de lijst: een actieve dienst van deze taak of een geldige dienst uit de catalogus."
            )
        },
    )
    return {"dienst": veld}


def _contact_controleren(data: dict) -> dict[str, str]:
    if data.get("dienst") and not data.get("duur_minuten"):
        return {"duur_minuten": _("Geef de duur van het contact op om tijd op de dienst te schrijven.")}
    return {}


def _contact_vastleggen(*, actor, taak, contact, data: dict) -> None:
    tijd.contact_tijd_vastleggen(actor=actor, taak=taak, contact=contact, keuze=data.get("dienst") or "")


contact_uitbreiding = ContactUitbreiding(
    velden=_contact_velden, controleren=_contact_controleren, vastleggen=_contact_vastleggen
)
