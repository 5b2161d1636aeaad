"""A working day for the demo roles (issue 25), so each Mijn werk has something to act on today: for `ab` a
task of hers due today (a client with two phone numbers, e-mail, Arabic with an interpreter, a secret
address and an alarm, contacts recorded, an appointment today and a call-back note for today) and one
overdue with a draft report; a JD task on the casus with a coming hearing (`jd`); a casemanagement casus
another department asks access to (`cmacoordinator` decides); an appointment today for `ad`.

Everything goes through the services (audited, on the timeline) with times relative to ``cris.klok``.
Idempotent: the clients are made once (by name and date of birth); on a later day the appointments and the
call-back note are brought to that day again (moved through the agenda service, or a new note)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from aanmelding.zitting import zittingen_melden
from casus.bewerken import client_bijwerken
from casus.models import Casus, Client, Kanaal, Strafzaak
from casus.services import CLIENT_FIELDS, casus_aanmaken, client_aanmaken
from casus.toegang import toegang_aanvragen
from cris import klok
from cris.accounts.models import Medewerker
from diensten.models import DienstSoort
from taken import agenda
from taken.models import Afspraak, Taak, TaakType, Terugbelnotitie
from taken.services.levenscyclus import taak_aanmaken, taak_oppakken
from taken.terugbellen import terugbelnotitie_maken
from taken.verslagen import concept_opslaan, verslag_vastleggen
from testgegevens.demo.casus import DEMO_PV as ZITTING_PV
from werkstroom.models import Team

BOUZID = {"voornamen": "Amira", "achternaam": "Bouzid", "geboortedatum": date(1990, 3, 14)}
DE_WIT = {"voornamen": "Johan", "achternaam": "de Wit", "geboortedatum": date(1968, 9, 2)}
SMITS = {"voornamen": "Marleen", "achternaam": "Smits", "geboortedatum": date(1979, 1, 27)}
VERMEULEN = {"voornamen": "Kees", "achternaam": "Vermeulen", "geboortedatum": date(1957, 5, 8)}
AFSPRAAK_AB = "Huisbezoek met tolk"
AFSPRAAK_AD = "Steungesprek op kantoor"


def _vandaag_om(uur: int) -> datetime:
    return _op(klok.vandaag(), uur)


def _later_vandaag() -> datetime:
    """An instant later today (Amsterdam), also when the demo runs just after midnight or late at night."""
    nu = klok.nu()
    einde = klok.begin_van_dag(klok.vandaag() + timedelta(days=1))
    return (nu + (einde - nu) * 2 / 3).replace(second=0, microsecond=0)


def _op(dag: date, uur: int, minuut: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(dag, time(uur, minuut)))


def _client(actor, gegevens: dict, adres: dict, casus: dict) -> tuple[Casus, bool]:
    bestaand = Client.objects.filter(**{k: gegevens[k] for k in ("voornamen", "achternaam", "geboortedatum")}).first()
    if bestaand is not None:
        return Casus.objects.filter(client=bestaand).order_by("pk").first(), False
    client = client_aanmaken(actor=actor, gegevens=gegevens, adres=adres)
    kaart = {k: v for k, v in gegevens.items() if k not in CLIENT_FIELDS}  # what intake adds on the client card
    if kaart:
        client_bijwerken(actor=actor, client_id=client.pk, verwacht=client.versie, gegevens=kaart)
    return casus_aanmaken(actor=actor, client=client, gegevens={"slachtofferrol": "slachtoffer", **casus}), True


def _taak(actor, casus: Casus, code: str, team: str, *, vanaf=None, behandelaar=None) -> Taak:
    taak = taak_aanmaken(
        actor=actor,
        casus=casus,
        taaktype=TaakType.objects.get(code=code),
        team=Team.objects.get(code=team),
        vanaf=vanaf,
    )
    return taak_oppakken(actor=behandelaar, taak=taak) if behandelaar else taak


def _contact(actor, taak: Taak, tijdstip: datetime, bereikt: bool, verslag: str = "", **extra) -> None:
    verslag_vastleggen(
        actor=actor, taak=taak, tijdstip=tijdstip, kanaal="telefoon", richting="uitgaand", bereikt=bereikt,
        verslag=verslag, **extra,
    )  # fmt: skip


def _afspraak_vandaag(*, actor, taak: Taak, onderwerp: str, uur: int, locatie: str) -> None:
    """The appointment on this task today: made once, moved to today on a later day (AGE-1)."""
    begin = _vandaag_om(uur)
    afspraak = Afspraak.objects.filter(taak=taak, onderwerp=onderwerp).first()
    if afspraak is None:
        agenda.afspraak_maken(
            actor=actor, taak=taak, begin=begin, einde=begin + timedelta(hours=1), onderwerp=onderwerp, locatie=locatie
        )
    elif klok.lokale_datum(afspraak.begin) != klok.vandaag():
        agenda.afspraak_verplaatsen(
            actor=actor, afspraak=afspraak, begin=begin, einde=begin + timedelta(hours=1), verwacht=afspraak.versie
        )


@transaction.atomic
def werkdag_demo() -> int:
    """Returns the number of clients made (0 when they exist already)."""
    ab, ad, jd, cm = (Medewerker.objects.get(username=u) for u in ("ab", "ad", "jd", "cm"))
    teamleider = Medewerker.objects.get(username="teamleider")
    administratie = Medewerker.objects.get(username="administratie")
    nieuw = 0
    # ab: a task due later today, in behandeling, with its contact history (newest first on the task page).
    casus, gemaakt = _client(
        administratie,
        {**BOUZID, "geslacht": "V", "telefoon": "06-12 34 56 78", "telefoon_2": "030-234 56 78",
         "email": "amira.bouzid@example.org", "taal": "ar", "tolk_nodig": True, "geheim_adres": True,
         "contactvoorkeur": "Liever bellen na 14:00"},
        {"straat": "Amsterdamsestraatweg", "huisnummer": "201", "postcode": "3551 CD", "woonplaats": "Utrecht"},
        {"bron": Kanaal.EDP, "delict_omschrijving": "Bedreiging door ex-partner", "alarm": True,
         "alarm_toelichting": "Ex-partner zoekt haar; adres nooit noemen"},
    )  # fmt: skip
    if gemaakt:
        nieuw += 1
        deadline = _later_vandaag()
        taak = _taak(
            administratie, casus, "AB-BENADERING", "AB-MN", vanaf=deadline - timedelta(hours=48), behandelaar=ab
        )
        # Yesterday in office hours: always after the referral arrived (at most 48 hours before the deadline).
        gisteren = klok.vandaag() - timedelta(days=1)
        _contact(ab, taak, _op(gisteren, 9, 20), False, "Voicemail; geen bericht ingesproken.")
        _contact(ab, taak, _op(gisteren, 13, 5), False)
        soort = DienstSoort.objects.get(code="INF-STRAFPROCES")
        _contact(
            ab, taak, _op(gisteren, 16, 40), True,
            "Gesproken met tolk (telefonisch, tweede nummer). Mevrouw is geschrokken maar veilig bij haar zus. "
            "Uitgelegd wat de politie nu doet en wat zij kan verwachten. Zij wil een huisbezoek met tolk.",
            duur_minuten=25, extra={"dienst": f"s{soort.pk}"},
        )  # fmt: skip
    taak = Taak.objects.filter(casus=casus, type__code="AB-BENADERING").order_by("pk").first()
    if taak is not None and taak.open and taak.behandelaar_id == ab.pk:
        _afspraak_vandaag(actor=ab, taak=taak, onderwerp=AFSPRAAK_AB, uur=15, locatie="Kantoor Utrecht (met tolk)")
        if not Terugbelnotitie.objects.filter(taak=taak, voor=ab, afgehandeld_op=None).exists():
            terugbelnotitie_maken(
                actor=teamleider, taak=taak, voor=ab, terugbellen_voor=_vandaag_om(16),
                tekst="Mevrouw belde via de CAI: zij wil het huisbezoek liever op kantoor. Bel haar mobiel terug.",
            )  # fmt: skip

    # ab: an overdue task with one failed attempt and the report she started (a draft, VER-2).
    casus, gemaakt = _client(
        administratie,
        {**DE_WIT, "geslacht": "M", "telefoon": "0348-41 22 09", "taal": "nl"},
        {"straat": "Vijverlaan", "huisnummer": "3", "postcode": "3441 BA", "woonplaats": "Woerden"},
        {"bron": Kanaal.EDP, "delict_omschrijving": "Woninginbraak"},
    )
    if gemaakt:
        nieuw += 1
        taak = _taak(
            administratie, casus, "AB-BENADERING", "AB-MN", vanaf=klok.nu() - timedelta(hours=60), behandelaar=ab
        )
        _contact(ab, taak, klok.nu() - timedelta(hours=20), False)
        concept_opslaan(
            actor=ab, taak=taak,
            velden={"kanaal": "telefoon", "richting": "uitgaand", "bereikt": "ja",
                    "verslag": "Meneer slaapt slecht sinds de inbraak. Afgesproken: informatie over schadeverhaal "},
        )  # fmt: skip

    # jd: the JD task on the casus with a coming hearing with speaking right (issue 24's alert in Mijn werk).
    zitting = Casus.objects.filter(pv_nummer=ZITTING_PV, alarm=True).first()
    if zitting is not None and not Taak.objects.filter(casus=zitting, team__code="JD-MN").exists():
        _taak(administratie, zitting, "JD-INTAKE", "JD-MN", behandelaar=jd)
        zittingen_melden(Strafzaak.objects.filter(casus=zitting))

    # cmacoordinator: access asked to a casemanagement casus (only the coordinator decides on those).
    casus, gemaakt = _client(
        administratie,
        {**SMITS, "geslacht": "V", "telefoon": "06-87 65 43 21"},
        {"postcode": "3581 AA", "huisnummer": "8", "woonplaats": "Utrecht"},
        {"bron": Kanaal.EDOM, "delict_omschrijving": "Poging tot doodslag"},
    )
    if gemaakt:
        nieuw += 1
        _taak(administratie, casus, "CM-BEGELEIDING", "CM-MN", behandelaar=cm)
        toegang_aanvragen(actor=ad, casus=casus, reden="Mevrouw belt de AD-lijn over haar schadeformulier")

    # ad: a support talk today.
    casus, gemaakt = _client(
        administratie,
        {**VERMEULEN, "geslacht": "M", "telefoon": "030-345 67 89", "email": "k.vermeulen@example.org"},
        {"postcode": "3705 AB", "huisnummer": "14", "woonplaats": "Zeist"},
        {"bron": Kanaal.EDP, "delict_omschrijving": "Oplichting (babbeltruc)"},
    )
    if gemaakt:
        nieuw += 1
        _taak(administratie, casus, "AD-ONDERSTEUNING", "AD-MN", behandelaar=ad)
    taak = Taak.objects.filter(casus=casus, team__code="AD-MN", behandelaar=ad).order_by("pk").first()
    if taak is not None and taak.open:
        _afspraak_vandaag(actor=ad, taak=taak, onderwerp=AFSPRAAK_AD, uur=11, locatie="Kantoor Zeist")
    return nieuw
