"""Issue 25: the demo gives each role something to act on today (testgegevens/demo/werkdag.py), through the
services, idempotent, and still today when `make run` loads it again on a later day."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from aanmelding.zitting import komende_zittingen
from casus.models import Client
from casus.toegang import te_beslissen_door
from cris import klok
from cris.accounts.models import Medewerker
from taken.models import Afspraak, Taak, Terugbelnotitie
from werkstroom.registry import panelen_voor

pytestmark = pytest.mark.django_db


def _titels(username: str) -> dict[str, int]:
    return {p.titel: len(p.rijen) for p in panelen_voor(Medewerker.objects.get(username=username))}


def _afspraken_vandaag(username: str) -> int:
    begin = klok.begin_van_dag(klok.vandaag())
    return Afspraak.objects.filter(
        medewerker__username=username, begin__gte=begin, begin__lt=begin + timedelta(days=1)
    ).count()


def test_the_demo_gives_ab_and_the_deciders_work_for_today(client):
    call_command("demo")
    clienten = Client.objects.count()
    call_command("demo")
    assert Client.objects.count() == clienten
    ab = _titels("ab")
    assert ab["Mijn taken: te laat en vandaag"] == 2
    assert ab["Terugbelnotities voor mij"] == 1 and ab["Afspraken vandaag"] == 1 and ab["Mijn concepten"] == 1
    eigen = Taak.objects.filter(behandelaar__username="ab", casus__client__achternaam__in=["Bouzid", "de Wit"])
    assert sorted(t.te_laat for t in eigen) == [False, True]
    assert te_beslissen_door(Medewerker.objects.get(username="cmacoordinator")).count() == 1
    assert len(komende_zittingen(Medewerker.objects.get(username="jd"))) == 1
    assert _afspraken_vandaag("ad") == 1

    # The task page of the demo's task in behandeling: the case header says all a caller needs.
    taak = Taak.objects.get(casus__client__achternaam="Bouzid", team__code="AB-MN")
    client.force_login(Medewerker.objects.get(username="ab"))
    html = client.get(reverse("taken:detail", args=[taak.pk])).content.decode()
    verwacht = ['href="tel:0612345678"', 'href="tel:0302345678"', "mailto:amira.bouzid@example.org"]
    verwacht += ["arabisch (tolk nodig)", "Geheim adres", "Ex-partner zoekt haar", "Terugbellen", "Over deze taak"]
    for tekst in verwacht:
        assert tekst in html, tekst
    assert html.index("Gesproken met tolk") < html.index("Voicemail")  # newest contact first


def test_a_later_run_brings_the_appointment_and_the_call_back_note_to_that_day():
    call_command("demo")
    notitie = Terugbelnotitie.objects.get(voor__username="ab")
    Terugbelnotitie.objects.filter(pk=notitie.pk).update(afgehandeld_op=klok.nu())
    with time_machine.travel(klok.nu() + timedelta(days=2)):
        call_command("demo")
        assert _afspraken_vandaag("ab") == 1 and _afspraken_vandaag("ad") == 1
        assert Terugbelnotitie.objects.filter(voor__username="ab", afgehandeld_op=None).count() == 1
