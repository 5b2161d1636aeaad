"""Issue 21 (attacker review, OWASP ASVS 4.0 level 2): one regression test per defect this module owns.

Items 1 (decompression bomb), 4 (formula injection in exports), 9 (cache headers, upload spooling,
iCalendar injection, BSN-service transport). The access leaks (12–14) are rows of the access matrix.
"""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import pytest

from documenten.bestandstype import ODT, BestandGeweigerd, herkennen


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
