"""The contact report part of the task page (VER-1, VER-2): the form, prefilled from the worker's draft."""

from django import template

from taken import verslagen
from taken.forms import ContactForm

register = template.Library()


@register.simple_tag(takes_context=True)
def verslag_formulier(context):
    """The form with errors when the page is shown again after a failed finalise; otherwise a new form
    carrying the worker's saved draft, so a closed tab loses nothing. Third: the draft's version, which the
    autosave sends back (cris.versie: two tabs autosaving one draft, issue 23 item 3)."""
    form = context.get("contact_form")
    concept = verslagen.concept_van(actor=context["request"].user, taak=context["taak"])
    concept_versie = concept.versie if concept else ""
    if form is not None and form.is_bound:
        return form, None, concept_versie
    if concept is None:
        return ContactForm(), None, ""
    velden = {k: v for k, v in concept.velden.items() if v != ""}
    return ContactForm(initial=velden), concept, concept_versie


@register.filter
def bewerkbaar(contact) -> bool:
    return verslagen.is_bewerkbaar(contact)
