"""Issue 22, local accounts: activation of new staff by an expiring e-mailed link (first password, then the
first authenticator), the same after a device reset, a notice when a device is added, a forgotten password
by an expiring one-time link, changing one's own password; Django's password validators; all audited."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from cris import klok
from cris.accounts import links
from cris.accounts.roles import Rol
from cris.audit.models import AuditEntry
from tests.factories import WACHTWOORD, MedewerkerFactory

pytestmark = pytest.mark.django_db

NIEUW = "Paarse-olifant-fietst-7"


def _link(bericht) -> str:
    return re.search(r"https?://\S+(/account/\S+/)", bericht.body).group(1)


def _redenen(user) -> list[str]:
    return list(
        AuditEntry.objects.filter(object_type="accounts.medewerker", object_id=str(user.pk)).values_list(
            "reden", flat=True
        )
    )


@pytest.fixture
def nieuw(django_capture_on_commit_callbacks):
    user = MedewerkerFactory(username="nieuw", email="nieuw@example.nl", password=None)
    user.set_unusable_password()
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert links.activatielink_versturen(medewerker=user)
    return user


def test_issue22_activation_sets_the_first_password_then_binds_the_first_device_once(
    client, nieuw, settings, django_capture_on_commit_callbacks
):
    settings.TWO_FACTOR_REQUIRED = True
    (bericht,) = mail.outbox
    assert bericht.to == ["nieuw@example.nl"] and "activeer" in bericht.subject
    url = _link(bericht)
    # Django's password validators, in Dutch.
    response = client.post(url, {"new_password1": "kort", "new_password2": "kort"})
    assert response.status_code == 200 and "te kort" in response.content.decode()
    response = client.post(url, {"new_password1": NIEUW, "new_password2": NIEUW})
    assert response["Location"] == reverse("accounts:tweestaps_instellen")
    nieuw.refresh_from_db()
    assert nieuw.check_password(NIEUW)
    client.get(reverse("accounts:tweestaps_instellen"))
    device = TOTPDevice.objects.get(user=nieuw, confirmed=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:tweestaps_instellen"), {"token": f"{totp(device.bin_key):06d}"})
    assert response.status_code == 302
    assert client.get(reverse("werkstroom:mijn_werk")).status_code == 200
    # The user is told that a device was added, out of band.
    assert "authenticator" in mail.outbox[-1].subject and mail.outbox[-1].to == ["nieuw@example.nl"]
    # The link worked once.
    client.logout()
    assert client.get(url).status_code == 410
    assert {
        "activatielink verstuurd",
        "eerste wachtwoord ingesteld",
        "authenticator ingesteld",
        "melding authenticator toegevoegd",
    } <= set(_redenen(nieuw))
    assert NIEUW not in str(list(AuditEntry.objects.values_list("wijzigingen", "reden")))


def test_issue22_an_activation_link_expires(client, nieuw):
    url = _link(mail.outbox[0])
    with time_machine.travel(klok.nu() + timedelta(hours=73)):
        response = client.get(url)
    assert response.status_code == 410 and "werkt niet meer" in response.content.decode()
    assert client.get("/account/activeren/onzin/").status_code == 410


def test_issue22_after_a_device_reset_the_user_logs_in_and_binds_a_new_device_by_link(
    client, settings, django_capture_on_commit_callbacks
):
    settings.TWO_FACTOR_REQUIRED = True
    user = MedewerkerFactory(email="jan@example.nl")
    TOTPDevice.objects.create(user=user, name="oud", confirmed=True)
    beheerder = MedewerkerFactory(rollen=[Rol.APPLICATIEBEHEERDER])
    with django_capture_on_commit_callbacks(execute=True):
        assert links.authenticator_resetten(medewerker=user, actor=beheerder)
    assert not TOTPDevice.objects.filter(user=user).exists()
    url = _link(mail.outbox[-1])
    # Not logged in: the password first.
    response = client.get(url)
    assert response["Location"].startswith(reverse("accounts:login"))
    # Someone else's session cannot use it.
    ander = MedewerkerFactory()
    client.force_login(ander)
    assert client.get(url).status_code == 410
    client.logout()
    client.post(reverse("accounts:login"), {"username": user.username, "password": WACHTWOORD})
    assert client.get(reverse("accounts:tweestaps_instellen")).status_code == 403  # no link yet in this session
    assert client.get(url)["Location"] == reverse("accounts:tweestaps_instellen")
    client.get(reverse("accounts:tweestaps_instellen"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    client.post(reverse("accounts:tweestaps_instellen"), {"token": f"{totp(device.bin_key):06d}"})
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1
    assert "authenticator gereset" in _redenen(user)


def test_issue22_a_forgotten_password_is_reset_by_a_one_time_expiring_link(client, django_capture_on_commit_callbacks):
    user = MedewerkerFactory(username="piet", email="piet@example.nl")
    # The same answer for an unknown account, and no mail.
    with django_capture_on_commit_callbacks(execute=True):
        onbekend = client.post(reverse("accounts:wachtwoord_vergeten"), {"invoer": "niemand"}).content.decode()
        bekend = client.post(reverse("accounts:wachtwoord_vergeten"), {"invoer": "PIET@example.nl"}).content.decode()
    assert "Als er een account bij hoort" in onbekend and "Als er een account bij hoort" in bekend
    (bericht,) = mail.outbox
    url = _link(bericht)
    assert client.post(url, {"new_password1": "12345678901234", "new_password2": "12345678901234"}).status_code == 200
    response = client.post(url, {"new_password1": NIEUW, "new_password2": NIEUW})
    assert response["Location"] == reverse("accounts:login")
    user.refresh_from_db()
    assert user.check_password(NIEUW)
    # Once only.
    assert client.post(url, {"new_password1": NIEUW + "x", "new_password2": NIEUW + "x"}).status_code == 410
    # A second link expires after its hour.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:wachtwoord_vergeten"), {"invoer": "piet"})
    with time_machine.travel(klok.nu() + timedelta(minutes=61)):
        assert client.get(_link(mail.outbox[-1])).status_code == 410
    assert {"herstellink wachtwoord verstuurd", "wachtwoord hersteld"} <= set(_redenen(user))


def test_issue22_a_newer_link_replaces_the_older_one(django_capture_on_commit_callbacks):
    user = MedewerkerFactory(email="a@example.nl")
    eerste = links.link_aanmaken(user, links.Doel.HERSTELLEN)
    tweede = links.link_aanmaken(user, links.Doel.HERSTELLEN)
    assert links.geldige_link(eerste, links.Doel.HERSTELLEN) is None
    assert links.geldige_link(tweede, links.Doel.HERSTELLEN) is not None
    assert links.geldige_link(tweede, links.Doel.ACTIVEREN) is None  # a reset link does not activate


def test_issue22_change_own_password_with_the_validators(client):
    user = MedewerkerFactory()
    client.force_login(user)
    url = reverse("accounts:wachtwoord_wijzigen")
    fout = client.post(url, {"old_password": "fout", "new_password1": NIEUW, "new_password2": NIEUW})
    assert fout.status_code == 200 and "niet juist ingevoerd" in fout.content.decode()
    zwak = client.post(url, {"old_password": WACHTWOORD, "new_password1": "wachtwoord", "new_password2": "wachtwoord"})
    assert "te algemeen" in zwak.content.decode() or "te kort" in zwak.content.decode()
    response = client.post(url, {"old_password": WACHTWOORD, "new_password1": NIEUW, "new_password2": NIEUW})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NIEUW)
    assert client.get(reverse("werkstroom:mijn_werk")).status_code == 200  # still logged in
    assert "eigen wachtwoord gewijzigd" in _redenen(user)


def test_issue22_the_afas_import_sends_new_staff_an_activation_link(tmp_path, django_capture_on_commit_callbacks):
    from koppelingen.afas.services import afas_importeren
    from tests.test_afas import HEADER

    pad = tmp_path / "afas.csv"
    pad.write_text(HEADER + "2001,k.klaassen,K.,Kees,,Klaassen,kees@example.nl,,,,,,actief\n", encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        afas_importeren(path=pad, volledig=False)
    (bericht,) = mail.outbox
    assert bericht.to == ["kees@example.nl"] and "/account/activeren/" in bericht.body


def test_issue22_without_an_identity_provider_configured_there_is_no_sso(client, settings):
    settings.OIDC_RP_CLIENT_ID = ""
    assert client.get(reverse("accounts:sso")).status_code == 404
    assert "single sign-on" not in client.get(reverse("accounts:login")).content.decode().lower()
