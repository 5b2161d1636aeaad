"""The seeded task types per department (TAK-1); functional managers maintain them in the admin."""

TYPES = [
    # code, naam, afdeling, subtype, deadline_uren, prioriteit
    ("AB-BENADERING", "Benaderingsgesprek", "AB", "benadering", 48, 1),
    ("AB-MONITOR", "Monitor", "AB", "monitor", None, 2),
    ("AD-INTAKE", "Intake", "AD", "intake", None, 2),
    ("AD-ONDERSTEUNING", "Ondersteuningsgesprek", "AD", "ondersteuningsgesprek", None, 2),
    ("AD-MONITOR", "Monitor", "AD", "monitor", None, 2),
    ("JD-INTAKE", "Juridische intake", "JD", "intake", None, 2),
    ("JD-ZSM", "ZSM-benadering", "JD", "benadering", None, 1),
    ("CMA-AANMELDING", "Aanmelding casemanagement", "CMA", "intake", None, 1),
    ("CM-BEGELEIDING", "Casemanagement", "CM", "ondersteuningsgesprek", None, 2),
    ("LOT-CONTACT", "Lotgenotencontact", "LOT", "overig", None, 3),
    ("CAI-TERUGBEL", "Terugbelverzoek", "CAI", "terugbelverzoek", None, 2),
    ("AO-PIKET", "Piketinzet", "AO", "overig", 2, 1),
    ("NDF-CONTACT", "Namens de Familie", "NDF", "overig", None, 2),
    ("JDADMIN-TERUGBEL", "Terugbelverzoek JD-Admin", "JDADMIN", "terugbelverzoek", None, 2),
]


def taaktypen_laden(TaakType) -> None:
    for code, naam, afdeling, subtype, uren, prioriteit in TYPES:
        TaakType.objects.get_or_create(
            code=code,
            defaults={
                "naam": naam,
                "afdeling": afdeling,
                "subtype": subtype,
                "deadline_uren": uren,
                "standaard_prioriteit": prioriteit,
            },
        )
