"""AUT-3: the append-only audit log."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from cris.accounts.roles import Rol
from cris.audit.api import Actie, audit_read, audit_record, changes_between
from cris.audit.models import AuditEntry
from tests.factories import WACHTWOORD, MedewerkerFactory, TeamFactory
from werkstroom.models import Team

pytestmark = pytest.mark.django_db


def test_a_login_writes_an_audit_entry(client):
    user = MedewerkerFactory()
    response = client.post(
        reverse("accounts:login"),
        {"username": user.username, "password": WACHTWOORD},
        REMOTE_ADDR="10.1.2.3",
        HTTP_X_REQUEST_ID="req-12345678",
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(actie=Actie.INLOGGEN)
    assert (entry.actor_id, entry.object_id, entry.bron) == (user.pk, str(user.pk), "web")
    assert entry.ip_adres == "10.1.2.3"
    assert entry.request_id == "req-12345678"


def test_a_failed_login_is_logged_without_the_password(client):
    MedewerkerFactory(username="jan")
    client.post(reverse("accounts:login"), {"username": "jan", "password": "fout-wachtwoord"})
    entry = AuditEntry.objects.get(actie=Actie.INLOGGEN_MISLUKT)
    assert entry.wijzigingen == {"gebruikersnaam": [None, "jan"]}
    assert "fout-wachtwoord" not in str(entry.__dict__)


def test_a_logout_is_logged(client):
    user = MedewerkerFactory()
    client.force_login(user)
    client.post(reverse("accounts:logout"))
    assert AuditEntry.objects.filter(actie=Actie.UITLOGGEN, actor_id=user.pk).exists()


def test_an_update_on_the_audit_table_fails_at_the_database():
    entry = audit_record(Actie.LEZEN, object_type="casus.casus", object_id=1, client_id=42)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditentry SET client_id = 7 WHERE id = %s", [entry.pk])
    entry.refresh_from_db()
    assert entry.client_id == 42


def test_a_delete_on_the_audit_table_fails_at_the_database():
    audit_record(Actie.LEZEN, object_type="casus.casus", object_id=1)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.count() == 1


def test_reads_record_who_what_and_which_client():
    user = MedewerkerFactory()
    team = TeamFactory()
    entry = audit_read(actor=user, obj=team, client_id=99, reason="casus geopend")
    assert (entry.actie, entry.object_type, entry.object_id, entry.client_id) == (
        "lezen",
        "werkstroom.team",
        str(team.pk),
        99,
    )
    assert entry.actor_weergave == str(user)


def test_changes_between_lists_only_what_changed():
    team = TeamFactory(naam="Oud")
    before = {"naam": "Oud", "actief": True}
    team.naam = "Nieuw"
    assert changes_between(before, team, ["naam", "actief"]) == {"naam": ["Oud", "Nieuw"]}


def test_admin_changes_are_logged_with_old_and_new_values(client):
    beheerder = MedewerkerFactory(rollen=[Rol.APPLICATIEBEHEERDER])
    team = TeamFactory(naam="Team Oud", profiel="")
    client.force_login(beheerder)
    url = reverse("admin:werkstroom_team_change", args=[team.pk])
    data = {
        "code": team.code,
        "naam": "Team Nieuw",
        "afdeling": team.afdeling,
        "district": team.district_id,
        "profiel": "",
        "actief": "on",
        "lidmaatschappen-TOTAL_FORMS": "0",
        "lidmaatschappen-INITIAL_FORMS": "0",
        "versie": team.versie,  # the version the form showed (issue 23 item 3)
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(actie=Actie.WIJZIGEN, object_type="werkstroom.team")
    assert entry.bron == "beheer"
    assert entry.actor_id == beheerder.pk
    assert entry.wijzigingen == {"naam": ["Team Oud", "Team Nieuw"]}


def test_admin_bulk_deletes_are_logged_one_by_one(client):
    beheerder = MedewerkerFactory(rollen=[Rol.APPLICATIEBEHEERDER])
    teams = [TeamFactory(), TeamFactory()]
    client.force_login(beheerder)
    data = {"action": "delete_selected", "_selected_action": [t.pk for t in teams], "post": "yes"}
    response = client.post(reverse("admin:werkstroom_team_changelist"), data)
    assert response.status_code == 302
    assert not Team.objects.filter(pk__in=[t.pk for t in teams]).exists()
    logged = set(AuditEntry.objects.filter(actie=Actie.VERWIJDEREN).values_list("object_id", flat=True))
    assert logged == {str(t.pk) for t in teams}


def test_every_admin_registration_is_audited():
    from django.contrib import admin

    from cris.audit.admin_site import AuditedAdminMixin

    assert admin.site._registry, "the admin has models"
    for model, model_admin in admin.site._registry.items():
        assert isinstance(model_admin, AuditedAdminMixin), model


def test_the_audit_log_cannot_be_edited_in_the_admin(client):
    beheerder = MedewerkerFactory(rollen=[Rol.PRIVACY_OFFICER])
    entry = audit_record(Actie.LEZEN, object_type="casus.casus", object_id=1)
    client.force_login(beheerder)
    assert client.get(reverse("admin:audit_auditentry_changelist")).status_code == 200
    assert client.get(reverse("admin:audit_auditentry_change", args=[entry.pk])).status_code == 200
    response = client.post(reverse("admin:audit_auditentry_change", args=[entry.pk]), {"reden": "x"})
    assert response.status_code == 403
    assert client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403


def test_an_entry_is_stored_as_given_by_the_one_prepared_insert(client):
    """audit_record writes through one prepared INSERT (cris.db.insert_voorbereid), not Model.save(): every column
    comes back as given, the request's id and address included; ids past 32 bits, an empty id list and nested
    changes alike, and a second entry of another shape through the same statement."""
    from cris.audit.api import audit_lijst
    from cris.audit.context import AuditContext, current

    user = MedewerkerFactory()
    token = current.set(AuditContext(request_id="req-abcdefgh", ip_adres="2001:db8::7", bron="web"))
    try:
        lijst = audit_lijst(
            actor=user,
            lijst="werkvoorraad",
            client_ids=[3_000_000_000, 5, None, 5],
            objecten={"taken.taak": [8, 2**40]},
            reason="team 'A' & <B>",
        )
        leeg = audit_record(Actie.WIJZIGEN, object_type="casus.casus", object_id=77, changes={"status": ["a", "b"]})
    finally:
        current.reset(token)
    opgeslagen = AuditEntry.objects.get(pk=lijst.pk)
    assert (opgeslagen.actor_id, opgeslagen.actor_weergave, opgeslagen.actie, opgeslagen.bron) == (
        user.pk,
        str(user),
        "lezen",
        "web",
    )
    assert (opgeslagen.object_type, opgeslagen.object_id, opgeslagen.reden) == (
        "lijst",
        "werkvoorraad",
        "team 'A' & <B>",
    )
    assert (opgeslagen.request_id, opgeslagen.ip_adres) == ("req-abcdefgh", "2001:db8::7")
    assert opgeslagen.client_ids == [5, 3_000_000_000]
    assert opgeslagen.wijzigingen == {"taken.taak": [None, [8, 2**40]]}
    assert opgeslagen.tijdstip is not None and opgeslagen.tijdstip == lijst.tijdstip
    tweede = AuditEntry.objects.get(pk=leeg.pk)
    assert (tweede.actor_id, tweede.client_ids, tweede.wijzigingen) == (None, [], {"status": ["a", "b"]})
    assert (tweede.object_id, tweede.ip_adres) == ("77", "2001:db8::7")
