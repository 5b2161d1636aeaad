"""Proxy headers are believed only from the proxy (issue 21 item 8).

``X-Forwarded-For`` (the client's address in the audit log), ``X-Forwarded-Proto`` (https or not) and the
header in which the TLS proxy passes a verified client certificate (``CRIS_BERICHTEN_CERTIFICAAT_HEADER``,
the partner endpoint's login) mean something only when the TLS proxy set them. ``ProxyHeadersMiddleware``
runs first and removes them from every request whose peer address is not one of ``CRIS_PROXY_ADRESSEN``:
whoever reaches the application port directly cannot claim another address, https or a certificate.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings

from cris.caches import process_cache

_DOORGESTUURD = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
)


@process_cache(maxsize=8)
def netwerken(adressen: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """The configured addresses as networks; a bare address is a network of one. ValueError when invalid."""
    return tuple(ipaddress.ip_network(adres.strip(), strict=False) for adres in adressen if adres.strip())


def van_proxy(request) -> bool:
    try:
        peer = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(peer in netwerk for netwerk in netwerken(tuple(settings.PROXY_ADRESSEN)))


def certificaat_meta_sleutel() -> str:
    """The request.META key of the client-certificate header, or "" when client certificates are off."""
    header = settings.BERICHTEN_CERTIFICAAT_HEADER
    return "HTTP_" + header.upper().replace("-", "_") if header else ""


class ProxyHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not van_proxy(request):
            for sleutel in (*_DOORGESTUURD, certificaat_meta_sleutel()):
                request.META.pop(sleutel, None)
        return self.get_response(request)
