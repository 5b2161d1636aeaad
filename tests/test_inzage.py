"""AUT-3 "Wie heeft dit dossier ingezien?": the privacy officer sees every read and change of a client with
who, when and why, and exports it for a data-subject request (AVG inzage). Nobody else reaches it."""

import csv
import io

import pytest
from django.urls import reverse

from cris.accounts.roles import Rol
from cris.audit.models import AuditEntry
from tests import chain
from tests.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def privacy():
    return MedewerkerFactory(rollen=[Rol.PRIVACY_OFFICER])


@pytest.fixture
def casus(client, toegang):
    casus = chain.casus()
    chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.eigenaar)
    client.force_login(toegang.collega)
    client.get(reverse("casus:juridisch", args=[casus.pk]))
    client.logout()
    return casus


def test_the_privacy_officer_sees_who_read_the_client_when_and_why(client, privacy, toegang, casus):
    client.force_login(privacy)
    response = client.get(reverse("audit:inzage_zoeken"), {"client": casus.client.nummer})
    url = reverse("audit:inzage", args=[casus.client_id])
    assert response["Location"] == url
    page = client.get(url).content.decode()
    assert str(toegang.collega) in page and "juridisch" in page and "gelezen" in page
    alleen_wijzigingen = client.get(url, {"actie": "wijzigen"}).content.decode()
    assert "juridisch" not in alleen_wijzigingen and "aangemaakt" in alleen_wijzigingen
    assert AuditEntry.objects.filter(actor_id=privacy.pk, actie="lezen", client_id=casus.client_id).exists()


def test_the_export_holds_the_whole_history_and_is_itself_logged(client, privacy, toegang, casus):
    client.force_login(privacy)
    response = client.get(reverse("audit:inzage", args=[casus.client_id]), {"formaat": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode()), delimiter=";"))
    assert rows[0][:4] == ["tijdstip", "medewerker", "medewerker_id", "actie"]
    assert len(rows) - 1 == AuditEntry.objects.filter(client_id=casus.client_id).count()  # the export's own too
    assert any(r[1] == str(toegang.collega) and r[7] == "juridisch" for r in rows[1:])
    assert AuditEntry.objects.filter(actor_id=privacy.pk, actie="exporteren", client_id=casus.client_id).exists()


def test_nobody_else_reaches_it(client, toegang, casus):
    beheer = MedewerkerFactory(rollen=[Rol.APPLICATIEBEHEERDER])
    for user in (toegang.eigenaar, toegang.teamleider, toegang.functioneel_beheerder, beheer):
        client.force_login(user)
        assert client.get(reverse("audit:inzage", args=[casus.client_id])).status_code == 404
        assert client.get(reverse("audit:inzage_zoeken")).status_code == 404


def test_the_inzage_page_queries_are_bounded(client, privacy, toegang, casus, django_assert_max_num_queries):
    client.force_login(privacy)
    url = reverse("audit:inzage", args=[casus.client_id])
    with django_assert_max_num_queries(10) as weinig:
        client.get(url)
    n = len(weinig.captured_queries)  # now: the next request resets the connection's query log
    client.force_login(toegang.collega)
    for _ in range(20):
        client.get(reverse("casus:detail", args=[casus.pk]))
    client.force_login(privacy)
    with django_assert_max_num_queries(n):
        client.get(url)


def test_issue21_4_free_text_in_the_export_cannot_become_a_formula(client, privacy, toegang, casus):
    from cris.audit.api import Actie, audit_record

    for reden in ("=cmd|' /C calc'!A0", "+31 6 1234", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "gewoon"):
        audit_record(
            Actie.LEZEN, actor=toegang.eigenaar, object_type="casus.client", object_id=casus.client_id,
            client_id=casus.client_id, reason=reden,
        )  # fmt: skip
    client.force_login(privacy)
    response = client.get(reverse("audit:inzage", args=[casus.client_id]), {"formaat": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode(), newline=""), delimiter=";"))
    redenen = {r[7] for r in rows[1:]}
    assert {"'=cmd|' /C calc'!A0", "'+31 6 1234", "'-2+3", "'@SUM(A1)", "'\t=1", "'\r=1", "gewoon"} <= redenen
