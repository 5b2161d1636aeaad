"""Formatting for the services' templates (the task page's panels are assembled in diensten.taakpagina)."""

from django import template

register = template.Library()


@register.filter
def duur(delta) -> str:
    """A lead time for people: days and hours."""
    seconden = int(delta.total_seconds())
    dagen, rest = divmod(seconden, 86_400)
    uren = rest // 3600
    if dagen:
        return f"{dagen} d {uren} u"
    return f"{uren} u {rest % 3600 // 60} min"
