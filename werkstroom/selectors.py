"""Reads on the organisation."""

from __future__ import annotations

from cris.db import VasteQuery
from cris.invoer import geheel_getal
from werkstroom.models import District, Lidmaatschap, Postcode


def lidmaatschappen_van(*, medewerker) -> list[Lidmaatschap]:
    """The user's memberships of active teams, with team and district (on every worklist view: compiled once
    and run prepared, cris.db.VasteQuery)."""
    return _LIDMAATSCHAPPEN.lijst(medewerker=medewerker.pk)


_LIDMAATSCHAPPEN = VasteQuery(
    lambda medewerker: (
        Lidmaatschap.objects.filter(medewerker_id=medewerker, team__actief=True)
        .select_related("team", "team__district")
        .order_by("-standaard", "team__naam")
    ),
    "medewerker",
)


def district_voor_postcode(postcode: str) -> District | None:
    """The district of a Dutch postcode ('1234 AB', '1234AB' or '1234'); None when it is not one."""
    digits = (postcode or "").strip()[:4]
    if len(digits) != 4 or geheel_getal(digits) is None:
        return None
    row = Postcode.objects.select_related("district").filter(cijfers=geheel_getal(digits)).first()
    return row.district if row else None
