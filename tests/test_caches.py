"""Issue 27: one registry for per-process caches (cris.caches) and one "clear everything"."""

import ast
from pathlib import Path

import pytest
from django.db.models.signals import post_migrate

from casus import access
from cris import caches
from taken.selectors import _TAAKTYPEN

ROOT = Path(__file__).resolve().parents[1]
APPS = ["cris", "werkstroom", "casus", "gebeurtenissen", "taken", "documenten", "aanmelding", "koppelingen",
        "schoning", "diensten", "rapportage", "zoeken", "testgegevens"]  # fmt: skip


def _cache_decorators() -> list[str]:
    """functools caches in project code that bypass the registry."""
    gevonden = []
    for app in APPS:
        for pad in (ROOT / app).rglob("*.py"):
            if "migrations" in pad.parts or pad == ROOT / "cris" / "caches.py":
                continue
            for node in ast.walk(ast.parse(pad.read_text())):
                if isinstance(node, ast.FunctionDef):
                    for dec in node.decorator_list:
                        naam = ast.unparse(dec.func if isinstance(dec, ast.Call) else dec)
                        if naam.split(".")[-1] in ("cache", "lru_cache"):
                            gevonden.append(f"{pad.relative_to(ROOT)}:{node.lineno} {node.name}")
    return gevonden


def test_every_per_process_cache_is_registered():
    assert _cache_decorators() == []
    assert any(sleutel[0] == "cris.caches.clear_all" for sleutel, *_ in post_migrate.receivers)
    assert {"casus.access._view_casus_id", "casus.access._ZICHTBAAR_SQL", "cris.db.VasteQuery"} <= set(caches.names())


@pytest.mark.django_db
def test_clearing_everything_empties_functions_catalogues_and_stores():
    access._view_casus_id()
    _TAAKTYPEN()
    assert access._view_casus_id.cache_info().currsize == 1 and _TAAKTYPEN._waarde is not None
    caches.clear_all()
    assert access._view_casus_id.cache_info().currsize == 0 and _TAAKTYPEN._waarde is None


def test_issue23_4_template_fragments_are_cached_in_process_memory_not_in_redis():
    """Issue 23 item 4: with Redis down, pages that need no broker keep working. Every ``{% cache %}`` fragment
    uses the per-process ``fragmenten`` cache (LocMem), which is emptied by ``clear_all()``."""
    import re
    from pathlib import Path

    from django.conf import settings
    from django.core.cache import caches

    from cris import caches as registry
    from cris import formulieren  # noqa: F401 - registers the fragment cache

    assert settings.CACHES["fragmenten"]["BACKEND"].endswith("LocMemCache")
    tags = [
        (pad.name, tag)
        for pad in Path(settings.BASE_DIR, "templates").rglob("*.html")
        for tag in re.findall(r"{% cache [^%]*%}", pad.read_text())
    ]
    assert tags, "no {% cache %} fragments found"
    assert [t for t in tags if 'using="fragmenten"' not in t[1]] == []
    caches["fragmenten"].set("x", 1)
    registry.clear_all()
    assert caches["fragmenten"].get("x") is None
