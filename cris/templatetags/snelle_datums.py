"""The ``datum`` filter: Django's ``date`` for the formats CRIS prints on every list row, done without Django's
DateFormat. It has its own name, so ``|date`` in a template is always Django's own.

Django's filter looks the format up as a setting name, builds a DateFormat and walks the format string for
each value: fine once, a few milliseconds on a page of fifty rows with two dates each. The Dutch numeric
formats below are written out directly (after the same conversion to local time, ``expects_localtime``);
every other format and every other kind of value goes to Django's own filter. A template builtin
(settings.TEMPLATES): a hot list row writes ``|datum:"d-m-Y H:i"`` without ``{% load %}``; everything else
writes ``|date``. ``tests/test_snelle_datums.py`` proves both print the same.
"""

from __future__ import annotations

from datetime import date as _date
from datetime import datetime

from django import template
from django.template import defaultfilters

register = template.Library()

_DATUM = {
    "d-m-Y": lambda v: f"{v.day:02d}-{v.month:02d}-{v.year:04d}",
    "d-m": lambda v: f"{v.day:02d}-{v.month:02d}",
}
_TIJDSTIP = {
    "d-m-Y H:i": lambda v: f"{v.day:02d}-{v.month:02d}-{v.year:04d} {v.hour:02d}:{v.minute:02d}",
    "d-m-Y H:i:s": lambda v: f"{v.day:02d}-{v.month:02d}-{v.year:04d} {v.hour:02d}:{v.minute:02d}:{v.second:02d}",
    "d-m H:i": lambda v: f"{v.day:02d}-{v.month:02d} {v.hour:02d}:{v.minute:02d}",
    "H:i": lambda v: f"{v.hour:02d}:{v.minute:02d}",
    "H:i:s": lambda v: f"{v.hour:02d}:{v.minute:02d}:{v.second:02d}",
}


@register.filter(expects_localtime=True, is_safe=False)
def datum(value, arg=None):
    if isinstance(value, datetime):
        snel = _TIJDSTIP.get(arg) or _DATUM.get(arg)
    elif isinstance(value, _date):
        snel = _DATUM.get(arg)
    else:
        snel = None
    return snel(value) if snel else defaultfilters.date(value, arg)
