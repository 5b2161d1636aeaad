"""The production image builds what it runs (Dockerfile, pyproject): checked without Docker.

``test_the_dockerfile_copies_every_application_package`` runs in ``make test``; the image reproduction
(``test_the_image_installs_checks_collects_and_knows_every_task``) installs what the Dockerfile copies into a
fresh virtualenv, non-editable, and runs there what the image runs. It needs the package index and a minute,
so it runs in ``make test-integration`` (CI)."""

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parents[1]


def copied_paths(dockerfile: str) -> list[tuple[str, str]]:
    """(source, destination) of each COPY line of the build stage (not --from)."""
    paths = []
    for line in dockerfile.splitlines():
        parts = line.split()
        if not parts or parts[0] != "COPY" or any(p.startswith("--from") for p in parts):
            continue
        *sources, dest = [p for p in parts[1:] if not p.startswith("--")]
        for source in sources:
            paths.append((source, dest))
    return paths


def copied_packages(dockerfile: str) -> set[str]:
    return {Path(s).parts[0] for s, _ in copied_paths(dockerfile) if (ROOT / s / "__init__.py").exists()}


def missing_packages(dockerfile: str) -> set[str]:
    """The project's own top-level packages that an installed app lives in but the Dockerfile doesn't copy."""
    copied = {Path(source).parts[0] for source, _ in copied_paths(dockerfile)}
    tops = {config.name.split(".")[0] for config in apps.get_app_configs()}
    eigen = {top for top in tops if (ROOT / top / "__init__.py").exists()}
    return eigen - copied


def task_names_defined() -> set[str]:
    """Every Celery task the project defines (``@shared_task``/``@app.task``), by its registered name."""
    names = set()
    for path in ROOT.rglob("tasks.py"):
        if any(part in {".venv", "tests", "var", "node_modules"} for part in path.relative_to(ROOT).parts):
            continue
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef):
                for dec in node.decorator_list:
                    call = dec if isinstance(dec, ast.Call) else None
                    func = call.func if call else dec
                    naam = getattr(func, "id", None) or getattr(func, "attr", None)
                    if naam in ("shared_task", "task"):
                        explicit = [k.value.value for k in (call.keywords if call else []) if k.arg == "name"]
                        names.add(explicit[0] if explicit else f"{module}.{node.name}")
    return names


def task_names_sent() -> set[str]:
    """Task names the code sends by name: ``send_task("…")``, ``app.tasks["…"]``, constants ending in _TAAK."""
    names = set()
    pattern = re.compile(r"""(?:send_task\(\s*|app\.tasks\[\s*|_TAAK\s*=\s*)["']([\w.]+)["']""")
    for path in ROOT.rglob("*.py"):
        if any(part in {".venv", "tests", "var", "migrations"} for part in path.relative_to(ROOT).parts):
            continue
        names.update(pattern.findall(path.read_text()))
    return names


def test_the_dockerfile_copies_every_application_package():
    assert missing_packages((ROOT / "Dockerfile").read_text()) == set()


def test_a_package_left_out_of_the_dockerfile_is_found():
    dockerfile = (ROOT / "Dockerfile").read_text().replace("COPY zoeken ./zoeken\n", "")
    assert missing_packages(dockerfile) == {"zoeken"}


def test_pyproject_packages_every_copied_package():
    include = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]["find"]["include"]
    packaged = {p.rstrip("*") for p in include}
    copied = {
        Path(s).parts[0]
        for s, _ in copied_paths((ROOT / "Dockerfile").read_text())
        if (ROOT / s / "__init__.py").exists()
    }
    assert copied <= packaged


def test_every_task_sent_or_scheduled_is_defined(settings):
    defined = task_names_defined()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled <= defined
    assert task_names_sent() <= defined
    assert "koppelingen.bsn.tasks.bsn_controleren" in defined


def test_every_defined_task_is_in_the_registry_of_a_web_process():
    """A web process queues tasks of higher layers by name (aanmelding → koppelingen.bsn): its registry must
    know them all, as the worker's does (cris.apps imports every app's tasks module)."""
    from cris.celery import app

    assert task_names_defined() <= set(app.tasks)


IMAGE_SCRIPT = """
import json
import django
django.setup()
from cris.celery import app
app.loader.import_default_modules()
print(json.dumps(sorted(app.tasks)))
"""


@pytest.mark.integration
def test_the_image_installs_checks_collects_and_knows_every_task(tmp_path, settings):
    if os.environ.get("CRIS_INTEGRATIE_VERPLICHT", "").lower() not in ("1", "true"):
        pytest.skip("reproduces the image build with pip (make test-integration)")
    dockerfile = (ROOT / "Dockerfile").read_text()
    app_dir = tmp_path / "app"
    app_dir.mkdir()
    for source, dest in copied_paths(dockerfile):
        if dest.startswith("/"):  # the entrypoint: not part of the application tree
            continue
        target = app_dir / Path(source).name if dest.endswith("/") or dest == "." else app_dir / dest
        if (ROOT / source).is_dir():
            shutil.copytree(ROOT / source, target, ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
        else:
            shutil.copy2(ROOT / source, target)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(app_dir)],
        check=True,
        capture_output=True,
        text=True,
    )
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "cris.settings",
        "CRIS_PRODUCTIE": "true",
        "SECRET_KEY": "image-test-" + "x" * 60,
        "ALLOWED_HOSTS": "cris.example.nl",
        "DATABASE_URL": "postgres://cris@127.0.0.1:5432/cris",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "CRIS_VAR_DIR": str(tmp_path / "var"),
    }

    def run(*args, cwd=app_dir):
        result = subprocess.run([python, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        return result.stdout

    # Installed, not taken from the source tree: every package imports from site-packages alone.
    for package in sorted(
        {Path(s).parts[0] for s, _ in copied_paths(dockerfile) if (ROOT / s / "__init__.py").exists()}
    ):
        run(
            "-c",
            f"import {package}, sys; assert 'site-packages' in {package}.__file__, {package}.__file__",
            cwd=tmp_path,
        )
    run("manage.py", "check", "--deploy", "--fail-level", "ERROR")
    run("manage.py", "collectstatic", "--no-input")
    registered = set(json.loads(run("-c", IMAGE_SCRIPT).strip().splitlines()[-1]))
    assert task_names_defined() <= registered
    assert {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()} <= registered
