"""Writing HTML rows in Python for the long lists (issue 11)."""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe


def rij_html(sjabloon: str, *waarden) -> SafeString:
    """``format_html`` for the rows of a long list: the same output, each value escaped unless it is already
    safe HTML. Django's ``escape`` is this same ``html.escape`` behind a lazy-string wrapper and a SafeString
    per value, which on fifty rows of ten cells cost more than the rows' SQL."""
    return mark_safe(  # noqa: S308 - every value is escaped here or is safe HTML already
        sjabloon.format(*(w.__html__() if hasattr(w, "__html__") else escape(str(w)) for w in waarden))
    )
