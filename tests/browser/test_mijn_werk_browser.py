"""Issue 25: Mijn werk for each demo role, the worklist, the task page and the review page at 1366×768, axe-clean;
with CRIS_SCHERMAFDRUKKEN=1 the screenshots of docs/werkstroom.md and docs/werken-met-intake.md are written to
docs/schermen/ (python -m pytest tests/browser/test_mijn_werk_browser.py)."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from aanmelding.models import Aanmelding
from cris.accounts.models import Medewerker
from taken.models import Taak
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCHERMEN = Path(__file__).resolve().parents[2] / "docs" / "schermen"
ROLLEN = ["ab", "teamleider", "districtsmanager", "administratie", "jdadmin", "cmacoordinator", "privacyofficer",
          "cai", "ao", "ad", "jd", "cm", "cma", "ndf", "lotgenoten"]  # fmt: skip


def _als(page, live_server, username: str) -> None:
    """Logged in as a demo user through a session cookie (what the login form gives, without the 2FA step)."""
    client = Client()
    client.force_login(Medewerker.objects.get(username=username))
    page.context.clear_cookies()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])


def _schermafdruk(page, naam: str) -> None:
    if os.environ.get("CRIS_SCHERMAFDRUKKEN"):
        SCHERMEN.mkdir(exist_ok=True)
        page.screenshot(path=str(SCHERMEN / f"{naam}.png"))


def test_mijn_werk_for_every_role_and_the_task_page(page, live_server):
    call_command("demo")
    page.set_viewport_size({"width": 1366, "height": 768})
    for username in ROLLEN:
        _als(page, live_server, username)
        page.goto(live_server.url + reverse("werkstroom:mijn_werk"))
        page.get_by_role("heading", name="Mijn werk").wait_for()
        assert page.locator(".cris-panel, #teams-kop").count() >= 1
        if username == "ab":  # her team's queue at a glance, with the taakverdeler's button (TAK-5)
            assert page.get_by_role("button", name="Volgende taak").is_visible()
            assert page.get_by_role("link", name="1 daarvan te laat").is_visible()
        assert_accessible(page)
        _schermafdruk(page, f"mijn-werk-{username}")
    _als(page, live_server, "teamleider")
    page.goto(live_server.url + reverse("werkstroom:mijn_werk"))
    page.get_by_role("heading", name="Werkvoorraad van mijn teams").wait_for()
    _als(page, live_server, "ab")
    page.goto(live_server.url + reverse("taken:werkstroom") + "?weergave=team")
    assert_accessible(page)
    _schermafdruk(page, "werkstroom-ab")
    # The demo's task in behandeling with contacts: the case header and the newest contact above the fold.
    taak = Taak.objects.get(casus__client__achternaam="Bouzid", team__code="AB-MN")
    page.goto(live_server.url + reverse("taken:detail", args=[taak.pk]))
    page.locator(".cris-taakkop").wait_for()
    for boven in (
        page.locator('a[href^="tel:"]').first,
        page.get_by_text("Geheim adres"),
        page.locator("#contacten-kop"),
    ):
        box = boven.bounding_box()
        assert box and box["y"] + box["height"] <= 768, boven
    assert_accessible(page)
    _schermafdruk(page, "taak-ab")
    # The review page (AAN-3) of a demo referral, as Administratie.
    _als(page, live_server, "administratie")
    aanmelding = Aanmelding.objects.get(bericht_id="demo-1")
    page.goto(live_server.url + reverse("aanmelding:detail", args=[aanmelding.pk]))
    page.get_by_role("button", name="Goedkeuren").wait_for()
    assert_accessible(page)
    _schermafdruk(page, "aanmelding-beoordelen")
