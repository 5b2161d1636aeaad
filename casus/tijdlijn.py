"""The timeline as a dossier (TIJ-1): what each entry is about, linked and with its content.

A timeline entry names its object (``object_type``, ``object_id``). Most of those objects live in apps above
casus (a task, a contact report, a document, a service); casus never imports them. Each such app registers
a ``Bron`` for its object types in its ``AppConfig.ready`` (``bron_registreren``), and this module asks it for
all entries of one type at once: one query per type on a page, whatever its length.

A ``Bron`` gets the casus id and the object ids and returns ``{object_id: Onderwerp}`` for the objects that
belong to that casus (never another casus's object, whatever an entry says).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Onderwerp:
    titel: str  # what the entry is about: "Benaderingsgesprek (AB Midden)", "Document: Verklaring"
    url: str = ""  # where it lives; empty when there is no page for it
    tekst: str = ""  # its content: the report text, the appointment, the note


Bron = Callable[[int, list[int]], dict[int, Onderwerp]]
_bronnen: dict[str, Bron] = {}


def bron_registreren(object_type: str, bron: Bron) -> None:
    _bronnen[object_type] = bron


def onderwerpen(casus_id: int, items: Iterable) -> list[tuple[object, Onderwerp | None]]:
    """Each timeline item with what it is about (None when its object is gone or has no source)."""
    items = list(items)
    per_type: dict[str, set[int]] = defaultdict(set)
    for item in items:
        if item.object_type and item.object_id is not None and item.object_type in _bronnen:
            per_type[item.object_type].add(item.object_id)
    gevonden = {t: _bronnen[t](casus_id, sorted(ids)) for t, ids in per_type.items()}
    return [(item, gevonden.get(item.object_type, {}).get(item.object_id)) for item in items]


# --- casus's own objects ----------------------------------------------------------------------------------


def _client(casus_id: int, ids: list[int]) -> dict[int, Onderwerp]:
    from casus.models import Casus

    client_id = Casus.objects.filter(pk=casus_id).values_list("client_id", flat=True).first()
    return (
        {client_id: Onderwerp(_("Cliëntkaart"), reverse("casus:client", args=[client_id]))} if client_id in ids else {}
    )


def _adres(casus_id: int, ids: list[int]) -> dict[int, Onderwerp]:
    from casus.models import Adres

    rijen = Adres.objects.filter(pk__in=ids, client__casussen=casus_id).values_list("pk", "client_id")
    return {pk: Onderwerp(_("Adres op de cliëntkaart"), reverse("casus:client", args=[c])) for pk, c in rijen}


def _casus(casus_id: int, ids: list[int]) -> dict[int, Onderwerp]:
    return (
        {casus_id: Onderwerp(_("Casusgegevens"), reverse("casus:detail", args=[casus_id]))} if casus_id in ids else {}
    )


def _betrokkene(casus_id: int, ids: list[int]) -> dict[int, Onderwerp]:
    from casus.models import Betrokkene

    url = reverse("casus:betrokkenen", args=[casus_id])
    return {b.pk: Onderwerp(str(b), url) for b in Betrokkene.objects.filter(pk__in=ids, casus_id=casus_id)}


def _strafzaak(casus_id: int, ids: list[int]) -> dict[int, Onderwerp]:
    from casus.models import Strafzaak

    url = reverse("casus:juridisch", args=[casus_id])
    return {
        s.pk: Onderwerp(_("Strafzaak %(s)s") % {"s": s}, url)
        for s in Strafzaak.objects.filter(pk__in=ids, casus_id=casus_id)
    }


bron_registreren("casus.client", _client)
bron_registreren("casus.adres", _adres)
bron_registreren("casus.casus", _casus)
bron_registreren("casus.betrokkene", _betrokkene)
bron_registreren("casus.strafzaak", _strafzaak)
