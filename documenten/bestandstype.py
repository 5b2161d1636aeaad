"""What a file really is, from its content (DOC-1 uploads). The extension is only believed when the
content agrees; programs and scripts are refused whatever they are called.

A small allow-list sniffer on magic bytes and, for Office files, the ZIP directory: no native library.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from typing import BinaryIO

from django.utils.translation import gettext as _


class BestandGeweigerd(ValueError):
    """The file is not accepted; the message says why, for the user (Dutch)."""


@dataclass(frozen=True)
class Bestandstype:
    mime: str
    extensies: tuple[str, ...]
    omschrijving: str


PDF = Bestandstype("application/pdf", ("pdf",), "PDF-document")
PNG = Bestandstype("image/png", ("png",), "PNG-afbeelding")
JPEG = Bestandstype("image/jpeg", ("jpg", "jpeg"), "JPEG-afbeelding")
TIFF = Bestandstype("image/tiff", ("tif", "tiff"), "TIFF-afbeelding (scan)")
DOCX = Bestandstype(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ("docx",), "Word-document"
)
XLSX = Bestandstype("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",), "Excel-bestand")
ODT = Bestandstype("application/vnd.oasis.opendocument.text", ("odt",), "OpenDocument-tekst")
ODS = Bestandstype("application/vnd.oasis.opendocument.spreadsheet", ("ods",), "OpenDocument-rekenblad")
MSG = Bestandstype("application/vnd.ms-outlook", ("msg",), "Outlook-bericht")
DOC = Bestandstype("application/msword", ("doc",), "Word-document (oud formaat)")
XLS = Bestandstype("application/vnd.ms-excel", ("xls",), "Excel-bestand (oud formaat)")
EML = Bestandstype("message/rfc822", ("eml",), "e-mailbericht")
TXT = Bestandstype("text/plain", ("txt", "csv"), "tekstbestand")

TOEGESTAAN = (PDF, PNG, JPEG, TIFF, DOCX, XLSX, ODT, ODS, MSG, DOC, XLS, EML, TXT)

_PROGRAMMA = (
    (b"MZ", "Windows-programma"),
    (b"\x7fELF", "Linux-programma"),
    (b"\xca\xfe\xba\xbe", "macOS-programma"),
    (b"\xcf\xfa\xed\xfe", "macOS-programma"),
    (b"\xfe\xed\xfa\xce", "macOS-programma"),
    (b"#!", "script"),
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SCRIPT_EXTENSIES = {
    "exe", "dll", "com", "scr", "msi", "bat", "cmd", "ps1", "vbs", "vbe", "js", "jse", "wsf", "hta", "sh",
    "jar", "py", "pl", "php", "html", "htm", "svg", "xhtml",
}  # fmt: skip


def extensie(bestandsnaam: str) -> str:
    return bestandsnaam.rsplit(".", 1)[-1].lower() if "." in bestandsnaam else ""


def herkennen(bestand: BinaryIO, bestandsnaam: str) -> Bestandstype:
    """The type of ``bestand`` (a seekable binary file) from its content, checked against the name's
    extension. BestandGeweigerd with a clear reason otherwise."""
    bestand.seek(0)
    kop = bestand.read(8192)
    bestand.seek(0)
    ext = extensie(bestandsnaam)
    for magic, wat in _PROGRAMMA:
        if kop.startswith(magic):
            raise BestandGeweigerd(
                _(
                    "Dit bestand is een %(wat)s, ook al heet het '%(naam)s'. "
                    "Programma's en scripts worden niet opgeslagen."
                )
                % {"wat": wat, "naam": bestandsnaam}
            )
    if ext in _SCRIPT_EXTENSIES:
        raise BestandGeweigerd(
            _("Bestanden met de extensie .%(ext)s (programma's, scripts, webpagina's) worden niet opgeslagen.")
            % {"ext": ext}
        )
    soort = _uit_inhoud(bestand, kop, ext)
    if soort is None:
        raise BestandGeweigerd(
            _("Dit soort bestand kan niet worden toegevoegd. Toegestaan zijn: %(lijst)s.")
            % {"lijst": ", ".join(sorted({e for t in TOEGESTAAN for e in t.extensies}))}
        )
    if ext not in soort.extensies:
        raise BestandGeweigerd(
            _(
                "De inhoud van '%(naam)s' is een %(wat)s en past niet bij de extensie .%(ext)s. "
                "Geef het bestand de juiste extensie (.%(goed)s)."
            )
            % {"naam": bestandsnaam, "wat": soort.omschrijving, "ext": ext or "–", "goed": soort.extensies[0]}
        )
    return soort


def _uit_inhoud(bestand: BinaryIO, kop: bytes, ext: str) -> Bestandstype | None:
    if kop.startswith(b"%PDF-"):
        return PDF
    if kop.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if kop.startswith(b"\xff\xd8\xff"):
        return JPEG
    if kop[:4] in (b"II*\x00", b"MM\x00*"):
        return TIFF
    if kop.startswith(b"PK\x03\x04"):
        return _zip(bestand)
    if kop.startswith(_OLE):
        # Old Office and Outlook files share one container; the extension picks among them.
        return {"msg": MSG, "doc": DOC, "xls": XLS}.get(ext, DOC)
    return _tekst(kop, ext)


# Office and OpenDocument files only ever use these; bzip2 and LZMA entries are refused (a tiny bzip2 entry
# can unpack to gigabytes, and nothing we accept needs them).
_ZIP_METHODEN = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
# ODF's mimetype entry is one short line, stored uncompressed; anything longer is not an ODF file.
_MIMETYPE_MAX = 100


def _zip(bestand: BinaryIO) -> Bestandstype | None:
    """Only the central directory is read, plus at most _MIMETYPE_MAX bytes of one entry: sizes and
    compression methods are checked before anything is unpacked (decompression bombs, issue 21 item 1)."""
    try:
        with zipfile.ZipFile(bestand) as archief:
            entries = archief.infolist()
            if any(e.compress_type not in _ZIP_METHODEN for e in entries):
                raise BestandGeweigerd(
                    _("Dit archief is gecomprimeerd op een manier die Office niet gebruikt; het wordt niet opgeslagen.")
                )
            namen = {e.filename for e in entries}
            if any(naam.lower().endswith("vbaproject.bin") for naam in namen):
                raise BestandGeweigerd(_("Dit Office-bestand bevat macro's en wordt daarom niet opgeslagen."))
            if "mimetype" in namen:
                info = archief.getinfo("mimetype")
                if info.file_size > _MIMETYPE_MAX:
                    return None
                with archief.open(info) as entry:
                    mimetype = entry.read(_MIMETYPE_MAX).decode("ascii", "replace").strip()
                return {ODT.mime: ODT, ODS.mime: ODS}.get(mimetype)
            if "[Content_Types].xml" in namen:
                if any(n.startswith("word/") for n in namen):
                    return DOCX
                if any(n.startswith("xl/") for n in namen):
                    return XLSX
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError):
        return None  # damaged, encrypted or otherwise unreadable: not a file type we accept
    finally:
        bestand.seek(0)
    return None


def _tekst(kop: bytes, ext: str) -> Bestandstype | None:
    if b"\x00" in kop:
        return None
    try:
        tekst = kop.decode("utf-8")
    except UnicodeDecodeError as fout:
        if fout.start < len(kop) - 4:  # not merely a multi-byte character cut off at the end of the sample
            try:
                tekst = kop.decode("cp1252")
            except UnicodeDecodeError:
                return None
        else:
            tekst = kop[: fout.start].decode("utf-8")
    begin = tekst.lstrip().lower()
    if begin.startswith(("<!doctype html", "<html", "<svg", "<?xml")) or "<script" in begin:
        return None
    kopregels = "\n" + tekst.replace("\r\n", "\n").split("\n\n", 1)[0].lower()
    if ext == "eml" and "\nfrom:" in kopregels and ("\nsubject:" in kopregels or "\ndate:" in kopregels):
        return EML
    return TXT
