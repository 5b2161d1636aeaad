"""Cells for every CSV and XLSX file CRIS writes (issue 21 item 4, CSV/formula injection).

A spreadsheet treats a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (and a leading tab or
carriage return can hide one); openpyxl even stores such a string as a formula. Free text from users and
partners (a reason, a note, a phone number, a team name) reaches these files, so every export writes its
rows through :func:`rij`, which prefixes such a text with an apostrophe: the spreadsheet shows the text and
never evaluates it. Numbers, dates and empty values are left as they are.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")
_ONGEMOEID = (int, float, Decimal, datetime.date, datetime.time, datetime.timedelta, type(None))


def cel(waarde):
    """The value as a safe cell: a text that a spreadsheet would read as a formula gets a leading ``'``."""
    if isinstance(waarde, _ONGEMOEID):  # bool is an int
        return waarde
    tekst = waarde if isinstance(waarde, str) else str(waarde)
    return "'" + tekst if tekst.startswith(FORMULE_TEKENS) else tekst


def rij(waarden: Iterable) -> list:
    return [cel(w) for w in waarden]
