"""Issue 7 on the casus page: raising an Acute Opvang alert from the Casusoverzicht (TAK-8). The casus page
sits below taken; taken contributes the alert as a panel (casus.registry)."""

from __future__ import annotations

from casus.registry import CasusPaneel
from taken import selectors


def ao_alarm_paneel(*, user, casus, **pagina) -> CasusPaneel | None:
    """The alert form for whoever may raise one on this casus: it posts to the follow-up form of the task
    it is raised from, so the same form, permission check and service (``ao_alarmeren``) apply."""
    alarm = selectors.ao_alarm_voor(user=user, casus=casus)
    return CasusPaneel("taken/_ao_alarm.html", alarm) if alarm else None
