"""KOP-1: the EDP/EDOM import hub. Police and prosecution referrals in, nothing lost, nothing twice
(INTERFACES.md §1-3), over the shared samples and hostile inputs."""

import json
import uuid
from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F

from aanmelding.models import Aanmelding, Signalering, Wachtrij
from aanmelding.services import aanmelding_goedkeuren
from casus.models import Strafzaak, TijdlijnSoort
from cris.accounts.roles import Rol
from cris.audit.models import AuditEntry
from koppelingen.berichten import selectors
from koppelingen.berichten.models import Aanlevering, Bericht, Bron, Quarantainebericht
from koppelingen.berichten.services import Invoer, importeren, quarantaine_opnieuw_verwerken
from tests import berichten as b
from tests.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db


def importeer(*paden, **kwargs) -> dict:
    out = StringIO()
    call_command("importeer", *[str(p) for p in paden], "--json", stdout=out, **kwargs)
    return json.loads(out.getvalue())


def assert_telling_sluit():
    """Per file and per day: ontvangen = geimporteerd + dubbel + quarantaine."""
    assert not Aanlevering.objects.exclude(ontvangen=F("geimporteerd") + F("dubbel") + F("quarantaine")).exists()
    dag = selectors.dagtelling()
    assert dag["ontvangen"] == dag["geimporteerd"] + dag["dubbel"] + dag["quarantaine"]


# --- The shared samples ----------------------------------------------------------------------------------


def test_the_shared_samples_become_referrals_one_per_victim_in_the_right_queues():
    """KOP-1, AAN-1, AAN-3: EDP to Administratie, EDOM (no casus yet) to JD-Admin; a batch is split."""
    assert importeer(b.SAMPLES) == {"ontvangen": 6, "geimporteerd": 6, "dubbel": 0, "quarantaine": 0}
    assert Aanmelding.objects.count() == 7  # the batch's first message has two victims
    assert Aanmelding.objects.filter(kanaal="edp", wachtrij=Wachtrij.ADMINISTRATIE).count() == 5
    assert Aanmelding.objects.filter(kanaal="edom", wachtrij=Wachtrij.JD_ADMIN).count() == 2
    assert Bericht.objects.count() == 6
    assert_telling_sluit()

    marieke = Aanmelding.objects.get(bericht_id="3f1c2a9e-6b0d-4c1e-9a57-0d2b8e4f7a11/1")
    assert (marieke.pv_nummer, marieke.delict_code, marieke.delict_omschrijving) == (
        "PL1300-2026112045",
        "MISH-ZWAAR",
        "Zware mishandeling",
    )
    assert (marieke.bsn, marieke.postcode, marieke.land, marieke.toevoeging) == (
        "111222333",
        "1015 CJ",
        "Nederland",
        "2",
    )
    assert marieke.melder == "Politie, Eenheid Amsterdam; verbalisant J. de Vries (0900-8844)"
    # AAN-6: a BSN comes in flagged until BVBSN has answered (the check runs after commit).
    assert marieke.toestemming_contact and marieke.signaleringen == [Signalering.BSN_NIET_GECONTROLEERD]

    yilmaz = Aanmelding.objects.filter(pv_nummer="PL0900-2026118877").order_by("bericht_id")
    assert [a.voornamen for a in yilmaz] == ["Ahmet", "Elif"]
    assert yilmaz[0].taal == "tr" and yilmaz[0].slachtofferrol == "nabestaande"
    assert yilmaz[1].minderjarig and yilmaz[1].vertegenwoordiger == "Ahmet Yılmaz (vader), 0687654321"
    assert yilmaz[0].kwetsbaarheden == ["taalbarriere"]
    assert Signalering.BSN_ONTBREEKT in yilmaz[0].signaleringen

    # ISO-8859-1 as declared
    rene = Aanmelding.objects.get(pv_nummer="PL0100-2026119034")
    assert (rene.voornamen, rene.achternaam, rene.kwetsbaarheden) == ("René", "Müller", ["ouderen"])

    kees = Aanmelding.objects.get(kanaal="edom", achternaam="de Groot")
    assert kees.parketnummer == "10/654321-26" and kees.strafzaak["fase"] == "sepot"
    assert kees.melder == "Openbaar Ministerie, arrondissement Rotterdam"


def test_imported_referrals_are_audited_in_bulk_and_handed_to_the_processing_hook(
    monkeypatch, tmp_path, django_capture_on_commit_callbacks
):
    """AAN-9's single hook receives the new ids after commit; every referral has its audit entry."""
    ontvangen = []
    monkeypatch.setattr("aanmelding.services.na_ontvangst", lambda ids: ontvangen.extend(ids))
    pad = b.bestand(tmp_path, b.batch(*(b.edp(root=False) for _ in range(3))))
    with django_capture_on_commit_callbacks(execute=True):
        importeer(pad)
    ids = set(Aanmelding.objects.values_list("pk", flat=True))
    assert set(ontvangen) == ids and len(ids) == 3
    audited = AuditEntry.objects.filter(object_type="aanmelding.aanmelding", actie="aanmaken", bron="commando")
    assert set(audited.values_list("object_id", flat=True)) == {str(i) for i in ids}


# --- Idempotency and accounting --------------------------------------------------------------------------


def test_the_same_message_twice_is_one_referral_and_one_duplicate(tmp_path):
    bericht = b.edp()
    eerste, tweede = b.bestand(tmp_path, bericht), b.bestand(tmp_path, bericht)
    assert importeer(eerste) == {"ontvangen": 1, "geimporteerd": 1, "dubbel": 0, "quarantaine": 0}
    assert importeer(tweede) == {"ontvangen": 1, "geimporteerd": 0, "dubbel": 1, "quarantaine": 0}
    assert Aanmelding.objects.count() == 1
    assert selectors.dagtelling() == {"ontvangen": 2, "geimporteerd": 1, "dubbel": 1, "quarantaine": 0}


def test_the_same_message_twice_in_one_batch_counts_once(tmp_path):
    bericht_id = str(uuid.uuid4())
    pad = b.bestand(
        tmp_path, b.batch(b.edp(bericht_id=bericht_id, root=False), b.edp(bericht_id=bericht_id, root=False))
    )
    assert importeer(pad) == {"ontvangen": 2, "geimporteerd": 1, "dubbel": 1, "quarantaine": 0}
    assert_telling_sluit()


def test_a_batch_with_one_bad_message_imports_the_rest_and_quarantines_that_one_whole(tmp_path):
    goed = [b.edp(root=False) for _ in range(3)]
    slecht = b.edp(root=False, pv="PL09-123")
    pad = b.bestand(tmp_path, b.batch(goed[0], slecht, goed[1], goed[2]))
    assert importeer(pad) == {"ontvangen": 4, "geimporteerd": 3, "dubbel": 0, "quarantaine": 1}
    q = Quarantainebericht.objects.get()
    assert (q.regel, q.element, q.kanaal) == (4, "Aanmelding/PvNummer", "edp")  # line 4: the second message
    assert "PL09-123" in q.reden and "pattern" in q.reden
    # kept whole: the bad message itself, as XML that validates again once corrected
    assert b"<PvNummer>PL09-123</PvNummer>" in bytes(q.inhoud) and bytes(q.inhoud).count(b"<BerichtId>") == 1
    aanlevering = Aanlevering.objects.get()
    assert (aanlevering.ontvangen, aanlevering.totaal, aanlevering.status) == (4, 4, "klaar")
    assert AuditEntry.objects.filter(object_type="berichten.quarantainebericht", object_id=str(q.pk)).exists()


def test_the_same_broken_file_twice_is_kept_once(tmp_path):
    pad = b.bestand(tmp_path, b"<Aanmelding><kapot")
    assert importeer(pad)["quarantaine"] == 1
    assert importeer(pad) == {"ontvangen": 1, "geimporteerd": 0, "dubbel": 1, "quarantaine": 0}
    assert Quarantainebericht.objects.count() == 1
    assert_telling_sluit()


@pytest.mark.django_db(transaction=True)
def test_two_workers_on_the_same_file_at_once_make_each_referral_once(tmp_path):
    """The BerichtId claim is an INSERT … ON CONFLICT on a unique index: the second worker waits for the
    first's commit and then counts duplicates."""
    import threading

    from django.db import connection

    pad = b.bestand(tmp_path, b.batch(*(b.edp(root=False) for _ in range(200))))
    start = threading.Barrier(2)
    uitkomsten, fouten = [], []

    def worker():
        try:
            start.wait()
            uitkomsten.append(importeren(invoer=[Invoer(naam=pad.name, pad=pad)], bron=Bron.COMMANDO))
        except Exception as exc:  # pragma: no cover - reported below
            fouten.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not fouten
    assert Aanmelding.objects.count() == 200 and Bericht.objects.count() == 200
    assert sum(u.geimporteerd for u in uitkomsten) == 200
    assert sum(u.dubbel for u in uitkomsten) == 200
    assert_telling_sluit()


# --- Hostile input ---------------------------------------------------------------------------------------


def _enige_quarantaine(pad) -> Quarantainebericht:
    assert importeer(pad) == {"ontvangen": 1, "geimporteerd": 0, "dubbel": 0, "quarantaine": 1}
    assert Aanmelding.objects.count() == 0
    return Quarantainebericht.objects.get()


def test_entity_expansion_is_refused_without_expanding(tmp_path):
    """The "billion laughs": 10^9 × "lol" if expanded."""
    entiteiten = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    ]
    lol = (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n' + "\n".join(entiteiten) + "\n]>\n"
        f'<Aanmelding xmlns="{b.EDP_NS}" versie="1.0"><BerichtId>&lol9;</BerichtId></Aanmelding>'
    )
    q = _enige_quarantaine(b.bestand(tmp_path, lol))
    assert "DOCTYPE" in q.reden and q.regel == 1
    assert bytes(q.inhoud) == lol.encode()  # kept whole, as received


def test_external_entities_are_never_read(tmp_path):
    xxe = (
        '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        f'<Aanmelding xmlns="{b.EDP_NS}" versie="1.0"><BerichtId>&xxe;</BerichtId></Aanmelding>'
    )
    q = _enige_quarantaine(b.bestand(tmp_path, xxe))
    assert "DOCTYPE" in q.reden
    assert "root:" not in q.reden and b"root:" not in bytes(q.inhoud)


def test_an_external_entity_inside_a_valid_looking_message_is_not_resolved(tmp_path):
    bericht = b.edp().replace("<Plaats>Utrecht</Plaats>", "<Plaats>&xxe;</Plaats>")
    xxe = f'<?xml version="1.0"?>\n<!DOCTYPE Aanmelding [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>\n{bericht}'
    _enige_quarantaine(b.bestand(tmp_path, xxe))


def test_a_wrong_namespace_is_quarantined_with_the_namespace_named(tmp_path):
    q = _enige_quarantaine(b.bestand(tmp_path, b.edp().replace(b.EDP_NS, "urn:nl:politie:edp:aanmelding:2")))
    assert "urn:nl:politie:edp:aanmelding:2" in q.reden and q.element == "Aanmelding"


def test_a_truncated_file_is_quarantined_with_its_line(tmp_path):
    inhoud = b.batch(b.edp(root=False), b.edp(root=False))
    q = _enige_quarantaine(b.bestand(tmp_path, inhoud[: len(inhoud) // 2 + 7]))
    assert q.reden.startswith("Geen geldige XML") and q.regel >= 2


def test_a_wrong_declared_encoding_is_quarantined_not_garbled(tmp_path):
    """Declared UTF-8, written in Latin-1: the é is not valid UTF-8."""
    inhoud = '<?xml version="1.0" encoding="UTF-8"?>\n' + b.edp(slachtoffers=[b.slachtoffer(voornamen="René")])
    q = _enige_quarantaine(b.bestand(tmp_path, inhoud.encode("latin-1")))
    assert "UTF-8" in q.reden or "encoding" in q.reden.lower()
    assert q.regel == 2


def test_an_unknown_declared_encoding_is_quarantined(tmp_path):
    inhoud = '<?xml version="1.0" encoding="KLINGON-8"?>\n' + b.edp()
    _enige_quarantaine(b.bestand(tmp_path, inhoud))


def test_a_50_mb_file_is_not_read_and_kept_as_a_file(tmp_path, django_assert_max_num_queries):
    pad = tmp_path / "groot.xml"
    with pad.open("wb") as fh:
        fh.write(b'<?xml version="1.0"?>\n<Batch xmlns="urn:nl:politie:edp:aanmelding:1">')
        fh.write(b" " * (50 * 1024 * 1024))
        fh.write(b"</Batch>")
    q = _enige_quarantaine(pad)
    assert "groter dan de limiet" in q.reden and "CRIS_BERICHTEN_MAX_BYTES" in q.reden
    assert bytes(q.inhoud) == b"" and q.pad == str(pad)


def test_version_1_0_does_not_know_taal(tmp_path):
    """Slachtoffer/Taal is EDP 1.1 only."""
    bericht = b.edp(versie="1.0", slachtoffers=[b.slachtoffer(extra="<Taal>en</Taal>")])
    q = _enige_quarantaine(b.bestand(tmp_path, bericht))
    assert q.element == "Aanmelding/Slachtoffer/Taal"
    assert importeer(b.bestand(tmp_path, bericht.replace('versie="1.0"', 'versie="1.1"')))["geimporteerd"] == 1
    assert Aanmelding.objects.get().taal == "en"


def test_an_unknown_version_is_quarantined(tmp_path):
    q = _enige_quarantaine(b.bestand(tmp_path, b.edp(versie="2.0")))
    assert "Onbekende versie '2.0'" in q.reden and "1.0, 1.1" in q.reden


# --- Flags, not refusals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bsn", "signalering", "bewaard"),
    [
        (None, Signalering.BSN_ONTBREEKT, ""),
        ("123456789", Signalering.BSN_ONGELDIG, ""),
        ("12345", Signalering.BSN_ONGELDIG, ""),
        ("111222333", Signalering.BSN_NIET_GECONTROLEERD, "111222333"),  # valid: waits for BVBSN (AAN-6)
    ],
)
def test_an_invalid_or_absent_bsn_flags_the_referral_and_never_reaches_the_bsn_field(
    tmp_path, bsn, signalering, bewaard
):
    """AAN-6: 11-proef; a wrong BSN is kept aside for the reviewer, not in the BSN field."""
    importeer(b.bestand(tmp_path, b.edp(slachtoffers=[b.slachtoffer(bsn=bsn)])))
    aanmelding = Aanmelding.objects.get()
    assert aanmelding.bsn == bewaard
    assert aanmelding.signaleringen == [signalering]
    if signalering == Signalering.BSN_ONGELDIG:
        assert aanmelding.bsn_ontvangen == bsn


def test_an_unknown_delict_code_flags_the_referral(tmp_path):
    """AAN-4: mapped against the catalogue; unknown is flagged, not refused; a known code gives the name."""
    importeer(b.bestand(tmp_path, b.edp(code="ONBEKEND-99")), b.bestand(tmp_path, b.edp(code="FIETSDIEFSTAL")))
    onbekend = Aanmelding.objects.get(delict_code="ONBEKEND-99")
    assert (
        onbekend.signaleringen == [Signalering.DELICT_ONBEKEND] or Signalering.DELICT_ONBEKEND in onbekend.signaleringen
    )
    fiets = Aanmelding.objects.get(delict_code="FIETSDIEFSTAL")
    assert fiets.delict_omschrijving == "Fietsdiefstal" and Signalering.DELICT_ONBEKEND not in fiets.signaleringen


def test_flags_are_shown_to_the_reviewer(client, tmp_path):
    importeer(b.bestand(tmp_path, b.edp(code="ONBEKEND-99", slachtoffers=[b.slachtoffer(bsn="123456789")])))
    aanmelding = Aanmelding.objects.get()
    client.force_login(MedewerkerFactory(rollen=[Rol.ADMINISTRATIE]))
    page = client.get(f"/aanmeldingen/{aanmelding.pk}/").content.decode()
    assert "Delictcode onbekend in de delictencatalogus" in page
    assert "BSN ongeldig" in page and "123456789" in page
    assert "2 signaleringen" in client.get("/aanmeldingen/beoordelen/").content.decode()


def test_the_prosecutions_data_is_on_the_referral_for_jd_admin(client, tmp_path):
    importeer(b.bestand(tmp_path, b.edom()))
    aanmelding = Aanmelding.objects.get()
    client.force_login(MedewerkerFactory(rollen=[Rol.JD_ADMIN]))
    page = client.get(f"/aanmeldingen/{aanmelding.pk}/").content.decode()
    assert "Strafzaak (OM)" in page and "15-02-2027 09:30" in page and "16/123456-26" in page


def test_500_victims_in_one_message_make_500_referrals_in_a_bounded_number_of_queries(
    tmp_path, django_assert_max_num_queries
):
    slachtoffers = [b.slachtoffer(achternaam=f"Slachtoffer{i}") for i in range(500)]
    pad = b.bestand(tmp_path, b.edp(slachtoffers=slachtoffers))
    with django_assert_max_num_queries(20):
        assert importeer(pad) == {"ontvangen": 1, "geimporteerd": 1, "dubbel": 0, "quarantaine": 0}
    assert Aanmelding.objects.filter(pv_nummer="PL0900-2026000001").count() == 500
    assert Bericht.objects.get().slachtoffers == 500


def test_many_messages_take_the_same_number_of_queries_as_a_few(tmp_path, django_assert_max_num_queries):
    klein = b.bestand(tmp_path, b.batch(*(b.edp(root=False) for _ in range(5))))
    groot = [b.bestand(tmp_path, b.edp()) for _ in range(300)]
    with django_assert_max_num_queries(20):
        importeer(klein)
    with django_assert_max_num_queries(20):
        assert importeer(*groot)["geimporteerd"] == 300


# --- EDOM: the existing client and casus -----------------------------------------------------------------


def _casus_voor(tmp_path, **slachtoffer):
    from testgegevens.demo.werkstroom import teams_aanmaken

    teams_aanmaken()
    importeer(b.bestand(tmp_path, b.edp(slachtoffers=[b.slachtoffer(**slachtoffer)])))
    aanmelding = Aanmelding.objects.get(kanaal="edp")
    return aanmelding_goedkeuren(actor=MedewerkerFactory(rollen=[Rol.ADMINISTRATIE]), aanmelding=aanmelding)


def test_edom_for_an_existing_casus_adds_the_legal_part_and_makes_no_referral(tmp_path):
    """Matched by PV-nummer and BSN: Strafzaak on the casus (CAS-2), audited, on the timeline."""
    casus = _casus_voor(tmp_path, bsn="111222333")
    assert importeer(b.bestand(tmp_path, b.edom(slachtoffers=[b.slachtoffer(bsn="111222333", toestemming=None)]))) == {
        "ontvangen": 1,
        "geimporteerd": 1,
        "dubbel": 0,
        "quarantaine": 0,
    }
    assert not Aanmelding.objects.filter(kanaal="edom").exists()
    strafzaak = Strafzaak.objects.get(casus=casus)
    assert (strafzaak.fase, strafzaak.parketnummer, strafzaak.spreekrecht, strafzaak.voeging) == (
        "zitting",
        "16/123456-26",
        True,
        True,
    )
    assert strafzaak.zittingsdatum == datetime(2027, 2, 15, 9, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))
    assert (strafzaak.zaakcoordinator_naam, strafzaak.zaakcoordinator_email) == (
        "mr. P. Bakker",
        "p.bakker@om.example.nl",
    )
    casus.refresh_from_db()
    assert casus.parketnummer == "16/123456-26"
    assert casus.tijdlijn.filter(soort=TijdlijnSoort.JURIDISCH).exists()
    entry = AuditEntry.objects.get(object_type="casus.strafzaak", actie="aanmaken")
    assert entry.client_id == casus.client_id and "EDOM-bericht" in entry.reden


def test_a_later_edom_message_updates_the_legal_part_with_old_and_new_values(tmp_path):
    casus = _casus_voor(tmp_path, achternaam="Berg", tussenvoegsel="van der", geboortedatum="1987-04-12")
    # matched by parketnummer after the first message, on name (particles written differently) + birth date
    slachtoffer = b.slachtoffer(achternaam="Van der Berg", geboortedatum="1987-04-12", toestemming=None)
    importeer(b.bestand(tmp_path, b.edom(slachtoffers=[slachtoffer], fase="dagvaarding")))
    importeer(b.bestand(tmp_path, b.edom(slachtoffers=[slachtoffer], pv="", fase="vonnis")))
    assert Strafzaak.objects.get(casus=casus).fase == "vonnis"
    wijziging = AuditEntry.objects.get(object_type="casus.strafzaak", actie="wijzigen")
    assert wijziging.wijzigingen["fase"] == ["dagvaarding", "vonnis"]
    assert not Aanmelding.objects.filter(kanaal="edom").exists()


def test_edom_for_a_known_client_without_that_casus_proposes_the_client(tmp_path):
    casus = _casus_voor(tmp_path, bsn="111222333")
    importeer(
        b.bestand(
            tmp_path, b.edom(pv="PL1111-2026999999", slachtoffers=[b.slachtoffer(bsn="111222333", toestemming=None)])
        )
    )
    aanmelding = Aanmelding.objects.get(kanaal="edom")
    assert aanmelding.voorgestelde_client_id == casus.client_id and aanmelding.wachtrij == Wachtrij.JD_ADMIN
    assert not Strafzaak.objects.exists()


def test_approving_an_edom_referral_gives_the_new_casus_its_legal_part(tmp_path):
    from testgegevens.demo.werkstroom import teams_aanmaken

    teams_aanmaken()
    importeer(b.bestand(tmp_path, b.edom()))
    aanmelding = Aanmelding.objects.get(kanaal="edom")
    casus = aanmelding_goedkeuren(actor=MedewerkerFactory(rollen=[Rol.JD_ADMIN]), aanmelding=aanmelding)
    strafzaak = Strafzaak.objects.get(casus=casus)
    assert strafzaak.fase == "zitting" and strafzaak.zittingsdatum.year == 2027
    assert casus.parketnummer == "16/123456-26"


def test_the_legal_part_is_on_the_casus_page_only_for_those_with_access(client, toegang, tmp_path):
    from tests import chain
    from tests.access import assert_toegang

    casus = chain.casus(achternaam="Jansen", pv_nummer="PL0900-2026000001")
    chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.eigenaar)
    casus.client.geboortedatum = "1990-01-02"
    casus.client.save()
    importeer(b.bestand(tmp_path, b.edom()))
    assert Strafzaak.objects.filter(casus=casus).exists()
    url = f"/casussen/{casus.pk}/"
    assert_toegang(
        client, toegang, url, eigenaar=200, collega=200, teamleider=200, buitenstaander=404, functioneel_beheerder=404
    )
    client.force_login(toegang.collega)
    page = client.get(f"/casussen/{casus.pk}/juridisch/").content.decode()
    assert "Juridisch" in page and "16/123456-26" in page and "mr. P. Bakker" in page


# --- Quarantine: fix and process again -------------------------------------------------------------------


def test_a_message_over_the_size_limit_imports_after_the_limit_is_raised(settings, tmp_path):
    settings.BERICHTEN_MAX_BYTES = 500
    pad = b.bestand(tmp_path, b.edp())
    q = _enige_quarantaine(pad)
    settings.BERICHTEN_MAX_BYTES = 20 * 1024 * 1024
    beheerder = MedewerkerFactory(rollen=[Rol.APPLICATIEBEHEERDER])
    melding = quarantaine_opnieuw_verwerken(actor=beheerder, bericht=q)
    assert "1 geïmporteerd" in melding
    q.refresh_from_db()
    assert q.status == "verwerkt" and q.afgehandeld_door == beheerder
    aanlevering = Aanlevering.objects.get()
    assert (aanlevering.ontvangen, aanlevering.geimporteerd, aanlevering.quarantaine) == (1, 1, 0)
    assert Aanmelding.objects.count() == 1
    assert_telling_sluit()


def test_a_quarantined_batch_becomes_its_messages_when_processed_again(settings, tmp_path):
    settings.BERICHTEN_MAX_BYTES = 500
    q = _enige_quarantaine(b.bestand(tmp_path, b.batch(*(b.edp(root=False) for _ in range(3)))))
    settings.BERICHTEN_MAX_BYTES = 20 * 1024 * 1024
    quarantaine_opnieuw_verwerken(actor=None, bericht=q)
    aanlevering = Aanlevering.objects.get()
    assert (aanlevering.ontvangen, aanlevering.geimporteerd, aanlevering.quarantaine) == (3, 3, 0)
    assert_telling_sluit()


def test_a_still_invalid_message_stays_in_quarantine_with_its_reason(tmp_path):
    q = _enige_quarantaine(b.bestand(tmp_path, b.edp(pv="PL1")))
    melding = quarantaine_opnieuw_verwerken(actor=None, bericht=q)
    q.refresh_from_db()
    assert "nog steeds ongeldig" in melding and q.status == "open" and q.pogingen == 2
    assert_telling_sluit()


def test_application_managers_see_the_quarantine_and_process_it_again_in_the_admin(client, settings, tmp_path):
    settings.BERICHTEN_MAX_BYTES = 500
    q = _enige_quarantaine(b.bestand(tmp_path, b.edp()))
    beheerder = MedewerkerFactory(rollen=[Rol.APPLICATIEBEHEERDER])
    client.force_login(beheerder)
    lijst = client.get("/beheer/berichten/quarantainebericht/")
    assert lijst.status_code == 200 and "groter dan de limiet" in lijst.content.decode()
    detail = client.get(f"/beheer/berichten/quarantainebericht/{q.pk}/change/")
    assert detail.status_code == 200 and "Niet opgeslagen (te groot)" in detail.content.decode()
    assert AuditEntry.objects.filter(actie="lezen", object_type="berichten.quarantainebericht", actor_id=beheerder.pk)
    settings.BERICHTEN_MAX_BYTES = 20 * 1024 * 1024
    response = client.post(
        "/beheer/berichten/quarantainebericht/",
        {"action": "opnieuw_verwerken", "_selected_action": [q.pk]},
        follow=True,
    )
    assert "opnieuw verwerkt: 1 geïmporteerd" in response.content.decode()
    assert Aanmelding.objects.count() == 1
    client.force_login(MedewerkerFactory(rollen=[Rol.ADMINISTRATIE]))
    assert client.get("/beheer/berichten/quarantainebericht/").status_code == 302  # no admin for others


def test_the_quarantine_shows_a_latin1_message_as_declared(client, tmp_path):
    inhoud = (b.SAMPLES / "edp" / "edp-003-latin1.xml").read_bytes().replace(b"PL0100-2026119034", b"PL-kapot")
    q = _enige_quarantaine(b.bestand(tmp_path, inhoud))
    client.force_login(MedewerkerFactory(rollen=[Rol.APPLICATIEBEHEERDER]))
    page = client.get(f"/beheer/berichten/quarantainebericht/{q.pk}/change/").content.decode()
    assert "Müller" in page and "PL-kapot" in page


# --- The command ------------------------------------------------------------------------------------------


def test_the_command_fails_only_when_its_input_fails(tmp_path):
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("importeer", str(tmp_path / "nergens"))
    out = StringIO()
    call_command("importeer", str(b.bestand(tmp_path, "geen xml")), stdout=out)
    assert out.getvalue().strip() == "1 ontvangen: 0 geïmporteerd, 0 dubbel, 1 in quarantaine"


def test_the_json_is_one_object_and_nothing_else(tmp_path):
    out = StringIO()
    call_command("importeer", str(b.bestand(tmp_path, b.edp())), "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"ontvangen": 1, "geimporteerd": 1, "dubbel": 0, "quarantaine": 0}
    assert out.getvalue().count("\n") == 1


def test_every_value_at_its_schema_maximum_fits_in_cris(tmp_path):
    """What the schema allows, CRIS stores: a schema length beyond a column would fail a whole chunk."""
    lang = "x" * 200
    slachtoffer = (
        f"<Slachtoffer><Rol>getuige</Rol><Bsn>{'9' * 20}</Bsn><Voorletters>{'V' * 20}</Voorletters>"
        f"<Voornamen>{lang}</Voornamen><Tussenvoegsel>{'t' * 20}</Tussenvoegsel><Achternaam>{lang}</Achternaam>"
        f"<Adres><Straat>{lang}</Straat><Huisnummer>{'1' * 10}</Huisnummer><Huisletter>ABCDE</Huisletter>"
        f"<Toevoeging>{'t' * 10}</Toevoeging><Postcode>AB-1234</Postcode><Woonplaats>{'w' * 100}</Woonplaats>"
        f"<Land>{'L' * 100}</Land></Adres>"
        + f"<Telefoon>{'0' * 30}</Telefoon>"
        * 10
        + f"<Email>{'e' * 240}@example.org</Email>"
        f"<Minderjarig>true</Minderjarig><Vertegenwoordiger><Naam>{lang}</Naam><Telefoon>{'0' * 30}</Telefoon>"
        f"<Relatie>{'r' * 100}</Relatie></Vertegenwoordiger><Taal>en</Taal></Slachtoffer>"
    )
    edom = (
        b.edom(slachtoffers=[slachtoffer])
        .replace("<Arrondissement>Midden-Nederland</Arrondissement>", f"<Arrondissement>{lang}</Arrondissement>")
        .replace("<Rechtbank>Rechtbank Midden-Nederland</Rechtbank>", f"<Rechtbank>{lang}</Rechtbank>")
        .replace("<Naam>mr. P. Bakker</Naam>", f"<Naam>{lang}</Naam><Telefoon>{'0' * 30}</Telefoon>")
        .replace(
            "<Delict><Code>MISH</Code></Delict>",
            f"<Delict><Code>{'C' * 20}</Code><Omschrijving>{'o' * 300}</Omschrijving></Delict>",
        )
    )
    edp = (
        b.edp(
            versie="1.1",
            slachtoffers=[slachtoffer.replace("<Minderjarig>", "<Toestemming>false</Toestemming><Minderjarig>")],
        )
        .replace("<Eenheid>Eenheid Midden-Nederland</Eenheid>", f"<Eenheid>{lang}</Eenheid>")
        .replace("<Plaats>Utrecht</Plaats>", f"<Plaats>{'p' * 100}</Plaats>")
        .replace(
            "<Verbalisant><Naam>J. de Vries</Naam>",
            f"<Kwetsbaarheden>{('<Kwetsbaarheid>' + 'k' * 50 + '</Kwetsbaarheid>') * 50}</Kwetsbaarheden>"
            f"<Toelichting>{'t' * 20000}</Toelichting><Verbalisant><Naam>{lang}</Naam>",
        )
    )
    assert importeer(b.bestand(tmp_path, edom), b.bestand(tmp_path, edp)) == {
        "ontvangen": 2,
        "geimporteerd": 2,
        "dubbel": 0,
        "quarantaine": 0,
    }
    assert Aanmelding.objects.get(kanaal="edp").signaleringen == [Signalering.BSN_ONGELDIG]
    from testgegevens.demo.werkstroom import teams_aanmaken

    teams_aanmaken()
    from taken.models import TaakType
    from werkstroom.models import Team

    taak = (TaakType.objects.get(code="AB-BENADERING"), Team.objects.get(code="AB-MN"))  # foreign address
    casus = aanmelding_goedkeuren(actor=None, aanmelding=Aanmelding.objects.get(kanaal="edom"), taken=[taak])
    assert len(Strafzaak.objects.get(casus=casus).arrondissement) == 200


def test_text_with_tabs_newlines_backslashes_and_quotes_arrives_unchanged(tmp_path):
    toelichting = 'Regel één\n\tingesprongen "aanhalingstekens" \\N backslash, &amp; &lt;tag&gt;'
    bericht = b.edp(slachtoffers=[b.slachtoffer(achternaam="O'Neil\\Test")]).replace(
        "<Verbalisant>", f"<Toelichting>{toelichting}</Toelichting><Verbalisant>"
    )
    importeer(b.bestand(tmp_path, bericht))
    aanmelding = Aanmelding.objects.get()
    assert aanmelding.achternaam == "O'Neil\\Test"
    assert aanmelding.toelichting == 'Regel één\n\tingesprongen "aanhalingstekens" \\N backslash, & <tag>'


def test_functional_managers_keep_the_delict_catalogue(client):
    """AAN-4: the starter catalogue is loaded; functional management adds codes in the admin (audited)."""
    from aanmelding.models import Delict

    assert Delict.objects.filter(code="FIETSDIEFSTAL", doelgroep="online").exists()
    beheerder = MedewerkerFactory(rollen=[Rol.FUNCTIONEEL_BEHEERDER])
    client.force_login(beheerder)
    response = client.post(
        "/beheer/aanmelding/delict/add/",
        {"code": "NIEUW-1", "naam": "Nieuw delict", "categorie": "Overig", "doelgroep": "menselijk", "actief": "on"},
    )
    assert response.status_code == 302 and Delict.objects.filter(code="NIEUW-1").exists()
    assert AuditEntry.objects.filter(object_type="aanmelding.delict", actor_id=beheerder.pk, actie="aanmaken").exists()
