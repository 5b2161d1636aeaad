"""Authentication per partner: the bearer token (or client certificate) of a Ketenpartner, the same model and
check as the EDP/EDOM endpoint (koppelingen.berichten), and which channels may call which operation."""

from __future__ import annotations

import json
from dataclasses import dataclass

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions
from rest_framework.parsers import JSONParser

from koppelingen.berichten.models import Ketenpartner
from koppelingen.berichten.views import partner_van_verzoek


@dataclass(frozen=True)
class PartnerAanroeper:
    """request.user for a partner's call. Not a Medewerker: audit entries name the partner as their object."""

    partner: Ketenpartner
    is_authenticated: bool = True
    is_active: bool = True
    pk: None = None

    def __str__(self) -> str:
        return self.partner.naam


class PartnerAuthenticatie(authentication.BaseAuthentication):
    def authenticate(self, request):
        partner, melding = partner_van_verzoek(request._request)
        if partner is None:
            raise exceptions.AuthenticationFailed(melding)
        return PartnerAanroeper(partner), partner

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="cris-api"'


class PartnerAuthenticatieSchema(OpenApiAuthenticationExtension):
    target_class = "koppelingen.partners.api.auth.PartnerAuthenticatie"
    name = "partnerToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Token per partner, aangemaakt door de applicatiebeheerder (Ketenpartners).",
        }


class Kanaal(permissions.BasePermission):
    """The view's ``kanalen``: which kinds of partner may call it (MSH for self-registration, ...)."""

    message = "Deze partner mag deze bewerking niet uitvoeren."

    def has_permission(self, request, view) -> bool:
        partner = getattr(request.user, "partner", None)
        return partner is not None and partner.kanaal in getattr(view, "kanalen", ())


class StrikteJSONParser(JSONParser):
    """JSON whose strings are valid Unicode: a lone surrogate (\\ud800) cannot be stored, so it is a parse error
    (400, quarantined) rather than a failure deep in the database."""

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise exceptions.ParseError("Het bericht bevat ongeldige Unicode-tekens.") from None
        return data
