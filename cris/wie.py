"""Who did something, in a Dutch text: a system action (no actor, e.g. a nightly job or automatic
processing) reads "het systeem", never "None"."""

from __future__ import annotations

from django.utils.translation import gettext as _


def wie(actor) -> str:
    """The actor's name for a text ("team gekozen door %(m)s"); "het systeem" without a (saved) actor."""
    if actor is None or not getattr(actor, "pk", None):
        return _("het systeem")
    return str(actor)
