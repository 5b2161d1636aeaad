"""Issue 27: code lives where the README says. Permission checks (``mag_*``, ``is_*``: may this user do this, does
this user hold this function) live in their app's ``permissions.py`` (docs/architectuur.md, "Inside an app").

Read from the source with ``ast``, so a predicate defined beside its page, selector or service fails here, under
whatever name its first argument has. A module-level ``mag_*`` or ``is_*`` function elsewhere that is not about a
user is listed in NIET_OVER_DE_GEBRUIKER with the reason."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = [
    "cris", "werkstroom", "casus", "gebeurtenissen", "taken", "documenten", "aanmelding", "koppelingen",
    "schoning", "diensten", "rapportage", "zoeken", "testgegevens",
]  # fmt: skip
VOORVOEGSELS = ("mag_", "is_")

# (path, function, reason): module-level mag_*/is_* functions outside permissions.py that are no permission check.
NIET_OVER_DE_GEBRUIKER = [
    ("casus/namen.py", "is_tussenvoegsel", "whether a word is a surname particle: name parsing"),
    ("casus/namen.py", "_is_verwisseling", "whether two names differ by swapped letters: the client finder's match"),
    ("taken/verslagen.py", "is_bewerkbaar", "whether a contact report is still within its correction window: time"),
    ("koppelingen/berichten/koppelen.py", "_is_persoon", "whether a partner message names this client: matching"),
    (
        "diensten/services/levenscyclus.py",
        "_mag_wijzigen",
        "the service's guard on the locked task (its status, then taken.permissions.mag_behandelen): raises the "
        "service's error with its message, decides nothing of its own about the user",
    ),
]


def _bronnen():
    for app in APPS:
        for pad in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in pad.parts:
                yield pad.relative_to(ROOT).as_posix(), ast.parse(pad.read_text(), filename=str(pad))


def _predicaten_in(boom: ast.Module) -> list[tuple[str, int]]:
    """(name, line) of every module-level mag_*/is_* function of a module (leading underscores aside)."""
    return [
        (knoop.name, knoop.lineno)
        for knoop in boom.body
        if isinstance(knoop, ast.FunctionDef | ast.AsyncFunctionDef) and knoop.name.lstrip("_").startswith(VOORVOEGSELS)
    ]


def _predicaten() -> list[tuple[str, str, int]]:
    return [(pad, naam, regel) for pad, boom in _bronnen() for naam, regel in _predicaten_in(boom)]


def test_permission_checks_live_in_permissions_py():
    toegestaan = {(pad, naam) for pad, naam, _ in NIET_OVER_DE_GEBRUIKER}
    buiten = [
        f"{pad}:{regel}: {naam}"
        for pad, naam, regel in _predicaten()
        if Path(pad).name != "permissions.py" and (pad, naam) not in toegestaan
    ]
    assert buiten == [], "permission checks belong in the app's permissions.py (docs/architectuur.md)"


def test_allowlist_names_existing_functions():
    """An entry whose function moved or went keeps nothing out; it goes too."""
    bestaand = {(pad, naam) for pad, naam, _ in _predicaten()}
    assert [(pad, naam) for pad, naam, _ in NIET_OVER_DE_GEBRUIKER if (pad, naam) not in bestaand] == []


def test_scan_finds_module_level_predicates_whatever_their_arguments():
    bron = (
        "def mag_iets(actor, taak):\n    return True\n\n"
        "async def _is_planner(medewerker):\n    return True\n\n"
        "def taak_rechten(actor, taak):\n    return None\n\n"
        "class Rechten:\n    def mag_oppakken(self):\n        return True\n"
    )
    assert _predicaten_in(ast.parse(bron)) == [("mag_iets", 1), ("_is_planner", 4)]
