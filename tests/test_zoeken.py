"""ZOE-1 search: found by every field by those who may see the case, by no field by an outsider; intake
learns only that a case exists and which team holds it (AAN-5); every shown result is a read (AUT-3)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from casus.models import Kanaal
from casus.services import casus_aanmaken, client_aanmaken
from cris.accounts.roles import Rol
from cris.audit.models import AuditEntry
from tests import chain
from tests.factories import LidmaatschapFactory, MedewerkerFactory
from zoeken.selectors import ontleden, zoeken


@pytest.mark.parametrize(
    ("q", "soort", "waarde"),
    [
        ("CA0001234", "nummer", None),
        ("cl 77", "nummer", None),
        ("111222333", "bsn", "111222333"),
        ("18-10-1972", "geboortedatum", date(1972, 10, 18)),
        ("1972-10-18", "geboortedatum", date(1972, 10, 18)),
        ("3511ab", "postcode", "3511 AB"),
        ("3511 AB 12", "postcode", "3511 AB"),
        ("PL0100-2025000042", "pv", "PL0100-2025000042"),
        ("09/111111-22", "parket", "09/111111-22"),
        ("Jansen", "naam", "Jansen"),
        ("Jan van den Berg", "naam", "Berg"),
        ("van den Berg", "naam", "Berg"),
        ("Berg, van den", "naam", "Berg"),
        ("Yılmaz", "naam", "Yılmaz"),
    ],
)
def test_zoekvraag_herkend_aan_haar_vorm(q, soort, waarde):
    vraag = ontleden(q)
    assert vraag.soort == soort
    if waarde is not None:
        assert vraag.waarde == waarde


@pytest.mark.parametrize("q", ["", " ", "a", "31-02-2020"])
def test_te_korte_of_onmogelijke_zoekvraag(q):
    assert ontleden(q) is None


def test_voornaam_voor_de_tussenvoegsels():
    assert ontleden("Jan van den Berg").voornaam == "Jan"


@pytest.fixture
def dossier(toegang):
    client = client_aanmaken(
        actor=None,
        gegevens={"voornamen": "Marloes", "achternaam": "Verhoeven", "bsn": "111222333", "geboortedatum": "1972-10-18"},
        adres={"postcode": "3511 AB", "huisnummer": "12"},
    )
    casus = casus_aanmaken(
        actor=None,
        client=client,
        gegevens={
            "bron": Kanaal.EDP,
            "slachtofferrol": "slachtoffer",
            "pv_nummer": "PL0100-2025000042",
            "parketnummer": "09/111111-22",
        },
    )
    chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.eigenaar)
    return casus


ZOEKVRAGEN = [
    "Verhoeven",
    "Marloes Verhoeven",
    "111222333",
    "18-10-1972",
    "3511 AB 12",
    "PL0100-2025000042",
    "09/111111-22",
    "CL{client}",
    "CA{casus}",
]


@pytest.mark.django_db
@pytest.mark.parametrize("q", ZOEKVRAGEN)
def test_wie_toegang_heeft_vindt_de_casus_op_elk_veld(dossier, toegang, q):
    q = q.format(client=dossier.client_id, casus=dossier.pk)
    for user in (toegang.eigenaar, toegang.collega, toegang.teamleider):
        r = zoeken(user=user, q=q)
        gevonden = {c.pk for t in r.clienten for c in t.casussen} | {c.pk for c in r.casussen}
        assert dossier.pk in gevonden, (user, q)


@pytest.mark.django_db
@pytest.mark.parametrize("q", ZOEKVRAGEN)
def test_buitenstaander_vindt_niets_van_de_casus(client, dossier, toegang, q):
    """The outsider finds nothing of the case by any of its fields: not in the results, not on the page."""
    q = q.format(client=dossier.client_id, casus=dossier.pk)
    for user in (toegang.buitenstaander, toegang.functioneel_beheerder):
        assert zoeken(user=user, q=q, bekend_tonen=False).leeg
        client.force_login(user)
        html = client.get("/zoeken/", {"q": q}).content.decode().replace(q, "")  # the query itself is echoed
        for spoor in ("Verhoeven", "Marloes", "111222333", "PL0100", "111111", dossier.nummer, dossier.client.nummer):
            assert spoor not in html, (user, q, spoor)
        assert "Niets gevonden dat u mag zien." in html


@pytest.mark.django_db
def test_intake_ziet_alleen_dat_een_casus_bestaat(client, dossier, toegang):
    """Issue 21 item 3: existence only, no name, birth date or team."""
    cai = MedewerkerFactory(rollen=[Rol.CAI])
    LidmaatschapFactory(medewerker=cai)
    client.force_login(cai)
    response = client.get("/zoeken/", {"q": "111222333"})
    html = response.content.decode()
    assert "Bekend bij Slachtofferhulp" in html and "Er is 1 cliënt bekend" in html
    assert toegang.team.naam not in html and dossier.client.achternaam not in html
    assert f"/casussen/{dossier.pk}/" not in html and dossier.nummer not in html  # no way into the case
    assert "PL0100" not in html


@pytest.mark.django_db
def test_elk_getoond_resultaat_is_een_gelogde_inzage(client, dossier, toegang):
    client.force_login(toegang.collega)
    client.get("/zoeken/", {"q": "Verhoeven"})
    # AUT-3, issue 22: one entry for the page view, holding the clients shown.
    regel = AuditEntry.objects.get(actor_id=toegang.collega.pk, object_type="lijst", actie="lezen")
    assert regel.object_id == "zoeken" and regel.client_ids == [dossier.client_id]
    assert regel.reden == "zoeken: Verhoeven" and regel.wijzigingen["casus.client"] == [None, [dossier.client_id]]


@pytest.mark.django_db
def test_zoekpagina_aantal_queries_begrensd(client, toegang, django_assert_max_num_queries):
    for i in range(30):
        casus = chain.casus(achternaam=f"Jansen{i:02d}")
        chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.eigenaar)
    client.force_login(toegang.eigenaar)
    client.get("/zoeken/", {"q": "Jansen"})
    with django_assert_max_num_queries(7):
        response = client.get("/zoeken/", {"q": "Jansen"})
    assert response.status_code == 200
    assert response.content.decode().count("/clienten/") == 25  # a page of 25, then "Volgende"
    assert "pagina=2" in response.content.decode()


def _verlening_van_een_uur(casus, medewerker):
    """AUT-2: a temporary grant that is in force for the coming hour."""
    from datetime import timedelta

    from django.utils import timezone

    from casus.models import ToegangStatus, Toegangsverlening

    return Toegangsverlening.objects.create(
        casus=casus,
        medewerker=medewerker,
        status=ToegangStatus.VERLEEND,
        reden="Cliënt belt over de zitting",
        geldig_tot=timezone.now() + timedelta(hours=1),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("q", ZOEKVRAGEN)
def test_a_grant_finds_the_casus_only_until_it_expires(dossier, toegang, q):
    """AUT-2 in search: a temporary grant counts in the SQL filter, and stops counting at its end, before
    the beat job marks it verlopen."""
    from datetime import timedelta

    from django.utils import timezone

    from casus.models import Toegangsverlening

    q = q.format(client=dossier.client_id, casus=dossier.pk)
    verlening = _verlening_van_een_uur(dossier, toegang.buitenstaander)
    r = zoeken(user=toegang.buitenstaander, q=q)
    assert dossier.pk in {c.pk for t in r.clienten for c in t.casussen} | {c.pk for c in r.casussen}
    Toegangsverlening.objects.filter(pk=verlening.pk).update(geldig_tot=timezone.now() - timedelta(seconds=1))
    assert zoeken(user=toegang.buitenstaander, q=q, bekend_tonen=False).leeg


# --- documents and tasks by their own number (ZOE-1) ---


@pytest.fixture
def stukken(dossier):
    from documenten.models import Document, DocumentStatus, DocumentType
    from taken.models import Taak

    document = Document.objects.create(
        casus=dossier, titel="Verklaring Verhoeven", type=DocumentType.ONTVANGEN, status=DocumentStatus.DEFINITIEF
    )
    return document, Taak.objects.get(casus=dossier)


@pytest.mark.django_db
def test_zoe1_document_en_taak_gevonden_op_hun_eigen_nummer(client, stukken, toegang, django_assert_max_num_queries):
    document, taak = stukken
    assert ontleden(f"do{document.pk}").prefix == "DO" and ontleden(f"TA {taak.pk}").nummer == taak.pk
    for user in (toegang.eigenaar, toegang.collega, toegang.teamleider):
        assert zoeken(user=user, q=document.nummer).documenten == [document], user
        assert zoeken(user=user, q=f"TA{taak.pk:07d}").taken == [taak], user
    client.force_login(toegang.collega)
    client.get("/zoeken/", {"q": document.nummer})
    with django_assert_max_num_queries(5):
        html = client.get("/zoeken/", {"q": document.nummer}).content.decode()
    assert f"/casussen/{document.casus_id}/documenten/{document.pk}/" in html and "Verklaring Verhoeven" in html
    regels = AuditEntry.objects.filter(actor_id=toegang.collega.pk, object_type="lijst", object_id="zoeken")
    assert [(r.wijzigingen, r.client_ids) for r in regels] == [
        ({"documenten.document": [None, [document.pk]]}, [document.casus.client_id])
    ] * 2
    with django_assert_max_num_queries(4):
        html = client.get("/zoeken/", {"q": f"TA{taak.pk:07d}"}).content.decode()
    assert reverse("taken:detail", args=[taak.pk]) in html and f"TA{taak.pk:07d}" in html


@pytest.mark.django_db
def test_zoe1_buitenstaander_vindt_document_en_taak_niet_op_nummer(client, stukken, toegang):
    document, taak = stukken
    for user in (toegang.buitenstaander, toegang.functioneel_beheerder):
        for q in (document.nummer, f"TA{taak.pk:07d}"):
            assert zoeken(user=user, q=q, bekend_tonen=False).leeg, (user, q)
            client.force_login(user)
            html = client.get("/zoeken/", {"q": q}).content.decode()
            sporen = ("Verhoeven", document.casus.nummer, f"/casussen/{document.casus_id}/")
            assert not any(spoor in html for spoor in sporen), (user, q)
            assert reverse("taken:detail", args=[taak.pk]) not in html
            assert "Niets gevonden dat u mag zien." in html


# --- who may see no casus at all (issue 11: the search stops before checking each namesake) ---


@pytest.mark.django_db
def test_ziet_enige_casus_is_waar_precies_waar_de_gebruiker_een_casus_mag_zien(dossier, toegang):
    """The one-time filter the search adds is implied by zichtbaar_voor: never narrower, so it hides nothing."""
    from datetime import timedelta

    from django.utils import timezone

    from casus.access import client_zichtbaar_voor, zichtbaar_voor, ziet_enige_casus
    from casus.models import Casus, Client, Toegangsverlening

    for rol in ("eigenaar", "collega", "teamleider", "buitenstaander", "functioneel_beheerder"):
        user = getattr(toegang, rol)
        ziet = Casus.objects.filter(zichtbaar_voor(user)).exists()
        assert Client.objects.filter(ziet_enige_casus(user)).exists() == ziet, user
        assert Client.objects.filter(client_zichtbaar_voor(user)).exists() == ziet, user
    assert not Casus.objects.filter(zichtbaar_voor(toegang.buitenstaander)).exists()
    verlening = _verlening_van_een_uur(dossier, toegang.buitenstaander)
    assert Client.objects.filter(ziet_enige_casus(toegang.buitenstaander)).exists()
    assert list(Client.objects.filter(client_zichtbaar_voor(toegang.buitenstaander))) == [dossier.client]
    Toegangsverlening.objects.filter(pk=verlening.pk).update(geldig_tot=timezone.now() - timedelta(seconds=1))
    assert not Client.objects.filter(ziet_enige_casus(toegang.buitenstaander)).exists()


@pytest.mark.django_db
def test_wie_geen_casus_mag_zien_vindt_geen_naamgenoten_maar_hoort_wel_van_bekenden(dossier, toegang):
    invoerder = MedewerkerFactory(username="invoerder", rollen=[Rol.CAI])
    assert zoeken(user=invoerder, q="Verhoeven").clienten == []
    r = zoeken(user=invoerder, q="111222333", bekend_tonen=True)
    assert r.clienten == [] and r.bekend == [dossier.client.pk]


@pytest.mark.django_db
def test_open_taak_toont_het_casusnummer(client, dossier, toegang):
    from taken.models import Taak

    taak = Taak.objects.get(casus=dossier)
    client.force_login(toegang.eigenaar)
    html = client.get("/zoeken/", {"q": "Verhoeven"}).content.decode()
    assert reverse("taken:detail", args=[taak.pk]) in html
    assert f"TA{taak.pk:07d}</span> {dossier.nummer} –" in html


@pytest.mark.parametrize("naam", ["casus:client", "casus:detail", "aanmelding:detail", "taken:detail"])
@pytest.mark.parametrize("prefix", ["/", "/cris/"])
def test_pad_geeft_hetzelfde_adres_als_url(naam, prefix):
    from django.urls import get_script_prefix, set_script_prefix

    from zoeken.templatetags.zoeklinks import pad

    oud = get_script_prefix()
    set_script_prefix(prefix)
    try:
        for pk in (1, 42, 1234567, 987654321987654321):
            assert pad(pk, naam) == reverse(naam, args=[pk])
        assert reverse(naam, args=[7]).startswith(prefix)
    finally:
        set_script_prefix(oud)


@pytest.mark.django_db
def test_zoeken_met_casus_teams_is_dezelfde_regel(dossier, toegang):
    """ZOE-1's referral search reads the casus's teams from the referral (Aanmelding.casus_teams, kept by the
    database's triggers, issue 27) instead of the team permission rows: the same referrals as the one rule, for
    every role, a person's grant included and none after it expires; and it stays the same rule when the teams
    change (a task for another team, a transfer, the rows removed), when a referral is approved into a casus,
    and when a referral is saved from an instance read before such a change."""
    from django.utils import timezone

    from aanmelding.models import Aanmelding
    from aanmelding.selectors import aanmeldingen_zichtbaar_voor
    from aanmelding.services import aanmelding_goedkeuren
    from casus.access import toegang_instellen
    from casus.models import CasusGroupObjectPermission, Toegangsverlening

    invoerder = MedewerkerFactory(username="invoerder", rollen=[Rol.CAI])
    eigen = chain.aanmelding(actor=invoerder, achternaam="Verhoeven")  # no casus yet: its queue and its author
    ander = chain.casus(achternaam="Verhoeven")
    bij_dossier, bij_ander = (
        Aanmelding.objects.create(
            achternaam="Verhoeven", wachtrij=eigen.wachtrij, ontvangen_op=eigen.ontvangen_op, casus=casus
        )
        for casus in (dossier, ander)  # approved referrals: they follow their casus
    )
    verlening = _verlening_van_een_uur(ander, toegang.buitenstaander)
    users = [toegang.gebruiker(r) for r in ("eigenaar", "collega", "teamleider", "functioneel_beheerder")]
    users += [toegang.buitenstaander, invoerder]

    def zichtbaar(user) -> set:
        exact = set(aanmeldingen_zichtbaar_voor(user))
        assert set(aanmeldingen_zichtbaar_voor(user, met_casus_teams=True)) == exact, user
        return exact

    def overal_gelijk():
        for user in users:
            zichtbaar(user)

    assert Aanmelding.objects.get(pk=bij_dossier.pk).casus_teams == [toegang.team.groep_id]
    overal_gelijk()
    assert zichtbaar(toegang.collega) >= {bij_dossier} and bij_ander not in zichtbaar(toegang.collega)
    assert zichtbaar(invoerder) >= {eigen}
    assert zichtbaar(toegang.buitenstaander) == {bij_ander}  # by the grant alone
    Toegangsverlening.objects.filter(pk=verlening.pk).update(geldig_tot=timezone.now())
    assert zichtbaar(toegang.buitenstaander) == set()

    verouderd = Aanmelding.objects.get(pk=bij_dossier.pk)  # read before the teams change
    chain.taak(casus=dossier, team=toegang.ander_team, code="AD-INTAKE")  # another team may see the casus now
    assert zichtbaar(toegang.buitenstaander) == {bij_dossier}
    verouderd.toelichting = "Later aangevuld"
    verouderd.save()  # writes the old teams back: the database sets them again
    assert zichtbaar(toegang.buitenstaander) == {bij_dossier}
    overal_gelijk()

    toegang_instellen(casus=dossier, groep_ids={toegang.ander_team.groep_id}, user_ids=set())  # moved on
    assert bij_dossier not in zichtbaar(toegang.collega)
    overal_gelijk()
    CasusGroupObjectPermission.objects.filter(content_object=dossier).update(content_object=ander)
    assert Aanmelding.objects.get(pk=bij_ander.pk).casus_teams == [toegang.ander_team.groep_id]
    assert Aanmelding.objects.get(pk=bij_dossier.pk).casus_teams == []
    overal_gelijk()
    CasusGroupObjectPermission.objects.all().delete()
    assert not Aanmelding.objects.exclude(casus_teams=[]).exists()
    overal_gelijk()

    casus = aanmelding_goedkeuren(actor=None, aanmelding=eigen, taken=[(dossier.taken.first().type, toegang.team)])
    assert Aanmelding.objects.get(pk=eigen.pk).casus_teams == [toegang.team.groep_id]
    assert eigen.pk in {a.pk for a in zichtbaar(toegang.collega)} and casus.pk
    overal_gelijk()
