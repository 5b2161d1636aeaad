"""The starter delict catalogue (AAN-2, AAN-4, AAN-8), loaded by a data migration. Functional managers keep
it up to date in the admin; codes are those the police (EDP) and prosecution (EDOM) send."""

from __future__ import annotations

MENSELIJK, ONLINE, BUITEN = "menselijk", "online", "buiten"

DELICTEN = [
    # code, naam, categorie, doelgroep
    ("MOORD", "Moord of doodslag", "Levensdelicten", MENSELIJK),
    ("POGING-MOORD", "Poging tot moord of doodslag", "Levensdelicten", MENSELIJK),
    ("DOOD-SCHULD", "Dood door schuld", "Levensdelicten", MENSELIJK),
    ("MISH", "Mishandeling", "Geweld", MENSELIJK),
    ("MISH-ZWAAR", "Zware mishandeling", "Geweld", MENSELIJK),
    ("HUISELIJK-GEWELD", "Huiselijk geweld", "Geweld", MENSELIJK),
    ("KINDERMISHANDELING", "Kindermishandeling", "Geweld", MENSELIJK),
    ("EERGERELATEERD", "Eergerelateerd geweld", "Geweld", MENSELIJK),
    ("BEDREIGING", "Bedreiging", "Geweld", MENSELIJK),
    ("STALKING", "Belaging (stalking)", "Geweld", MENSELIJK),
    ("OVERVAL", "Overval", "Geweld", MENSELIJK),
    ("STRAATROOF", "Straatroof", "Geweld", MENSELIJK),
    ("AFPERSING", "Afpersing", "Geweld", MENSELIJK),
    ("VRIJHEIDSBEROVING", "Vrijheidsberoving of ontvoering", "Geweld", MENSELIJK),
    ("MENSENHANDEL", "Mensenhandel", "Geweld", MENSELIJK),
    ("ZEDEN-VERKRACHTING", "Verkrachting", "Zeden", MENSELIJK),
    ("ZEDEN-AANRANDING", "Aanranding", "Zeden", MENSELIJK),
    ("ZEDEN-ONTUCHT", "Ontucht met minderjarige", "Zeden", MENSELIJK),
    ("ZEDEN-ONLINE", "Online seksueel misbruik (sextortion, shaming)", "Zeden", MENSELIJK),
    ("VERKEER-DOOD", "Verkeersongeval met dodelijke afloop", "Verkeer", MENSELIJK),
    ("VERKEER-LETSEL", "Verkeersongeval met letsel", "Verkeer", MENSELIJK),
    ("VERKEER-DOORRIJDEN", "Doorrijden na ongeval", "Verkeer", MENSELIJK),
    ("WONINGINBRAAK", "Woninginbraak", "Vermogen", MENSELIJK),
    ("DIEFSTAL-GEWELD", "Diefstal met geweld", "Vermogen", MENSELIJK),
    ("OPLICHTING", "Oplichting", "Vermogen", MENSELIJK),
    ("OPLICHTING-ONLINE", "Online oplichting (phishing, webwinkelfraude)", "Vermogen", ONLINE),
    ("IDENTITEITSFRAUDE", "Identiteitsfraude", "Vermogen", ONLINE),
    ("ZAKKENROLLERIJ", "Zakkenrollerij", "Vermogen", ONLINE),
    ("FIETSDIEFSTAL", "Fietsdiefstal", "Vermogen", ONLINE),
    ("AUTO-INBRAAK", "Inbraak in auto", "Vermogen", ONLINE),
    ("DIEFSTAL", "Eenvoudige diefstal", "Vermogen", ONLINE),
    ("VERNIELING", "Vernieling", "Vermogen", ONLINE),
    ("BRANDSTICHTING", "Brandstichting", "Vermogen", MENSELIJK),
    ("DISCRIMINATIE", "Discriminatie", "Overig", MENSELIJK),
    ("CYBERCRIME", "Computervredebreuk (hacking)", "Overig", ONLINE),
    ("BELEDIGING", "Belediging", "Overig", BUITEN),
    ("BURENRUZIE", "Burenruzie zonder strafbaar feit", "Overig", BUITEN),
]


def delicten_laden(Delict) -> None:
    """Idempotent: existing codes keep what functional management made of them."""
    bestaand = set(Delict.objects.values_list("code", flat=True))
    Delict.objects.bulk_create(
        [
            Delict(code=code, naam=naam, categorie=categorie, doelgroep=doelgroep)
            for code, naam, categorie, doelgroep in DELICTEN
            if code not in bestaand
        ]
    )


# Reasons of rejection (AAN-3): name, explanation required.
AFWIJSREDENEN = [
    ("Buiten de doelgroep", False),
    ("Geen toestemming voor contact", False),
    ("Persoon wil geen hulp", False),
    ("Onvoldoende gegevens om contact op te nemen", False),
    ("Al in behandeling bij een andere organisatie", True),
    ("Anders", True),
]


def afwijsredenen_laden(Afwijsreden) -> None:
    """Idempotent, like delicten_laden."""
    bestaand = set(Afwijsreden.objects.values_list("naam", flat=True))
    Afwijsreden.objects.bulk_create(
        [
            Afwijsreden(naam=naam, toelichting_verplicht=verplicht, volgorde=10 * n)
            for n, (naam, verplicht) in enumerate(AFWIJSREDENEN, start=1)
            if naam not in bestaand
        ]
    )
