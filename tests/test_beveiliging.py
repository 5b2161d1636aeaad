"""Issue 21 (attacker review, OWASP ASVS 4.0 level 2): one regression test per defect this module owns.

Items 1 (decompression bomb), 4 (formula injection in exports), 9 (cache headers, upload spooling,
iCalendar injection, BSN-service transport). The access leaks (12–14) are rows of the access matrix.
"""

from __future__ import annotations

import io
import re
import tracemalloc
import zipfile
from datetime import timedelta
from html import unescape

import pytest
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.urls import reverse
from django.utils import timezone

from cris import klok
from documenten.bestandstype import ODT, BestandGeweigerd, herkennen
from tests import chain


def _zip(*entries: tuple[str, bytes, int]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archief:
        for naam, inhoud, methode in entries:
            archief.writestr(naam, inhoud, compress_type=methode)
    buffer.seek(0)
    return buffer


def test_issue21_1_a_deflate_bomb_in_the_mimetype_entry_is_not_unpacked():
    bom = _zip(
        ("mimetype", b"application/vnd.oasis.opendocument.text" + b" " * (64 * 1024 * 1024), zipfile.ZIP_DEFLATED)
    )
    assert len(bom.getvalue()) < 200 * 1024  # a small upload ...
    tracemalloc.start()
    try:
        with pytest.raises(BestandGeweigerd):
            herkennen(bom, "brief.odt")
        _, piek = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert piek < 4 * 1024 * 1024  # ... never unpacked whole (today: 64 MB)


@pytest.mark.parametrize("methode", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_issue21_1_entries_compressed_other_than_office_does_are_refused(methode):
    archief = _zip(("mimetype", ODT.mime.encode(), zipfile.ZIP_STORED), ("content.xml", b"<x/>" * 100, methode))
    with pytest.raises(BestandGeweigerd, match="gecomprimeerd"):
        herkennen(archief, "brief.odt")


def test_issue21_1_a_real_odt_is_still_recognised():
    archief = _zip(("mimetype", ODT.mime.encode(), zipfile.ZIP_STORED), ("content.xml", b"<x/>", zipfile.ZIP_DEFLATED))
    assert herkennen(archief, "brief.odt") == ODT


# --- item 9: cache, upload spooling, iCalendar, BSN transport -------------------------------------------


@pytest.mark.django_db
def test_issue21_9_authenticated_pages_are_not_stored_by_any_cache(client, medewerker):
    client.force_login(medewerker)
    for url in (reverse("accounts:tweestaps_instellen"), reverse("taken:agenda"), reverse("casus:toegang")):
        response = client.get(url)
        assert "no-store" in response.get("Cache-Control", ""), url


class _Opnemer(TemporaryFileUploadHandler):
    """The handler that would spool to disk; records how many bytes reached it."""

    ontvangen: list[int] = []

    def receive_data_chunk(self, raw_data, start):
        _Opnemer.ontvangen.append(len(raw_data))
        return super().receive_data_chunk(raw_data, start)


@pytest.mark.django_db
def test_issue21_9_an_oversized_upload_is_refused_before_it_is_spooled_past_the_limit(client, toegang, settings):
    from tests.documenten_helpers import PDF, bestand

    settings.DOCUMENT_MAX_MB = 1
    settings.FILE_UPLOAD_HANDLERS = [*settings.FILE_UPLOAD_HANDLERS[:-1], f"{__name__}._Opnemer"]
    _Opnemer.ontvangen = []
    casus = chain.casus()
    chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.eigenaar)
    client.force_login(toegang.eigenaar)
    data = {"bestand": bestand("scan.pdf", PDF + b"0" * (5 * 1024 * 1024)), "titel": "", "type": "ontvangen",
            "status": "definitief"}  # fmt: skip
    response = client.post(reverse("documenten:toevoegen", args=[casus.pk]), data)
    assert response.status_code == 422
    assert "het maximum is 1 MB" in unescape(response.content.decode())
    assert sum(_Opnemer.ontvangen) <= 1024 * 1024  # today: all 5 MB reach the temporary file


@pytest.mark.django_db
def test_issue21_9_a_bare_cr_or_lf_in_a_subject_cannot_inject_an_icalendar_event(client, toegang):
    from taken.agenda import afspraak_maken, ical

    taak = chain.taak(casus=chain.casus(), team=toegang.team, behandelaar=toegang.eigenaar)
    begin = klok.nu() + timedelta(days=1)
    for i, breuk in enumerate(("\r", "\n", "\r\n", "\u2028")):
        afspraak_maken(
            actor=toegang.eigenaar, taak=taak, begin=begin + timedelta(hours=i),
            einde=begin + timedelta(hours=i, minutes=30),
            onderwerp=f"Gesprek{breuk}END:VEVENT{breuk}BEGIN:VEVENT{breuk}SUMMARY:Nep\x0b",
        )  # fmt: skip
    tekst = ical(medewerker=toegang.eigenaar, host="cris.example.nl")
    regels = tekst.split("\r\n")
    assert all("\r" not in r and "\n" not in r and "\u2028" not in r and "\x0b" not in r for r in regels)
    assert sum(r == "BEGIN:VEVENT" for r in regels) == 4
    assert "SUMMARY:Gesprek\\nEND:VEVENT\\nBEGIN:VEVENT\\nSUMMARY:Nep" in regels


@pytest.mark.django_db
def test_issue21_9_production_refuses_a_plain_http_bsn_service():
    from tests.test_settings import PRODUCTIE, _manage

    result = _manage("check", **PRODUCTIE, CRIS_BVBSN_URL="http://bvbsn.example.nl/ControleerBsn")
    assert result.returncode != 0 and "CRIS_BVBSN_URL" in result.stderr
    assert _manage("check", **PRODUCTIE, CRIS_BVBSN_URL="https://bvbsn.example.nl/x").returncode == 0


def test_issue21_9_requests_ca_bundle_does_not_override_the_bsn_services_own_ca(monkeypatch, tmp_path):
    from koppelingen.bsn.client import _sessie

    eigen, ander = tmp_path / "bvbsn-ca.pem", tmp_path / "ander.pem"
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(ander))
    monkeypatch.setenv("CURL_CA_BUNDLE", str(ander))
    sessie = _sessie(5, 0, "", "", str(eigen))
    # What every request of zeep's transport gets (it passes no verify of its own).
    instellingen = sessie.merge_environment_settings("https://bvbsn.example.nl/", {}, None, None, None)
    assert instellingen["verify"] == str(eigen)
    zonder = _sessie(5, 0, "", "", "").merge_environment_settings("https://bvbsn.example.nl/", {}, None, None, None)
    assert zonder["verify"] == str(ander)  # without CRIS_BVBSN_CA the environment still applies


# --- item 14: asking for temporary access is no existence oracle ----------------------------------------


@pytest.mark.django_db
def test_issue21_14_asking_access_for_a_casus_that_does_not_exist_looks_the_same(client, toegang):
    from casus.models import Casus, Toegangsverlening

    bestaand = chain.casus()
    chain.taak(casus=bestaand, team=toegang.ander_team, code="AD-INTAKE")
    onbekend = Casus(pk=bestaand.pk + 1000).nummer
    reden = "Cliënt belt over de zitting van morgen"

    def vragen(nummer: str) -> str:
        client.force_login(toegang.eigenaar)
        antwoord = client.post(reverse("casus:toegang_aanvragen"), {"casus": nummer, "reden": reden, "dagen": 3})
        assert antwoord.status_code == 302 and antwoord["Location"] == reverse("casus:toegang")
        return client.get(reverse("casus:toegang")).content.decode()

    na_echt = vragen(bestaand.nummer)
    Toegangsverlening.objects.all().delete()
    na_onbekend = vragen(onbekend)
    assert bestaand.nummer in na_echt and onbekend in na_onbekend  # each request is listed, the same way

    def gelijkmaken(pagina: str, nummer: str) -> str:
        pagina = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", pagina.replace(nummer, "CA?"))
        return re.sub(r"/toegang/\d+/", "/toegang/?/", pagina)

    assert gelijkmaken(na_echt, bestaand.nummer) == gelijkmaken(na_onbekend, onbekend)
    verzoek = Toegangsverlening.objects.get()
    assert verzoek.casus_id is None and verzoek.status == "aangevraagd"
    client.post(reverse("casus:toegang_intrekken", args=[verzoek.pk]))  # the requester withdraws it as usual
    verzoek.refresh_from_db()
    assert verzoek.status == "ingetrokken"
    client.force_login(toegang.teamleider)  # nobody can decide on it
    besluit = client.post(reverse("casus:toegang_besluiten", args=[verzoek.pk]), {"besluit": "verlenen"})
    assert besluit.status_code == 404


@pytest.mark.django_db
def test_issue21_14_an_absurdly_large_casus_number_is_no_server_error(client, toegang):
    client.force_login(toegang.eigenaar)
    data = {"casus": "CA" + "9" * 18, "reden": "Cliënt belt over de zitting van morgen", "dagen": 3}
    assert client.post(reverse("casus:toegang_aanvragen"), data).status_code in (302, 422, 200)


# --- item 12: the agenda follows case access -------------------------------------------------------------


@pytest.mark.django_db
def test_issue21_12_jd_admin_plans_without_seeing_the_cases_it_plans_on(client):
    from cris.accounts.roles import Rol
    from taken.models import Afspraak
    from tests.factories import LidmaatschapFactory, MedewerkerFactory, TeamFactory
    from werkstroom.models import Afdeling

    jd_team = TeamFactory(afdeling=Afdeling.JURIDISCHE_DIENSTVERLENING)
    jurist = MedewerkerFactory(rollen=[Rol.JURIDISCHE_DIENSTVERLENING])
    LidmaatschapFactory(medewerker=jurist, team=jd_team)
    planner = MedewerkerFactory(rollen=[Rol.JD_ADMIN])
    LidmaatschapFactory(medewerker=planner, team=TeamFactory(afdeling=Afdeling.JD_ADMIN, district=None))
    casus = chain.casus(achternaam="Vertrouwelijk")
    taak = chain.taak(casus=casus, team=jd_team, code="JD-INTAKE", behandelaar=jurist)
    begin = klok.nu() + timedelta(days=1)
    Afspraak.objects.create(taak=taak, medewerker=jurist, gepland_door=jurist, begin=begin,
                            einde=begin + timedelta(hours=1), onderwerp="Zitting over de mishandeling")  # fmt: skip
    client.force_login(planner)
    week = {"medewerker": jurist.pk, "week": timezone.localdate(begin).isoformat()}
    pagina = client.get(reverse("taken:agenda"), week).content.decode()
    assert "Bezet" in pagina and "Juridische intake, deadline" in pagina  # busy time; the task by type
    assert casus.nummer not in pagina and "mishandeling" not in pagina
    # An invalid planning POST shows the week again: no more than the page does.
    fout = client.post(reverse("taken:agenda_plannen"), {"medewerker": jurist.pk, "taak": taak.pk, **week})
    assert fout.status_code == 422 and casus.nummer not in fout.content.decode()
    assert "mishandeling" not in fout.content.decode()


# --- item 8: proxy headers only from the proxy ------------------------------------------------------------


@pytest.mark.django_db
def test_issue21_8_forwarded_headers_from_anyone_but_the_proxy_are_ignored(client, medewerker, settings):
    from cris.audit.models import AuditEntry

    settings.BEHIND_PROXY = True
    settings.PROXY_ADRESSEN = ["10.0.0.0/24"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    client.force_login(medewerker)
    url = reverse("casus:toegang")
    direct = {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "198.51.100.1", "HTTP_X_FORWARDED_PROTO": "https"}
    client.post(
        reverse("casus:toegang_aanvragen"),
        {"casus": "CA0000001", "reden": "Reden van twintig tekens", "dagen": 3},
        **direct,
    )
    assert AuditEntry.objects.filter(actor_id=medewerker.pk).latest("id").ip_adres == "203.0.113.9"
    assert client.get(url, **direct).wsgi_request.is_secure() is False
    via_proxy = {**direct, "REMOTE_ADDR": "10.0.0.5"}
    client.post(
        reverse("casus:toegang_aanvragen"),
        {"casus": "CA0000002", "reden": "Reden van twintig tekens", "dagen": 3},
        **via_proxy,
    )
    assert AuditEntry.objects.filter(actor_id=medewerker.pk).latest("id").ip_adres == "198.51.100.1"
    assert client.get(url, **via_proxy).wsgi_request.is_secure() is True


@pytest.mark.django_db
def test_issue21_8_a_client_certificate_header_counts_only_from_the_proxy(client, settings):
    from koppelingen.berichten.models import Ketenpartner

    settings.BERICHTEN_CERTIFICAAT_HEADER = "X-SSL-Client-S-DN"
    settings.PROXY_ADRESSEN = ["10.0.0.0/24"]
    Ketenpartner.objects.create(code="politie", naam="Politie", kanaal="edp", certificaat_onderwerp="CN=edp.politie.nl")
    url = reverse("berichten:ontvangen")
    kop = {"HTTP_X_SSL_CLIENT_S_DN": "CN=edp.politie.nl", "content_type": "application/xml"}
    assert client.post(url, b"<x/>", REMOTE_ADDR="203.0.113.9", **kop).status_code == 401
    assert client.post(url, b"", REMOTE_ADDR="10.0.0.5", **kop).status_code == 400  # believed: on to the body


def test_issue21_8_compose_does_not_publish_the_app_port():
    from pathlib import Path

    compose = (Path(__file__).resolve().parent.parent / "docker-compose.yml").read_text()
    web = compose.split("\n  web:\n", 1)[1].split("\n  worker:\n", 1)[0]
    assert "ports:" not in web and "FORWARDED_ALLOW_IPS: ${FORWARDED_ALLOW_IPS:-*}" not in compose


# --- items 13 and 9: the admin shows technical state, not personal data, to roles without case access ----


@pytest.mark.django_db
def test_issue21_13_application_managers_see_ids_and_state_in_the_admin_not_personal_data(client):
    from aanmelding.models import AutomatischBesluit
    from cris.accounts.roles import Rol
    from cris.audit.api import Actie, audit_record
    from cris.audit.models import AuditEntry
    from documenten.models import Document, UitgaandeEmail
    from tests.factories import MedewerkerFactory

    casus = chain.casus(achternaam="Zeldzaamnaam")
    audit_record(
        Actie.WIJZIGEN, actor=None, obj=casus.client, client_id=casus.client_id,
        changes={"bsn": ["", "111222333"], "telefoon": ["", "0612345678"]},
    )  # fmt: skip
    entry = AuditEntry.objects.filter(client_id=casus.client_id, wijzigingen__has_key="bsn").get()
    mail = UitgaandeEmail.objects.create(
        aan="zeldzaamnaam@example.org", onderwerp="Uw aangifte van mishandeling", casus=casus,
        laatste_fout="550 zeldzaamnaam@example.org unknown", tekst="Beste", message_id="<m1@cris>",
    )  # fmt: skip
    document = Document.objects.create(casus=casus, titel="Letselverklaring Zeldzaamnaam", type="overig",
                                       status="concept")  # fmt: skip
    aanmelding = chain.aanmelding(actor=None, achternaam="Zeldzaamnaam")
    besluit = AutomatischBesluit.objects.create(aanmelding=aanmelding, uitkomst="handmatig", reden="Geen regel")
    beheer = MedewerkerFactory(rollen=[Rol.APPLICATIEBEHEERDER])
    functioneel = MedewerkerFactory(rollen=[Rol.FUNCTIONEEL_BEHEERDER])
    paginas = [
        (beheer, reverse("admin:audit_auditentry_changelist")),
        (beheer, reverse("admin:audit_auditentry_change", args=[entry.pk])),
        (beheer, reverse("admin:documenten_uitgaandeemail_changelist")),
        (beheer, reverse("admin:documenten_uitgaandeemail_change", args=[mail.pk])),
        (beheer, reverse("admin:documenten_document_changelist")),
        (functioneel, reverse("admin:aanmelding_automatischbesluit_changelist")),
        (functioneel, reverse("admin:aanmelding_automatischbesluit_change", args=[besluit.pk])),
    ]
    client.force_login(beheer)
    assert client.get(reverse("admin:documenten_document_change", args=[document.pk])).status_code in (302, 403)
    for gebruiker, url in paginas:
        client.force_login(gebruiker)
        response = client.get(url)
        pagina = response.content.decode()
        assert response.status_code == 200, url
        for geheim in ("Zeldzaamnaam", "zeldzaamnaam", "111222333", "0612345678", "mishandeling", "Letselverklaring"):
            assert geheim not in pagina, (url, geheim)
    audit_record(Actie.LEZEN, actor=None, object_type="taken.taak", object_id="999999", client_id=casus.client_id)
    client.force_login(beheer)  # no search by client id either
    gezocht = client.get(reverse("admin:audit_auditentry_changelist"), {"q": str(casus.client_id)})
    assert not [r for r in gezocht.context["cl"].result_list if r.object_type == "taken.taak"]


@pytest.mark.django_db
def test_issue21_13_consents_referrals_and_survey_selections_show_numbers_not_names(client):
    """The remaining admin pages about a client's records (partner consents, external referrals, satisfaction
    survey selections) show application and functional managers the record's number, never the client's name
    or the case's content; the consent form takes the client's id, not a widget naming her."""
    from casus.models import TevredenheidSelectie
    from cris import klok
    from cris.accounts.roles import Rol
    from koppelingen.berichten.models import Kanaal
    from koppelingen.partners.models import Toestemming
    from tests import partners
    from tests.factories import MedewerkerFactory

    casus = chain.casus(achternaam="Zeldzaamnaam", delict_omschrijving="mishandeling door buurman")
    msh, _token = partners.partner(Kanaal.MSH, naam="Mijnslachtofferhulp")
    toestemming = Toestemming.objects.create(client=casus.client, partner=msh, gegeven_op=klok.nu())
    selectie = TevredenheidSelectie.objects.create(casus=casus, geselecteerd=True)
    beheer = MedewerkerFactory(rollen=[Rol.APPLICATIEBEHEERDER])
    functioneel = MedewerkerFactory(rollen=[Rol.FUNCTIONEEL_BEHEERDER])
    paginas = [
        (beheer, reverse("admin:partners_toestemming_changelist"), casus.client.nummer),
        (beheer, reverse("admin:partners_toestemming_change", args=[toestemming.pk]), str(casus.client_id)),
        (functioneel, reverse("admin:casus_tevredenheidselectie_changelist"), casus.nummer),
        (functioneel, reverse("admin:casus_tevredenheidselectie_change", args=[selectie.pk]), casus.nummer),
    ]
    for gebruiker, url, nummer in paginas:
        client.force_login(gebruiker)
        response = client.get(url)
        pagina = response.content.decode()
        assert response.status_code == 200, url
        assert nummer in pagina, (url, nummer)
        for geheim in ("Zeldzaamnaam", "mishandeling"):
            assert geheim not in pagina, (url, geheim)


@pytest.mark.django_db
def test_issue21_9_the_privacy_officer_reading_an_audit_entry_in_the_admin_is_itself_logged(client):
    from cris.accounts.roles import Rol
    from cris.audit.api import Actie, audit_record
    from cris.audit.models import AuditEntry
    from tests.factories import MedewerkerFactory

    casus = chain.casus()
    audit_record(Actie.WIJZIGEN, actor=None, obj=casus.client, client_id=casus.client_id, changes={"bsn": ["", "1"]})
    entry = AuditEntry.objects.filter(client_id=casus.client_id, wijzigingen__has_key="bsn").get()
    privacy = MedewerkerFactory(rollen=[Rol.PRIVACY_OFFICER])
    client.force_login(privacy)
    pagina = client.get(reverse("admin:audit_auditentry_change", args=[entry.pk])).content.decode()
    assert "bsn" in pagina  # the privacy officer sees the changes ...
    assert AuditEntry.objects.filter(
        actor_id=privacy.pk, actie="lezen", object_type="audit.auditentry", object_id=str(entry.pk),
        client_id=casus.client_id,
    ).exists()  # ... and that is logged  # fmt: skip


# --- item 6: four eyes on memberships and profile roles ---------------------------------------------------


@pytest.mark.django_db
def test_issue21_6_profile_roles_changed_in_the_admin_wait_for_a_second_manager(client):
    from django.contrib.auth.models import Group

    from cris.accounts.models import Functieprofiel
    from cris.accounts.roles import Rol
    from cris.notificaties.models import Notificatie
    from tests.factories import MedewerkerFactory
    from werkstroom.models import Beheervoorstel

    eerste = MedewerkerFactory(rollen=[Rol.APPLICATIEBEHEERDER])
    tweede = MedewerkerFactory(rollen=[Rol.APPLICATIEBEHEERDER])
    privacy = MedewerkerFactory(rollen=[Rol.PRIVACY_OFFICER])
    eigen = Functieprofiel.objects.create(code="EIGEN", naam="Eigen profiel")
    type(eerste).objects.filter(pk=eerste.pk).update(profiel=eigen)
    ander = Functieprofiel.objects.create(code="AB", naam="Medewerker AB")
    houder = MedewerkerFactory(profiel=ander)
    privacy_rol = Group.objects.get(name=Rol.PRIVACY_OFFICER)
    client.force_login(eerste)
    for profiel in (eigen, ander):
        url = reverse("admin:accounts_functieprofiel_change", args=[profiel.pk])
        client.post(url, {"code": profiel.code, "naam": profiel.naam, "rollen": [privacy_rol.pk], "versie": 1})
        assert not profiel.rollen.exists()  # nothing applied by one person
    [voorstel] = Beheervoorstel.objects.all()  # none for one's own profile
    assert voorstel.functieprofiel == ander and voorstel.status == "open"
    assert Notificatie.objects.filter(ontvanger=privacy).exists()
    wijzigen = reverse("admin:werkstroom_beheervoorstel_changelist")
    actie = {"action": "goedkeuren", "_selected_action": [voorstel.pk]}
    client.post(wijzigen, actie)  # the proposer cannot approve
    voorstel.refresh_from_db()
    assert voorstel.status == "open" and not houder.groups.filter(pk=privacy_rol.pk).exists()
    client.force_login(tweede)
    client.post(wijzigen, actie)
    voorstel.refresh_from_db()
    assert voorstel.status == "uitgevoerd" and voorstel.beoordeeld_door == tweede
    assert list(ander.rollen.all()) == [privacy_rol] and houder.groups.filter(pk=privacy_rol.pk).exists()
    assert Notificatie.objects.filter(ontvanger=privacy).count() == 2


@pytest.mark.django_db
def test_issue21_6_a_membership_is_never_proposed_or_approved_for_oneself(toegang):
    from cris.accounts.roles import Rol
    from tests.factories import MedewerkerFactory
    from werkstroom import vier_ogen
    from werkstroom.models import Beheervoorstel, Lidmaatschap

    eerste = MedewerkerFactory(rollen=[Rol.APPLICATIEBEHEERDER])
    tweede = MedewerkerFactory(rollen=[Rol.APPLICATIEBEHEERDER])
    with pytest.raises(vier_ogen.VierOgenFout):
        vier_ogen.voorstel_doen(actor=eerste, soort="lid_opslaan", medewerker=eerste, team=toegang.team)
    voorstel = vier_ogen.voorstel_doen(
        actor=eerste, soort="lid_opslaan", medewerker=tweede, team=toegang.team, gegevens={"rol": "lid"}
    )
    with pytest.raises(vier_ogen.VierOgenFout):  # the one it concerns cannot approve it either
        vier_ogen.voorstel_besluiten(actor=tweede, voorstel=voorstel, goedkeuren=True)
    assert not Lidmaatschap.objects.filter(medewerker=tweede).exists()
    derde = MedewerkerFactory(rollen=[Rol.APPLICATIEBEHEERDER])
    vier_ogen.voorstel_besluiten(actor=derde, voorstel=voorstel, goedkeuren=True)
    assert Lidmaatschap.objects.filter(medewerker=tweede, team=toegang.team).exists()
    assert tweede.groups.filter(pk=toegang.team.groep_id).exists()
    assert Beheervoorstel.objects.get().status == "uitgevoerd"


@pytest.mark.django_db
def test_issue21_6_memberships_are_not_written_directly_in_the_admin(client):
    from cris.accounts.roles import Rol
    from tests.factories import MedewerkerFactory

    client.force_login(MedewerkerFactory(rollen=[Rol.APPLICATIEBEHEERDER]))
    assert client.get(reverse("admin:werkstroom_lidmaatschap_add")).status_code == 403
