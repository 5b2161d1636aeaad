"""Issue 27: no dead code. vulture finds module-level functions and classes of the project that nothing
uses; templates and dotted paths in strings (settings, Celery task names) count as uses. What Django or a library
calls by name (commands, middleware, expression hooks) is listed in DJANGO_ROEPT_AAN; anything else that must
stay unused needs a line in DOOD_MAAR_BEWUST with its reason. Runs in about a second (docs/architectuur.md)."""

import re
from pathlib import Path

import vulture

ROOT = Path(__file__).resolve().parents[1]
APPS = [
    "cris", "werkstroom", "casus", "gebeurtenissen", "taken", "documenten", "aanmelding", "koppelingen",
    "schoning", "diensten", "rapportage", "zoeken", "testgegevens",
]  # fmt: skip
SOORTEN = {"function", "class"}  # methods and properties: too many are framework hooks called by name

# Names that Django, Celery, psycopg or DRF call on our objects by convention, never our own code.
DJANGO_ROEPT_AAN = [
    "Command", "handle", "add_arguments", "Meta", "*Middleware", "*Config", "ready", "navigatie",
    "get_source_expressions", "set_source_expressions", "as_sql", "get_key", "upgrade", "dump", "allow_*", "db_for_*",
    "handle_raw_input", "file_complete", "new_file", "receive_data_chunk", "*Filter", "filter", "*AdminSite",
    "get_queryset", "has_*_permission", "clean_*", "clean", "save_model", "get_form*", "get_urls", "get_*_display",
    "formfield_for_*", "authenticate", "get_user", "user_can_authenticate", "render", "get_context", "to_python",
    "validate", "from_db_value", "get_prep_value", "deconstruct", "authenticate_header", "has_permission",
    "has_object_permission", "get_schema_operation_parameters", "*Admin", "*Inline", "lookups", "queryset",
    "changelist_view", "get_readonly_fields", "get_list_display", "get_fieldsets", "delete_model", "save_related",
    "get_search_results", "response_*", "label_from_instance", "format_value", "get_context_data",
    "value_from_datadict", "get_search_fields",
    "get_short_name", "create_superuser", "get_inlines", "delete_queryset", "get_security_definition", "*Schema",
    "process_*", "get_absolute_url", "natural_key", "get_by_natural_key", "to_representation", "to_internal_value",
    "create", "update", "validate_*", "perform_*", "get_serializer*", "get_permissions", "get_object", "list",
    "retrieve", "destroy", "partial_update", "get", "post", "put", "patch", "delete", "dispatch", "form_valid",
    "form_invalid", "get_success_url", "on_failure", "on_success", "after_return", "run", "emit", "format",
    "default", "setup", "get_template_names", "get_initial", "get_form_kwargs", "map_serializer_field",
    "get_help_text", "get_error_message",
]  # fmt: skip

# Unused on purpose: (path, name, reason).
DOOD_MAAR_BEWUST: list[tuple[str, str, str]] = []


def _sjabloon_namen() -> set[str]:
    """Every identifier in a template: an attribute or method a template prints counts as used."""
    namen: set[str] = set()
    for pad in (ROOT / "templates").rglob("*.html"):
        namen.update(re.findall(r"[A-Za-z_]\w*", pad.read_text()))
    return namen


def _namen_in_strings(paden: list[Path]) -> set[str]:
    """The last part of dotted paths in strings ("cris.audit.middleware.RequestContextMiddleware")."""
    namen: set[str] = set()
    for pad in paden:
        namen.update(re.findall(r"""["'][\w.]+\.(\w+)["']""", pad.read_text()))
    return namen


def dode_code() -> list[str]:
    v = vulture.Vulture(ignore_names=DJANGO_ROEPT_AAN, ignore_decorators=["@*"])
    bronnen = [ROOT / app for app in APPS] + [ROOT / "tests", ROOT / "benchmarks"]
    v.scavenge([str(p) for p in bronnen], exclude=["*/migrations/*", "*/node_modules/*"])
    paden = [p for bron in bronnen for p in bron.rglob("*.py")]
    v.used_names.update(_sjabloon_namen() | _namen_in_strings(paden))
    bewust = {(pad, naam) for pad, naam, _ in DOOD_MAAR_BEWUST}
    gevonden = []
    for item in v.get_unused_code(min_confidence=60):
        pad = Path(item.filename).resolve().relative_to(ROOT).as_posix()
        if item.typ not in SOORTEN or pad.split("/")[0] not in APPS or (pad, item.name) in bewust:
            continue
        if item.typ == "class" and pad.endswith("models.py"):  # a model is a table: migrations use it
            continue
        gevonden.append(f"{pad}:{item.first_lineno}: {item.typ} {item.name}")
    return sorted(gevonden)


def test_no_dead_functions_or_classes():
    assert dode_code() == []
