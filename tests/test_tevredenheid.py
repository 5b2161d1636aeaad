"""CAS-5 satisfaction survey: every Afgerond casus is selected unless an active rule excludes the client; the
weekly Celery task writes the invitation file of INTERFACES.md §5 (KOP-6); counts for management."""

import csv
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casus import tevredenheid
from casus.models import Casus, CasusStatus, TevredenheidRegel, TevredenheidSelectie, UitsluitingSoort
from casus.tasks import tevredenheid_week
from cris.accounts.roles import Rol
from cris.audit.models import AuditEntry
from tests import chain
from tests.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _map(settings, tmp_path):
    settings.TEVREDENHEID_DIR = tmp_path / "tevredenheid"
    settings.TEVREDENHEID_SLEUTEL = "test-sleutel"


@pytest.fixture
def regels():
    for soort, waarde in [
        (UitsluitingSoort.OVERLEDEN, ""),
        (UitsluitingSoort.MINDERJARIG, ""),
        (UitsluitingSoort.GEHEIM_ADRES, ""),
        (UitsluitingSoort.GEEN_CONTACT, ""),
        (UitsluitingSoort.DELICT, "ZED"),
        (UitsluitingSoort.AFGEMELD, ""),
    ]:
        TevredenheidRegel.objects.create(soort=soort, waarde=waarde)


def afgerond(toegang, *, client_velden=None, **casus_velden):
    casus = chain.casus(**casus_velden)
    chain.taak(casus=casus, team=toegang.team)
    Casus.objects.filter(pk=casus.pk).update(status=CasusStatus.AFGEROND, afgerond_op=timezone.now())
    velden = {"email": "cliënt@example.org", "taal": "en", "geboortedatum": date(1980, 1, 1), **(client_velden or {})}
    type(casus.client).objects.filter(pk=casus.client_id).update(**velden)
    return Casus.objects.select_related("client").get(pk=casus.pk)


def test_closed_cases_are_selected_unless_a_rule_excludes_them(toegang, regels):
    gekozen = afgerond(toegang)
    uitgesloten = {
        "overleden": afgerond(toegang, client_velden={"overleden": True}),
        "minderjarig": afgerond(
            toegang, client_velden={"geboortedatum": timezone.localdate() - timedelta(days=365 * 15)}
        ),
        "geheim adres": afgerond(toegang, client_velden={"geheim_adres": True}),
        "geen e-mailadres": afgerond(toegang, client_velden={"email": "", "telefoon": ""}),
        "delictcategorie": afgerond(toegang, delict_code="ZED-01"),
        "afgemeld": afgerond(toegang, client_velden={"onderzoek_afgemeld_op": timezone.now()}),
    }
    open_ = chain.casus()
    assert tevredenheid.selecteren() == {"geselecteerd": 1, "uitgesloten": 6}
    assert tevredenheid.selecteren() == {"geselecteerd": 0, "uitgesloten": 0}  # each casus considered once
    assert TevredenheidSelectie.objects.get(casus=gekozen).geselecteerd
    for tekst, casus in uitgesloten.items():
        assert tekst in TevredenheidSelectie.objects.get(casus=casus).uitgesloten_door
    assert not TevredenheidSelectie.objects.filter(casus=open_).exists()


def test_an_inactive_rule_excludes_nobody(toegang, regels):
    TevredenheidRegel.objects.filter(soort=UitsluitingSoort.OVERLEDEN).update(actief=False)
    casus = afgerond(toegang, client_velden={"overleden": True})
    tevredenheid.selecteren()
    assert TevredenheidSelectie.objects.get(casus=casus).geselecteerd


def test_the_weekly_task_writes_the_invitation_file(toegang, regels, settings, django_capture_on_commit_callbacks):
    casus = afgerond(toegang, client_velden={"telefoon": "0612345678", "bsn": "111222333"}, delict_code="INB-01")
    tweede = afgerond(toegang)  # another client
    afgerond(toegang, client_velden={"overleden": True})
    with django_capture_on_commit_callbacks(execute=True):  # the file is put in place on commit
        result = tevredenheid_week.delay().get()
    assert result["geselecteerd"] == 2 and result["uitgesloten"] == 1 and result["geexporteerd"] == 2
    [pad] = list(settings.TEVREDENHEID_DIR.iterdir())
    jaar, week, _ = timezone.localdate().isocalendar()
    assert pad.name == f"tevredenheid-{jaar}-W{week:02d}.csv"
    inhoud = pad.read_text(encoding="utf-8")
    rows = list(csv.reader(inhoud.splitlines(), delimiter=";"))
    assert rows[0] == ["pseudoniem", "email", "telefoon", "taal", "district", "team", "afsluitdatum"]
    by_pseudo = {r[0]: r for r in rows[1:]}
    assert len(by_pseudo) == 2
    rij = by_pseudo[tevredenheid.pseudoniem(casus.client_id)]
    assert rij[1:5] == ["cliënt@example.org", "0612345678", "en", casus.district.naam]
    assert rij[5] == toegang.team.naam and rij[6] == timezone.localdate().isoformat()
    for verboden in ("111222333", "INB", casus.client.achternaam):
        assert verboden not in inhoud.replace(rij[0], "")  # no BSN, no delict, no name
    cellen = {cel for row in rows[1:] for cel in row}
    assert not {str(casus.client_id), casus.client.nummer} & cellen  # no real number (a phone may hold its digits)
    assert tevredenheid.pseudoniem(tweede.client_id) in by_pseudo
    assert AuditEntry.objects.filter(actie="exporteren", client_id=casus.client_id, bron="taak").exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert tevredenheid_week.delay().get()["geexporteerd"] == 0  # nobody invited twice
    assert len(list(settings.TEVREDENHEID_DIR.iterdir())) == 1


def test_the_counts_page_for_management(client, toegang, regels):
    afgerond(toegang)
    afgerond(toegang, client_velden={"overleden": True})
    tevredenheid_week.delay().get()
    client.force_login(MedewerkerFactory(rollen=[Rol.FUNCTIONEEL_BEHEERDER]))
    page = client.get(reverse("casus:tevredenheid")).content.decode()
    assert "Geselecteerd</dt><dd>1" in page and "cliënt overleden: 1" in page
    client.force_login(toegang.eigenaar)
    assert client.get(reverse("casus:tevredenheid")).status_code == 403


def test_issue21_4_a_phone_number_or_address_cannot_become_a_formula_in_the_survey_file(
    toegang, regels, settings, django_capture_on_commit_callbacks
):
    afgerond(toegang, client_velden={"telefoon": "+31612345678", "email": "=HYPERLINK(1)@example.org"})
    with django_capture_on_commit_callbacks(execute=True):
        tevredenheid_week.delay().get()
    [pad] = list(settings.TEVREDENHEID_DIR.iterdir())
    [_, rij] = list(csv.reader(pad.read_text(encoding="utf-8").splitlines(), delimiter=";"))
    assert rij[1:3] == ["'=HYPERLINK(1)@example.org", "'+31612345678"]
