"""Issue 22: single sign-on with OpenID Connect against a REAL provider on loopback — the npm package
oidc-provider (tests/oidc/provider.mjs), started by this test — through mozilla-django-oidc: the person is
mapped by personnel number or e-mail to the Medewerker that AFAS created (roles stay those of AFAS); a
person unknown to AFAS and a deactivated one are refused, and audited.

Needs node and `npm ci --prefix tests/oidc`; without them these tests skip (CI sets CRIS_OIDC_VERPLICHT)."""

import json
import os
import re
import shutil
import socket
import subprocess
from datetime import UTC, datetime, timedelta
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests
import time_machine
from django.urls import reverse

from cris.accounts.oidc import SSO_SESSIE
from cris.accounts.roles import Rol
from cris.audit.models import AuditEntry
from tests.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db

MAP = Path(__file__).parent / "oidc"
CLIENT = {
    "client_id": "cris-test",
    "client_secret": "geheim-voor-de-test-met-genoeg-lengte-0123456789",
    "redirect_uris": ["http://testserver/account/sso/terug/"],
}
ACCOUNTS = {
    "per-nummer": {"personeelsnummer": "4711", "email": "ander-adres@idp.example.nl", "name": "Eva"},
    "per-email": {"email": "Jan.Jansen@Example.nl", "name": "Jan"},
    "onbekend": {"personeelsnummer": "9999", "email": "niemand@example.nl", "name": "Nemo"},
    "vertrokken": {"personeelsnummer": "5000", "email": "weg@example.nl", "name": "Wim"},
}


NODE = shutil.which("node")
_ONTBREEKT = (
    "node is not installed"
    if not NODE
    else "tests/oidc/node_modules is missing"
    if not (MAP / "node_modules" / "oidc-provider").is_dir()
    else ""
)
if _ONTBREEKT:
    if os.environ.get("CRIS_OIDC_VERPLICHT", "").lower() in ("1", "true"):
        raise RuntimeError(f"the OIDC provider test is required here (CRIS_OIDC_VERPLICHT) but {_ONTBREEKT}")
    pytest.skip(
        f"OIDC provider on loopback not available: {_ONTBREEKT} (run `npm ci --prefix tests/oidc`)",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def provider():
    node = NODE
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    env = {
        **os.environ,
        "OIDC_PORT": str(poort),
        "OIDC_CLIENT": json.dumps(CLIENT),
        "OIDC_ACCOUNTS": json.dumps(ACCOUNTS),
    }
    proces = subprocess.Popen(
        [node, str(MAP / "provider.mjs")], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        regel = proces.stdout.readline()  # blocks until it listens (or exits)
        if not regel.startswith("READY "):
            pytest.fail(f"the OIDC provider did not start: {regel!r}")
        yield regel.split()[1]
    finally:
        proces.terminate()
        proces.wait(timeout=10)


def _echt_nu() -> datetime:
    """The real instant, also while CRIS_TEST_NU pins the application's clock (time-machine's escape hatch)."""
    if time_machine.escape_hatch.is_travelling():
        return datetime.fromtimestamp(time_machine.escape_hatch.time.time(), UTC)
    return datetime.now(UTC)


@pytest.fixture
def sso(settings, provider):
    """The provider signs tokens by the real clock; under CRIS_TEST_NU the application's clock is pinned
    elsewhere, so these tests run at the real instant (ticking) or every token is "not yet valid"."""
    with time_machine.travel(_echt_nu(), tick=True):
        yield _sso_instellen(settings, provider)


def _sso_instellen(settings, provider):
    config = requests.get(f"{provider}/.well-known/openid-configuration", timeout=5).json()
    settings.OIDC_RP_CLIENT_ID = CLIENT["client_id"]
    settings.OIDC_RP_CLIENT_SECRET = CLIENT["client_secret"]
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = config["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = config["token_endpoint"]
    settings.OIDC_OP_USER_ENDPOINT = config["userinfo_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = config["jwks_uri"]
    return provider


def _inloggen_bij_provider(client, account: str):
    """The whole authorization-code flow: CRIS sends the browser to the provider, the person logs in there
    (the provider's own login and consent screens), the provider sends the browser back with a code, and CRIS
    exchanges it server-to-server at the provider's token endpoint. Returns CRIS's answer to the callback."""
    start = client.get(reverse("accounts:sso"))
    assert start.status_code == 302
    browser = requests.Session()
    antwoord = browser.get(start["Location"], allow_redirects=True, timeout=5)
    for _ in range(4):
        if antwoord.url.startswith("http://testserver/"):
            break
        actie = unescape(re.search(r'<form[^>]*action="([^"]+)"', antwoord.text).group(1))
        prompt = re.search(r'name="prompt" value="(\w+)"', antwoord.text).group(1)
        data = (
            {"prompt": prompt, "login": account, "password": "wat-dan-ook"} if prompt == "login" else {"prompt": prompt}
        )
        antwoord = browser.post(urljoin(antwoord.url, actie), data=data, allow_redirects=False, timeout=5)
        while antwoord.is_redirect and not antwoord.headers["Location"].startswith("http://testserver/"):
            antwoord = browser.get(
                urljoin(antwoord.url, antwoord.headers["Location"]), allow_redirects=False, timeout=5
            )
        if antwoord.is_redirect:
            terug = antwoord.headers["Location"]
            break
    else:
        pytest.fail("the provider did not send the browser back")
    assert terug.startswith("http://testserver/account/sso/terug/?")
    return client.get(terug.removeprefix("http://testserver"))


def test_issue22_sso_maps_by_personnel_number_to_the_afas_medewerker_with_afas_roles(client, sso, settings):
    settings.TWO_FACTOR_REQUIRED = True
    eva = MedewerkerFactory(personeelsnummer="4711", email="eva@example.nl", rollen=[Rol.ADMINISTRATIE])
    response = _inloggen_bij_provider(client, "per-nummer")
    assert response.status_code == 302 and response["Location"] == reverse("werkstroom:mijn_werk")
    # Logged in as the AFAS Medewerker; nothing of hers changed (e-mail and roles stay AFAS's).
    assert int(client.session["_auth_user_id"]) == eva.pk and client.session[SSO_SESSIE] is True
    eva.refresh_from_db()
    assert eva.email == "eva@example.nl" and eva.rol_namen == [Rol.ADMINISTRATIE]
    # The identity provider did the second factor: no TOTP asked.
    assert client.get(reverse("werkstroom:mijn_werk")).status_code == 200
    assert AuditEntry.objects.filter(actie="inloggen", actor_id=eva.pk).exists()


def test_issue22_sso_maps_by_email_when_there_is_no_personnel_number(client, sso):
    jan = MedewerkerFactory(personeelsnummer="1234", email="jan.jansen@example.nl")
    _inloggen_bij_provider(client, "per-email")
    assert int(client.session["_auth_user_id"]) == jan.pk


@pytest.mark.parametrize("account", ["onbekend", "vertrokken"])
def test_issue22_sso_refuses_a_person_unknown_to_afas_or_deactivated(client, sso, account):
    MedewerkerFactory(personeelsnummer="5000", email="weg@example.nl", is_active=False)
    aantal = MedewerkerFactory._meta.model.objects.count()
    response = _inloggen_bij_provider(client, account)
    assert response.status_code == 302 and "sso=geweigerd" in response["Location"]
    assert "_auth_user_id" not in client.session
    assert MedewerkerFactory._meta.model.objects.count() == aantal  # nobody created
    pagina = client.get(response["Location"]).content.decode()
    assert "niet inloggen via single sign-on" in pagina
    regel = AuditEntry.objects.get(actie="inloggen_mislukt", reden__startswith="single sign-on")
    assert regel.reden == (
        "single sign-on geweigerd: onbekend in AFAS"
        if account == "onbekend"
        else "single sign-on geweigerd: gedeactiveerd in AFAS"
    )


def test_issue22_a_token_not_yet_valid_by_our_clock_is_a_refusal_not_a_500(client, sso):
    """The provider's clock ahead of ours (a token "not yet valid") answered 500 on the callback."""
    MedewerkerFactory(personeelsnummer="4711", email="eva@example.nl")
    achter = _echt_nu() - timedelta(hours=1)
    with time_machine.travel(achter, tick=True):
        response = _inloggen_bij_provider(client, "per-nummer")
    assert response.status_code == 302 and "sso=geweigerd" in response["Location"]
    assert "_auth_user_id" not in client.session
    regel = AuditEntry.objects.get(actie="inloggen_mislukt", reden__startswith="single sign-on")
    assert regel.reden == "single sign-on geweigerd: token of provider onbruikbaar (ImmatureSignatureError)"
