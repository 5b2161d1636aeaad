"""AFAS import (ORG-3, KOP-5): staff created, updated and deactivated from the HR export."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from cris.accounts.models import Medewerker
from cris.audit.models import AuditEntry
from koppelingen.afas.models import AfasImport
from koppelingen.afas.services import afas_importeren
from koppelingen.afas.tasks import afas_importeren as afas_task
from tests.factories import TeamFactory

pytestmark = pytest.mark.django_db

HEADER = "personeelsnummer,gebruikersnaam,voorletters,voornamen,tussenvoegsels,achternaam,email,profiel,specialisaties,district,standaard_team,leidinggevende,status\n"  # noqa: E501


def _csv(tmp_path, *rows, name="afas.csv"):
    path = tmp_path / name
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def test_new_staff_are_created_with_their_hr_data_skills_team_and_leader(tmp_path):
    TeamFactory(code="AB-MN")
    path = _csv(
        tmp_path,
        "1001,e.deboer,E.,Eva,de,Boer,eva@shn.nl,TL,,MN,AB-MN,,actief",
        "1002,j.jansen,J.,Jan Piet,,Jansen,JAN@shn.nl,AB,zeden|jeugd,MN,AB-MN,1001,actief",
    )
    run = afas_importeren(path=path, volledig=False)
    assert (run.aangemaakt, run.fouten) == (2, [])
    jan = Medewerker.objects.get(personeelsnummer="1002")
    assert (jan.username, jan.voornamen, jan.email, jan.district_code) == (
        "j.jansen",
        "Jan Piet",
        "jan@shn.nl",
        "MN",
    )
    assert jan.leidinggevende.username == "e.deboer"
    assert sorted(jan.specialisaties.values_list("code", flat=True)) == ["jeugd", "zeden"]
    assert jan.lidmaatschappen.get(standaard=True).team.code == "AB-MN"
    assert not jan.has_usable_password()
    assert AuditEntry.objects.filter(
        object_type="accounts.medewerker", object_id=str(jan.pk), actie="aanmaken"
    ).exists()
    assert any("Nieuw functieprofiel 'AB'" in m for m in run.meldingen)


def test_a_second_run_updates_what_changed_and_leaves_the_rest(tmp_path):
    afas_importeren(path=_csv(tmp_path, "1002,j.jansen,J.,Jan,,Jansen,,,,MN,,,actief"), volledig=False)
    run = afas_importeren(path=_csv(tmp_path, "1002,j.jansen,J.,Jan,,Janssen,,,,MN,,,actief"), volledig=False)
    assert (run.aangemaakt, run.bijgewerkt, run.ongewijzigd) == (0, 1, 0)
    entry = AuditEntry.objects.filter(actie="wijzigen", object_type="accounts.medewerker").latest("id")
    assert entry.wijzigingen["achternaam"] == ["Jansen", "Janssen"]
    run = afas_importeren(path=_csv(tmp_path, "1002,j.jansen,J.,Jan,,Janssen,,,,MN,,,actief"), volledig=False)
    assert run.ongewijzigd == 1


def test_a_changed_leader_is_audited_and_an_unchanged_one_is_not(tmp_path):
    """Every write of HR data is in the audit log (AUT-3): also the leader, set in the import's second pass."""
    leiders = ("1001,e.deboer,E.,Eva,de,Boer,,TL,,MN,,,actief", "1003,p.pietersen,P.,Piet,,Pietersen,,TL,,MN,,,actief")
    afas_importeren(path=_csv(tmp_path, *leiders, "1002,j.jansen,J.,Jan,,Jansen,,,,MN,,1001,actief"), volledig=False)
    eva, jan, piet = (Medewerker.objects.get(personeelsnummer=n) for n in ("1001", "1002", "1003"))
    leider = AuditEntry.objects.filter(object_id=str(jan.pk), wijzigingen__has_key="leidinggevende_id")
    assert [e.wijzigingen["leidinggevende_id"] for e in leider.all()] == [[None, eva.pk]]
    run = afas_importeren(
        path=_csv(tmp_path, *leiders, "1002,j.jansen,J.,Jan,,Jansen,,,,MN,,1003,actief"), volledig=False
    )
    assert run.ongewijzigd == 3  # the HR fields did not change; the leader did
    assert Medewerker.objects.get(pk=jan.pk).leidinggevende == piet
    entry = leider.latest("id")
    assert (entry.actie, entry.reden, entry.wijzigingen["leidinggevende_id"]) == (
        "wijzigen",
        "AFAS-import",
        [eva.pk, piet.pk],
    )
    afas_importeren(path=_csv(tmp_path, *leiders, "1002,j.jansen,J.,Jan,,Jansen,,,,MN,,1003,actief"), volledig=False)
    assert leider.count() == 2  # nothing changed, nothing written


def test_bad_rows_are_reported_in_dutch_and_skipped_whole(tmp_path):
    path = _csv(
        tmp_path,
        "1001,goed,,,,Goed,,,,,,,actief",
        "1002,,,,,Zonder,,,,,,,actief",
        "1003,slechte.mail,,,,Mail,geen-mail,,,,,,actief",
        "1004,status,,,,Status,,,,,,,misschien",
        "1001,dubbel,,,,Dubbel,,,,,,,actief",
    )
    run = afas_importeren(path=path, volledig=False)
    assert run.aangemaakt == 1
    fouten = {(f["regel"], f["veld"]) for f in run.fouten}
    assert fouten == {(3, "gebruikersnaam"), (4, "email"), (5, "status"), (6, "personeelsnummer")}
    assert "is geen geldig e-mailadres" in str(run.fouten)
    assert list(Medewerker.objects.values_list("username", flat=True)) == ["goed"]


def test_inactive_staff_can_no_longer_log_in(tmp_path, client):
    afas_importeren(path=_csv(tmp_path, "1001,jan,,,,Jan,,,,,,,actief"), volledig=False)
    jan = Medewerker.objects.get(username="jan")
    jan.set_password("wachtwoord-van-jan")
    jan.save()
    afas_importeren(path=_csv(tmp_path, "1001,jan,,,,Jan,,,,,,,inactief"), volledig=False)
    client.post(reverse("accounts:login"), {"username": "jan", "password": "wachtwoord-van-jan"})
    assert "_auth_user_id" not in client.session


def test_a_complete_export_deactivates_staff_who_left(tmp_path):
    rows = [f"{1000 + i},m{i},,,,Naam,,,,,,,actief" for i in range(8)]
    afas_importeren(path=_csv(tmp_path, *rows), volledig=True)
    run = afas_importeren(path=_csv(tmp_path, *rows[:7]), volledig=True)
    assert run.gedeactiveerd == 1
    assert not Medewerker.objects.get(username="m7").is_active


def test_a_truncated_export_deactivates_nobody(tmp_path):
    rows = [f"{1000 + i},m{i},,,,Naam,,,,,,,actief" for i in range(8)]
    afas_importeren(path=_csv(tmp_path, *rows), volledig=True)
    run = afas_importeren(path=_csv(tmp_path, *rows[:2]), volledig=True)
    assert run.gedeactiveerd == 0
    assert Medewerker.objects.filter(is_active=True).count() == 8
    assert "lijkt onvolledig" in run.meldingen[-1]


def test_json_exports_are_read_too(tmp_path):
    path = tmp_path / "afas.json"
    path.write_text(
        json.dumps(
            {
                "medewerkers": [
                    {
                        "personeelsnummer": "2001",
                        "gebruikersnaam": "s.visser",
                        "achternaam": "Visser",
                        "status": "actief",
                        "specialisaties": "verkeer",
                        "beveiligingsniveau": 2,
                    }
                ]
            }
        )
    )
    run = afas_importeren(path=path, volledig=False)
    assert run.aangemaakt == 1
    assert Medewerker.objects.get(username="s.visser").beveiligingsniveau == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe\x00garbage", "geen UTF-8"),
        (b"naam,achternaam\nx,y\n", "kolommen ontbreken"),
        (b"[{]", "geen geldige JSON"),
    ],
)
def test_an_unreadable_file_stops_the_command_with_a_clear_message(tmp_path, content, message):
    path = tmp_path / "afas.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("afas_importeren", str(path))
    assert Medewerker.objects.count() == 0


def test_the_command_reports_counts(tmp_path, capsys):
    call_command("afas_importeren", str(_csv(tmp_path, "1001,jan,,,,Jan,,,,,,,actief")), "--niet-volledig")
    assert "1 aangemaakt" in capsys.readouterr().out
    assert AuditEntry.objects.filter(bron="commando", actie="aanmaken").exists()


def test_the_celery_task_imports_the_configured_export(tmp_path, settings):
    settings.AFAS_EXPORT_PATH = str(_csv(tmp_path, "1001,jan,,,,Jan,,,,,,,actief"))
    result = afas_task.delay().get()
    assert result["aangemaakt"] == 1
    assert AfasImport.objects.count() == 1
    assert AuditEntry.objects.filter(bron="taak", actie="aanmaken").exists()


def test_the_celery_task_does_nothing_without_a_configured_export(settings):
    settings.AFAS_EXPORT_PATH = None
    assert afas_task.delay().get() == {"overgeslagen": True}
