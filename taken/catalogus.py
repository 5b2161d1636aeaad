"""The seeded task types per department (TAK-1) and the follow-up matrix (TAK-3); functional managers
maintain both in the admin afterwards."""

TYPES = [
    # code, naam, afdeling, subtype, deadline_uren, prioriteit
    ("AB-BENADERING", "Benaderingsgesprek", "AB", "benadering", 48, 1),
    ("AB-MONITOR", "Monitor", "AB", "monitor", None, 2),
    ("AD-INTAKE", "Intake", "AD", "intake", None, 2),
    ("AD-ONDERSTEUNING", "Ondersteuningsgesprek", "AD", "ondersteuningsgesprek", None, 2),
    ("AD-AFSPRAAK", "Afspraak op locatie", "AD", "afspraak", None, 2),
    ("AD-MONITOR", "Monitor", "AD", "monitor", None, 2),
    ("AD-LOTGENOTENGROEP", "Lotgenotengroep", "AD", "overig", None, 3),
    ("AD-DOORVERWIJZEN", "Doorverwijzen extern", "AD", "overig", None, 2),
    ("JD-INTAKE", "Juridische intake", "JD", "intake", None, 2),
    ("JD-ZSM", "ZSM-benadering", "JD", "benadering", None, 1),
    ("JD-AFSPRAAK", "Juridisch spreekuur", "JD", "afspraak", None, 2),
    ("CMA-AANMELDING", "Aanmelding casemanagement", "CMA", "intake", None, 1),
    ("CM-BEGELEIDING", "Casemanagement", "CM", "ondersteuningsgesprek", None, 2),
    ("LOT-CONTACT", "Lotgenotencontact", "LOT", "overig", None, 3),
    ("CAI-TERUGBEL", "Terugbelverzoek", "CAI", "terugbelverzoek", None, 2),
    ("CAI-INKOMEND", "Inkomend contact", "CAI", "overig", None, 2),
    ("CAI-ADVIES", "Advieslijn professionals", "CAI", "overig", None, 2),
    ("AO-PIKET", "Piketinzet", "AO", "overig", 2, 1),
    ("NDF-CONTACT", "Namens de Familie", "NDF", "overig", None, 2),
    ("JDADMIN-TERUGBEL", "Terugbelverzoek JD-Admin", "JDADMIN", "terugbelverzoek", None, 2),
]

# TAK-3: from which werkstroom (department) which departments' tasks may be created. A department listed
# here may create every task type of the target department, except monitors, which a department only
# creates for itself (AB and AD).
VERVOLG = {
    "ADMIN": ["AB", "AD", "JD", "CMA", "LOT"],
    "JDADMIN": ["JD", "AD", "CMA", "LOT"],
    "AB": ["AD", "CMA", "JD"],
    "AO": ["AD", "LOT", "CMA"],
    "CAI": ["AD", "AO", "JDADMIN", "LOT", "NDF"],
    "CM": ["CMA", "AD", "JDADMIN"],
    "AD": ["CAI", "LOT", "CMA", "JDADMIN"],
    "JD": ["CAI", "AD"],
}
EIGEN_MONITOR = {"AB": "AB-MONITOR", "AD": "AD-MONITOR"}


def taaktypen_laden(TaakType) -> None:
    """Idempotent; also loads the follow-up matrix the first time (works with historical models too)."""
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
    try:
        Vervolgregel = TaakType._meta.apps.get_model("taken", "Vervolgregel")
    except LookupError:  # an early migration, before the matrix existed
        return
    if Vervolgregel.objects.exists():
        return  # the matrix is the functional managers' once loaded
    regels = []
    for van, naar in VERVOLG.items():
        for taaktype in TaakType.objects.filter(afdeling__in=naar).exclude(subtype="monitor"):
            regels.append(Vervolgregel(van_afdeling=van, taaktype=taaktype))
    for van, code in EIGEN_MONITOR.items():
        regels.append(Vervolgregel(van_afdeling=van, taaktype=TaakType.objects.get(code=code)))
    Vervolgregel.objects.bulk_create(regels, ignore_conflicts=True)
