"""The partner API (/api/v1/). Every call is audited (bron "api", the partner as object); a message that fails
its schema, or names what CRIS does not know, goes to the quarantine whole, and the partner gets RFC 7807
problem details in Dutch."""

from __future__ import annotations

import json

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from cris.audit.api import Actie, Bron, audit_record
from koppelingen.berichten.models import Kanaal
from koppelingen.partners import services
from koppelingen.partners.api import serializers as s
from koppelingen.partners.api.auth import Kanaal as KanaalToegang
from koppelingen.partners.api.auth import PartnerAuthenticatie

PROBLEEM = "application/problem+json"
FOUTEN = {
    (400, PROBLEEM): OpenApiResponse(s.Fout, description="Ongeldig bericht; het staat in de quarantaine."),
    (401, PROBLEEM): OpenApiResponse(s.Fout, description="Geen, een onbekend of een ingetrokken token."),
    (403, PROBLEEM): OpenApiResponse(s.Fout, description="Deze partner mag deze bewerking niet uitvoeren."),
    (404, PROBLEEM): OpenApiResponse(
        s.Fout,
        description="Wat het bericht noemt (casus, doorverwijzing) is voor deze partner onbekend; "
        "het staat in de quarantaine.",
    ),
    (415, PROBLEEM): OpenApiResponse(s.Fout, description="Geen JSON."),
}
ONTVANGEN = {
    201: OpenApiResponse(s.Ontvangstbevestiging, description="Ontvangen en verwerkt."),
    200: OpenApiResponse(s.Ontvangstbevestiging, description="Dit berichtId was al ontvangen: niets nieuws gemaakt."),
    **FOUTEN,
}


def _velden(detail, pad: str = "") -> list[dict]:
    """DRF's nested error dict as the flat invalidParams list of the NL API Design Rules."""
    if isinstance(detail, dict):
        return [
            p for k, v in detail.items() for p in _velden(v, f"{pad}.{k}" if pad and k != "non_field_errors" else k)
        ]
    if isinstance(detail, list):
        if detail and all(isinstance(d, exceptions.ErrorDetail | str) for d in detail):
            return [{"name": pad or "bericht", "code": getattr(d, "code", "invalid"), "reason": str(d)} for d in detail]
        return [p for i, d in enumerate(detail) for p in _velden(d, f"{pad}.{i}")]
    return [{"name": pad or "bericht", "code": getattr(detail, "code", "invalid"), "reason": str(detail)}]


def probleem(status_code: int, titel: str, detail: str = "", velden: list[dict] | None = None, instance: str = ""):
    body = {"type": f"https://cris.slachtofferhulp.nl/api/fouten/{status_code}", "title": titel, "status": status_code}
    if detail:
        body["detail"] = detail
    if instance:
        body["instance"] = instance
    if velden:
        body["invalidParams"] = velden
    return Response(body, status=status_code, content_type="application/problem+json")


class PartnerView(APIView):
    authentication_classes = [PartnerAuthenticatie]
    permission_classes = [KanaalToegang]
    kanalen: tuple[str, ...] = ()

    def initial(self, request, *args, **kwargs):
        request._request.body  # noqa: B018 - read (and keep) the raw body before parsing: the quarantine stores it
        super().initial(request, *args, **kwargs)

    def handle_exception(self, exc):
        if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
            response = probleem(401, _("Niet geauthenticeerd"), str(exc.detail), instance=self.request.path)
            response["WWW-Authenticate"] = PartnerAuthenticatie().authenticate_header(self.request)
            return response
        if isinstance(exc, exceptions.PermissionDenied):
            return probleem(403, _("Geen toegang"), str(exc.detail), instance=self.request.path)
        if isinstance(exc, exceptions.ParseError | exceptions.ValidationError | services.Afgewezen):
            return self._ongeldig(exc)
        if isinstance(exc, exceptions.UnsupportedMediaType):
            return probleem(415, _("Verkeerd formaat"), _("Stuur JSON (Content-Type: application/json)."))
        if isinstance(exc, exceptions.MethodNotAllowed):
            return probleem(405, _("Methode niet toegestaan"), str(exc.detail))
        return super().handle_exception(exc)

    def _ongeldig(self, exc) -> Response:
        if isinstance(exc, services.Afgewezen):
            velden = [{"name": exc.veld, "code": "onbekend", "reason": exc.melding}]
        elif isinstance(exc, exceptions.ParseError):
            reden = str(exc.detail) if "Unicode" in str(exc.detail) else _("Het bericht is geen geldige JSON.")
            velden = [{"name": "bericht", "code": "parse_error", "reason": reden}]
        else:
            velden = _velden(exc.detail)
        partner = getattr(self.request.user, "partner", None)
        if partner is not None:
            services.quarantaine(
                partner=partner,
                pad=self.request.path,
                inhoud=self.request._request.body,
                element=velden[0]["name"],
                reden="; ".join(f"{v['name']}: {v['reason']}" for v in velden)[:5000],
            )
        detail = _("Het bericht is niet verwerkt en staat in de quarantaine.")
        if isinstance(exc, services.Afgewezen):
            return probleem(404, _("Onbekend"), detail, velden)
        return probleem(400, _("Ongeldig bericht"), detail, velden)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        partner = getattr(getattr(request, "user", None), "partner", None)
        audit_record(
            Actie.LEZEN if request.method == "GET" else Actie.AANMAKEN,
            obj=partner,
            object_type="" if partner else "partners.api",
            reason=f"{request.method} {request.path} → {response.status_code}",
            bron=Bron.API,
        )
        return response

    def ontvangst(self, ontvangst: services.Ontvangst) -> Response:
        return Response(ontvangst.as_dict(), status=status.HTTP_200_OK if ontvangst.dubbel else status.HTTP_201_CREATED)


def operatie(operation_id: str, tag: str, summary: str, description: str):
    """The OpenAPI documentation of an operation's POST (its body is the view's serializer)."""

    def documenteren(view):
        schema = extend_schema(
            operation_id=operation_id,
            summary=summary,
            description=description,
            request=view.serializer,
            responses=ONTVANGEN,
            tags=[tag],
        )
        return extend_schema_view(post=schema)(view)

    return documenteren


class OntvangstView(PartnerView):
    """One operation of the API: validate the body with ``serializer``, hand it to the service ``dienst`` (taken
    once per berichtId) and answer with the receipt. Each operation says only which, and its documentation."""

    pad: str = ""
    serializer: type[serializers.Serializer]
    dienst: staticmethod

    def post(self, request):
        return self.ontvangst(self.uitvoeren(request.auth, request.data, len(request._request.body)))

    @classmethod
    def uitvoeren(cls, partner, data, grootte: int) -> services.Ontvangst:
        serializer = cls.serializer(data=data)
        serializer.is_valid(raise_exception=True)
        return cls.dienst(partner=partner, gegevens=serializer.validated_data, grootte=grootte)


@operatie(
    "zelfaanmelding_create",
    "Mijnslachtofferhulp",
    "Zelfaanmelding (Mijnslachtofferhulp)",
    "Iemand meldt zich zelf aan op Mijnslachtofferhulp. Wordt een aanmelding in de wachtrij van "
    "Administratie, gemarkeerd als zelfaanmelding. Idempotent op berichtId.",
)
class ZelfaanmeldingView(OntvangstView):
    kanalen = (Kanaal.MSH,)
    pad = "/api/v1/zelfaanmeldingen"
    serializer = s.Zelfaanmelding
    dienst = staticmethod(services.zelfaanmelding)


@operatie(
    "clientbericht_create",
    "Mijnslachtofferhulp",
    "Bericht van een cliënt over de eigen casus (Mijnslachtofferhulp)",
    "Komt op de tijdlijn van de casus; de behandelaar (of anders het team) krijgt een notificatie. "
    "Alleen voor een casus van een cliënt die toestemming gaf voor deze partner. Idempotent op berichtId.",
)
class ClientberichtView(OntvangstView):
    kanalen = (Kanaal.MSH,)
    pad = "/api/v1/clientberichten"
    serializer = s.ClientberichtIn
    dienst = staticmethod(services.clientbericht)


@operatie(
    "doorverwijzingstatus_create",
    "Doorverwijzingen",
    "Terugmelding op een doorverwijzing (externe organisatie, zoals PHB)",
    "De organisatie meldt de stand van een doorverwijzing: ontvangen, in behandeling, afgewezen "
    "(met reden) of afgerond. Verschijnt op de casus en de tijdlijn. Idempotent op berichtId.",
)
class DoorverwijzingStatusView(OntvangstView):
    kanalen = (Kanaal.EXTERN,)
    pad = "/api/v1/doorverwijzingstatussen"
    serializer = s.DoorverwijzingStatus
    dienst = staticmethod(services.doorverwijzing_status)


OPERATIES: dict[str, type[OntvangstView]] = {
    v.pad: v for v in (ZelfaanmeldingView, ClientberichtView, DoorverwijzingStatusView)
}


def verwerken(*, pad: str, partner, inhoud: bytes) -> services.Ontvangst:
    """A quarantined message again, as if posted to ``pad`` now (the application manager's 'Opnieuw verwerken').
    Raises ValueError, ValidationError or services.Afgewezen when it is still invalid."""
    return OPERATIES[pad].uitvoeren(partner, json.loads(inhoud), len(inhoud))
