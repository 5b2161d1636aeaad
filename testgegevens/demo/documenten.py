"""Demo templates (development only, `manage.py demo`): one letter, one e-mail, one online-offer message."""

from documenten.models import Sjabloon

DEMO_SJABLONEN = [
    {
        "naam": "Bevestiging aanmelding (brief)",
        "soort": "brief",
        "onderwerp": "Uw aanmelding bij {{ organisatie.naam }}",
        "inhoud": "{{ client.aanhef }},\n\n"
        "U bent bij ons aangemeld na {{ casus.delict }}. Wij willen graag met u bespreken wat wij voor u "
        "kunnen doen. Wij bellen u binnenkort; u kunt ook zelf bellen met {{ organisatie.telefoon }}.\n\n"
        "Noemt u dan het nummer {{ casus.nummer }}.",
    },
    {
        "naam": "Bevestiging aanmelding (e-mail)",
        "soort": "email",
        "onderwerp": "Uw aanmelding ({{ casus.nummer }})",
        "inhoud": "{{ client.aanhef }},\n\nWij nemen binnen twee werkdagen contact met u op.\n\n"
        "Met vriendelijke groet,\n{{ afzender.naam }}\n{{ organisatie.naam }}",
    },
    {
        "naam": "Online aanbod fietsdiefstal",
        "soort": "email",
        "doel": "online_aanbod",
        "delict_code": "FIETSDIEFSTAL",
        "onderwerp": "Informatie na uw aangifte",
        "inhoud": "{{ client.aanhef }},\n\nOp {{ organisatie.website }}/fietsdiefstal vindt u informatie en tips "
        "na een fietsdiefstal.",
    },
]


def sjablonen_aanmaken() -> int:
    nieuw = 0
    for velden in DEMO_SJABLONEN:
        sjabloon = Sjabloon(**velden)
        sjabloon.full_clean()
        _, aangemaakt = Sjabloon.objects.get_or_create(naam=velden["naam"], defaults=velden)
        nieuw += aangemaakt
    return nieuw
