"""TAK-2 lifecycle, VER-1 contact reports, TAK-4 worklists (bounded queries)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cris.accounts.roles import Rol
from cris.audit.models import AuditEntry
from taken.models import Contactmoment, TaakStatus
from taken.services import TaakFout
from taken.services.contacten import contactmoment_vastleggen
from taken.services.levenscyclus import taak_afbreken, taak_afronden, taak_heropenen, taak_oppakken
from tests import chain
from tests.factories import LidmaatschapFactory, MedewerkerFactory, TeamFactory
from werkstroom.models import Lidmaatschap

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory()


@pytest.fixture
def worker(team):
    user = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    LidmaatschapFactory(medewerker=user, team=team)
    return user


@pytest.fixture
def taak(team):
    return chain.taak(casus=chain.casus(), team=team)


def test_tak2_picking_up_makes_the_worker_handler(worker, taak):
    taak = taak_oppakken(actor=worker, taak=taak)
    assert (taak.status, taak.behandelaar, taak.gestart_op is not None) == (TaakStatus.IN_BEHANDELING, worker, True)


def test_tak2_only_team_members_pick_up(taak):
    with pytest.raises(TaakFout, match="eigen teams"):
        taak_oppakken(actor=MedewerkerFactory(), taak=taak)


def test_tak2_a_task_cannot_be_picked_up_twice(team, worker, taak):
    collega = MedewerkerFactory()
    LidmaatschapFactory(medewerker=collega, team=team)
    taak_oppakken(actor=worker, taak=taak)
    with pytest.raises(TaakFout, match="in behandeling door"):
        taak_oppakken(actor=collega, taak=taak)


def _contact(worker, taak, *, bereikt=True, verslag="Gesproken over de inbraak.", **extra):
    return contactmoment_vastleggen(
        actor=worker,
        taak=taak,
        kanaal="telefoon",
        richting="uitgaand",
        bereikt=bereikt,
        tijdstip=timezone.now(),
        verslag=verslag,
        **extra,
    )


def test_ver1_contacts_and_failed_attempts(client, worker, taak):
    taak = taak_oppakken(actor=worker, taak=taak)
    _contact(worker, taak, bereikt=False, verslag="")
    _contact(worker, taak, duur_minuten=20)
    assert Contactmoment.objects.filter(taak=taak).count() == 2
    assert taak.casus.tijdlijn.filter(soort="contact").count() == 2
    assert AuditEntry.objects.filter(object_type="taken.contactmoment", client_id=taak.casus.client_id).count() == 2
    client.force_login(worker)
    page = client.get(reverse("taken:detail", args=[taak.pk])).content.decode()
    assert "<dt>Mislukte contactpogingen</dt><dd>1</dd>" in page  # TAK-7: attempts counted on the task


def test_ver1_no_contact_before_the_task_is_picked_up(worker, taak):
    with pytest.raises(TaakFout, match="Pak de taak eerst op"):
        _contact(worker, taak, verslag="x")


def test_tak2_close_stop_and_reopen(team, worker, taak):
    taak = taak_afronden(actor=worker, taak=taak_oppakken(actor=worker, taak=taak))
    assert taak.status == TaakStatus.GEREALISEERD and taak.afgerond_op
    taak = taak_heropenen(actor=worker, taak=taak)
    assert taak.status == TaakStatus.IN_BEHANDELING and taak.afgerond_op is None
    with pytest.raises(TaakFout, match="reden"):
        taak_afbreken(actor=worker, taak=taak, reden="")
    taak = taak_afbreken(actor=worker, taak=taak, reden="Cliënt wil geen hulp")
    assert (taak.status, taak.afbreekreden) == (TaakStatus.AFGEBROKEN, "Cliënt wil geen hulp")


def test_tak2_only_the_handler_or_team_leader_closes(team, worker, taak):
    taak = taak_oppakken(actor=worker, taak=taak)
    collega = MedewerkerFactory()
    LidmaatschapFactory(medewerker=collega, team=team)
    with pytest.raises(TaakFout, match="behandelaar of de teamleider"):
        taak_afronden(actor=collega, taak=taak)
    leider = MedewerkerFactory()
    LidmaatschapFactory(medewerker=leider, team=team, rol=Lidmaatschap.Rol.TEAMLEIDER)
    assert taak_afronden(actor=leider, taak=taak).status == TaakStatus.GEREALISEERD


def test_the_task_page_drives_the_lifecycle(client, worker, taak):
    client.force_login(worker)
    url = reverse("taken:detail", args=[taak.pk])
    assert "Taak oppakken" in client.get(url).content.decode()
    client.post(reverse("taken:oppakken", args=[taak.pk]))
    bad = client.post(
        reverse("taken:contact", args=[taak.pk]),
        {"tijdstip": "2026-01-01T10:00", "kanaal": "telefoon", "richting": "uitgaand", "bereikt": "ja", "verslag": ""},
    )
    assert bad.status_code == 422 and "Schrijf een verslag" in bad.content.decode()
    client.post(
        reverse("taken:contact", args=[taak.pk]),
        {
            "tijdstip": "2026-01-01T10:00",
            "kanaal": "telefoon",
            "richting": "uitgaand",
            "bereikt": "ja",
            "verslag": "Goed gesprek",
        },
    )
    client.post(reverse("taken:afronden", args=[taak.pk]))
    taak.refresh_from_db()
    assert taak.status == TaakStatus.GEREALISEERD
    assert "Goed gesprek" in client.get(url).content.decode()


def test_worklist_queries_do_not_grow_with_the_rows(client, team, worker, django_assert_max_num_queries):
    for _ in range(3):
        chain.taak(casus=chain.casus(), team=team)
    client.force_login(worker)
    url = reverse("taken:werkstroom")
    client.get(url, {"weergave": "team"})  # the first page after login also saves the session
    # User, memberships, filter choices (2), counts per status, ids, rows, the list audit (AUT-3), saved
    # filters, call-back notes, notifications: a constant, whatever the number of rows.
    with django_assert_max_num_queries(11) as few:
        client.get(url, {"weergave": "team"})
    for _ in range(20):
        chain.taak(casus=chain.casus(), team=team)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url, {"weergave": "team"})
    assert page.content.decode().count(reverse("taken:werkstroom")) >= 1


def test_review_queue_queries_do_not_grow_with_the_rows(client, django_assert_max_num_queries):
    cai = MedewerkerFactory(rollen=[Rol.CAI])
    beoordelaar = MedewerkerFactory(rollen=[Rol.ADMINISTRATIE])
    chain.aanmelding(actor=cai)
    client.force_login(beoordelaar)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("aanmelding:beoordelen"))
    for _ in range(20):
        chain.aanmelding(actor=cai)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("aanmelding:beoordelen"))


def test_casus_page_queries_are_bounded(client, team, worker, django_assert_max_num_queries):
    casus = chain.casus(pv_nummer="PL0900-2026000077")  # related cases by PV-nummer and by hand: one query
    for _ in range(3):
        chain.taak(casus=casus, team=team, behandelaar=worker)
    client.force_login(worker)
    client.get(reverse("casus:detail", args=[casus.pk]))  # the first page after login also saves the session
    with django_assert_max_num_queries(9):
        client.get(reverse("casus:detail", args=[casus.pk]))


def test_a_system_action_is_named_in_dutch_not_none(client, worker, taak):
    """Issue 25: a task made without an actor (a job, automatic processing) says who chose its team in Dutch;
    the task page never shows "None"."""
    assert taak.routering == "team gekozen door het systeem"
    taak_oppakken(actor=worker, taak=taak)
    client.force_login(worker)
    html = client.get(reverse("taken:detail", args=[taak.pk])).content.decode()
    assert "door het systeem" in html and "None" not in html
