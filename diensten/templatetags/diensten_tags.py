"""The services part of the task page (DIE-2, DIE-3) and handing some of them to a colleague (TAK-6)."""

from django import template

from diensten.forms import DienstForm, TijdForm
from diensten.selectors import diensten_van_taak
from diensten.views import OVERDRACHT_PREFIX, overdracht_form
from taken.views_werk import filter_gekozen

register = template.Library()


@register.simple_tag(takes_context=True)
def diensten_sectie(context):
    """The task's services in their groups, and the forms (bound with errors after a failed post). The transfer
    form loads when its panel opens, unless it has errors or its colleague filter was just used."""
    request, taak = context["request"], context["taak"]
    forms = getattr(request, "dienst_forms", {})
    groepen = diensten_van_taak(taak=taak)
    overdragen = bool(groepen.actief and context.get("mag_overdragen"))
    overdracht = forms.get("overdracht_form")
    if overdracht is None and overdragen and filter_gekozen(request.GET, OVERDRACHT_PREFIX):
        overdracht = overdracht_form(request, taak)  # the colleague filter was used: show the form open
    return {
        "groepen": groepen,
        "overdragen": overdragen,  # the form itself loads when its panel opens (taken.views_werk.onderdeel)
        "overdracht_form": overdracht,
        "dienst_form": (forms.get("dienst_form") or DienstForm()) if context.get("mag_behandelen") else None,
        "tijd_form": forms.get("tijd_form"),
        "tijd_dienst": forms.get("tijd_dienst"),
    }


@register.simple_tag(takes_context=True)
def dienst_formulier(context):
    """The register form of the task page's "Dienst registreren" panel (with errors after a failed post)."""
    return getattr(context["request"], "dienst_forms", {}).get("dienst_form") or DienstForm()


@register.simple_tag
def tijd_formulier(dienst, sectie):
    """The time form of one service: the one with errors if that service's post failed."""
    if sectie["tijd_dienst"] == dienst.pk:
        return sectie["tijd_form"]
    return TijdForm(prefix=f"tijd{dienst.pk}")


@register.filter
def duur(delta) -> str:
    """A lead time for people: days and hours."""
    seconden = int(delta.total_seconds())
    dagen, rest = divmod(seconden, 86_400)
    uren = rest // 3600
    if dagen:
        return f"{dagen} d {uren} u"
    return f"{uren} u {rest % 3600 // 60} min"
