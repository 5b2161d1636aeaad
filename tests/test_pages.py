"""Home page, health endpoint, error pages and security headers."""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.access import assert_toegang

pytestmark = pytest.mark.django_db


def test_mijn_werk_lists_the_users_teams(client, medewerker):
    team = medewerker.lidmaatschappen.get().team
    client.force_login(medewerker)
    response = client.get(reverse("werkstroom:mijn_werk"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Mijn werk" in page and team.naam in page and "standaardteam" in page


def test_mijn_werk_takes_a_fixed_number_of_queries(client, medewerker, django_assert_max_num_queries):
    from tests.factories import LidmaatschapFactory

    for _ in range(5):
        LidmaatschapFactory(medewerker=medewerker)
    client.force_login(medewerker)
    with django_assert_max_num_queries(14):  # 8, and one per panel of issue 25 (werkstroom.registry)
        client.get(reverse("werkstroom:mijn_werk"))


def test_the_access_matrix_harness_covers_the_five_people(client, toegang):
    # No case-bearing pages exist yet; the home page is open to every logged-in person.
    url = reverse("werkstroom:mijn_werk")
    assert_toegang(
        client, toegang, url, eigenaar=200, collega=200, buitenstaander=200, teamleider=200, functioneel_beheerder=200
    )
    with pytest.raises(AssertionError, match="missing"):
        assert_toegang(client, toegang, url, eigenaar=200)
    with pytest.raises(AssertionError, match="expected"):
        assert_toegang(
            client,
            toegang,
            url,
            eigenaar=200,
            collega=200,
            buitenstaander=404,
            teamleider=200,
            functioneel_beheerder=200,
        )


def test_health_reports_database_and_broker(client, settings):
    response = client.get(reverse("gezondheid"))
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response.json()["broker"] in ("ok", "eager")


def test_health_is_degraded_not_503_when_the_broker_is_down(client, settings):
    """Issue 23 item 4: without the broker the pages still work; the probe says degraded, not down."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    from cris.celery import app

    old = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        response = client.get(reverse("gezondheid"))
    finally:
        app.conf.broker_url = old
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "broker": "fout", "cache": "ok"}


def test_an_unknown_page_is_a_friendly_dutch_404(client, medewerker):
    client.force_login(medewerker)
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


@override_settings(DEBUG=False)
def test_a_server_error_is_a_friendly_500_with_a_reference(client, medewerker, monkeypatch):
    import werkstroom.views

    def boom(**kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(werkstroom.views, "lidmaatschappen_van", boom)
    client.raise_request_exception = False
    client.force_login(medewerker)
    response = client.get(reverse("werkstroom:mijn_werk"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Er ging iets mis" in page and response["X-Request-ID"] in page


def test_security_headers(client):
    response = client.get(reverse("accounts:login"))
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert len(response["X-Request-ID"]) >= 8
