"""Name keys for the client finder (AAN-5): computed in Python, stored in indexed columns on Client, so the
database needs no extensions (no pg_trgm, no fuzzystrmatch).

Two keys per surname:

- ``naam_sleutel``: the surname normalised — diacritics removed (also the Turkish dotless ı), lower case,
  particles dropped (van, de, van der, 't ...), "Berg, van der" read as "van der Berg", the remaining parts
  of a double name sorted so "Jansen-de Vries" and "de Vries-Jansen" agree.
- ``naam_fonetisch``: a Dutch-tuned phonetic reduction of that key: ij/y/ei → one sound, ch/g, ph/f, c/k/s,
  dt/d/t at the end, z/s, v/f, old spellings (ae, uy, gh), double letters collapsed.

``naam_score`` compares two surnames for ranking: 1.0 when the keys are equal, less by edit distance
(Damerau-Levenshtein, so a swapped pair of letters is one typo), 0 for a different name. The thresholds are
strict enough that a different person (Jansen/Hansen, Mulder/Muller, Berg/Bergman) does not match.
"""

from __future__ import annotations

import re
import unicodedata

from cris.caches import process_cache


def weergavenaam(voornamen: str, voorletters: str, tussenvoegsel: str, achternaam: str) -> str:
    """How a person's name is shown: first names (or initials), particles, surname ("Marloes van der Berg")."""
    return " ".join(p for p in (voornamen or voorletters, tussenvoegsel, achternaam) if p)


TUSSENVOEGSELS = frozenset(
    {
        "van", "de", "den", "der", "het", "ter", "ten", "te", "in", "t", "op", "aan", "bij", "uit", "onder",
        "over", "voor", "el", "al", "da", "das", "dos", "do", "du", "di", "le", "la", "les", "von", "zu", "zum",
        "vom", "d", "l", "s", "lo", "del", "della", "af", "y",
        # abbreviated particles as typed: "v.d. Berg", "vd Berg", "v/d Berg", "v. Dijk", "vdr Linden"
        "v", "vd", "vdr", "vdn",
    }
)  # fmt: skip
# A surname written as one word with its particles (Flemish style): "Vandenberg" is "van den Berg".
_VOORVOEGSELS = ("vander", "vanden", "vande")
# Letters NFKD does not decompose.
_LETTERS = str.maketrans(
    {"ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ĳ": "ij"}
)
_NIET_LETTER = re.compile(r"[^a-z]+")

# Phonetic rewrite rules, applied in this order to one normalised word.
_REGELS = [
    (re.compile(r"^sch"), "s"),  # Schmidt/Smit, Schouten
    (re.compile(r"sch"), "s"),
    (re.compile(r"uy"), "ui"),  # old spelling: Huysman/Huisman
    (re.compile(r"ae"), "a"),  # old spelling: Baerends/Barends
    (re.compile(r"ue(?=[^aeiou]|$)"), "u"),  # Mueller/Müller
    (re.compile(r"eij|ij|ei|ey|y"), "Y"),  # Rijn/Reijn/Rein/Ryn, Meyer/Meijer
    (re.compile(r"ie"), "i"),
    (re.compile(r"ou|au"), "A"),  # Paulussen/Poulussen
    (re.compile(r"ph"), "f"),
    (re.compile(r"th"), "t"),
    (re.compile(r"gh"), "g"),
    (re.compile(r"ch"), "g"),  # Dutch ch and g sound alike
    (re.compile(r"ck"), "k"),
    (re.compile(r"qu"), "kw"),
    (re.compile(r"q"), "k"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"c(?=[eiY])"), "s"),
    (re.compile(r"c"), "k"),
    (re.compile(r"z"), "s"),
    (re.compile(r"v"), "f"),
    (re.compile(r"dt$|d$"), "t"),  # Smid/Smit, Brand/Brandt
    (re.compile(r"(?<=[^aeiouAY])h"), ""),  # h after a consonant is silent
    (re.compile(r"(.)\1+"), r"\1"),  # double letters: Janssen/Jansen, Bakker/Baker
]


def ascii_letters(tekst: str) -> str:
    """Lower case, diacritics removed ('Müller' → 'muller', 'Yılmaz' → 'yilmaz'); other characters kept."""
    tekst = (tekst or "").lower().translate(_LETTERS)
    return "".join(c for c in unicodedata.normalize("NFKD", tekst) if not unicodedata.combining(c))


def is_tussenvoegsel(woord: str) -> bool:
    """Whether one word of a name is a particle ("van", "'t", "Der"): the one list, ``TUSSENVOEGSELS``, for the
    name keys here and for reading a typed name in search (zoeken); tests/test_regels.py proves they agree."""
    return _NIET_LETTER.sub("", ascii_letters(woord)) in TUSSENVOEGSELS


def naamdelen(achternaam: str) -> list[str]:
    """The parts of a surname that identify it: no particles, no punctuation, sorted.

    'van der Berg', 'Berg, van der', 'Berg' (CRIS keeps the particles apart) → ['berg'];
    'Jansen-de Vries' → ['jansen', 'vries'].
    """
    tekst = ascii_letters(achternaam)
    if "," in tekst:  # "Berg, van der": what follows the comma are particles (or first names): not the surname
        tekst = tekst.partition(",")[0]
    woorden = [w for w in _NIET_LETTER.split(tekst) if w]
    delen = [w for w in woorden if w not in TUSSENVOEGSELS]
    if not delen:  # a surname that is only particles ("Van", "De"): then that is the name
        delen = woorden
    uit = []
    for deel in delen:
        for voorvoegsel in _VOORVOEGSELS:
            if deel.startswith(voorvoegsel) and len(deel) - len(voorvoegsel) >= 3:
                deel = deel[len(voorvoegsel) :]
                break
        uit.append(deel)
    return sorted(uit)


@process_cache(maxsize=200_000)
def _fonetisch_woord(woord: str) -> str:
    for patroon, vervanging in _REGELS:
        woord = patroon.sub(vervanging, woord)
    return woord


@process_cache(maxsize=200_000)
def naam_sleutel(achternaam: str) -> str:
    return " ".join(naamdelen(achternaam))[:200]


@process_cache(maxsize=200_000)
def naam_fonetisch(achternaam: str) -> str:
    return " ".join(sorted(_fonetisch_woord(d) for d in naamdelen(achternaam)))[:200]


def sleutels(achternaam: str) -> dict[str, str]:
    """The stored keys of a client's surname: the one place they are computed (model, generator, backfill).
    The particles (tussenvoegsel) are not part of them: 'van den Berg' is found as 'Berg'."""
    return {"naam_sleutel": naam_sleutel(achternaam or ""), "naam_fonetisch": naam_fonetisch(achternaam or "")}


def afstand(a: str, b: str, grens: int = 3) -> int:
    """Damerau-Levenshtein distance (optimal string alignment): a swapped pair of letters counts once.
    Stops early: anything above ``grens`` is returned as grens + 1."""
    if abs(len(a) - len(b)) > grens:
        return grens + 1
    vorige2: list[int] = []
    vorige = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        rij = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            kosten = 0 if ca == cb else 1
            rij[j] = min(vorige[j] + 1, rij[j - 1] + 1, vorige[j - 1] + kosten)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                rij[j] = min(rij[j], vorige2[j - 2] + 1)
        if min(rij) > grens:
            return grens + 1
        vorige2, vorige = vorige, rij
    return vorige[-1]


def _toegestane_typfouten(lengte: int) -> int:
    """How many typos a surname of this length may carry and still be the same name. Short names allow
    only a swapped pair of letters (see naam_score): Jansen/Hansen and Mulder/Muller are different people."""
    if lengte >= 10:
        return 2
    if lengte >= 7:
        return 1
    return 0


def _is_verwisseling(a: str, b: str) -> bool:
    """Two adjacent letters swapped ('Jnasen' for 'Jansen'), the first letter left alone."""
    if len(a) != len(b) or a == b or a[:1] != b[:1]:
        return False
    verschil = [i for i in range(len(a)) if a[i] != b[i]]
    return len(verschil) == 2 and verschil[1] == verschil[0] + 1 and a[verschil[0]] == b[verschil[1]]


def naam_score(gezocht: str, gevonden: str) -> float:
    """How alike two surnames are, 0..1; 0 means: not the same name.

    1.0 equal keys; 0.9 equal phonetic keys (Jansen/Janssen, Meyer/Meijer); 0.8 one swapped pair of letters;
    0.8 / 0.7 one or two typos in a long enough name (first letter the same).
    """
    a, b = naam_sleutel(gezocht or ""), naam_sleutel(gevonden or "")
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    delen_a, delen_b = set(a.split(" ")), set(b.split(" "))
    if len(delen_a) != len(delen_b) and (delen_a < delen_b or delen_b < delen_a):
        return 0.85  # one part of a double-barrelled name: "Jansen" for "Jansen-de Vries"
    if naam_fonetisch(gezocht or "") == naam_fonetisch(gevonden or ""):
        return 0.9
    if _is_verwisseling(a, b):
        return 0.8
    if a[0] != b[0]:
        return 0.0
    toegestaan = _toegestane_typfouten(min(len(a), len(b)))
    if toegestaan == 0:
        return 0.0
    d = afstand(a, b, grens=toegestaan)
    return 0.0 if d > toegestaan else (0.8 if d == 1 else 0.7)


def voornaam_past(gezocht: str, voornamen: str, voorletters: str = "") -> bool | None:
    """Does the first name given at intake fit the client's? None when either is unknown.

    'Jan' fits 'Jan Willem', 'J.W.' and 'Jahn'; 'Piet' does not fit 'Jan'."""
    gezocht_delen = _NIET_LETTER.split(ascii_letters(gezocht))
    eerste = next((d for d in gezocht_delen if d), "")
    namen = [d for d in _NIET_LETTER.split(ascii_letters(voornamen)) if d]
    letters = [d for d in _NIET_LETTER.split(ascii_letters(voorletters)) if d]
    if not eerste or not (namen or letters):
        return None
    if namen:
        return any(n == eerste or _fonetisch_woord(n) == _fonetisch_woord(eerste) for n in namen) or (
            len(eerste) == 1 and namen[0][0] == eerste
        )
    return letters[0][0] == eerste[0]


def clienten_bijwerken(client_model, *, batch: int = 10_000, using: str = "default") -> int:
    """Backfill: compute the keys of existing clients in batches by id, writing only rows whose keys differ.
    Used by the migration that added them and by ``manage.py naamsleutels_bijwerken``. Returns rows changed."""
    from django.db import connections

    tabel = client_model._meta.db_table
    laatste, gewijzigd = 0, 0
    while True:
        rijen = list(
            client_model.objects.using(using)
            .filter(pk__gt=laatste)
            .order_by("pk")
            .values_list("pk", "achternaam", "naam_sleutel", "naam_fonetisch")[:batch]
        )
        if not rijen:
            return gewijzigd
        laatste = rijen[-1][0]
        ids, sl, fo = [], [], []
        for pk, achternaam, oud_sleutel, oud_fonetisch in rijen:
            nieuw = sleutels(achternaam)
            if (nieuw["naam_sleutel"], nieuw["naam_fonetisch"]) != (oud_sleutel, oud_fonetisch):
                ids.append(pk)
                sl.append(nieuw["naam_sleutel"])
                fo.append(nieuw["naam_fonetisch"])
        if ids:
            with connections[using].cursor() as cursor:
                cursor.execute(
                    f"""UPDATE {tabel} c SET naam_sleutel = v.s, naam_fonetisch = v.f
                        FROM unnest(%s::bigint[], %s::text[], %s::text[]) AS v(id, s, f) WHERE c.id = v.id""",  # noqa: S608 - table name from the model
                    [ids, sl, fo],
                )
            gewijzigd += len(ids)
