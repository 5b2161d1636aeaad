"""The client finder with duplicate check (AAN-5), used at manual entry and at review.

Finds an existing client by BSN, by name + birth date, or by address (postcode + house number), tolerant of
typos, diacritics, Dutch particles and transposed name parts (casus.namen). The database does equality on
indexed columns only — BSN, birth date, the phonetic surname key, postcode + house number — to fetch a
bounded set of candidates; Python ranks them. At 1.2 M clients a birth date holds some 40 people, so the
candidates per search stay in the hundreds at most.

Each hit carries what intake may know of a client whose cases it cannot see: how many cases are open and
closed, and which teams hold the open ones — no case content. ``zichtbaar`` says whether the user may open
the client card.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, NamedTuple

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Collate, Upper
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from casus import namen
from casus.access import casussen_zichtbaar_voor
from casus.models import Adres, Client
from casus.selectors import casustellingen, normaliseer_postcode

KANDIDATEN_MAX = 1000  # candidates fetched per search: a birth date, a sound-alike name near it
# Issue 24: a surname alone, only in the finder tied to the work at hand (``zoeken_bij_werk``).
ACHTERNAAM_MAX = 20  # hits shown, best first
ACHTERNAAM_KANDIDATEN = 500  # namesakes ranked in Python; beyond this, narrowed by postcode or first name
VELDEN = ("id", "voorletters", "voornamen", "tussenvoegsel", "achternaam", "geboortedatum", "bsn")


class _Rij(NamedTuple):
    """A client as the finder reads it to rank (VELDEN, one tuple): the hundreds of namesakes or birth-date
    matches are scored from these; only the few shown become Client instances (``_als_client``)."""

    id: int
    voorletters: str
    voornamen: str
    tussenvoegsel: str
    achternaam: str
    geboortedatum: date | None
    bsn: str

    @property
    def pk(self) -> int:
        return self.id


def _rijen(queryset) -> list[_Rij]:
    return [_Rij(*r) for r in queryset.values_list(*VELDEN)]


def _als_client(rij: _Rij) -> Client:
    """The shown candidate as the deferred instance ``only(*VELDEN)`` made before."""
    return Client.from_db(None, VELDEN, rij)


@dataclass
class Kandidaat:
    """A possible existing client: identification, why it was found, and whether cases exist."""

    client: Client
    reden: str = ""
    open_casussen: int = 0
    gesloten_casussen: int = 0
    teams: list[str] = field(default_factory=list)
    score: float = 0.0
    zichtbaar: bool = False

    @property
    def sterk(self) -> bool:
        """Certain enough to be the default choice: the same BSN, or the same name and birth date."""
        return self.score >= STERK


STERK = 70.0  # 40 for the same surname + 30 for the same birth date; a BSN alone scores 100
AANGEBODEN = "clientzoeker_aangeboden"  # session key: the clients the finder offered this user
AANGEBODEN_MAX = 100


def aangeboden_onthouden(session, kandidaten: list[Kandidaat]) -> None:
    """Remember in the user's session which clients the finder offered for the work at hand (the referral
    being entered or reviewed), newest last, bounded. Comparing clients for a merge is limited to these
    (issue 21 item 2): a client number typed into a URL shows nothing."""
    if not kandidaten:
        return
    nieuw = [k.client.pk for k in kandidaten]
    eerder = [pk for pk in session.get(AANGEBODEN, []) if pk not in nieuw]
    session[AANGEBODEN] = (eerder + nieuw)[-AANGEBODEN_MAX:]


def aangeboden(session) -> set[int]:
    """The clients the finder offered in this session (``aangeboden_onthouden``)."""
    return set(session.get(AANGEBODEN, []))


def standaard_keuze(kandidaten: list[Kandidaat], voorgesteld_id: int | None) -> str:
    """The client preselected at review (issue 24): the one proposed at entry while the finder still returns it,
    else the single strong match, else a new client. Two strong matches: the reviewer decides."""
    ids = {k.client.pk for k in kandidaten}
    if voorgesteld_id in ids:
        return str(voorgesteld_id)
    sterk = [k for k in kandidaten if k.sterk]
    return str(sterk[0].client.pk) if len(sterk) == 1 else "nieuw"


def datum_score(gezocht: date | None, gevonden: date | None) -> float:
    """1 the same date; 0.8 day and month swapped; 0.5 one of day, month or year different; else 0."""
    if gezocht is None or gevonden is None:
        return 0.0
    if gezocht == gevonden:
        return 1.0
    if (gezocht.day, gezocht.month, gezocht.year) == (gevonden.month, gevonden.day, gevonden.year):
        return 0.8
    verschillen = sum(a != b for a, b in zip(_delen(gezocht), _delen(gevonden), strict=True))
    return 0.5 if verschillen == 1 else 0.0


def _delen(d: date) -> tuple[int, int, int]:
    return d.day, d.month, d.year


def _verwisseld(d: date) -> date | None:
    try:
        return date(d.year, d.day, d.month) if d.day != d.month else None
    except ValueError:
        return None


def _naam_score(achternaam: str, voornamen: str, client: _Rij) -> tuple[float, bool]:
    """The surname's likeness, also when first and last name were entered the other way round."""
    direct = namen.naam_score(achternaam, client.achternaam)
    if direct or not voornamen:
        return direct, False
    eerste_voornaam = (client.voornamen or "").split(" ")[0]
    omgekeerd = min(namen.naam_score(achternaam, eerste_voornaam), namen.naam_score(voornamen, client.achternaam))
    return omgekeerd * 0.8, omgekeerd > 0


@dataclass
class Zoekuitkomst:
    """What the finder at the work at hand found, and in words why it found nothing (or not everything)."""

    kandidaten: list[Kandidaat]
    melding: str = ""


def zoeken_bij_werk(*, user=None, **criteria: Any) -> Zoekuitkomst:
    """Issue 24: the finder tied to the work at hand (a referral being entered or reviewed, a CAI call). As
    ``clienten_zoeken`` (the same criteria), and also on a surname alone: at most ACHTERNAAM_MAX clients of
    that surname (sound-alike, diacritics and particles folded; "Jansen" finds "Jansen-de Vries"), ranked by
    what else is known (postcode, house number, first name or initials). Never certain: a surname alone never
    makes a strong match. The general search page keeps its stricter rule (zoeken.selectors.Zoekvraag)."""
    kandidaten = clienten_zoeken(user=user, limit=ACHTERNAAM_MAX, tellen=True, op_achternaam=True, **criteria)
    achternaam, geboortedatum = (criteria.get("achternaam") or "").strip(), criteria.get("geboortedatum")
    melding = ""
    if kandidaten.te_veel:
        melding = _(
            "Meer dan %(n)d cliënten met achternaam %(a)s: vul ook de geboortedatum, de voornaam of de postcode in."
        ) % {"n": ACHTERNAAM_KANDIDATEN, "a": achternaam}
    elif not kandidaten:
        melding = geen_treffers(**{k: v for k, v in criteria.items() if k != "voornamen"})
    elif len(kandidaten) == ACHTERNAAM_MAX and achternaam and geboortedatum is None:
        melding = _(
            "De %(n)d best passende cliënten met achternaam %(a)s; vul de geboortedatum in om gerichter te zoeken."
        ) % {"n": ACHTERNAAM_MAX, "a": achternaam}
    return Zoekuitkomst(kandidaten, melding)


def geen_treffers(
    *, bsn: str = "", achternaam: str = "", geboortedatum: date | None = None, postcode: str = "", huisnummer: str = ""
) -> str:
    """Why the finder found nobody, in words that say what to try next."""
    gezocht = []
    if bsn:
        gezocht.append(_("BSN %(b)s") % {"b": bsn})
    if achternaam.strip():
        gezocht.append(_("achternaam %(a)s") % {"a": achternaam.strip()})
    if geboortedatum:
        gezocht.append(_("geboortedatum %(d)s") % {"d": date_format(geboortedatum, "d-m-Y")})
    if postcode and huisnummer:
        gezocht.append(_("adres %(p)s %(h)s") % {"p": postcode, "h": huisnummer})
    if not gezocht:
        return _("Vul een BSN, een achternaam of een postcode met huisnummer in om te zoeken.")
    tip = []
    if achternaam.strip() and not geboortedatum:
        tip.append(_("probeer ook de geboortedatum"))
    elif achternaam.strip():
        tip.append(_("controleer de schrijfwijze en de geboortedatum"))
    if not bsn:
        tip.append(_("zoek op BSN"))
    if not (postcode and huisnummer):
        tip.append(_("zoek op postcode en huisnummer"))
    tekst = _("Geen cliënt gevonden met %(g)s") % {"g": _(" en ").join(gezocht)}
    return f"{tekst}; {', '.join(tip)}." if tip else f"{tekst}."


class Treffers(list):
    """The finder's hits, best first; ``te_veel``: a surname alone had too many namesakes to rank."""

    te_veel = False


def clienten_zoeken(
    *,
    user=None,
    bsn: str = "",
    achternaam: str = "",
    voornamen: str = "",
    geboortedatum: date | None = None,
    postcode: str = "",
    huisnummer: str = "",
    limit: int = 10,
    tellen: bool = True,
    op_achternaam: bool = False,
) -> Treffers:
    """AAN-5: the likely existing clients, best first. ``tellen``: add case counts, teams and visibility
    for ``user`` (one more query for the few hits). ``op_achternaam``: also on a surname alone, only for the
    finder at the work at hand (``zoeken_bij_werk``)."""
    bsn, achternaam, huisnummer = (bsn or "").strip(), (achternaam or "").strip(), (huisnummer or "").strip()
    postcode = normaliseer_postcode(postcode) if postcode else ""
    gevonden: dict[int, _Rij] = {}
    per_bsn: set[int] = set()
    per_adres: set[int] = set()
    per_achternaam: set[int] = set()
    per_postcode: set[int] = set()
    te_veel = False

    if bsn:
        for c in _rijen(Client.objects.filter(bsn=bsn)[:limit]):
            gevonden[c.pk] = c
            per_bsn.add(c.pk)
    if achternaam and geboortedatum:
        datums = [d for d in (geboortedatum, _verwisseld(geboortedatum)) if d]
        fonetisch = namen.naam_fonetisch(achternaam)
        rond = (geboortedatum - timedelta(days=366), geboortedatum + timedelta(days=366))
        sleutels = [fonetisch]
        if voornamen:  # first and last name the other way round
            sleutels.append(namen.naam_fonetisch(voornamen.split(" ")[0]))
        conditie = Q(geboortedatum__in=datums) | Q(naam_fonetisch__in=sleutels, geboortedatum__range=rond)
        for c in _rijen(Client.objects.filter(conditie).order_by("pk")[:KANDIDATEN_MAX]):
            gevonden.setdefault(c.pk, c)
    if postcode and huisnummer:
        adressen = Adres.objects.filter(postcode=postcode, huisnummer=huisnummer).values("client_id")
        for c in _rijen(Client.objects.filter(pk__in=adressen).order_by("pk")[:50]):
            gevonden.setdefault(c.pk, c)
            per_adres.add(c.pk)
    if op_achternaam and achternaam and geboortedatum is None and len(namen.naam_sleutel(achternaam)) >= 2:
        naamgenoten, te_veel = _naamgenoten(achternaam, voornamen, postcode)
        for c in naamgenoten:
            gevonden.setdefault(c.pk, c)
            per_achternaam.add(c.pk)
        if postcode and per_achternaam:
            per_postcode = set(
                Adres.objects.filter(client_id__in=per_achternaam, postcode=postcode).values_list(
                    "client_id", flat=True
                )
            )

    beoordeeld = []
    for rij in gevonden.values():
        uitslag = _beoordelen(
            rij,
            rij.id in per_bsn,
            rij.id in per_adres,
            achternaam,
            voornamen,
            geboortedatum,
            op_achternaam=rij.id in per_achternaam,
            op_postcode=rij.id in per_postcode,
        )
        if uitslag is not None:
            beoordeeld.append((rij, *uitslag))
    beoordeeld.sort(key=lambda b: (-b[2], namen.naam_sleutel(b[0].achternaam), b[0].id))
    kandidaten = [Kandidaat(_als_client(rij), reden=reden, score=score) for rij, reden, score in beoordeeld[:limit]]
    if tellen and kandidaten:
        _tellingen_toevoegen(user, kandidaten)
    treffers = Treffers(kandidaten)
    treffers.te_veel = te_veel
    return treffers


def _naamgenoten(achternaam: str, voornamen: str, postcode: str) -> tuple[list[_Rij], bool]:
    """Clients with this surname: the same phonetic key (client_fonetisch_idx: spelling, diacritics, particles
    folded) or a double-barrelled name starting with it (client_zoeknaam_idx: "Jansen" → "Jansen-de Vries").
    At most ACHTERNAAM_KANDIDATEN, fetched in one bounded query (the planner stops at the limit); with more
    namesakes, only those at the postcode or with the first name or initial, and when still too many, none
    (the second value says so): a common surname alone does not list the register."""
    woorden = [w for w in achternaam.split() if not namen.is_tussenvoegsel(w)] or achternaam.split()
    dubbel = Q(naam_c__startswith=f"{' '.join(woorden).upper()}-") if "-" not in " ".join(woorden) else Q(pk__in=[])
    basis = Client.objects.annotate(naam_c=Collate(Upper("achternaam"), "C")).filter(
        Q(naam_fonetisch=namen.naam_fonetisch(achternaam)) | dubbel
    )
    rijen = _rijen(basis.order_by()[: ACHTERNAAM_KANDIDATEN + 1])
    if len(rijen) <= ACHTERNAAM_KANDIDATEN:
        return rijen, False
    smaller = Q(pk__in=[])
    if postcode:
        smaller |= Q(pk__in=Adres.objects.filter(postcode=postcode).values("client_id"))
    eerste = (voornamen or "").split(" ")[0].strip(".")
    if eerste:
        smaller |= Q(voornamen__istartswith=eerste) | Q(voorletters__istartswith=eerste[0])
    if not (postcode or eerste):
        return [], True
    rijen = _rijen(basis.filter(smaller).order_by()[: ACHTERNAAM_KANDIDATEN + 1])
    if len(rijen) > ACHTERNAAM_KANDIDATEN:
        return [], True
    return rijen, False


def _beoordelen(
    client: _Rij,
    op_bsn: bool,
    op_adres: bool,
    achternaam: str,
    voornamen: str,
    geboortedatum: date | None,
    *,
    op_achternaam: bool = False,
    op_postcode: bool = False,
) -> tuple[str, float] | None:
    """Score one candidate (why it was found, its score); None when it is not a plausible match (a near
    miss). A surname alone (issue 24) scores at most 20 + 15 for the postcode + 10 for the first name: never a
    strong match (STERK)."""
    score, redenen = 0.0, []
    naam, omgekeerd = _naam_score(achternaam, voornamen, client) if achternaam else (0.0, False)
    datum = datum_score(geboortedatum, client.geboortedatum)
    if op_bsn:
        score += 100
        redenen.append(_("BSN"))
    if naam and datum:
        score += 40 * naam + 30 * datum
        if omgekeerd:
            redenen.append(_("naam (voor- en achternaam omgedraaid) en geboortedatum"))
        elif naam == 1.0 and datum == 1.0:
            redenen.append(_("naam en geboortedatum"))
        else:
            redenen.append(_("gelijkende naam en geboortedatum"))
    if op_adres:
        score += 25 + 20 * naam
        redenen.append(_("adres en naam") if naam else _("adres"))
    elif op_achternaam and naam and not redenen:
        score += 20 * naam + (15 if op_postcode else 0)
        redenen.append(_("achternaam en postcode") if op_postcode else _("alleen achternaam"))
    if not redenen:
        return None
    if voornamen:
        past = namen.voornaam_past(voornamen, client.voornamen, client.voorletters)
        score += {True: 10, False: -15, None: 0}[past]
    return ", ".join(redenen), round(score, 1)


def _tellingen_toevoegen(user, kandidaten: list[Kandidaat]) -> None:
    """Open and closed cases, the teams holding the open ones, and whether the user may open the client:
    one query for the few hits."""
    annotaties = casustellingen()
    if user is not None:
        annotaties["zichtbaar"] = Exists(casussen_zichtbaar_voor(user).filter(client=OuterRef("pk")))
    rijen = {
        r["pk"]: r
        for r in Client.objects.filter(pk__in=[k.client.pk for k in kandidaten])
        .annotate(**annotaties)
        .values("pk", *annotaties)
    }
    for kandidaat in kandidaten:
        rij = rijen[kandidaat.client.pk]
        kandidaat.open_casussen, kandidaat.gesloten_casussen = rij["open_n"], rij["dicht_n"]
        kandidaat.teams = sorted(rij["team_namen"])
        kandidaat.zichtbaar = bool(rij.get("zichtbaar"))
