"""AAN-5: the client finder with duplicate check — name variants that must match, near misses that must not,
BSN and address, ranking, and what a user without access learns (that cases exist, open or closed, which team)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from casus import namen
from casus.clientzoeker import clienten_zoeken, datum_score
from casus.models import Client
from casus.services import client_aanmaken
from cris.accounts.roles import Rol
from tests import chain
from tests.factories import LidmaatschapFactory, MedewerkerFactory

GEBOREN = date(1984, 3, 7)

# (stored surname, what intake typed): the same person.
MOETEN_PASSEN = [
    ("Jansen", "Janssen"),
    ("Janssen", "jansen"),
    ("Müller", "Muller"),
    ("Müller", "Mueller"),
    ("Berg", "van der Berg"),
    ("van der Berg", "Berg, van der"),
    ("Berg", "Vandenberg"),
    ("Yılmaz", "Yilmaz"),
    ("Yilmaz", "YILMAZ"),
    ("Meijer", "Meyer"),
    ("Reijnders", "Reinders"),
    ("Smit", "Schmidt"),
    ("Smid", "Smit"),
    ("Bakker", "Backer"),
    ("Huisman", "Huysman"),
    ("Çelik", "Celik"),
    ("Şahin", "Sahin"),
    ("Jansen", "Jnasen"),  # two letters swapped
    ("Hendriksen", "Hendrixen"),
    ("Vermeulen", "Vermeulan"),  # one typo in a long name
    ("Jansen-de Vries", "de Vries-Jansen"),  # double name the other way round
    ("de Vries", "'de Vries'"),
    ("Visser", "Fisser"),
    ("Philips", "Filips"),
    ("Nguyễn", "Nguyen"),
]
# (stored surname, what intake typed): a different person, even with the same birth date.
MOGEN_NIET_PASSEN = [
    ("Jansen", "Hansen"),
    ("Mulder", "Muller"),
    ("Berg", "Bergman"),
    ("Jansen", "Janssens"),
    ("de Vries", "de Wit"),
    ("Bos", "Vos"),
    ("Bakker", "Bekker"),
    ("Smit", "Smits"),
    ("Dekker", "Decker-Hoek"),
    ("Yılmaz", "Yildiz"),
]


@pytest.mark.parametrize(("opgeslagen", "getypt"), MOETEN_PASSEN)
def test_naamvarianten_hebben_een_score(opgeslagen, getypt):
    assert namen.naam_score(getypt, opgeslagen) > 0


@pytest.mark.parametrize(("opgeslagen", "getypt"), MOGEN_NIET_PASSEN)
def test_bijna_gelijke_andere_namen_hebben_geen_score(opgeslagen, getypt):
    assert namen.naam_score(getypt, opgeslagen) == 0


def test_sleutels_laten_tussenvoegsels_accenten_en_volgorde_weg():
    assert namen.naam_sleutel("Berg, van der") == namen.naam_sleutel("van der Berg") == "berg"
    assert namen.naam_sleutel("Yılmaz") == "yilmaz"
    assert namen.naam_fonetisch("Janssen") == namen.naam_fonetisch("Jansen")
    assert namen.naam_fonetisch("Meijer") == namen.naam_fonetisch("Meyer") == namen.naam_fonetisch("Meier")
    assert namen.naam_sleutel("Van") == "van"  # a surname that is only a particle stays a name


def test_afstand_telt_een_verwisseling_als_een_fout():
    assert namen.afstand("jansen", "jnasen") == 1
    assert namen.afstand("abc", "abc") == 0
    assert namen.afstand("kort", "heel anders en lang", grens=2) == 3


def test_datumscore():
    assert datum_score(GEBOREN, GEBOREN) == 1
    assert datum_score(GEBOREN, date(1984, 7, 3)) == 0.8  # day and month swapped
    assert datum_score(GEBOREN, date(1985, 3, 7)) == 0.5  # one part wrong
    assert datum_score(GEBOREN, date(1985, 4, 7)) == 0
    assert datum_score(GEBOREN, None) == 0


def _client(achternaam, geboortedatum=GEBOREN, **velden):
    adres = velden.pop("adres", None)
    return client_aanmaken(
        actor=None, gegevens={"achternaam": achternaam, "geboortedatum": geboortedatum, **velden}, adres=adres
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("opgeslagen", "getypt"), MOETEN_PASSEN)
def test_aan5_vindt_de_client_onder_een_andere_schrijfwijze(opgeslagen, getypt):
    bestaand = _client(opgeslagen)
    _client("Pietersen")  # same birth date, another person
    gevonden = clienten_zoeken(achternaam=getypt, geboortedatum=GEBOREN)
    assert [k.client.pk for k in gevonden] == [bestaand.pk]


@pytest.mark.django_db
@pytest.mark.parametrize(("opgeslagen", "getypt"), MOGEN_NIET_PASSEN)
def test_aan5_vindt_geen_andere_persoon_met_een_bijna_gelijke_naam(opgeslagen, getypt):
    _client(opgeslagen)
    assert clienten_zoeken(achternaam=getypt, geboortedatum=GEBOREN) == []


@pytest.mark.django_db
def test_aan5_tolerant_voor_een_fout_in_de_geboortedatum_maar_niet_voor_een_andere_datum():
    bestaand = _client("Jansen")
    assert clienten_zoeken(achternaam="Janssen", geboortedatum=date(1984, 7, 3))[0].client == bestaand
    assert clienten_zoeken(achternaam="Janssen", geboortedatum=date(1985, 3, 7))[0].client == bestaand
    assert clienten_zoeken(achternaam="Jansen", geboortedatum=date(1990, 11, 20)) == []


@pytest.mark.django_db
def test_aan5_voor_en_achternaam_omgedraaid():
    bestaand = _client("Yılmaz", voornamen="Fatma")
    gevonden = clienten_zoeken(achternaam="Fatma", voornamen="Yilmaz", geboortedatum=GEBOREN)
    assert [k.client for k in gevonden] == [bestaand]
    assert "omgedraaid" in gevonden[0].reden


@pytest.mark.django_db
def test_aan5_rangschikt_bsn_en_passende_voornaam_boven_alleen_naam():
    tweeling = _client("Jansen", voornamen="Piet")
    zelf = _client("Janssen", voornamen="Jan Willem")
    met_bsn = _client("de Boer", bsn="111222333")
    gevonden = clienten_zoeken(bsn="111222333", achternaam="Jansen", voornamen="Jan", geboortedatum=GEBOREN)
    assert [k.client for k in gevonden] == [met_bsn, zelf, tweeling]
    assert gevonden[0].reden == "BSN"
    assert gevonden[0].score > gevonden[1].score > gevonden[2].score


@pytest.mark.django_db
def test_aan5_op_adres_met_een_postcode_zonder_spatie():
    bestaand = _client("Akkerman", adres={"postcode": "3511 AB", "huisnummer": "12"})
    _client("Akkerman", adres={"postcode": "3511 AB", "huisnummer": "14"})
    gevonden = clienten_zoeken(postcode="3511ab", huisnummer="12")
    assert [k.client for k in gevonden] == [bestaand] and gevonden[0].reden == "adres"


@pytest.mark.django_db
def test_sleutels_blijven_bij_op_elk_schrijfpad():
    client = _client("van den Berg")
    assert (client.naam_sleutel, client.naam_fonetisch) == ("berg", "berg")
    client.achternaam = "Müller"
    client.save(update_fields=["achternaam"])
    client.refresh_from_db()
    assert (client.naam_sleutel, client.naam_fonetisch) == ("muller", "muler")


@pytest.mark.django_db
def test_naamsleutels_bijwerken_vult_bestaande_rijen_in_batches(capsys):
    clients = [_client(naam) for naam in ("Jansen", "Yılmaz", "van der Berg")]
    Client.objects.update(naam_sleutel="", naam_fonetisch="")  # as rows loaded before the keys existed
    call_command("naamsleutels_bijwerken", batch=2)
    assert "3 cliënten bijgewerkt" in capsys.readouterr().out
    assert list(Client.objects.order_by("pk").values_list("naam_sleutel", flat=True)) == ["jansen", "yilmaz", "berg"]
    call_command("naamsleutels_bijwerken")  # nothing left to do: nothing written
    assert "0 cliënten bijgewerkt" in capsys.readouterr().out
    assert len(clients) == 3


@pytest.mark.django_db
def test_aan5_zonder_toegang_alleen_dat_er_een_casus_is_en_welk_team(client, toegang, django_assert_max_num_queries):
    """Intake (CAI) sees that a case exists, open, and which team holds it — no case content, no link."""
    casus = chain.casus(achternaam="Yılmaz", delict_omschrijving="Geheime omschrijving")
    Client.objects.filter(pk=casus.client_id).update(geboortedatum=GEBOREN)
    chain.taak(casus=casus, team=toegang.team)
    cai = MedewerkerFactory(rollen=[Rol.CAI])
    client.force_login(cai)
    # 13: the entry form below the finder offers the delict catalogue (one query, issue 24).
    with django_assert_max_num_queries(13):
        pagina = client.get(reverse("aanmelding:nieuw"), {"zoek_achternaam": "yilmaz", "zoek_geboortedatum": GEBOREN})
    html = pagina.content.decode()
    assert casus.client.nummer in html and "1 open, 0 gesloten" in html and toegang.team.naam in html
    assert "Geheime omschrijving" not in html and reverse("casus:client", args=[casus.client_id]) not in html


@pytest.mark.django_db
def test_aan5_met_toegang_een_link_naar_de_client(client, toegang):
    casus = chain.casus(achternaam="Yılmaz")
    Client.objects.filter(pk=casus.client_id).update(geboortedatum=GEBOREN)
    chain.taak(casus=casus, team=toegang.team)
    gevonden = clienten_zoeken(user=toegang.collega, achternaam="Yilmaz", geboortedatum=GEBOREN)
    assert gevonden[0].zichtbaar and gevonden[0].teams == [toegang.team.naam]
    assert not clienten_zoeken(user=toegang.buitenstaander, achternaam="Yilmaz", geboortedatum=GEBOREN)[0].zichtbaar
    invoerder = MedewerkerFactory(rollen=[Rol.CAI])
    LidmaatschapFactory(medewerker=invoerder, team=toegang.team)  # in the team that holds the case
    client.force_login(invoerder)
    bsn_vrij = {"zoek_achternaam": "Yilmaz", "zoek_geboortedatum": GEBOREN}
    assert reverse("casus:client", args=[casus.client_id]) in client.get(reverse("aanmelding:nieuw"), bsn_vrij).text


@pytest.mark.django_db
def test_aan5_het_aantal_queries_hangt_niet_af_van_het_aantal_treffers(django_assert_max_num_queries):
    for i in range(30):
        _client("Jansen" if i % 2 else "Janssen", voornamen=f"Jan{i}", bsn=None)
    with django_assert_max_num_queries(4):
        gevonden = clienten_zoeken(
            user=None, bsn="111222333", achternaam="Jansen", geboortedatum=GEBOREN, postcode="3511AB", huisnummer="1"
        )
    assert len(gevonden) == 10


@pytest.mark.django_db
def test_aan5_de_zoeker_op_de_pagina_krijgt_alleen_de_treffers_en_de_koppelkeuze(client, toegang):
    """The finder's htmx request is answered with the hits and, out of band, the "koppelen" choice of the
    entry form; the entry form itself is not drawn again. Without htmx the whole page comes back."""
    casus = chain.casus(achternaam="Yılmaz")
    Client.objects.filter(pk=casus.client_id).update(geboortedatum=GEBOREN)
    client.force_login(MedewerkerFactory(rollen=[Rol.CAI]))
    zoek = {"zoek_achternaam": "yilmaz", "zoek_geboortedatum": GEBOREN}
    fragment = client.get(reverse("aanmelding:nieuw"), zoek, headers={"HX-Request": "true"}).content.decode()
    assert fragment.startswith('<div id="zoekresultaat"') and casus.client.nummer in fragment
    assert 'id="koppelen" hx-swap-oob="true"' in fragment and f'value="{casus.client_id}"' in fragment
    assert "Aanmelding opslaan" not in fragment and "<html" not in fragment
    pagina = client.get(reverse("aanmelding:nieuw"), zoek).content.decode()
    assert "Aanmelding opslaan" in pagina and 'id="zoekresultaat"' in pagina and "hx-swap-oob" not in pagina
    assert f'value="{casus.client_id}"' in pagina


# --- Issue 24: the finder at the work at hand searches on a surname alone: bounded, best first, says why -----


def _naamgenoten(n: int, **velden) -> list[Client]:
    return [
        client_aanmaken(
            actor=None,
            gegevens={"achternaam": "Jansen", "voornamen": f"Piet{i}", "geboortedatum": date(1950 + i % 40, 1, 1)},
            adres={"postcode": "1011 AA", "huisnummer": str(i + 1)},
        )
        for i in range(n)
    ] + ([client_aanmaken(actor=None, gegevens={"achternaam": "Jansen", **velden["extra"]}, adres=velden["adres"])]
         if velden else [])  # fmt: skip


@pytest.mark.django_db
def test_aan5_surname_alone_is_bounded_and_ranked_against_the_calls_data():
    from casus.clientzoeker import ACHTERNAAM_MAX, standaard_keuze, zoeken_bij_werk

    _naamgenoten(25, extra={"voornamen": "Fatma"}, adres={"postcode": "3511 AB", "huisnummer": "12"})
    fatma = Client.objects.get(voornamen="Fatma")
    uitkomst = zoeken_bij_werk(achternaam="Jansen", voornamen="Fatma", postcode="3511AB")
    assert len(uitkomst.kandidaten) == ACHTERNAAM_MAX == 20
    assert uitkomst.kandidaten[0].client == fatma and uitkomst.kandidaten[0].reden == "achternaam en postcode"
    assert "De 20 best passende cliënten met achternaam Jansen" in uitkomst.melding
    assert not any(k.sterk for k in uitkomst.kandidaten)  # a surname alone is never certain
    assert standaard_keuze(uitkomst.kandidaten, None) == "nieuw"
    # The finder outside the work at hand (automatic processing) keeps needing more than a surname.
    assert clienten_zoeken(achternaam="Jansen", tellen=False) == []


@pytest.mark.django_db
def test_aan5_too_many_namesakes_narrow_by_postcode_or_first_name_or_say_so(monkeypatch):
    from casus import clientzoeker

    monkeypatch.setattr(clientzoeker, "ACHTERNAAM_KANDIDATEN", 5)
    _naamgenoten(6, extra={"voornamen": "Fatma"}, adres={"postcode": "3511 AB", "huisnummer": "12"})
    uitkomst = clientzoeker.zoeken_bij_werk(achternaam="Jansen")
    assert uitkomst.kandidaten == [] and uitkomst.melding == (
        "Meer dan 5 cliënten met achternaam Jansen: vul ook de geboortedatum, de voornaam of de postcode in."
    )
    op_postcode = clientzoeker.zoeken_bij_werk(achternaam="Jansen", postcode="3511AB").kandidaten
    assert [k.client.voornamen for k in op_postcode] == ["Fatma"]
    op_voornaam = clientzoeker.zoeken_bij_werk(achternaam="Jansen", voornamen="Fat").kandidaten
    assert op_voornaam[0].client.voornamen == "Fatma"


@pytest.mark.django_db
def test_aan5_the_finder_says_why_it_found_nothing():
    from casus.clientzoeker import zoeken_bij_werk

    assert zoeken_bij_werk(achternaam="Pietresen").melding == (
        "Geen cliënt gevonden met achternaam Pietresen; probeer ook de geboortedatum, zoek op BSN, zoek op postcode "
        "en huisnummer."
    )
    assert zoeken_bij_werk(achternaam="Pietresen", geboortedatum=GEBOREN, bsn="111222333").melding == (
        "Geen cliënt gevonden met BSN 111222333 en achternaam Pietresen en geboortedatum 07-03-1984; controleer de "
        "schrijfwijze en de geboortedatum, zoek op postcode en huisnummer."
    )


@pytest.mark.django_db
def test_aan5_cai_finds_on_a_surname_alone_audited_as_one_list_with_bounded_queries(
    client, django_assert_max_num_queries
):
    from cris.audit.models import AuditEntry

    cai = MedewerkerFactory(rollen=[Rol.CAI])
    client.force_login(cai)
    url = reverse("aanmelding:nieuw")
    _naamgenoten(3)
    client.get(url, {"zoek_achternaam": "Jansen"})  # warm-up
    with django_assert_max_num_queries(14) as weinig:
        client.get(url, {"zoek_achternaam": "Jansen"})
    _naamgenoten(30)
    with django_assert_max_num_queries(len(weinig.captured_queries)):  # the same for 33 namesakes
        pagina = client.get(url, {"zoek_achternaam": "Jansen", "zoek_voornamen": "Piet"}).content.decode()
    assert pagina.count("Piet") >= 20 and "alleen achternaam" in pagina
    entry = AuditEntry.objects.filter(object_id="clientzoeker").latest("pk")
    assert len(entry.client_ids) == 20 and entry.actor_id == cai.pk


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("zoek", "veld", "melding"),
    [
        ({"zoek_bsn": "123456789"}, "zoek_bsn", "elfproef"),
        ({"zoek_geboortedatum": "1985-04-12"}, "zoek_achternaam", "Zoek niet op alleen een geboortedatum"),
        ({"zoek_voornamen": "Fatma"}, "zoek_achternaam", "vul ook de achternaam in"),
        ({"zoek_postcode": "3511AB"}, "zoek_huisnummer", "Vul bij de postcode ook het huisnummer in."),
        ({"zoek_postcode": "35111", "zoek_huisnummer": "1"}, "zoek_postcode", "4 cijfers en 2 letters"),
    ],
)
def test_aan5_a_bad_finder_question_gets_its_message_at_the_field(client, zoek, veld, melding):
    """Issue 24: a bad BSN in the finder shows its field message, also when the finder answers by htmx (the
    question comes back out of band with the messages at its fields); nothing is searched."""
    client.force_login(MedewerkerFactory(rollen=[Rol.CAI]))
    fragment = client.get(reverse("aanmelding:nieuw"), zoek, headers={"HX-Request": "true"}).content.decode()
    assert 'id="zoekfouten"' in fragment and f'href="#id_{veld}"' in fragment and melding in fragment
    assert 'id="zoekformulier" hx-swap-oob="true"' in fragment and f'id="id_{veld}_error"' in fragment
    pagina = client.get(reverse("aanmelding:nieuw"), zoek).content.decode()
    assert f'id="id_{veld}_error"' in pagina and melding in pagina


@pytest.mark.django_db
def test_zoe1_the_general_search_keeps_its_stricter_rule_for_a_surname_alone():
    """Issue 21 item 3: the search page tells intake nothing of clients it may not see on a surname alone."""
    from zoeken.selectors import zoeken

    client_aanmaken(actor=None, gegevens={"achternaam": "Jansen", "geboortedatum": GEBOREN})
    cai = MedewerkerFactory(rollen=[Rol.CAI])
    assert zoeken(user=cai, q="Jansen", bekend_tonen=True).bekend == []
    assert len(zoeken(user=cai, q=f"Jansen {GEBOREN:%d-%m-%Y}", bekend_tonen=True).bekend) == 1
