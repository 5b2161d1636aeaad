"""Contract test of the partner API (issue 26): schemathesis generates requests from the OpenAPI document as the
API serves it (/api/v1/openapi.yaml) — valid and invalid bodies, for every operation, with the right partner's
token — and checks every answer: no 5xx, a documented status code and content type, a body matching the
documented schema. Bounded (max_examples) so it runs in well under a minute."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from koppelingen.berichten.models import Kanaal
from tests import partners as p

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_schema(db):
    # As Django's test client does: the test's transaction (its connection) must outlive every request.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.yaml", get_wsgi_application())
        # DRF refuses NUL characters in text (400, 'Null-tekens zijn niet toegestaan.'), which OpenAPI 3.0 cannot
        # state; lone surrogates stay in: the API must refuse them with a 400, not fail.
        schema.config.generation.update(allow_x00=False)
        yield schema
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(db):
    return {kanaal: p.partner(kanaal)[1] for kanaal in (Kanaal.MSH, Kanaal.EXTERN)}


KANAAL_PER_PAD = {
    "/api/v1/zelfaanmeldingen": Kanaal.MSH,
    "/api/v1/clientberichten": Kanaal.MSH,
    "/api/v1/doorverwijzingstatussen": Kanaal.EXTERN,
}


def _contract(operatie, token: str) -> None:
    @given(case=operatie.as_strategy())
    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def contract(case):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}
        response = case.call()
        assert response.status_code < 500, response.text
        # Every check but positive-data acceptance: a refusal needs a reason (status afgewezen → reden), a rule
        # across two fields that the document states in words; such a request is rightly a 400.
        case.validate_response(response, excluded_checks=[positive_data_acceptance])

    contract()


def test_the_api_keeps_its_openapi_contract(api_schema, tokens):
    """Every operation of the served document, each with up to 40 generated requests (hypothesis)."""
    gezien = set()
    for resultaat in api_schema.get_all_operations():
        operatie = resultaat.ok()
        assert operatie.path in KANAAL_PER_PAD, f"a new operation needs its partner here: {operatie.path}"
        gezien.add(operatie.path)
        _contract(operatie, tokens[KANAAL_PER_PAD[operatie.path]])
    assert gezien == set(KANAAL_PER_PAD)
