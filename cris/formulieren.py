"""Form fields drawn once per combination (issue 27: ``{% cache %}`` instead of a hand-made form cache).

A form's fields cost a template per field and per option to draw; on the busiest pages the same fields are
drawn again and again with the same choices and values. ``weergave_sleutel`` gives the key under which a
``{% cache %}`` fragment of those fields may be kept: everything their HTML depends on (the language, and per
field its value, its choices in words and its errors). A change to any of those is another key, so a cached
fragment is never another user's or an outdated one; the fragment's own template changes only with a deploy,
so the timeout stays short (60 s, as the catalogues of cris.catalogus).

    {% load cache %}{% cache 60 naam p.sleutel using="fragmenten" %}
    {% include "includes/veld.html" with field=form.x %}{% endcache %}

The ``fragmenten`` cache lives in each process's memory (settings.CACHES; Redis down or slow does not touch these
pages) and is a per-process cache of cris.caches, emptied by its ``clear_all()``.
Never put a CSRF token, a per-user link or anything else outside the form's fields inside such a fragment."""

from __future__ import annotations

import hashlib

from django import forms
from django.core.cache import caches
from django.utils.translation import get_language

from cris.caches import register

register("cris.formulieren.fragmenten", lambda: caches["fragmenten"].clear())


def weergave_sleutel(form: forms.BaseForm, *velden: str) -> str:
    """The cache key of these fields of ``form`` as drawn (all its fields when none are named)."""
    delen = [type(form).__qualname__, form.prefix or "", get_language() or ""]
    for naam in velden or tuple(form.fields):
        veld = form[naam]
        keuzes = [(str(k), str(v)) for k, v in getattr(veld.field.widget, "choices", ())]
        delen.append(repr((naam, veld.value(), keuzes, list(veld.errors))))
    return hashlib.sha256("\n".join(delen).encode()).hexdigest()
