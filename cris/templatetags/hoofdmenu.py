"""The main menu in the page header, rendered once per combination of what it depends on (issue 11).

The menu is the same for everyone with the same menu entries on the same page: two dozen links, each with
`{% url %}`, a translation and an aria-current test, cost a few milliseconds on every page. Its inputs are
the active language, the page (view and app name), the entries the user's roles open (the nav_* flags
from the context processors) and staff access; the unread count is filled in per request.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from cris.caches import process_cache

register = template.Library()

MENU_VLAGGEN = (
    "nav_invoeren",
    "nav_beoordelen",
    "nav_samenvoegen",
    "nav_import",
    "nav_schoning",
    "nav_rapportage",
    "nav_leiding",
)
_TELLER = "\x00teller\x00"  # where the per-request unread count goes


@process_cache(maxsize=4096)
def _menu(taal: str, view_name: str, app_name: str, vlaggen: tuple[bool, ...], is_staff: bool) -> str:
    context = dict(zip(MENU_VLAGGEN, vlaggen, strict=True))
    context.update(view_name=view_name, app_name=app_name, is_staff=is_staff, teller=mark_safe(_TELLER))  # noqa: S308
    return render_to_string("includes/hoofdmenu.html", context)


@register.simple_tag(takes_context=True)
def hoofdmenu(context) -> str:
    request = context["request"]
    match = request.resolver_match
    html = _menu(
        get_language(),
        match.view_name if match else "",
        match.app_name if match else "",
        tuple(bool(context.get(vlag)) for vlag in MENU_VLAGGEN),
        bool(context["user"].is_staff),
    )
    ongelezen = context.get("notificaties_ongelezen")
    teller = render_to_string("notificaties/_teller.html", {"notificaties_ongelezen": ongelezen})
    return mark_safe(html.replace(_TELLER, teller))  # noqa: S308 - both parts rendered by templates
