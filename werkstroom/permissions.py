"""Who may do what in the werkstroom app: keep the Acute Opvang piket rota (issue 24, TAK-8). Its services
(``werkstroom.piket``) and the leaders' pages ask here."""

from __future__ import annotations

from werkstroom.models import Afdeling, Lidmaatschap


def is_ao_coordinator(user) -> bool:
    """The AO coordinator: team leader of an active Acute Opvang team."""
    return (
        user.is_authenticated
        and user.is_active
        and Lidmaatschap.objects.filter(
            medewerker=user, rol=Lidmaatschap.Rol.TEAMLEIDER, team__afdeling=Afdeling.ACUTE_OPVANG, team__actief=True
        ).exists()
    )
