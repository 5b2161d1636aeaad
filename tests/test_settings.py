"""Production settings: `manage.py check --deploy` without warnings, and refusal of unsafe setups."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("CRIS_", "DJANGO_", "SECRET_KEY"))}
    settings = connection.settings_dict
    base["DATABASE_URL"] = (
        f"postgres://{settings['USER']}@{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}/{settings['NAME']}"
        if not str(settings["HOST"]).startswith("/")
        else f"postgres://{settings['USER']}@/{settings['NAME']}?host={settings['HOST']}"
    )
    base.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120
    )


PRODUCTIE = {
    "CRIS_PRODUCTIE": "true",
    "SECRET_KEY": "k8Jd0s-9vQ2mZx7LrT4pW1nB6yH3cF5gA0eU8iO2lK7jN4bV9xZ1qR6tY3wE5sD",
    "ALLOWED_HOSTS": "cris.example.nl",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


@pytest.mark.django_db
def test_check_deploy_prints_no_warnings_in_production_mode():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTIE)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "WARNING" not in result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.mark.django_db
@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "REDIS_URL"])
def test_production_refuses_to_start_without_its_essentials(missing):
    env = {**PRODUCTIE, missing: ""}
    result = _manage("check", **env)
    assert result.returncode != 0
    assert missing in result.stderr


@pytest.mark.django_db
def test_production_refuses_debug():
    result = _manage("check", **PRODUCTIE, DJANGO_DEBUG="true")
    assert result.returncode != 0
    assert "DJANGO_DEBUG" in result.stderr


def test_configuration_docs_are_up_to_date():
    from django.core.management import call_command

    call_command("configuratie_documenteren", "--check")


def test_sessions_end_after_30_minutes_idle(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert "cris.accounts.middleware.SessieVerlengenMiddleware" in settings.MIDDLEWARE


@pytest.mark.django_db
def test_session_expiry_moves_at_most_once_a_minute(client, medewerker, monkeypatch):
    """Idle timeout without a session write per page: the expiry moves with activity, once a minute."""
    from django.contrib.sessions.models import Session

    from cris.accounts import middleware

    nu = [1_000_000.0]
    monkeypatch.setattr(middleware.time, "time", lambda: nu[0])
    client.force_login(medewerker)
    client.get("/")
    key = client.session.session_key
    eerste = Session.objects.get(pk=key).expire_date
    nu[0] += 30
    client.get("/")
    assert Session.objects.get(pk=key).expire_date == eerste  # within the minute: no write
    nu[0] += 31
    client.get("/")
    assert Session.objects.get(pk=key).expire_date > eerste
