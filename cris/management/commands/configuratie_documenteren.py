from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from cris.env import DECLARED

INTRO = """# Configuration

Every setting of CRIS is an environment variable, declared once in `cris/settings.py` with its help
text; this file is generated from those declarations by `manage.py configuratie_documenteren` (a test
fails when it is out of date). A bad value (say `CRIS_PRODUCTIE=maybe`) stops CRIS at start-up with a
clear error; it is never silently replaced by a default.

Booleans take `true`/`false` (also `1`/`0`, `yes`/`no`, `on`/`off`, `ja`/`nee`). Lists are comma-separated.
Variables marked *secret* can instead be read from a file: set `NAME_FILE=/run/secrets/name` (Docker and
Kubernetes secrets); setting both is an error.

With nothing set CRIS runs for development: an embedded PostgreSQL under `var/postgres`, Celery tasks run
eagerly, DEBUG on. `CRIS_PRODUCTIE=true` requires `SECRET_KEY`, `ALLOWED_HOSTS`, `DATABASE_URL` and a
broker, and turns on secure cookies, HSTS, HTTPS redirect and mandatory two-factor login.
"""


def render() -> str:
    lines = [INTRO]
    groups: dict[str, list] = {}
    for variable in DECLARED.values():
        groups.setdefault(variable.group, []).append(variable)
    for group, variables in groups.items():
        lines += [f"\n## {group}\n", "| variable | type | default | meaning |", "| --- | --- | --- | --- |"]
        for v in variables:
            default = "(none)" if v.default in (None, "", []) else f"`{_show(v.default)}`"
            kind = f"{v.kind}, secret" if v.secret else v.kind
            lines.append(f"| `{v.name}` | {kind} | {default} | {v.help} |")
    return "\n".join(lines) + "\n"


def _show(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(value)
    text = str(value)
    return text.replace(str(settings.BASE_DIR), ".")


class Command(BaseCommand):
    help = "Schrijf docs/configuration.md uit de declaraties in cris/settings.py."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Alleen controleren; exit 1 als het verschilt.")

    def handle(self, *args, check: bool, **options):
        path = Path(settings.BASE_DIR) / "docs" / "configuration.md"
        text = render()
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                self.stderr.write("docs/configuration.md is out of date: run manage.py configuratie_documenteren")
                raise SystemExit(1)
            return
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"{path} written ({len(DECLARED)} variables)")
