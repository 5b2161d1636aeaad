"""ZOE-1: one search box over clients, cases, referrals, documents and tasks, by number, name, BSN, birth date, postcode
or PV-nummer. Results hold only what the user may see, filtered in SQL; the system being replaced showed
everything to everyone.

Intake roles (who must not register a known victim twice) also learn of clients they may not see: that a
case exists, open or closed, and which team holds it — never its content (AAN-5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import DateTimeField, ExpressionWrapper, F, Field, Func, OuterRef, Q, Value
from django.db.models.functions import Collate, Upper
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from aanmelding.models import Aanmelding
from aanmelding.selectors import aanmeldingen_zichtbaar_voor
from casus.access import casussen_zichtbaar_voor, client_zichtbaar_voor, zichtbaar_voor, ziet_enige_casus
from casus.models import Adres, Casus, Client
from casus.namen import is_tussenvoegsel
from casus.selectors import normaliseer_postcode
from documenten.models import Document
from taken.models import OPEN_TAAKSTATUSSEN, Taak

PER_PAGINA = 25
# What the page shows of each row, no more: fewer columns to compile, fetch and turn into objects.
CLIENT_VELDEN = ("id", "voorletters", "voornamen", "tussenvoegsel", "achternaam", "geboortedatum")
AANMELDING_VELDEN = ("id", "status", "ontvangen_op", "voorletters", "voornamen", "tussenvoegsel", "achternaam")
CASUS_VELDEN = ("id", "client_id", "status")
TAAK_VELDEN = ("id", "casus_id", "status", "deadline", "type__naam", "team__naam")

# Referrals newest first, in a form no index provides (see zoeken()).
NIEUWSTE_EERST = ExpressionWrapper(F("ontvangen_op") + Value(timedelta(0)), output_field=DateTimeField()).desc()

# CL client, CA casus, AM aanmelding, DO document, TA taak: the prefix and the primary key.
NUMMER = re.compile(r"^(CL|CA|AM|DO|TA)\s*0*(\d{1,12})$", re.IGNORECASE)
BSN = re.compile(r"^\d{8,9}$")
DATUM_NL = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
DATUM_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
POSTCODE = re.compile(r"^(\d{4})\s?([A-Za-z]{2})(?:\s+(\d{1,5}))?$")
PV = re.compile(r"^PL\d{4}-\d{10}$", re.IGNORECASE)
PARKET = re.compile(r"^\d{2}/\d{6}-\d{2}$")


@dataclass(frozen=True)
class Zoekvraag:
    soort: str  # nummer, bsn, geboortedatum, postcode, pv, parket, naam
    label: str | Promise  # translated lazily
    waarde: Any = None
    prefix: str = ""
    nummer: int | None = None
    huisnummer: str = ""
    voornaam: str = ""
    geboortedatum: date | None = None  # a name with a birth date ("Jansen 13-07-1931")

    @property
    def identificerend(self) -> bool:
        """Narrow enough to tell intake that a client it may not see exists: a BSN, or a name with a birth date
        (issue 21 items 3 and 11). A client number, a birth date or an address alone is not: counting up
        numbers or dates would list the register."""
        return self.soort == "bsn" or (self.soort == "naam" and self.geboortedatum is not None)


def ontleden(q: str) -> Zoekvraag | None:
    """What the user typed, recognised by its form. None when it is too short to search on."""
    q = " ".join((q or "").split())
    if len(q) < 2:
        return None
    if m := NUMMER.match(q):
        return Zoekvraag("nummer", _("nummer"), prefix=m.group(1).upper(), nummer=int(m.group(2)))
    if BSN.match(q):
        return Zoekvraag("bsn", _("BSN"), waarde=q.zfill(9))
    if m := DATUM_NL.match(q):
        dag, maand, jaar = (int(x) for x in m.groups())
        return _datum(jaar, maand, dag)
    if m := DATUM_ISO.match(q):
        return _datum(*(int(x) for x in m.groups()))
    if m := POSTCODE.match(q):
        return Zoekvraag(
            "postcode", _("postcode"), waarde=normaliseer_postcode(m.group(1) + m.group(2)), huisnummer=m.group(3) or ""
        )
    if PV.match(q):
        return Zoekvraag("pv", _("PV-nummer"), waarde=q.upper())
    if PARKET.match(q):
        return Zoekvraag("parket", _("parketnummer"), waarde=q)
    geboortedatum = None
    naam, _spatie, laatste = q.rpartition(" ")
    if naam and (m := DATUM_NL.match(laatste) or DATUM_ISO.match(laatste)):
        datum = _datum(*(int(x) for x in (m.groups()[::-1] if m.re is DATUM_NL else m.groups())))
        if datum is not None:
            q, geboortedatum = naam, datum.waarde
    achternaam, voornaam = _naam(q)
    if len(achternaam) < 2:
        return None
    return Zoekvraag("naam", _("naam"), waarde=achternaam, voornaam=voornaam, geboortedatum=geboortedatum)


def _datum(jaar: int, maand: int, dag: int) -> Zoekvraag | None:
    try:
        return Zoekvraag("geboortedatum", _("geboortedatum"), waarde=date(jaar, maand, dag))
    except ValueError:
        return None


def _naam(q: str) -> tuple[str, str]:
    """'Jan van den Berg', 'Berg, van den', 'van den Berg' → ('Berg', 'Jan'|''): the surname without its
    particles (CRIS stores them apart), and a first name if one came before the particles."""
    if "," in q:
        return q.partition(",")[0].strip(), ""
    delen = q.split(" ")
    for i, deel in enumerate(delen):
        if is_tussenvoegsel(deel):
            woorden = [d for d in delen[i:] if not is_tussenvoegsel(d)]
            return " ".join(woorden), " ".join(delen[:i])
    if len(delen) > 1:
        return " ".join(delen[1:]), delen[0]
    return q, ""


@dataclass
class ClientTreffer:
    client: Client
    casussen: list[Casus] = field(default_factory=list)


@dataclass
class Resultaten:
    vraag: Zoekvraag | None
    clienten: list[ClientTreffer] = field(default_factory=list)
    casussen: list[Casus] = field(default_factory=list)
    aanmeldingen: list = field(default_factory=list)
    documenten: list[Document] = field(default_factory=list)
    taken: list = field(default_factory=list)
    # Clients the user may not see that match an identifying question: their ids, for the audit; the page
    # shows only that they exist (issue 21 item 3), the client finder at a referral tells more (AAN-5).
    bekend: list[int] = field(default_factory=list)
    pagina: int = 1
    meer: bool = False

    @property
    def leeg(self) -> bool:
        return not (self.clienten or self.casussen or self.aanmeldingen or self.documenten or self.taken or self.bekend)


_PERSOON = ("nummer", "bsn", "geboortedatum")  # what a client and a referral are both searched on


def _persoon_filter(vraag: Zoekvraag, prefix: str) -> Q | None:
    """A search in _PERSOON: the number (of this kind: ``prefix``), the BSN or the date of birth."""
    if vraag.soort == "nummer":
        return Q(pk=vraag.nummer) if vraag.prefix == prefix else None
    return Q(**{vraag.soort: vraag.waarde})


def _client_filter(vraag: Zoekvraag) -> Q | None:
    if vraag.soort in _PERSOON:
        return _persoon_filter(vraag, "CL")
    if vraag.soort == "postcode":
        adressen = Adres.objects.filter(postcode=vraag.waarde)
        if vraag.huisnummer:
            adressen = adressen.filter(huisnummer=vraag.huisnummer)
        return Q(pk__in=adressen.values("client_id"))  # a subquery, not a join: no duplicates to remove
    if vraag.soort == "naam":
        q = Q(naam_c__startswith=vraag.waarde.upper())
        if vraag.voornaam:
            q &= Q(voornamen__istartswith=vraag.voornaam) | Q(voorletters__istartswith=vraag.voornaam[0])
        if vraag.geboortedatum:
            q &= Q(geboortedatum=vraag.geboortedatum)
        return q
    return None


def _clienten():
    """Clients with the surname as the search index holds it: upper case in byte order (client_naam_idx)."""
    return Client.objects.annotate(naam_c=Collate(Upper("achternaam"), "C"))


def _casus_filter(vraag: Zoekvraag) -> Q | None:
    if vraag.soort == "nummer" and vraag.prefix == "CA":
        return Q(pk=vraag.nummer)
    if vraag.soort == "pv":
        return Q(pv_nummer=vraag.waarde)
    if vraag.soort == "parket":
        return Q(parketnummer=vraag.waarde)
    return None


def _aanmelding_filter(vraag: Zoekvraag) -> Q | None:
    if vraag.soort in _PERSOON:
        return _persoon_filter(vraag, "AM")
    if vraag.soort == "postcode":
        q = Q(postcode=vraag.waarde)
        return q & Q(huisnummer=vraag.huisnummer) if vraag.huisnummer else q
    if vraag.soort == "pv":
        return Q(pv_nummer=vraag.waarde)
    if vraag.soort == "parket":
        return Q(parketnummer=vraag.waarde)
    if vraag.soort == "naam":
        q = Q(achternaam__istartswith=vraag.waarde)
        if vraag.geboortedatum:
            q &= Q(geboortedatum=vraag.geboortedatum)
        return q & Q(voornamen__istartswith=vraag.voornaam) if vraag.voornaam else q
    return None


def zoeken(*, user, q: str, pagina: int = 1, bekend_tonen: bool = False) -> Resultaten:
    """Search for this user. `bekend_tonen`: the user's role needs to know of clients they may not see."""
    vraag = ontleden(q)
    resultaten = Resultaten(vraag=vraag, pagina=max(1, pagina))
    if vraag is None:
        return resultaten
    begin = (resultaten.pagina - 1) * PER_PAGINA

    if (filter_ := _client_filter(vraag)) is not None:
        # The page's ids first, from the index alone for a name (client_zoeknaam_idx holds the names), then
        # those rows: a common surname is not read row by row to check the first name. Whether the user may
        # see any casus at all is asked once first: for someone who may not, thousands of namesakes are not
        # each checked to find nothing.
        pagina_ids = (
            _clienten()
            .filter(filter_)
            .filter(ziet_enige_casus(user), client_zichtbaar_voor(user))
            .order_by("naam_c", "pk")
            .values("pk")[begin : begin + PER_PAGINA + 1]
        )
        # Each client's cases the user may see come along as one array per row: no second query, and the
        # few cases of one client are checked one by one (a separate IN-list query hashed all of the
        # user's permission rows first).
        casussen = ArraySubquery(
            casussen_zichtbaar_voor(user)
            .filter(client=OuterRef("pk"))
            .order_by("-aangemaakt_op")
            .values(paar=Func("id", "status", function="JSON_BUILD_ARRAY", output_field=Field()))
        )
        gevonden = list(
            _clienten()
            .filter(pk__in=pagina_ids)
            .only(*CLIENT_VELDEN)
            .annotate(casus_paren=casussen)
            .order_by("naam_c", "pk")
        )
        resultaten.meer = len(gevonden) > PER_PAGINA
        resultaten.clienten = [
            ClientTreffer(
                c, [Casus.from_db(c._state.db, CASUS_VELDEN, (pk, c.pk, status)) for pk, status in c.casus_paren]
            )
            for c in gevonden[:PER_PAGINA]
        ]
        if bekend_tonen and resultaten.pagina == 1 and vraag.identificerend:
            resultaten.bekend = _bekend(user, filter_)

    if (filter_ := _casus_filter(vraag)) is not None:
        resultaten.casussen = list(
            casussen_zichtbaar_voor(user)
            .filter(filter_)
            .select_related("client")
            .only("id", "client_id", "status", "delict_omschrijving", *(f"client__{v}" for v in CLIENT_VELDEN))
            .order_by("-aangemaakt_op")[:PER_PAGINA]
        )

    if (filter_ := _aanmelding_filter(vraag)) is not None:
        # Ids first, as above: aanmelding_zoeknaam_idx holds what a name search filters, checks access on (with
        # the casus's teams, aanmelding.0016) and sorts on. Access per row, and newest first by an expression of the
        # receipt time rather than the column: PostgreSQL cannot know how many of a surname's referrals this
        # user may see, and given the column it may walk the receipt-date index backwards through tens of
        # thousands of referrals to find 25 (150-550 ms for 'Broek' at production volume, with the user's whole
        # set of visible cases hashed first). Now it reads the surname's candidates from the index alone and
        # keeps the newest 25 (top-N sort).
        zichtbaar = aanmeldingen_zichtbaar_voor(user, met_casus_teams=True)
        pagina_ids = zichtbaar.filter(filter_).order_by(NIEUWSTE_EERST).values("pk")
        resultaten.aanmeldingen = list(
            Aanmelding.objects.filter(pk__in=pagina_ids[:PER_PAGINA]).only(*AANMELDING_VELDEN).order_by("-ontvangen_op")
        )

    if vraag.soort == "nummer" and vraag.prefix == "DO":
        # A number is a primary-key lookup; the document shows only where the user may see its casus.
        resultaten.documenten = list(
            Document.objects.filter(zichtbaar_voor(user, "casus_id"), pk=vraag.nummer).select_related("casus")
        )
    if vraag.soort == "nummer" and vraag.prefix == "TA":
        # The task by its number, whatever its status; only where the user may see its casus.
        resultaten.taken = list(
            Taak.objects.filter(zichtbaar_voor(user, "casus_id"), pk=vraag.nummer)
            .select_related("type", "team")
            .only(*TAAK_VELDEN)
        )
        return resultaten  # nothing else has a TA number

    # Open tasks of the cases found, for a caseworker the usual way in.
    casus_ids = [c.pk for c in resultaten.casussen] + [c.pk for t in resultaten.clienten for c in t.casussen]
    if casus_ids:
        resultaten.taken = list(
            Taak.objects.filter(zichtbaar_voor(user, "casus_id"), casus_id__in=casus_ids, status__in=OPEN_TAAKSTATUSSEN)
            .select_related("type", "team")
            .only(*TAAK_VELDEN)
            .order_by("deadline", "id")[:PER_PAGINA]
        )
    return resultaten


def _bekend(user, filter_: Q, limiet: int = 10) -> list[int]:
    """The ids of matching clients the user may not see (no name, no cases, no teams shown)."""
    return list(
        _clienten()
        .filter(filter_)
        .filter(~client_zichtbaar_voor(user))
        .order_by("pk")
        .values_list("pk", flat=True)[:limiet]
    )


def getoond(resultaten: Resultaten) -> list[tuple[str, int, int | None]]:
    """(object type, id, client id) of everything shown with personal data: each one a read (AUT-3)."""
    rijen = [("casus.client", t.client.pk, t.client.pk) for t in resultaten.clienten]
    rijen += [("casus.client", pk, pk) for pk in resultaten.bekend]
    rijen += [("casus.casus", c.pk, c.client_id) for c in resultaten.casussen]
    rijen += [("aanmelding.aanmelding", a.pk, None) for a in resultaten.aanmeldingen]
    rijen += [("documenten.document", d.pk, d.casus.client_id) for d in resultaten.documenten]
    return rijen
