"""Login, lockout, two-factor, roles and the read-only HR data (ORG-3, ORG-4)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from cris.accounts.links import link_aanmaken
from cris.accounts.models import AccountLink, Functieprofiel
from cris.accounts.roles import ALLE_ROLLEN, Rol
from cris.accounts.services import functieprofiel_rollen_toepassen
from tests.factories import WACHTWOORD, MedewerkerFactory

pytestmark = pytest.mark.django_db


def _login(client, username, password=WACHTWOORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_the_login_page_is_in_dutch(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert "Inloggen bij CRIS" in response.content.decode()


def test_a_wrong_password_gets_a_clear_dutch_message(client):
    MedewerkerFactory(username="jan")
    response = _login(client, "jan", "onjuist")
    assert response.status_code == 200
    assert "Gebruikersnaam en wachtwoord komen niet overeen" in response.content.decode()


def test_pages_need_a_login(client):
    response = client.get(reverse("werkstroom:mijn_werk"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_an_account_is_locked_after_repeated_failed_logins(client, settings):
    MedewerkerFactory(username="jan")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "jan", "onjuist")
    response = _login(client, "jan")  # even the right password
    assert response.status_code == 429
    assert "tijdelijk geblokkeerd" in response.content.decode()


def test_a_deactivated_medewerker_cannot_log_in(client):
    user = MedewerkerFactory(username="oud", is_active=False)
    response = _login(client, user.username)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_deactivated_medewerker_loses_an_open_session(client):
    user = MedewerkerFactory()
    client.force_login(user)
    user.is_active = False
    user.save()
    assert client.get(reverse("werkstroom:mijn_werk")).status_code == 302


class TestTwoFactor:
    @pytest.fixture(autouse=True)
    def _required(self, settings):
        settings.TWO_FACTOR_REQUIRED = True

    def test_without_a_device_staff_must_set_one_up_first(self, client):
        user = MedewerkerFactory()
        _login(client, user.username)
        response = client.get(reverse("werkstroom:mijn_werk"))
        assert response["Location"] == reverse("accounts:tweestaps_instellen")
        # Issue 22: the password alone does not bind a first authenticator; the e-mailed link does.
        geweigerd = client.get(reverse("accounts:tweestaps_instellen"))
        assert geweigerd.status_code == 403 and "activatielink" in geweigerd.content.decode()
        assert not TOTPDevice.objects.filter(user=user).exists()
        sleutel = link_aanmaken(user, AccountLink.Doel.ACTIVEREN)
        assert client.get(reverse("accounts:activeren", args=[sleutel]))["Location"] == reverse(
            "accounts:tweestaps_instellen"
        )
        page = client.get(reverse("accounts:tweestaps_instellen"))
        assert "<svg" in page.content.decode()
        device = TOTPDevice.objects.get(user=user, confirmed=False)
        assert client.post(reverse("accounts:tweestaps_instellen"), {"token": "000000"}).status_code == 200
        device.refresh_from_db()
        device.throttle_reset()  # django-otp slows down retries after a wrong code; a person waits
        response = client.post(reverse("accounts:tweestaps_instellen"), {"token": f"{totp(device.bin_key):06d}"})
        assert response.status_code == 302
        assert client.get(reverse("werkstroom:mijn_werk")).status_code == 200
        # The link is used up.
        assert client.get(reverse("accounts:activeren", args=[sleutel])).status_code == 410

    def test_with_a_device_the_code_is_asked_after_the_password(self, client):
        user = MedewerkerFactory()
        device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
        _login(client, user.username)
        response = client.get(reverse("werkstroom:mijn_werk"))
        assert response["Location"].startswith(reverse("accounts:tweestaps_controle"))
        wrong = client.post(reverse("accounts:tweestaps_controle"), {"token": "12345"})
        assert "De code heeft 6 cijfers." in wrong.content.decode()
        client.post(reverse("accounts:tweestaps_controle"), {"token": f"{totp(device.bin_key):06d}", "next": "/"})
        assert client.get(reverse("werkstroom:mijn_werk")).status_code == 200

    def test_the_admin_is_behind_two_factor_too(self, client):
        user = MedewerkerFactory(rollen=[Rol.APPLICATIEBEHEERDER])
        _login(client, user.username)
        assert client.get(reverse("admin:index")).status_code == 302

    def test_the_health_endpoint_needs_no_login(self, client):
        assert client.get(reverse("gezondheid")).status_code == 200


def test_every_role_exists_as_a_group():
    assert set(Group.objects.values_list("name", flat=True)) >= set(ALLE_ROLLEN)


def test_roles_follow_the_function_profiles_and_admin_access_follows_the_roles():
    user = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    assert user.rol_namen == [Rol.ACTIEVE_BENADERING] and not user.is_staff
    profiel = Functieprofiel.objects.get(pk=user.profiel_id)
    profiel.rollen.add(Group.objects.get(name=Rol.FUNCTIONEEL_BEHEERDER))
    functieprofiel_rollen_toepassen(profiel=profiel)
    user = type(user).objects.get(pk=user.pk)
    assert user.rol_namen == sorted([Rol.ACTIEVE_BENADERING, Rol.FUNCTIONEEL_BEHEERDER])
    assert user.is_staff


def test_hr_data_is_read_only_in_the_admin(client):
    beheerder = MedewerkerFactory(rollen=[Rol.APPLICATIEBEHEERDER])
    user = MedewerkerFactory(achternaam="Jansen")
    client.force_login(beheerder)
    url = reverse("admin:accounts_medewerker_change", args=[user.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="achternaam"' not in page.content.decode()
    client.post(url, {"achternaam": "Gewijzigd"})
    user.refresh_from_db()
    assert user.achternaam == "Jansen"
    assert client.get(reverse("admin:accounts_medewerker_add")).status_code == 403


def test_a_caseworker_has_no_admin(client):
    client.force_login(MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING]))
    assert client.get(reverse("admin:index")).status_code == 302
