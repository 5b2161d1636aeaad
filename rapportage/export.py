"""CSV and XLSX export of production figures (DIE-4, KOP-6): aggregates only — month, service type,
district, team and the numbers. No casus, client or person is in it."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from cris import export as cellen
from rapportage.selectors import Productie


def kolommen() -> list[str]:
    return [
        _("maand"),
        _("categorie"),
        _("hoofddienst"),
        _("dienstcode"),
        _("dienst"),
        _("district"),
        _("team"),
        _("nieuw"),
        _("afgerond"),
        _("afgebroken"),
        _("gemiddelde doorlooptijd (dagen)"),
        _("besteed (minuten)"),
    ]


def rijen(productie: Productie) -> list[list]:
    uit = []
    for rij in productie.rijen:
        soort, c = rij.soort, rij.cijfers
        uit.append(
            [
                f"{rij.maand:%Y-%m}",
                soort.get_categorie_display(),
                (soort.hoofddienst or soort).naam,
                soort.code,
                soort.naam,
                rij.district.naam if rij.district else "",
                rij.team.naam,
                c.nieuw,
                c.afgerond,
                c.afgebroken,
                c.gemiddelde_doorlooptijd_dagen if c.gemiddelde_doorlooptijd_dagen is not None else "",
                c.besteed_minuten,
            ]
        )
    return uit


def als_csv(productie: Productie) -> bytes:
    """Semicolon-separated with a BOM: Dutch Excel opens it with the right columns and characters."""
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(cellen.rij(kolommen()))
    schrijver.writerows(cellen.rij(r) for r in rijen(productie))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def als_xlsx(productie: Productie) -> bytes:
    boek = Workbook(write_only=True)
    titel = _("Productie %(p)s") % {"p": productie.periode}
    blad = boek.create_sheet(titel[:31])  # Excel's limit for a sheet name
    blad.append(cellen.rij(kolommen()))
    for rij in rijen(productie):
        blad.append(cellen.rij(rij))
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()
