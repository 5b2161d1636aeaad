"""``{{ pk|pad:"casus:detail" }}``: the address of a one-number URL, as ``{% url "casus:detail" pk %}`` gives it.

A search page links every row, some rows twice: seventy reverse() calls on a full page, a third of its
rendering. The address is reversed once per URL name (and URLconf and script prefix) with a stand-in
number, and each row's number is put in its place (issue 11).
"""

from __future__ import annotations

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse

from cris.caches import process_cache

register = template.Library()

_PLAATSHOUDER = "987654321987654321"


@process_cache(maxsize=64)
def _sjabloon(naam: str, urlconf, prefix: str) -> tuple[str, str]:
    voor, gevonden, na = reverse(naam, args=[_PLAATSHOUDER], urlconf=urlconf).partition(_PLAATSHOUDER)
    if not gevonden:
        raise ValueError(naam)
    return voor, na


@register.filter(is_safe=True)
def pad(pk, naam: str) -> str:
    """Only for whole numbers (primary keys): the same as reverse(naam, args=[pk])."""
    if not isinstance(pk, int):
        return reverse(naam, args=[pk])
    voor, na = _sjabloon(naam, get_urlconf(), get_script_prefix())
    return f"{voor}{pk:d}{na}"
