"""A real SMTP server on loopback for the outbox tests (aiosmtpd), with STARTTLS required and a
certificate made for the test; CRIS's SMTP backend verifies it like any other (SSL_CERT_FILE)."""

from __future__ import annotations

import socket
import ssl
import subprocess
from dataclasses import dataclass, field

import pytest


@dataclass
class Postbus:
    """Receives what CRIS sends; ``weigeren`` makes it refuse every recipient with a 550."""

    weigeren: bool = False
    pogingen: int = 0
    berichten: list[bytes] = field(default_factory=list)
    versleuteld: list[bool] = field(default_factory=list)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.pogingen += 1
        if self.weigeren:
            return "550 5.1.1 Mailbox onbekend"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.berichten.append(envelope.original_content)
        self.versleuteld.append(session.ssl is not None)
        return "250 Message accepted for delivery"


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def certificaat(tmp_path_factory):
    map_ = tmp_path_factory.mktemp("tls")
    cert, key = map_ / "cert.pem", map_ / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


def _server(postbus: Postbus, certificaat, *, tls: bool):
    from aiosmtpd.controller import Controller

    kwargs = {}
    if tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*certificaat)
        kwargs = {"tls_context": context, "require_starttls": True}
    controller = Controller(postbus, hostname="127.0.0.1", port=_vrije_poort(), **kwargs)
    controller.start()
    return controller


@pytest.fixture
def postbus(settings, monkeypatch, certificaat):
    """An SMTP server that only takes mail over STARTTLS; CRIS's settings point at it."""
    bus = Postbus()
    controller = _server(bus, certificaat, tls=True)
    monkeypatch.setenv("SSL_CERT_FILE", str(certificaat[0]))  # trust the test's certificate, nothing else
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = True
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    settings.DEFAULT_FROM_EMAIL = "cris@slachtofferhulp.example"
    yield bus
    controller.stop()


@pytest.fixture
def postbus_zonder_tls(settings, monkeypatch, certificaat):
    """A server that offers no STARTTLS: CRIS must refuse to send in the clear."""
    bus = Postbus()
    controller = _server(bus, certificaat, tls=False)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = True
    settings.EMAIL_TIMEOUT = 10
    yield bus
    controller.stop()
