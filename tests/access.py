"""The access matrix (AUT-1): every page that shows case data is tested for these five people.

    def test_casus_page_access(client, toegang):
        casus = ...  # give toegang.eigenaar a task on it in toegang.team
        assert_toegang(client, toegang, url, eigenaar=200, collega=200, teamleider=200,
                       buitenstaander=404, functioneel_beheerder=404)

- eigenaar: holds the work (task) on the object, member of `team`
- collega: member of the same `team`, not holding the work
- buitenstaander: member of `ander_team` only; must get 404, never a hint that the object exists
- teamleider: leads `team`
- functioneel_beheerder: manages catalogues and templates in the admin; no case access by role
"""

from __future__ import annotations

from dataclasses import dataclass

from cris.accounts.models import Medewerker
from werkstroom.models import Team

ROLLEN = ("eigenaar", "collega", "buitenstaander", "teamleider", "functioneel_beheerder")


@dataclass
class Toegangsmatrix:
    team: Team
    ander_team: Team
    eigenaar: Medewerker
    collega: Medewerker
    buitenstaander: Medewerker
    teamleider: Medewerker
    functioneel_beheerder: Medewerker

    def gebruiker(self, rol: str) -> Medewerker:
        return getattr(self, rol)


def assert_toegang(client, matrix: Toegangsmatrix, url: str, method: str = "get", data=None, **verwacht: int):
    """Request `url` as each person and compare the status codes; every person must be named."""
    missing = set(ROLLEN) - set(verwacht)
    assert not missing, f"the access matrix names every person; missing: {sorted(missing)}"
    actual = {}
    for rol in ROLLEN:
        client.force_login(matrix.gebruiker(rol))
        response = getattr(client, method)(url, data or {})
        actual[rol] = response.status_code
        client.logout()
    assert actual == verwacht, f"{url}: expected {verwacht}, got {actual}"
