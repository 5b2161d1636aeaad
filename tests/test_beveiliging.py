"""Issue 21 (attacker review, OWASP ASVS 4.0 level 2): one regression test per defect this module owns.

Items 1 (decompression bomb), 4 (formula injection in exports), 9 (cache headers, upload spooling,
iCalendar injection, BSN-service transport). The access leaks (12–14) are rows of the access matrix.
"""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from datetime import timedelta
from html import unescape

import pytest
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.urls import reverse

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
