"""Issue 23 (reliability under faults), the parts that need no real worker or broker: items 5, 8 and 9.
The fuzz test over the whole URLconf is tests/test_fuzz.py; real processes are in tests/integration."""

from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from cris import datums
from cris.invoer import geheel_getal
from taken.models import Afspraak, Taak, TaakStatus
from taken.services import TaakFout
from taken.services.levenscyclus import taak_afronden
from taken.services.overdracht import taak_overdragen
from tests import chain

pytestmark = pytest.mark.django_db


def test_issue23_5_every_date_column_of_the_project_has_a_range_check():
    kolommen = list(datums.datum_kolommen())
    assert ("taken_afspraak", "begin", True) in kolommen and ("casus_client", "geboortedatum", False) in kolommen
    with connection.cursor() as cursor:
        cursor.execute("SELECT conname FROM pg_constraint WHERE contype = 'c'")
        namen = {r[0] for r in cursor.fetchall()}
    zonder = [f"{t}.{k}" for t, k, _ in kolommen if datums.constraint_naam(t, k) not in namen]
    assert not zonder


def test_issue23_5_the_database_refuses_year_1_and_9999_even_past_the_forms(toegang):
    casus = chain.casus()
    taak = chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.eigenaar)
    for moment in (datetime(1, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, tzinfo=UTC)):
        with pytest.raises(IntegrityError), transaction.atomic():
            Taak.objects.filter(pk=taak.pk).update(deadline=moment)
    with pytest.raises(IntegrityError), transaction.atomic():
        type(casus.client).objects.filter(pk=casus.client_id).update(geboortedatum="0001-01-01")


@pytest.mark.parametrize("waarde", ["0001-01-01T00:00", "9999-12-31T23:59"])
def test_issue23_5_the_contact_form_refuses_a_time_outside_the_range_with_a_dutch_message(client, toegang, waarde):
    casus = chain.casus()
    taak = chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.eigenaar)
    client.force_login(toegang.eigenaar)
    data = {"kanaal": "telefoon", "richting": "uitgaand", "bereikt": "on", "tijdstip": waarde, "verslag": "Gebeld"}
    response = client.post(reverse("taken:contact", args=[taak.pk]), data)
    assert response.status_code == 422
    assert "Vul een datum tussen 01-01-1850 en 31-12-2199 in." in response.content.decode()
    assert not taak.contactmomenten.exists()
    assert client.get(reverse("taken:detail", args=[taak.pk])).status_code == 200


def test_issue23_5_the_appointment_form_refuses_year_1(client, toegang):
    casus = chain.casus()
    taak = chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.eigenaar)
    client.force_login(toegang.eigenaar)
    data = {"begin": "0001-01-01T00:00", "einde": "0001-01-01T01:00", "onderwerp": "Gesprek"}
    response = client.post(reverse("taken:afspraak", args=[taak.pk]), data)
    assert response.status_code == 422 and not Afspraak.objects.exists()


def test_issue23_8_agenda_week_of_year_1_shows_this_week(client, toegang):
    client.force_login(toegang.eigenaar)
    assert client.get(reverse("taken:agenda"), {"week": "0001-01-01"}).status_code == 200
    assert client.get(reverse("taken:agenda"), {"week": "9999-12-31"}).status_code == 200


def test_issue23_8_numbers_in_parameters_are_ascii_digits_within_bigint():
    assert geheel_getal("12") == 12
    assert geheel_getal("²") is None and geheel_getal("١٢") is None and geheel_getal("-1") is None
    assert geheel_getal(str(2**63)) is None and geheel_getal(str(2**63 - 1)) == 2**63 - 1
    assert geheel_getal("5000", standaard=1, maximum=999) == 1


def test_issue23_8_hostile_values_are_a_400_or_404_or_a_message(client, toegang):
    client.force_login(toegang.eigenaar)
    assert client.get(reverse("zoeken:zoeken"), {"q": "a\x00b"}).status_code == 400
    assert client.get(reverse("zoeken:zoeken"), {"q": "Jansen", "pagina": "²"}).status_code == 200
    assert client.get(f"/casussen/{2**63}/").status_code == 404
    assert client.get(f"/werkstroom/{10**30}/").status_code == 404
    client.logout()
    response = client.post(reverse("accounts:login"), {"username": "a" * 10_000, "password": "x"})
    assert response.status_code == 200 and "hoogstens" in response.content.decode()


def test_issue23_9_a_handler_whose_task_was_just_transferred_cannot_close_it_from_a_stale_copy(toegang):
    """Lock, then check: the rights are decided on the locked row, not on the caller's copy."""
    casus = chain.casus()
    taak = chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.eigenaar)
    verouderd = Taak.objects.get(pk=taak.pk)  # the handler's page, loaded before the transfer
    taak_overdragen(actor=toegang.teamleider, taak=taak, naar=toegang.collega)
    with pytest.raises(TaakFout, match="Alleen de behandelaar"):
        taak_afronden(actor=toegang.eigenaar, taak=verouderd)
    taak.refresh_from_db()
    assert (taak.status, taak.behandelaar) == (TaakStatus.IN_BEHANDELING, toegang.collega)


def test_issue23_2_an_ended_legal_hold_does_not_make_the_purge_fail(toegang):
    """The hold's end date is past: the casus and its client are selected and purged, the hold rows with them;
    a running hold keeps its casus."""
    from datetime import timedelta

    from django.utils import timezone

    from casus.models import Casus, Client
    from cris.accounts.roles import Rol
    from schoning.models import Bewaarplicht, Bewaarregel, SelectieStatus, Soort
    from schoning.services import selectie_aanbieden, selectie_goedkeuren, selectie_maken
    from schoning.verwijderen import selectie_uitvoeren
    from tests.factories import MedewerkerFactory

    regel = Bewaarregel.objects.get(soort=Soort.CASUS)
    regel.termijn_maanden, regel.actief = 84, True
    regel.save()
    p1, p2 = (MedewerkerFactory(rollen=[Rol.PRIVACY_OFFICER]) for _ in range(2))
    weg, vast = chain.casus(actor=toegang.eigenaar), chain.casus(actor=toegang.eigenaar, achternaam="Vast")
    Casus.objects.filter(pk__in=[weg.pk, vast.pk]).update(
        status="afgerond", afgerond_op=timezone.now() - timedelta(days=9 * 365)
    )
    gisteren = timezone.localdate() - timedelta(days=1)
    Bewaarplicht.objects.create(casus=weg, reden="rechtszaak", tot=gisteren, vastgelegd_door=p1)
    Bewaarplicht.objects.create(client=weg.client, reden="onderzoek", tot=gisteren, vastgelegd_door=p1)
    Bewaarplicht.objects.create(casus=vast, reden="loopt nog", vastgelegd_door=p1)
    selectie = selectie_maken()
    selectie_aanbieden(actor=p1, selectie=selectie)
    selectie_uitvoeren(selectie_goedkeuren(actor=p2, selectie=selectie))
    selectie.refresh_from_db()
    assert selectie.status == SelectieStatus.UITGEVOERD
    assert list(Casus.objects.values_list("pk", flat=True)) == [vast.pk]
    assert not Client.objects.filter(pk=weg.client_id).exists()
    assert list(Bewaarplicht.objects.values_list("reden", flat=True)) == ["loopt nog"]


@pytest.mark.parametrize("jaar", [str(2**63), "10" * 15, "1", "²", "99999"])
def test_issue23_8_the_admins_date_drill_down_with_a_hostile_year_shows_the_list_without_it(client, jaar):
    """Issue 23 item 8 in /beheer/: ?<date_hierarchy>__year=2^63 overflowed (500); outside cris.datums' range
    the value goes and the list shows (the audit log, the piket rota)."""
    from cris.accounts.roles import Rol
    from tests.factories import MedewerkerFactory

    client.force_login(MedewerkerFactory(rollen=[Rol.APPLICATIEBEHEERDER]))
    for lijst, veld in (
        ("admin:audit_auditentry_changelist", "tijdstip"),
        ("admin:werkstroom_piketdienst_changelist", "van"),
    ):
        url = reverse(lijst)
        response = client.get(url, {f"{veld}__year": jaar, f"{veld}__month": "13", "q": "x"})
        assert response.status_code == 302 and response["Location"] == f"{url}?q=x", lijst
        assert client.get(url, {f"{veld}__year": "2026", f"{veld}__month": "6"}).status_code == 200


@pytest.mark.parametrize("waarde", ["²", str(2**63), "x" * 10_000, "a\x00b"])
def test_issue23_8_an_admin_autocomplete_field_with_a_hostile_value_is_a_message(client, waarde):
    """The piket rota's piketleider (an autocomplete box) sent as '²' or 2^63 re-rendered the refused form
    with a 500; now the form answers with its messages and nothing is saved."""
    from cris import klok
    from cris.accounts.roles import Rol
    from tests.factories import MedewerkerFactory
    from werkstroom.models import Piketdienst

    client.force_login(MedewerkerFactory(rollen=[Rol.APPLICATIEBEHEERDER]))
    dag = klok.vandaag().isoformat()
    data = {"medewerker": waarde, "van_0": dag, "van_1": "17:00", "tot_0": dag, "tot_1": "23:00"}
    response = client.post(reverse("admin:werkstroom_piketdienst_add"), data)
    assert response.status_code in (200, 400)
    assert not Piketdienst.objects.exists()
