"""Issue 23 item 8 in the admin (/beheer/): hostile values in every add and change form and in every query parameter of
every changelist never give a 5xx, and nothing they store breaks a page afterwards.

Enumerated from the admin site, so a new registration is fuzzed without being named here: one test per registration
(in one rolled-back transaction), by every admin role that can reach it (a superuser when none can). Not the cross-
product of fields × values: per form one POST per class of hostile value with every field set to it (for the date
classes only the date and time fields, the others keep the form's values, so a form can be valid and the date is
stored), and per class one GET of the changelist with every parameter its filters, search, ordering, date drill-down
and pagination read set to it, and per bulk action (and a made-up one) one POST per class as the selected row's id;
a row's change, history and delete page with an id of 2^63. After every POST that saved (a refused form saves
nothing) the touched row's change page renders, after a change also its changelist (the next POST overwrites the
row); after the POSTs to a form that saved, every changelist that can show its rows (those of the registered models
related to it either way, and the audit log every admin change writes to)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.contrib import admin
from django.urls import reverse

from cris.accounts.roles import BEHEER_ROLLEN, Rol
from tests.factories import MedewerkerFactory
from tests.test_fuzz import vraag_en_noteer
from tests.test_verloren_wijzigingen_beheer import (
    _formulier,
    rijen,  # noqa: F401 (a fixture, used below)
)

pytestmark = pytest.mark.django_db

REGISTRATIES = sorted(m._meta.label for m in admin.site._registry)
GROOT = str(2**63)
# One value per class of hostile input; a date class is (date, time, datetime).
KLASSEN: dict[str, str | tuple[str, str, str]] = {
    "NUL": "a\x00b",
    "10.000 tekens": "x" * 10_000,
    "jaar 1": ("0001-01-01", "00:00:00", "0001-01-01T00:00:00"),
    "jaar 9999": ("9999-12-31", "23:59:59", "9999-12-31T23:59:59"),
    "2^63": GROOT,
    "negatief": "-1",
    "superscript": "²",
    "Arabisch-Indische cijfers": "٣",
}
VASTE_PARAMETERS = {"q", "o", "p", "all", "e", "_facets", "_changelist_filters", "_to_field", "_popup"}
NIET_INVULLEN = {"csrfmiddlewaretoken", "versie", "_save", "_continue", "_addanother"}
BEHEERBEHEER = ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")


class _Datumvelden(HTMLParser):
    """The names of a form's date, time and datetime inputs (the admin's widgets and HTML5 types)."""

    def __init__(self):
        super().__init__()
        self.datum: set[str] = set()
        self.tijd: set[str] = set()
        self.datumtijd: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        naam, klassen, soort = a.get("name"), (a.get("class") or "").split(), a.get("type")
        if tag != "input" or not naam:
            return
        if "vDateField" in klassen or soort == "date":
            self.datum.add(naam)
        elif "vTimeField" in klassen or soort == "time":
            self.tijd.add(naam)
        elif soort == "datetime-local":
            self.datumtijd.add(naam)


def _url(model, soort: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{soort}", args=args)


def _verwant(model) -> list:
    """The registered models whose changelist can show a row of ``model``: itself, the models related to it
    either way, and the audit log (every admin change is audited with its values)."""
    from cris.audit.models import AuditEntry

    modellen = [model, AuditEntry]
    modellen += [f.related_model for f in model._meta.get_fields() if f.is_relation and f.related_model]
    return [m for m in dict.fromkeys(modellen) if m in admin.site._registry]


def _gebruikers(model, ma, rf) -> list:
    """One manager per admin role that can reach this registration; a superuser when no role can."""
    gebruikers = []
    for rol in sorted(BEHEER_ROLLEN):
        user = MedewerkerFactory(rollen=[rol])
        verzoek = rf.get("/")
        verzoek.user = user
        if ma.has_view_or_change_permission(verzoek) or ma.has_add_permission(verzoek):
            gebruikers.append(user)
    return gebruikers or [MedewerkerFactory(rollen=[Rol.APPLICATIEBEHEERDER], is_superuser=True)]


def _parameters(response) -> set[str]:
    """Every query parameter a changelist reads: its filters' own, the links it shows, the date drill-down."""
    namen = set(VASTE_PARAMETERS)
    cl = response.context_data["cl"]
    for spec in cl.filter_specs:
        namen |= set(spec.expected_parameters())
    if cl.date_hierarchy:
        namen |= {f"{cl.date_hierarchy}__{deel}" for deel in ("year", "month", "day")}
    for link in re.findall(r'href="\?([^"]*)"', response.content.decode()):
        namen |= {k for k, _ in parse_qsl(link.replace("&amp;", "&"), keep_blank_values=True)}
    return namen


def _post(data: dict[str, list[str]], html: str, waarde) -> dict[str, list[str]]:
    """The form as shown with this class's value in every field (a date class: in the date fields only)."""
    velden = [k for k in data if k not in NIET_INVULLEN and not k.endswith(BEHEERBEHEER)]
    if isinstance(waarde, str):
        return {**data, **{k: [waarde] for k in velden}, "_continue": ["1"]}
    datums = _Datumvelden()
    datums.feed(html)
    datum, tijd, datumtijd = waarde
    gevuld = {**{k: [datum] for k in datums.datum}, **{k: [tijd] for k in datums.tijd}}
    gevuld |= {k: [datumtijd] for k in datums.datumtijd}
    if not gevuld:  # no date in this form: the date as text in every field
        gevuld = {k: [datum] for k in velden}
    return {**data, **gevuld, "_continue": ["1"]}


@pytest.mark.usefixtures("rijen")
@pytest.mark.parametrize("label", REGISTRATIES)
def test_issue23_8_no_hostile_value_in_an_admin_form_or_list_parameter_gives_a_5xx(client, label, rf):
    from django.apps import apps

    model = apps.get_model(label)
    ma = admin.site._registry[model]
    client.raise_request_exception = False
    fouten: list[str] = []
    wie = ""

    def vraag(methode, url, data=None):
        return vraag_en_noteer(client, fouten, wie, methode, url, data)

    def rendert(url, na):
        response = vraag("get", url)
        if response.status_code != 200:
            fouten.append(f"{response.status_code} {wie} GET {url} after {na}")
        return response

    lijst = _url(model, "changelist")
    obj = model._base_manager.order_by("pk").first()
    bereikt = 0
    for user in _gebruikers(model, ma, rf):
        wie = user.username if user.is_superuser else ", ".join(user.groups.values_list("name", flat=True))
        client.force_login(user)
        response = vraag("get", lijst)
        if response.status_code == 200:
            bereikt += 1
            parameters = _parameters(response)
            for waarde in KLASSEN.values():
                vraag("get", lijst, dict.fromkeys(parameters, waarde if isinstance(waarde, str) else waarde[0]))
        verzoek = rf.get("/")
        verzoek.user = user
        bekeken = [
            _url(m, "changelist")
            for m in _verwant(model)
            if admin.site._registry[m].has_view_or_change_permission(verzoek)
        ]

        formulieren = [_url(model, "add")] + ([_url(model, "change", obj.pk)] if obj is not None else [])
        for url in formulieren:
            response = vraag("get", url)
            if response.status_code != 200:
                continue
            html, opgeslagen = response.content.decode(), False
            for naam, waarde in KLASSEN.items():
                antwoord = vraag("post", url, _post(_formulier(html), html, waarde))
                if antwoord.status_code not in (301, 302, 303):
                    continue  # refused (the admin saves a valid form only, and then redirects): nothing stored
                na = f"POST {naam} to {url}"
                opgeslagen = True
                pagina = rendert(urlsplit(antwoord["Location"]).path, na)  # the row it saved
                if "/change/" in url:  # the next POST overwrites it: its list now, and the version it moved to
                    rendert(lijst, na)
                    html = pagina.content.decode()
            if opgeslagen:  # every list that can show what it stored (the add form's rows are all still there)
                for andere in bekeken:
                    rendert(andere, f"the POSTs to {url}")
        if obj is not None:
            vraag("get", _url(model, "change", GROOT))
            vraag("get", _url(model, "history", GROOT))
            vraag("get", _url(model, "delete", GROOT))
        # The changelist's bulk actions: each with hostile selected ids, and a hostile action name.
        acties = [*ma.get_actions(verzoek), "²"]
        for actie in acties:
            for waarde in KLASSEN.values():
                gekozen = waarde if isinstance(waarde, str) else waarde[0]
                vraag("post", lijst, {"action": actie, "_selected_action": [gekozen], "index": "0"})
    assert bereikt, f"{label}: no admin role reaches its list"
    assert not fouten, "\n".join(sorted(set(fouten))[:40])


def test_issue23_8_a_crontab_celery_cannot_parse_is_the_fields_dutch_message(client):
    """celery-beat's own check let "-1" through to a refused form that answered 500 drawing the schedule in
    words; "٣" is a digit to Python only. Both are the field's message now, and nothing is stored."""
    from django_celery_beat.models import CrontabSchedule

    client.force_login(MedewerkerFactory(rollen=[Rol.APPLICATIEBEHEERDER]))
    url = _url(CrontabSchedule, "add")
    velden = {**_formulier(client.get(url).content.decode()), "minute": "0", "hour": "2"}  # as shown, inline and all
    for veld, waarde in [("minute", "-1"), ("hour", "٣"), ("day_of_week", "7"), ("month_of_year", "0")]:
        response = client.post(url, {**velden, veld: waarde})
        assert response.status_code == 200, (veld, waarde)
        assert "Geen geldige cronwaarde" in response.content.decode()
        assert veld in response.context_data["adminform"].form.errors
    assert not CrontabSchedule.objects.exists()
    assert client.post(url, velden).status_code == 302  # a sound schedule is saved
