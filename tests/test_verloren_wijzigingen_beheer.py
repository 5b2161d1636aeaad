"""Issue 23 item 3: no lost updates in /beheer/. For every registration of the admin site (enumerated from
the site, so a new one cannot be forgotten) two managers open the change form of one row; the first save
lands, the second is refused (409) with the Dutch conflict message and the stored values, nothing of it is
saved, and a second save on top of the current version lands (cris.beheer.VersieAdminMixin)."""

from __future__ import annotations

import datetime
import re
from html import unescape
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.db import models
from django.test import Client
from django.urls import reverse

from cris import klok
from cris.accounts.roles import BEHEER_ROLLEN, Rol
from tests import chain
from tests.factories import MedewerkerFactory, TeamFactory

pytestmark = pytest.mark.django_db

CONFLICT = "Iemand anders heeft dit intussen gewijzigd"
REGISTRATIES = sorted(m._meta.label for m in admin.site._registry)


class _Formulier(HTMLParser):
    """The change form as a browser sends it: checked boxes only, selected options, textareas' text."""

    def __init__(self):
        super().__init__()
        self.velden: list[tuple[str, str]] = []
        self._in_form = False
        self._select: tuple[str, bool] | None = None
        self._eerste_optie: str | None = None
        self._gekozen = False
        self._textarea: str | None = None
        self._tekst = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("id") or "").endswith("_form"):
            self._in_form = True
        if not self._in_form:
            return
        naam = a.get("name")
        if tag == "input" and naam and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.velden.append((naam, a.get("value") or ("on" if a.get("type") == "checkbox" else "")))
        elif tag == "select" and naam:
            self._select, self._eerste_optie, self._gekozen = (naam, "multiple" in a), None, False
        elif tag == "option" and self._select:
            if self._eerste_optie is None:
                self._eerste_optie = a.get("value", "")
            if "selected" in a:
                self.velden.append((self._select[0], a.get("value", "")))
                self._gekozen = True
        elif tag == "textarea" and naam:
            self._textarea, self._tekst = naam, ""

    def handle_data(self, data):
        if self._textarea:
            self._tekst += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select" and self._select:
            if not self._gekozen and not self._select[1] and self._eerste_optie is not None:
                self.velden.append((self._select[0], self._eerste_optie))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.velden.append((self._textarea, unescape(self._tekst).removeprefix("\n")))
            self._textarea = None


def _formulier(html: str) -> dict[str, list[str]]:
    parser = _Formulier()
    parser.feed(html)
    data: dict[str, list[str]] = {}
    for naam, waarde in parser.velden:
        data.setdefault(naam, []).append(waarde)
    return data


def _fouten(response) -> list[str]:
    return re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), re.S)


def _wijzigingen(model, form, data: dict, merk: int) -> list[tuple[str, str]]:
    """Changes to one field each, as a manager would type them: text gets a mark appended, a number goes up,
    a time moves (``merk`` 1 or 2: the first or the second manager)."""
    kandidaten = []
    for naam in form.base_fields:
        try:
            modelveld = model._meta.get_field(naam)
        except Exception:
            continue
        if naam == "versie" or getattr(modelveld, "choices", None) or getattr(modelveld, "primary_key", False):
            continue
        if f"{naam}_1" in data and isinstance(modelveld, models.DateTimeField):  # split date and time
            kandidaten.append((f"{naam}_1", f"12:3{merk}:00"))
        if naam not in data or len(data[naam]) != 1 or not data[naam][0]:
            continue
        waarde = data[naam][0]
        if isinstance(modelveld, models.CharField | models.TextField) and not isinstance(
            modelveld, models.SlugField | models.URLField | models.EmailField
        ):
            if not modelveld.max_length or len(waarde) + 2 <= modelveld.max_length:
                kandidaten.append((naam, f"{waarde} {'AB'[merk - 1]}"))
            if waarde.isdigit():  # a number kept as text (a crontab's minute)
                kandidaten.append((naam, str(int(waarde) + merk)))
        elif isinstance(modelveld, models.IntegerField) and waarde.isdigit():
            kandidaten.append((naam, str(int(waarde) + merk)))
        elif isinstance(modelveld, models.DecimalField | models.FloatField):
            kandidaten.append((naam, str(round(float(waarde) + merk / 10, 3))))
    return kandidaten


@pytest.fixture
def rijen(db):
    """A row on every list the admin can change that the migrations do not fill."""
    from django_celery_beat.models import (
        ClockedSchedule,
        CrontabSchedule,
        IntervalSchedule,
        PeriodicTask,
        SolarSchedule,
    )  # fmt: skip

    from aanmelding.models import BsnRegel, Delict, Verwerkingsregel
    from casus.models import TevredenheidRegel
    from cris.accounts.models import Functieprofiel
    from gebeurtenissen.models import Gebeurtenis
    from koppelingen.berichten.models import Ketenpartner
    from koppelingen.partners.models import ExterneOrganisatie
    from schoning.models import Bewaarplicht
    from tests.documenten_helpers import sjabloon
    from werkstroom.models import Piketdienst, Piketregeling, Specialisatie

    beheerder = MedewerkerFactory(username="aangelegd")
    team = TeamFactory()
    elk_uur = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.HOURS)
    CrontabSchedule.objects.create(minute="0", hour="2")
    ClockedSchedule.objects.create(clocked_time=klok.nu())
    SolarSchedule.objects.create(event="sunrise", latitude=52.1, longitude=5.1)
    PeriodicTask.objects.create(name="schoning", task="schoning.tasks.nachtelijk", interval=elk_uur)
    Specialisatie.objects.create(code="zeden", naam="Zeden")
    Piketregeling.objects.create(kantoorteam=team)
    Piketdienst.objects.create(medewerker=beheerder, van=klok.nu(), tot=klok.nu() + datetime.timedelta(days=1))
    Functieprofiel.objects.create(code="ab", naam="AB-medewerker")
    TevredenheidRegel.objects.create(soort=TevredenheidRegel._meta.get_field("soort").choices[0][0], waarde="x")
    Gebeurtenis.objects.create(naam="Treinongeval", datum=klok.vandaag(), type="ramp")
    BsnRegel.objects.create(slachtofferrol="slachtoffer", delict=Delict.objects.first(), bsn_toegestaan=True)
    Verwerkingsregel.objects.create(naam="Politie, volledig")
    Bewaarplicht.objects.create(casus=chain.casus(), reden="Lopende zaak", vastgelegd_door=beheerder)
    Ketenpartner.objects.create(naam="Politie", code="politie", kanaal="edp")
    partner = Ketenpartner.objects.create(naam="Huisartsenpost", code="hap", kanaal="extern")
    ExterneOrganisatie.objects.create(naam="Huisartsenpost", partner=partner)
    sjabloon(naam="Bereikbaarheid")


def _beheerder(model, ma) -> object:
    """A manager whose role may change this model's rows (the admin's roles first, else a superuser)."""
    for rol in sorted(BEHEER_ROLLEN):
        user = MedewerkerFactory(rollen=[rol])
        if user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}"):
            return user
    return MedewerkerFactory(rollen=[Rol.APPLICATIEBEHEERDER], is_superuser=True)


def _tab(user) -> Client:
    tab = Client()
    tab.force_login(user)
    return tab


@pytest.mark.parametrize("label", REGISTRATIES)
def test_issue23_3_two_managers_edit_one_row_of_every_admin_list_the_second_gets_the_conflict(label, rijen, rf):
    from django.apps import apps

    model = apps.get_model(label)
    ma = admin.site._registry[model]
    user = _beheerder(model, ma)
    verzoek = rf.get("/")
    verzoek.user = user
    obj = model._base_manager.order_by("pk").first()
    if not ma.has_change_permission(verzoek, obj):
        return  # read only in the admin: nothing to overwrite
    form = ma.get_form(verzoek, obj)
    if not set(form.base_fields) - {"versie", *ma.get_readonly_fields(verzoek, obj)}:
        return  # a change form without fields (only actions)
    assert obj is not None, f"{label}: add a row to the fixture 'rijen'"
    form = ma.get_form(verzoek, obj, change=True)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
    tab_a, tab_b = _tab(user), _tab(MedewerkerFactory(rollen=list(user.groups.values_list("name", flat=True)),
                                                     is_superuser=user.is_superuser))  # fmt: skip
    pagina = tab_a.get(url)
    assert pagina.status_code == 200, label
    data = _formulier(pagina.content.decode())
    assert data.get("versie", [""])[0], f"{label}: the change form carries no version"
    assert _formulier(tab_b.get(url).content.decode())["versie"] == data["versie"]
    # The first manager saves a change (the first one the form accepts; a refused post saves nothing).
    gewijzigd = None
    for naam, waarde in _wijzigingen(model, form, data, 1):
        if tab_a.post(url, {**data, naam: [waarde], "_save": "Opslaan"}).status_code == 302:
            gewijzigd = (naam, waarde)
            break
    else:
        if not hasattr(obj, "versie"):
            pytest.fail(f"{label}: no field the test can change, and no version column")
        antwoord = tab_a.post(url, {**data, "_save": "Opslaan"})
        assert antwoord.status_code == 302, f"{label}: {_fouten(antwoord)}"
    # The second, from the form as it was shown, changes the same field otherwise (or saves it as shown).
    post_b = {**data, "_save": "Opslaan"}
    if gewijzigd:
        post_b[gewijzigd[0]] = [dict(_wijzigingen(model, form, data, 2))[gewijzigd[0]]]
    response = tab_b.post(url, post_b)
    assert response.status_code == 409, label
    html = unescape(response.content.decode())
    assert CONFLICT in html
    if gewijzigd and not gewijzigd[0].endswith("_1"):
        assert "Nu opgeslagen" in html and gewijzigd[1] in html  # the other person's change shown
        opgeslagen = model._base_manager.get(pk=obj.pk)
        veld = model._meta.get_field(gewijzigd[0])
        waarde = getattr(opgeslagen, veld.attname)
        if isinstance(veld, models.DecimalField | models.FloatField):
            waarde = round(float(waarde), 3)
        assert str(waarde) == gewijzigd[1], f"{label}: B overwrote A"
    # Seen the stored change, B saves on top of it: the form now carries the current version.
    opnieuw = _formulier(response.content.decode())
    assert opnieuw["versie"] != data["versie"]
    assert tab_b.post(url, {**opnieuw, "_save": "Opslaan"}).status_code == 302, label


@pytest.mark.parametrize("label", REGISTRATIES)
def test_issue23_3_no_admin_list_edits_rows_past_the_version_check(label):
    """An editable column on a changelist (list_editable) saves rows without the change form's version: the
    order of the rejection reasons is changed in the change form."""
    from django.apps import apps

    assert not admin.site._registry[apps.get_model(label)].list_editable, label
