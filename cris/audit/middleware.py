"""Gives every request an id (from X-Request-ID when sane, otherwise new) and its client IP."""

from __future__ import annotations

import re
import uuid

from django.conf import settings

from cris.audit.context import AuditContext, current

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def client_ip(request) -> str | None:
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            # The proxy appends the address it saw: the last entry is the one we can trust.
            return forwarded.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/beheer/"

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        bron = "beheer" if request.path.startswith(self.admin_prefix) else "web"
        token = current.set(AuditContext(request_id=request_id, ip_adres=client_ip(request), bron=bron))
        try:
            response = self.get_response(request)
        finally:
            current.reset(token)
        response["X-Request-ID"] = request_id
        return response
