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
    assert str(toegang.collega) in page and "tabblad Juridisch" in page and "Gelezen" in page
    alleen_wijzigingen = client.get(url, {"actie": "wijzigen"}).content.decode()
    assert "tabblad Juridisch" not in alleen_wijzigingen and "Aangemaakt" in alleen_wijzigingen
    assert AuditEntry.objects.filter(actor_id=privacy.pk, actie="lezen", client_id=casus.client_id).exists()


def test_the_export_holds_the_whole_history_and_is_itself_logged(client, privacy, toegang, casus):
    client.force_login(privacy)
    response = client.get(reverse("audit:inzage", args=[casus.client_id]), {"formaat": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode()), delimiter=";"))
    assert rows[0] == ["Tijdstip", "Medewerker", "Medewerker-id", "Actie", "Wat", "Waarom", "Wijzigingen"]
    assert len(rows) - 1 == AuditEntry.objects.filter(client_id=casus.client_id).count()  # the export's own too
    assert any(r[1] == str(toegang.collega) and r[4] == f"Casus {casus.nummer}, tabblad Juridisch" for r in rows[1:])
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
    redenen = {r[5] for r in rows[1:]}
    assert {"'=cmd|' /C calc'!A0", "'+31 6 1234", "'-2+3", "'@SUM(A1)", "'\t=1", "'\r=1", "gewoon"} <= redenen


def _csv_rijen(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode(), newline=""), delimiter=";"))


def test_issue25_each_entry_reads_in_peoples_words_on_the_page_and_in_the_export(client, privacy, toegang, casus):
    """What was seen (object, number, tab), by whom, when (local time), why; the same words in the CSV."""
    from zoneinfo import ZoneInfo

    from cris.audit.api import Actie, audit_lijst, audit_record

    client.force_login(toegang.eigenaar)
    client.get(reverse("taken:werkstroom"))  # the worklist showed her: one list entry
    audit_lijst(actor=toegang.collega, lijst="zoeken", client_ids=[casus.client_id, 10**9], reason="zoeken: jansen")
    audit_record(
        Actie.WIJZIGEN, actor=toegang.eigenaar, obj=casus, client_id=casus.client_id,
        changes={
            "status": ["nieuw", "afgerond"], "prioriteit_hoog": [False, True], "delict_datum": [None, "2026-11-03"],
            "afgerond_op": [None, "2026-11-29T23:30:00+00:00"], "client": [None, casus.client_id],
        },
    )  # fmt: skip
    gelezen = AuditEntry.objects.get(actor_id=toegang.collega.pk, object_type="casus.casus", actie="lezen")
    lokaal = gelezen.tijdstip.astimezone(ZoneInfo("Europe/Amsterdam")).strftime("%d-%m-%Y %H:%M:%S")

    client.force_login(privacy)
    url = reverse("audit:inzage", args=[casus.client_id])
    page = client.get(url).content.decode()
    verwacht = [
        lokaal, "Test Collega", "Gelezen (webapplicatie)", f"Casus {casus.nummer}, tabblad Juridisch",
        "Eigen werk (toegang via team of taak)",
    ]  # fmt: skip
    for tekst in [*verwacht, "Werklijst eigen taken (1 cliënt)", "Zoekresultaten voor “jansen” (2 cliënten)"]:
        assert tekst in page, tekst
    tabel = page.split('id="inzage"')[1].split("</table>")[0]
    for onleesbaar in ("None", "casus.casus", "casus.client", ">lijst", "werkvoorraad", "{", "[", "–</td>"):
        assert onleesbaar not in tabel, onleesbaar

    rows = _csv_rijen(client.get(url, {"formaat": "csv"}))
    assert [lokaal, "Test Collega", str(toegang.collega.pk), *verwacht[2:], ""] in rows
    wijziging = next(r for r in rows if r[3] == "Gewijzigd (systeem)" and "Prioriteit" in r[6])
    assert wijziging[4:6] == [f"Casus {casus.nummer}", "Geen reden vastgelegd"]
    assert sorted(wijziging[6].split("; ")) == [
        "Afgerond op: (leeg) → 30-11-2026 00:30:00", f"Cliënt: (leeg) → {casus.client.nummer}",
        "Delictdatum: (leeg) → 03-11-2026", "Prioriteit hoog: nee → ja", "Status: Nieuw → Afgerond",
    ]  # fmt: skip
    lijst = next(r for r in rows if r[4].startswith("Werklijst"))
    assert lijst[1:] == ["Test Eigenaar", str(toegang.eigenaar.pk), "Gelezen (webapplicatie)",
                         "Werklijst eigen taken (1 cliënt)", "De lijst toonde deze cliënt", ""]  # fmt: skip
    for row in rows[1:]:
        assert all(cel != "None" and "None" not in cel.split() for cel in row), row
        assert not any(label in cel for cel in row for label in ("casus.", "taken.", "{'", "['")), row


def test_issue25_a_grant_is_the_why_and_the_admin_title_is_local_time(client, privacy, toegang, casus):
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from casus.models import ToegangSoort, ToegangStatus, Toegangsverlening
    from cris import klok

    Toegangsverlening.objects.create(
        casus=casus, medewerker=toegang.buitenstaander, soort=ToegangSoort.TIJDELIJK, status=ToegangStatus.VERLEEND,
        reden="vervanging collega", geldig_tot=klok.nu() + timedelta(hours=4),
    )  # fmt: skip
    client.force_login(toegang.buitenstaander)
    assert client.get(reverse("casus:tijdlijn", args=[casus.pk])).status_code == 200
    entry = AuditEntry.objects.get(actor_id=toegang.buitenstaander.pk, object_type="casus.casus")
    lokaal = entry.tijdstip.astimezone(ZoneInfo("Europe/Amsterdam")).strftime("%d-%m-%Y %H:%M:%S")
    assert str(entry) == f"{lokaal} Test Buitenstaander gelezen Casus {casus.nummer}"  # the admin's title
    client.force_login(privacy)
    rows = _csv_rijen(client.get(reverse("audit:inzage", args=[casus.client_id]), {"formaat": "csv"}))
    assert [
        lokaal, "Test Buitenstaander", str(toegang.buitenstaander.pk), "Gelezen (webapplicatie)",
        f"Casus {casus.nummer}, tabblad Tijdlijn", "tijdelijke toegang: vervanging collega", "",
    ] in rows  # fmt: skip


def test_issue25_a_client_number_that_is_not_one_is_named_in_the_shared_error_summary(client, privacy):
    """Issue 25, forms everywhere: the privacy officer's search names a wrong client number in the error summary
    with its message at the field (aria-describedby to an id that exists), and shows no list."""
    client.force_login(privacy)
    for waarde in ("", "abc", "CL²", "\u0663", "9" * 30):
        html = client.get(reverse("audit:inzage_zoeken"), {"client": waarde}).content.decode()
        assert "cris-foutsamenvatting" in html and 'href="#id_client"' in html, waarde
        assert 'id="id_client_error"' in html and "bijvoorbeeld CL0000123" in html
    assert "cris-foutsamenvatting" not in client.get(reverse("audit:inzage_zoeken")).content.decode()
