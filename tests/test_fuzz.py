"""Issue 23 items 5 and 8: hostile values in every form and every query parameter of the URLconf never give a
500, and nothing they store breaks a page afterwards.

Enumerated, not listed: every pattern of the URLconf (outside the admin) is requested with valid ids (the
access matrix's Dossier), by every person of the access matrix plus intake, privacy and application staff and
an anonymous visitor. Every <form> and htmx panel on the pages they get is collected; each form is then sent
with each hostile value in all its fields at once, and with each hostile date in one date field while the
others keep sane values (so the date is what decides). Every query parameter the code reads
(``request.GET.get("…")`` in the source, and the fields of GET forms) gets each hostile value; every id in a
URL gets 2^63 and more. Afterwards every page is requested again: none may answer 500.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.urls import reverse

from cris.accounts.roles import Rol
from tests.factories import LidmaatschapFactory, MedewerkerFactory
from tests.test_toegangsmatrix import (
    REGISTER,
    _patronen,
    dossier_maken,
    verloren,  # noqa: F401 (a fixture, asked for by name below)
)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
HUGE = [str(2**63), str(10**30)]
DATUMS = ["0001-01-01", "0001-01-01T00:00", "9999-12-31", "9999-12-31T23:59", "1-1-1", "31-12-9999 23:59"]
WAARDEN = ["\x00", "a\x00b", "²", "١٢٣", "-1", *HUGE, *DATUMS, "x" * 10_000, "%00", "<script>x</script>"]

ZONDER_LIJST = {"admin:": "the Django admin's own forms (management roles only)", "gezondheid": "no input"}
# Patterns with a non-identifying argument that REGISTER does not build: how to reach them.
EXTRA = {
    "rapportage:export": lambda d: reverse("rapportage:export", args=["csv"]),
    "notificaties:gelezen": lambda d: reverse("notificaties:gelezen", args=[1]),
    "leiding:piket_verwijderen": lambda d: reverse("leiding:piket_verwijderen", args=[1]),  # no client data
    # One-time links of the account flows (issue 22): a key that is no key must be a message, not a 500.
    "accounts:activeren": lambda d: reverse("accounts:activeren", args=["geen-sleutel"]),
    "accounts:wachtwoord_herstellen": lambda d: reverse("accounts:wachtwoord_herstellen", args=["geen-sleutel"]),
}


class _Formulieren(HTMLParser):
    """<form>s (action, method, fields with a sane default) and hx-get URLs of a page."""

    def __init__(self):
        super().__init__()
        self.formulieren: list[dict] = []
        self.panelen: list[str] = []
        self._form = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("hx-get"):
            self.panelen.append(a["hx-get"])
        if tag == "form":
            self._form = {
                "action": a.get("action") or a.get("hx-post") or a.get("hx-get") or "",
                "method": (a.get("method") or ("post" if a.get("hx-post") else "get")).lower(),
                "velden": {},
                "datums": set(),
            }
            self.formulieren.append(self._form)
        elif self._form is not None and tag in ("input", "textarea", "select", "button") and a.get("name"):
            naam, soort = a["name"], a.get("type", "text")
            if naam == "csrfmiddlewaretoken" or soort in ("submit", "button", "file"):
                return
            if soort in ("date", "datetime-local"):
                self._form["datums"].add(naam)
            standaard = {"date": "2026-06-01", "datetime-local": "2026-06-01T10:00", "number": "1"}.get(soort, "x")
            self._form["velden"].setdefault(naam, a.get("value") or standaard)
            if tag == "select":
                self._select = naam
        elif (
            tag == "option"
            and self._select
            and self._form is not None
            and a.get("value")
            and self._form["velden"].get(self._select) == "x"
        ):
            self._form["velden"][self._select] = a["value"]

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _query_parameters() -> set[str]:
    namen = set()
    for pad in ROOT.glob("*/**/*.py"):
        if ".venv" in pad.parts or "tests" in pad.parts:
            continue
        namen |= set(re.findall(r"request\.GET\.get\(\s*[\"']([\w-]+)[\"']", pad.read_text()))
    return namen


def _urls(dossier) -> dict[str, str]:
    urls = {}
    for naam, route, kwargs in _patronen():
        if any(naam.startswith(k) or naam == k for k in ZONDER_LIJST) or naam.startswith("<"):
            continue
        if naam in REGISTER:
            urls[naam] = REGISTER[naam].url(dossier)
        elif naam in EXTRA:
            urls[naam] = EXTRA[naam](dossier)
        elif not kwargs:
            urls[naam] = reverse(naam)
        else:
            raise AssertionError(f"{naam} ({route}): add to REGISTER (test_toegangsmatrix) or EXTRA here")
    return urls


def _met_grote_ids(url: str) -> list[str]:
    delen = url.split("/")
    return ["/".join(h if d.isdigit() and d else d for d in delen) for h in HUGE if any(d.isdigit() for d in delen)]


def vraag_en_noteer(client, fouten: list[str], wie: str, methode: str, url: str, data=None):
    """One request; a 5xx is noted in ``fouten`` and what it did to the database is rolled back."""
    punt = transaction.savepoint()  # a database error in one request must not abort the test's transaction
    response = getattr(client, methode)(url, data or {})
    if response.status_code >= 500:
        transaction.set_rollback(False)  # the view's atomic block marked the test's transaction broken
        transaction.savepoint_rollback(punt)
        fouten.append(f"{response.status_code} {wie} {methode.upper()} {url} {str(data)[:150]!r}")
    else:
        transaction.savepoint_commit(punt)
    return response


@pytest.fixture
def personen(toegang):
    extra = {}
    for rol in (Rol.ADMINISTRATIE, Rol.CAI, Rol.PRIVACY_OFFICER, Rol.APPLICATIEBEHEERDER, Rol.JD_ADMIN):
        user = MedewerkerFactory(rollen=[rol])
        LidmaatschapFactory(medewerker=user, team=toegang.team)
        extra[str(rol)] = user
    return {**{r: toegang.gebruiker(r) for r in ("eigenaar", "teamleider", "functioneel_beheerder")}, **extra}


def test_issue23_no_hostile_value_in_any_form_or_parameter_gives_a_500(client, toegang, personen, request):
    verlopen = MedewerkerFactory(username="verlopen")
    dossier = dossier_maken(toegang, verlopen, request.getfixturevalue("verloren"))
    urls = _urls(dossier)
    client.raise_request_exception = False
    fouten: list[str] = []

    def vraag(wie, methode, url, data=None):
        return vraag_en_noteer(client, fouten, wie, methode, url, data)

    parameters = _query_parameters()
    bezoek: list[tuple[str, object, str]] = []  # (who, user, url) that answered 200
    formulieren: dict[tuple, tuple] = {}
    gezien: set[str] = set()
    for wie, user in [("anoniem", None), *personen.items()]:
        client.logout()
        if user is not None:
            client.force_login(user)
        for naam, url in urls.items():
            if naam == "accounts:logout":
                continue
            response = vraag(wie, "get", url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            bezoek.append((wie, user, url))
            parser = _Formulieren()
            parser.feed(response.content.decode())
            for paneel in set(parser.panelen) - gezien:
                gezien.add(paneel)
                r = vraag(wie, "get", paneel)
                if r.status_code == 200:
                    parser.feed(r.content.decode())
            for form in parser.formulieren:
                actie = urlsplit(form["action"]).path or url
                sleutel = (actie, form["method"], tuple(sorted(form["velden"])))
                formulieren.setdefault(sleutel, (user, form))
    assert len(formulieren) > 40, "the walk reaches the forms"

    for (actie, methode, _velden), (user, form) in formulieren.items():
        wie = getattr(user, "username", "anoniem")
        client.logout()
        if user is not None:
            client.force_login(user)
        for waarde in WAARDEN:
            vraag(wie, methode, actie, dict.fromkeys(form["velden"], waarde))
        for veld in form["datums"]:
            for datum in DATUMS:
                vraag(wie, methode, actie, {**form["velden"], veld: datum})

    eerste = {url: (wie, user) for wie, user, url in reversed(bezoek)}  # each page once, as its first visitor
    for url, (wie, user) in eerste.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for waarde in WAARDEN[:8]:
            vraag(wie, "get", url, dict.fromkeys(parameters, waarde))
        for groot in _met_grote_ids(url):
            r = vraag(wie, "get", groot)
            if r.status_code != 404:
                fouten.append(f"{r.status_code} (not 404) {wie} GET {groot}")

    for wie, user, url in bezoek:  # nothing stored breaks a page
        client.logout()
        if user is not None:
            client.force_login(user)
        vraag(wie, "get", url)
    assert not fouten, "\n".join(sorted(set(fouten))[:60])
