"""Word lists for generated people and places. Frequencies follow the Dutch name registers roughly: a
head of common surnames (with their particles split off as CRIS stores them), names of families of
Turkish, Moroccan, Surinamese and other origin with their diacritics, and a long synthetic tail so that
a surname search is as selective as in the real register."""

# fmt: off
# (tussenvoegsel, achternaam, relative weight)
ACHTERNAMEN = [
    ("de", "Jong", 86), ("", "Jansen", 74), ("de", "Vries", 72), ("van den", "Berg", 61), ("van", "Dijk", 58),
    ("", "Bakker", 57), ("", "Janssen", 56), ("", "Visser", 51), ("", "Smit", 48), ("", "Meijer", 46),
    ("de", "Boer", 43), ("", "Mulder", 42), ("de", "Groot", 41), ("", "Bos", 40), ("", "Vos", 38),
    ("", "Peters", 37), ("", "Hendriks", 36), ("van", "Leeuwen", 35), ("", "Dekker", 34), ("", "Brouwer", 33),
    ("de", "Wit", 32), ("", "Dijkstra", 32), ("", "Smits", 31), ("de", "Graaf", 30), ("van der", "Meer", 30),
    ("van der", "Linden", 29), ("", "Kok", 29), ("", "Jacobs", 28), ("de", "Haan", 28), ("", "Vermeulen", 27),
    ("van den", "Heuvel", 27), ("van der", "Veen", 26), ("van den", "Broek", 26), ("de", "Bruijn", 25),
    ("de", "Bruin", 25), ("van der", "Heijden", 25), ("", "Schouten", 24), ("van", "Beek", 24),
    ("", "Willems", 24), ("van", "Vliet", 23), ("van de", "Ven", 23), ("", "Hoekstra", 23), ("", "Maas", 22),
    ("", "Verhoeven", 22), ("", "Koster", 22), ("van", "Dam", 21), ("van der", "Wal", 21), ("", "Prins", 21),
    ("", "Blom", 20), ("", "Huisman", 20), ("", "Peeters", 20), ("de", "Jonge", 19), ("", "Kuipers", 19),
    ("van", "Veen", 19), ("", "Post", 19), ("", "Kuiper", 18), ("", "Veenstra", 18), ("", "Kramer", 18),
    ("van den", "Brink", 18), ("", "Scholten", 17), ("van", "Wijk", 17), ("", "Postma", 17), ("", "Martens", 17),
    ("", "Vink", 16), ("de", "Ruiter", 16), ("", "Timmermans", 16), ("", "Groen", 16), ("", "Gerritsen", 16),
    ("", "Jonker", 15), ("van", "Loon", 15), ("", "Boersma", 15), ("van der", "Velde", 15), ("", "Willemsen", 15),
    ("", "Evers", 14), ("van", "Rijn", 14), ("", "Dijkman", 14), ("", "Sanders", 14), ("van der", "Laan", 14),
    ("", "Hermans", 13), ("", "Schipper", 13), ("", "Verbeek", 13), ("", "Koning", 13), ("", "Wouters", 13),
    ("van", "Doorn", 12), ("", "Lammers", 12), ("", "Kroon", 12), ("", "Bosch", 12), ("", "Zwart", 12),
    ("", "Müller", 6), ("", "Muller", 6), ("", "Schmidt", 5), ("", "Wagner", 4), ("", "Kowalski", 5),
    ("", "Nowak", 5), ("", "Wiśniewski", 3), ("", "Yılmaz", 14), ("", "Yilmaz", 8), ("", "Kaya", 10),
    ("", "Demir", 10), ("", "Şahin", 8), ("", "Çelik", 8), ("", "Öztürk", 8), ("", "Aydın", 7), ("", "Arslan", 6),
    ("", "Doğan", 6), ("", "Koç", 5), ("", "Kılıç", 5), ("El", "Amrani", 8), ("", "Bouzid", 7),
    ("El", "Idrissi", 6), ("", "Ait Ouali", 4), ("", "Benali", 6), ("", "Bakkali", 7), ("", "Haddou", 5),
    ("El", "Khatib", 4), ("", "Mohamed", 12), ("", "Ahmadi", 6), ("", "Hosseini", 4), ("", "Nguyen", 6),
    ("", "Tran", 4), ("", "Pinas", 4), ("", "Sewdien", 3), ("", "Ramdin", 3), ("", "Biharie", 3),
    ("", "Kartosen", 2), ("", "Lie", 3), ("", "Tjon", 3), ("", "Martina", 4), ("", "Rosario", 3),
    ("dos", "Santos", 4), ("da", "Silva", 5), ("", "Rodrigues", 4), ("", "García", 4), ("", "Fernández", 3),
    ("", "Rossi", 3), ("", "Haile", 3), ("", "Tesfaye", 3), ("", "Osman", 4), ("", "Abdi", 4),
    ("", "Hassan", 5), ("", "Ibrahim", 5), ("", "Al-Hassan", 3), ("", "Kovačević", 2), ("", "Popescu", 3),
]

# Morphemes for the long tail: "Ver" + "hoef" + "en" → Verhoefen, "Kort" + "land" → Kortland.
STAM_BEGIN = [
    "Ver", "Over", "Hoog", "Laag", "Kort", "Lang", "Groot", "Klein", "Wester", "Ooster", "Noorder", "Zuider",
    "Brand", "Steen", "Berg", "Bosch", "Dijk", "Hof", "Kamp", "Veld", "Wind", "Water", "Mole", "Kerk", "Burg",
    "Zand", "Rood", "Wit", "Zwart", "Geel", "Blank", "Heer", "Hage", "Ruis", "Beuk", "Eik", "Linde", "Haver",
    "Tarwe", "Rogge", "Vlas", "Hennep", "Raven", "Valk", "Zwaan", "Hazel", "Dorre", "Bloem", "Roze", "Appel",
]
STAM_EIND = [
    "hoef", "man", "mans", "land", "kamp", "veld", "berg", "brink", "dijk", "hout", "horst", "beek", "broek",
    "meer", "stra", "sma", "inga", "ing", "ink", "ers", "ens", "sen", "ma", "boom", "huis", "wijk", "dam",
    "graaf", "kate", "stede", "weg", "hart", "mond", "voort", "rijk", "molen", "poort", "slag", "water",
]
STAM_STAART = ["", "", "", "", "s", "en", "er", "e", "ink"]
TAIL_TUSSENVOEGSELS = ["", "", "", "", "", "", "van", "van de", "van der", "de", "ter", "te", "van den", "ten"]

VOORNAMEN_M = [
    "Daan", "Sem", "Lucas", "Levi", "Finn", "Milan", "Noah", "Jesse", "Bram", "Thijs", "Luuk", "Ruben", "Tim",
    "Lars", "Stijn", "Jan", "Piet", "Kees", "Henk", "Gerrit", "Willem", "Hendrik", "Johannes", "Cornelis",
    "Pieter", "Jeroen", "Mark", "Sander", "Dennis", "Martijn", "Mohamed", "Ahmed", "Yusuf", "Mehmet", "Ali",
    "Mustafa", "Omar", "Hamza", "Ibrahim", "Emre", "Burak", "Jayden", "Kevin", "Rachid", "Said", "Karim",
    "Ricardo", "Stefan", "Tomasz", "Piotr", "Andrei", "Dmitri", "Thanh", "Wei", "Raj", "Dev", "Kofi", "Abel",
]
VOORNAMEN_V = [
    "Emma", "Julia", "Mila", "Tess", "Sophie", "Zoë", "Sara", "Nora", "Eva", "Anna", "Lotte", "Noor", "Fleur",
    "Sanne", "Lisa", "Iris", "Anouk", "Femke", "Maria", "Johanna", "Cornelia", "Wilhelmina", "Geertje", "Ria",
    "Ingrid", "Marieke", "Esther", "Petra", "Fatima", "Aïcha", "Khadija", "Yasmina", "Elif", "Zeynep",
    "Ayşe", "Büşra", "Meryem", "Samira", "Nadia", "Shanti", "Priya", "Chantal", "Shirley", "Kimberley",
    "Agnieszka", "Katarzyna", "Ioana", "Olena", "Linh", "Mei", "Amina", "Hanna", "Chloé", "Renée", "Inès",
]

STRATEN = [
    "Kerkstraat", "Dorpsstraat", "Schoolstraat", "Molenstraat", "Molenweg", "Stationsweg", "Nieuwstraat",
    "Julianastraat", "Wilhelminastraat", "Beatrixstraat", "Kastanjelaan", "Eikenlaan", "Beukenlaan",
    "Lindelaan", "Sportlaan", "Parallelweg", "Industrieweg", "Markt", "Havenstraat", "Emmastraat",
    "Oranjestraat", "Prins Bernhardstraat", "Marktstraat", "Hoofdstraat", "Burgemeester de Withstraat",
    "Van Goghstraat", "Rembrandtlaan", "Vondelstraat", "Spoorstraat", "Tuinstraat", "Zuiderweg",
    "Noorderweg", "Populierenlaan", "Irisstraat", "Rozenstraat", "Tulpstraat", "Merelstraat", "Lijsterlaan",
    "Zwanenveld", "Koningin Julianaplein", "Westersingel", "Oostersingel", "Achterweg", "Kanaalweg",
]

# District code → towns (woonplaatsen) in it, the first ones the largest.
PLAATSEN = {
    "NN": ["Groningen", "Leeuwarden", "Assen", "Emmen", "Drachten", "Sneek", "Hoogeveen", "Heerenveen", "Delfzijl"],
    "OV": ["Enschede", "Zwolle", "Deventer", "Hengelo", "Almelo", "Kampen", "Oldenzaal", "Raalte"],
    "GL": ["Nijmegen", "Arnhem", "Apeldoorn", "Ede", "Doetinchem", "Harderwijk", "Zutphen", "Tiel", "Wageningen"],
    "MN": ["Utrecht", "Amersfoort", "Almere", "Lelystad", "Nieuwegein", "Zeist", "Veenendaal", "Houten"],
    "NH": ["Haarlem", "Zaandam", "Alkmaar", "Hilversum", "Hoorn", "Den Helder", "Purmerend", "Heerhugowaard"],
    "AA": ["Amsterdam", "Amstelveen", "Diemen", "Ouder-Amstel", "Uithoorn", "Aalsmeer"],
    "DH": ["Den Haag", "Leiden", "Zoetermeer", "Delft", "Alphen aan den Rijn", "Westland", "Rijswijk"],
    "RR": ["Rotterdam", "Dordrecht", "Schiedam", "Vlaardingen", "Spijkenisse", "Capelle aan den IJssel", "Gouda"],
    "ZWB": ["Breda", "Tilburg", "Middelburg", "Vlissingen", "Roosendaal", "Bergen op Zoom", "Goes", "Terneuzen"],
    "OB": ["Eindhoven", "'s-Hertogenbosch", "Helmond", "Oss", "Veldhoven", "Uden", "Boxtel"],
    "LB": ["Maastricht", "Venlo", "Heerlen", "Sittard", "Roermond", "Weert", "Kerkrade", "Geleen"],
}

# code, omschrijving, weight, human support (vs. an online offer only)
DELICTEN = [
    ("MISH", "Mishandeling", 22),
    ("BEDR", "Bedreiging", 14),
    ("INBR", "Woninginbraak", 12),
    ("DIEF", "Diefstal", 9),
    ("ZAKB", "Zakkenrollerij", 4),
    ("OVER", "Overval", 3),
    ("STRA", "Straatroof", 3),
    ("HUGW", "Huiselijk geweld", 9),
    ("ZEDE", "Zedendelict", 4),
    ("STLK", "Stalking", 3),
    ("VERK", "Verkeersongeval met letsel", 6),
    ("OPLI", "Oplichting", 5),
    ("VERN", "Vernieling", 3),
    ("DOOD", "Levensdelict", 1),
    ("DISC", "Discriminatie", 2),
]

EENHEDEN = ["0100", "0200", "0300", "0400", "0500", "0600", "0700", "0800", "0900", "1000"]

KWETSBAARHEDEN = ["LVB", "ouderen", "taalbarriere", "psychisch", "verslaving", "minderjarig"]

VERSLAG_ZINNEN = [
    "Cliënt telefonisch gesproken over de gebeurtenis en de gevolgen daarvan.",
    "Cliënt gaf aan nog veel last te hebben van slapeloosheid sinds het incident.",
    "Uitleg gegeven over de mogelijkheden van emotionele ondersteuning.",
    "Informatie gegeven over het strafproces en het recht op schadevergoeding.",
    "Afgesproken dat ik volgende week opnieuw contact opneem.",
    "Cliënt wil graag hulp bij het invullen van het formulier van het Schadefonds.",
    "Voicemail ingesproken met het verzoek terug te bellen.",
    "Geen gehoor; later opnieuw proberen.",
    "Cliënt heeft voldoende steun uit de eigen omgeving en ziet geen verdere hulp nodig.",
    "Doorverwezen naar de huisarts voor verdere begeleiding.",
    "Cliënt is bang voor herhaling en vroeg naar mogelijkheden van beveiliging.",
    "Samen met cliënt de vragen voor het gesprek met de officier van justitie voorbereid.",
    "Brief over de zittingsdatum besproken; cliënt overweegt spreekrecht.",
    "Cliënt wil geen verdere hulp; dossier kan na afronding worden gesloten.",
    "Contact met de wijkagent gehad over de veiligheidssituatie.",
]
# fmt: on
