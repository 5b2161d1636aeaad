"""The worklist's filter fields (TAK-4), rendered once per combination of what they show (issue 11).

Seven fields through `includes/veld.html` and the widget templates cost ~5 ms of every worklist page, and
they are the same for everyone who has the same task types and regions to choose from and the same values in
the URL. Those, with the language, are the key; the task types and regions come from the catalogue cache
(cris.catalogus), so a change there makes a new key at once.
"""

import threading

from django import template
from django.template.loader import render_to_string
from django.utils.translation import get_language

register = template.Library()

VELDEN = ("status", "type", "prioriteit", "deadline", "regio", "woonplaats", "sortering")
_MAXIMUM = 2048  # keys: the URL's free text (woonplaats) could otherwise grow it without end
_HTML: dict[tuple, str] = {}
_SLOT = threading.Lock()


def _sleutel(form) -> tuple:
    waarden = tuple(tuple(form.data.getlist(naam)) for naam in VELDEN) if form.is_bound else ()
    catalogi = tuple(tuple(form.fields[naam].choices[1:]) for naam in ("type", "regio"))  # [0] is "alle"
    return (get_language(), catalogi, waarden)


@register.simple_tag
def werklijst_filters(form) -> str:
    sleutel = _sleutel(form)
    html = _HTML.get(sleutel)
    if html is None:
        html = render_to_string("taken/_werklijst_filters.html", {"form": form})
        with _SLOT:
            if len(_HTML) >= _MAXIMUM:
                _HTML.clear()
            _HTML[sleutel] = html
    return html
