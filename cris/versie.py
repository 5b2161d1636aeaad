"""Optimistic concurrency for every edit form: nobody silently overwrites someone else's change.

A model that people edit carries ``versie = models.PositiveIntegerField(default=1)``. The edit form sends
the version it showed (:class:`VersieFormMixin` adds the hidden field ``versie``); the service locks the
row (``select_for_update``), calls :func:`controleer` with the version from the form, applies the change
and calls :func:`verhoog`. When someone else saved in between, :func:`controleer` raises
:class:`VersieConflict`; the view shows its Dutch message, the other person's values and the form again
with the current version, so the user can redo their change on top of it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _


class VersieConflict(Exception):
    """The row moved on since the form was shown."""

    def __init__(self, obj: models.Model, verwacht: int | None):
        self.obj = obj
        self.verwacht = verwacht
        self.huidig = getattr(obj, "versie", None)  # a package's model in the admin has none
        super().__init__(str(self.bericht))

    @property
    def bericht(self) -> str:
        return str(
            _(
                "Iemand anders heeft dit intussen gewijzigd. Uw wijziging is niet opgeslagen: "
                "bekijk de huidige gegevens hieronder en voer uw wijziging opnieuw in."
            )
        )


def controleer(obj: models.Model, verwacht: int | None) -> None:
    """Raise VersieConflict when the locked row ``obj`` is not at the version the form showed.

    Call with the row locked (``select_for_update``) inside the service's transaction."""
    from cris.invoer import geheel_getal

    if geheel_getal(verwacht) != obj.versie:  # None, "²" and 2**64 are no version
        raise VersieConflict(obj, verwacht)


def verhoog(obj: models.Model) -> None:
    """Count one change; save ``versie`` with the rest of the change (put it in ``update_fields``)."""
    obj.versie += 1


class VersieFormMixin(forms.Form):
    """Adds the hidden ``versie`` field; pass ``initial={"versie": obj.versie, ...}`` when showing the form."""

    versie = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["versie"].error_messages["required"] = _("Het formulier mist zijn versie; laad de pagina opnieuw.")


class Versiebeheerd(models.Model):
    """A row that functional or application managers edit in /beheer/: the admin's version check
    (:class:`cris.beheer.VersieAdminMixin`) reads and counts this column."""

    versie = models.PositiveIntegerField(_("versie"), default=1, db_default=1, editable=False)

    class Meta:
        abstract = True
