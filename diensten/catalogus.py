"""The seeded service catalogue (DIE-1); functional managers maintain it in the admin afterwards."""

SOORTEN = [
    # code, naam, categorie, hoofddienst code
    ("INF", "Informatie en advies", "informerend", None),
    ("INF-STRAFPROCES", "Informatie over het strafproces", "informerend", "INF"),
    ("INF-SCHADE", "Informatie over schadeverhaal", "informerend", "INF"),
    ("INF-GEVOLGEN", "Informatie over emotionele gevolgen", "informerend", "INF"),
    ("INF-DOORVERWIJZING", "Doorverwijzing naar een andere instantie", "informerend", "INF"),
    ("OND-EMOTIONEEL", "Emotionele ondersteuning", "ondersteunend", None),
    ("OND-EMO-GESPREK", "Steungesprekken", "ondersteunend", "OND-EMOTIONEEL"),
    ("OND-EMO-LOTGENOTEN", "Lotgenotencontact", "ondersteunend", "OND-EMOTIONEEL"),
    ("OND-JURIDISCH", "Juridische ondersteuning", "ondersteunend", None),
    ("OND-JUR-SCHADE", "Schadeverhaal en voeging", "ondersteunend", "OND-JURIDISCH"),
    ("OND-JUR-SPREEKRECHT", "Spreekrecht voorbereiden", "ondersteunend", "OND-JURIDISCH"),
    ("OND-JUR-ZITTING", "Begeleiding bij de zitting", "ondersteunend", "OND-JURIDISCH"),
    ("OND-PRAKTISCH", "Praktische ondersteuning", "ondersteunend", None),
    ("OND-PRAKT-VERZEKERING", "Verzekering en herstel", "ondersteunend", "OND-PRAKTISCH"),
    ("OND-PRAKT-INSTANTIES", "Contact met instanties", "ondersteunend", "OND-PRAKTISCH"),
]


def dienstsoorten_laden(DienstSoort) -> None:
    """Idempotent: a soort that exists keeps what functional managers made of it."""
    per_code = {}
    for volgorde, (code, naam, categorie, hoofd) in enumerate(SOORTEN):
        per_code[code], _ = DienstSoort.objects.get_or_create(
            code=code,
            defaults={
                "naam": naam,
                "categorie": categorie,
                "hoofddienst": per_code.get(hoofd) if hoofd else None,
                "volgorde": volgorde * 10,
            },
        )
