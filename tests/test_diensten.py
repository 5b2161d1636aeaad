"""DIE-1 catalogue, DIE-2 services per task (statuses, groups, Historie read-only), DIE-3 lead time across
reopening and time spent; access follows the casus (AUT-1)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cris import klok
from cris.accounts.roles import Rol
from cris.audit.models import AuditEntry
from diensten import services
from diensten.models import Dienst, DienstSoort, DienstStatus
from diensten.selectors import diensten_van_taak, geldige_soorten, geldige_soorten_uit_catalogus
from diensten.services import levenscyclus, tijd
from taken.models import TaakStatus
from taken.services import TaakFout
from taken.services.levenscyclus import taak_afbreken, taak_afronden, taak_heropenen
from tests import chain
from tests.access import assert_toegang
from tests.factories import LidmaatschapFactory, MedewerkerFactory

pytestmark = pytest.mark.django_db

T0 = timezone.now() - timedelta(days=30)


@pytest.fixture
def taak(team, worker):
    return chain.taak(casus=chain.casus(), team=team, behandelaar=worker)


@pytest.fixture
def soort():
    return DienstSoort.objects.get(code="INF-STRAFPROCES")


def test_die1_catalogue_has_both_categories_with_sub_services():
    hoofd = DienstSoort.objects.filter(hoofddienst__isnull=True)
    assert set(hoofd.values_list("categorie", flat=True)) == {"informerend", "ondersteunend"}
    assert DienstSoort.objects.get(code="OND-JUR-SPREEKRECHT").hoofddienst.code == "OND-JURIDISCH"


def test_die1_a_retired_soort_is_not_offered_but_old_services_keep_it(client, worker, taak, soort):
    dienst = levenscyclus.dienst_registreren(actor=worker, taak=taak, soort=soort)
    client.force_login(worker)
    keuze = f'<option value="{soort.pk}">'
    assert geldige_soorten_uit_catalogus() == list(geldige_soorten())  # the page's choices, the POST's check
    assert keuze in client.get(reverse("taken:detail", args=[taak.pk])).content.decode()
    soort.geldig_tot = klok.vandaag() - timedelta(days=1)
    soort.save()  # the page's choices come from the catalogue cache, emptied by this save
    assert soort not in geldige_soorten() and geldige_soorten_uit_catalogus() == list(geldige_soorten())
    assert keuze not in client.get(reverse("taken:detail", args=[taak.pk])).content.decode()
    fout = client.post(reverse("diensten:registreren", args=[taak.pk]), {"soort": soort.pk})
    assert fout.status_code == 422 and "Deze dienst is niet (meer) geldig." in fout.content.decode()
    with pytest.raises(services.DienstFout, match="niet \\(meer\\) geldig"):
        levenscyclus.dienst_registreren(actor=worker, taak=taak, soort=soort)
    dienst.refresh_from_db()
    assert dienst.soort == soort


def test_die1_a_sub_service_belongs_to_a_main_service_of_its_category():
    from django.core.exceptions import ValidationError

    sub = DienstSoort(code="X", naam="x", categorie="ondersteunend", hoofddienst=DienstSoort.objects.get(code="INF"))
    with pytest.raises(ValidationError, match="categorie van zijn hoofddienst"):
        sub.full_clean()


def test_die2_register_start_and_close_with_audit_and_timeline(worker, taak, soort):
    dienst = levenscyclus.dienst_registreren(actor=worker, taak=taak, soort=soort, toelichting="aangifte")
    assert (dienst.status, dienst.team_id, dienst.district_id) == ("nieuw", taak.team_id, taak.casus.district_id)
    levenscyclus.dienst_starten(actor=worker, dienst=dienst)
    dienst = levenscyclus.dienst_afronden(actor=worker, dienst=dienst)
    assert dienst.status == DienstStatus.AFGEROND and dienst.afgesloten_op is not None
    assert AuditEntry.objects.filter(object_type="diensten.dienst", object_id=str(dienst.pk)).count() == 3
    assert taak.casus.tijdlijn.filter(soort="dienst").count() == 3
    with pytest.raises(services.DienstFout, match="intussen afgerond"):
        levenscyclus.dienst_afbreken(actor=worker, dienst=dienst)


def test_die2_only_the_handler_on_a_task_in_progress(team, worker, taak, soort):
    collega = MedewerkerFactory()
    LidmaatschapFactory(medewerker=collega, team=team)
    with pytest.raises(services.DienstFout, match="behandelaar"):
        levenscyclus.dienst_registreren(actor=collega, taak=taak, soort=soort)
    nieuwe_taak = chain.taak(casus=chain.casus(), team=team)
    with pytest.raises(services.DienstFout, match="in behandeling"):
        levenscyclus.dienst_registreren(actor=worker, taak=nieuwe_taak, soort=soort)


def test_tak2_a_task_with_open_services_is_not_realised(worker, taak, soort):
    dienst = levenscyclus.dienst_registreren(actor=worker, taak=taak, soort=soort)
    with pytest.raises(TaakFout, match="open diensten"):
        taak_afronden(actor=worker, taak=taak)
    taak.refresh_from_db()
    assert taak.status == TaakStatus.IN_BEHANDELING  # nothing half-saved
    levenscyclus.dienst_afronden(actor=worker, dienst=dienst)
    assert taak_afronden(actor=worker, taak=taak).status == TaakStatus.GEREALISEERD


def test_die2_groups_and_historie_is_read_only(worker, taak, soort):
    klaar = levenscyclus.dienst_registreren(actor=worker, taak=taak, soort=soort)
    levenscyclus.dienst_afronden(actor=worker, dienst=klaar)
    gestopt = levenscyclus.dienst_registreren(actor=worker, taak=taak, soort=soort)
    levenscyclus.dienst_afbreken(actor=worker, dienst=gestopt)
    open_ = levenscyclus.dienst_registreren(actor=worker, taak=taak, soort=soort)
    groepen = diensten_van_taak(taak=taak)
    assert [d.pk for d in groepen.actief] == [open_.pk]
    assert [d.pk for d in groepen.afgerond] == [klaar.pk]
    assert [d.pk for d in groepen.afgebroken] == [gestopt.pk]
    # Stopping the task stops its open services (by the system) and moves everything to the Historie.
    taak_afbreken(actor=worker, taak=taak, reden="Cliënt verhuisd")
    open_.refresh_from_db()
    assert open_.status == DienstStatus.AFGEBROKEN
    groepen = diensten_van_taak(taak=taak)
    assert not (groepen.actief or groepen.afgerond or groepen.afgebroken)
    assert {d.pk for d in groepen.historie} == {klaar.pk, gestopt.pk, open_.pk}
    # Reopened task: the Historie stays read-only — no time, no status change — until a service is reopened.
    taak = taak_heropenen(actor=worker, taak=taak)
    with pytest.raises(services.DienstFout, match="historie"):
        tijd.tijd_registreren(actor=worker, dienst=klaar, minuten=10, datum=timezone.localdate())
    with pytest.raises(services.DienstFout, match="historie"):
        levenscyclus.dienst_afbreken(actor=worker, dienst=klaar)
    heropend = levenscyclus.dienst_heropenen(actor=worker, dienst=klaar)
    assert (heropend.status, heropend.historie, heropend.keer_heropend) == (DienstStatus.IN_BEHANDELING, False, 1)
    assert [d.pk for d in diensten_van_taak(taak=taak).actief] == [klaar.pk]


def test_die3_lead_time_counts_open_periods_only_across_reopening(worker, taak, soort):
    dienst = levenscyclus.dienst_registreren(actor=worker, taak=taak, soort=soort, nu=T0)
    assert dienst.doorlooptijd(T0 + timedelta(hours=5)) == timedelta(hours=5)
    dienst = levenscyclus.dienst_afronden(actor=worker, dienst=dienst, nu=T0 + timedelta(days=3))
    assert dienst.doorlooptijd_s == 3 * 86_400
    # Closed for a week: that week does not count.
    dienst = levenscyclus.dienst_heropenen(actor=worker, dienst=dienst, nu=T0 + timedelta(days=10))
    assert dienst.doorlooptijd(T0 + timedelta(days=11)) == timedelta(days=4)
    dienst = levenscyclus.dienst_afronden(actor=worker, dienst=dienst, nu=T0 + timedelta(days=12, hours=6))
    assert dienst.doorlooptijd_s == 5 * 86_400 + 6 * 3600
    assert dienst.doorlooptijd(T0 + timedelta(days=40)) == timedelta(days=5, hours=6)  # stops when closed


def test_die3_reopening_with_the_casus(worker, taak, soort):
    """CAS-3: a task reopened on an Afgerond casus makes it Actief; its services can be reopened."""
    dienst = levenscyclus.dienst_registreren(actor=worker, taak=taak, soort=soort)
    levenscyclus.dienst_afronden(actor=worker, dienst=dienst)
    taak_afronden(actor=worker, taak=taak)
    taak.casus.refresh_from_db()
    assert taak.casus.status == "passief"
    with pytest.raises(services.DienstFout, match="in behandeling"):
        levenscyclus.dienst_heropenen(actor=worker, dienst=dienst)  # the task is closed: reopen it first
    taak_heropenen(actor=worker, taak=taak)
    taak.casus.refresh_from_db()
    assert taak.casus.status == "actief"
    assert levenscyclus.dienst_heropenen(actor=worker, dienst=dienst).open


def test_die3_time_spent_is_summed_and_validated(worker, taak, soort):
    dienst = levenscyclus.dienst_registreren(actor=worker, taak=taak, soort=soort)
    tijd.tijd_registreren(actor=worker, dienst=dienst, minuten=30, datum=timezone.localdate())
    tijd.tijd_registreren(actor=worker, dienst=dienst, minuten=45, datum=timezone.localdate(), omschrijving="brief")
    dienst.refresh_from_db()
    assert dienst.besteed_minuten == 75
    with pytest.raises(services.DienstFout, match="toekomst"):
        tijd.tijd_registreren(actor=worker, dienst=dienst, minuten=5, datum=timezone.localdate() + timedelta(days=1))
    with pytest.raises(services.DienstFout, match="1 en 1440"):
        tijd.tijd_registreren(actor=worker, dienst=dienst, minuten=0, datum=timezone.localdate())


def test_the_task_page_registers_services_and_time(client, worker, taak, soort, django_assert_max_num_queries):
    client.force_login(worker)
    url = reverse("taken:detail", args=[taak.pk])
    fout = client.post(reverse("diensten:registreren", args=[taak.pk]), {"soort": ""})
    assert fout.status_code == 422 and "Kies een dienst." in fout.content.decode()
    client.post(reverse("diensten:registreren", args=[taak.pk]), {"soort": soort.pk, "toelichting": "PV"})
    dienst = Dienst.objects.get(taak=taak)
    vandaag = timezone.localdate().isoformat()
    fout = client.post(
        reverse("diensten:tijd", args=[dienst.pk]), {f"tijd{dienst.pk}-minuten": "", f"tijd{dienst.pk}-datum": vandaag}
    )
    assert fout.status_code == 422 and "Geef het aantal minuten op." in fout.content.decode()
    client.post(
        reverse("diensten:tijd", args=[dienst.pk]),
        {f"tijd{dienst.pk}-minuten": "25", f"tijd{dienst.pk}-datum": vandaag},
    )
    client.post(reverse("diensten:afronden", args=[dienst.pk]))
    for _ in range(3):  # more services do not mean more queries
        levenscyclus.dienst_registreren(actor=worker, taak=taak, soort=soort)
    with django_assert_max_num_queries(9):  # issue 11: lazy forms; no call-back note or appointment query when none
        pagina = client.get(url).content.decode()
    assert "Afgerond (1)" in pagina and "Actief (3)" in pagina and "25 min" in pagina


def test_service_actions_follow_casus_access(client, toegang, soort):
    casus = chain.casus()
    taak = chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.eigenaar)
    dienst = levenscyclus.dienst_registreren(actor=toegang.eigenaar, taak=taak, soort=soort)
    # Reads: the task page with its services.
    assert_toegang(
        client, toegang, reverse("taken:detail", args=[taak.pk]),
        eigenaar=200, collega=200, teamleider=200, buitenstaander=404, functioneel_beheerder=404,
    )  # fmt: skip
    # Writes: an outsider gets 404 without a hint; a colleague with access is sent back with a message.
    assert_toegang(
        client, toegang, reverse("diensten:starten", args=[dienst.pk]), method="post",
        eigenaar=302, collega=302, teamleider=302, buitenstaander=404, functioneel_beheerder=404,
    )  # fmt: skip
    assert_toegang(
        client, toegang, reverse("diensten:registreren", args=[taak.pk]), method="post", data={"soort": soort.pk},
        eigenaar=302, collega=302, teamleider=302, buitenstaander=404, functioneel_beheerder=404,
    )  # fmt: skip
    # The owner and the team leader changed things; the colleague could not.
    assert Dienst.objects.filter(taak=taak).count() == 3
    dienst.refresh_from_db()
    assert dienst.status == DienstStatus.IN_BEHANDELING


def test_die1_functional_managers_edit_the_catalogue_in_the_admin(client):
    beheerder = MedewerkerFactory(rollen=[Rol.FUNCTIONEEL_BEHEERDER])
    client.force_login(beheerder)
    assert client.get(reverse("admin:diensten_dienstsoort_changelist")).status_code == 200
    hoofd = DienstSoort.objects.get(code="OND-PRAKTISCH")
    response = client.post(
        reverse("admin:diensten_dienstsoort_add"),
        {
            "code": "OND-PRAKT-WONING", "naam": "Woningaanpassing", "categorie": "ondersteunend",
            "hoofddienst": hoofd.pk, "geldig_van": "2026-01-01", "geldig_tot": "", "volgorde": 5, "omschrijving": "",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    assert DienstSoort.objects.get(code="OND-PRAKT-WONING").hoofddienst == hoofd
    assert date(2026, 1, 1) == DienstSoort.objects.get(code="OND-PRAKT-WONING").geldig_van


def test_die3_a_contact_registers_its_service_and_time_in_the_same_step(client, worker, taak, soort):
    """Issue 25, DIE-3: the contact panel takes the service and the call's minutes in one submit; one service
    call writes contact, service and time in one transaction (audited, on the timeline), and the production
    figures count the 25 minutes of a 25-minute call."""
    from casus.models import TijdlijnItem
    from rapportage.selectors import Periode, productie
    from taken.models import Contactmoment

    client.force_login(worker)
    pagina = client.get(reverse("taken:detail", args=[taak.pk])).content.decode()
    assert 'name="dienst"' in pagina and f'value="s{soort.pk}"' in pagina  # in the contact panel
    tijdstip = timezone.localtime(klok.nu())
    contact = {"tijdstip": f"{tijdstip:%Y-%m-%dT%H:%M}", "kanaal": "telefoon", "richting": "uitgaand", "bereikt": "ja"}
    url = reverse("taken:contact", args=[taak.pk])

    # A service without the call's duration: refused at the duration field, nothing saved.
    fout = client.post(url, {**contact, "verslag": "Gesprek", "dienst": f"s{soort.pk}"})
    assert fout.status_code == 422 and "Geef de duur van het contact op" in fout.content.decode()
    assert not Contactmoment.objects.filter(taak=taak).exists() and not Dienst.objects.filter(taak=taak).exists()

    antwoord = client.post(url, {**contact, "verslag": "Gesprek over het strafproces", "duur_minuten": "25",
                                 "dienst": f"s{soort.pk}"})  # fmt: skip
    assert antwoord.status_code == 302
    dienst = Dienst.objects.get(taak=taak)
    assert (dienst.soort, dienst.besteed_minuten) == (soort, 25)
    assert AuditEntry.objects.filter(object_type="diensten.tijdsbesteding", actie="aanmaken").count() == 1
    assert TijdlijnItem.objects.filter(casus=taak.casus, omschrijving__startswith="25 minuten").count() == 1

    # The next call on the same service: its minutes add up.
    client.post(url, {**contact, "verslag": "Terugbelgesprek", "duur_minuten": "10", "dienst": f"d{dienst.pk}"})
    dienst.refresh_from_db()
    assert dienst.besteed_minuten == 35 and Contactmoment.objects.filter(taak=taak).count() == 2
    dag = timezone.localdate(klok.nu())
    assert productie(periode=Periode.maanden(dag, dag)).totaal.besteed_minuten == 35


def test_die3_a_refused_service_leaves_the_contact_unsaved(worker, taak, soort, team):
    """One transaction: when the service part is refused, the contact is not recorded either."""
    from taken.models import Contactmoment
    from taken.verslagen import verslag_vastleggen

    ander = chain.taak(casus=chain.casus(), team=team, behandelaar=worker)
    vreemd = levenscyclus.dienst_registreren(actor=worker, taak=ander, soort=soort)
    with pytest.raises(services.DienstFout, match="hoort niet"):
        verslag_vastleggen(
            actor=worker, taak=taak, kanaal="telefoon", richting="uitgaand", bereikt=True, tijdstip=klok.nu(),
            verslag="Gesprek", duur_minuten=25, extra={"dienst": f"d{vreemd.pk}"},
        )  # fmt: skip
    assert not Contactmoment.objects.filter(taak=taak).exists()
