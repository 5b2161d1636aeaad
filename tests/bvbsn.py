"""A real SOAP 1.1 server on loopback that plays BVBSN (INTERFACES.md §4) for the tests: the edge of the
system. Requests are parsed with lxml and validated against the project's XSD, like the real service would;
answers and faults are what the WSDL describes. It can be slowed down, and stopped and started again on the
same port (the service going down mid-test)."""

from __future__ import annotations

import threading
import time
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from lxml import etree

from koppelingen.bsn.client import NS, WSDL

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
_SCHEMA = etree.XMLSchema(etree.parse(str(WSDL.with_name("bvbsn.xsd"))))
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


class _StilleHandler(WSGIRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


class Bvbsn:
    """personen: BSN → dict(Voornamen=..., Geslachtsnaam=..., Geboortedatum=..., ...); doublures: BSNs known
    twice; storing: BSNs answered with a Storing fault. ``vertraging``: seconds before each answer."""

    def __init__(self):
        self.personen: dict[str, dict] = {}
        self.doublures: set[str] = set()
        self.storing: set[str] = set()
        self.vertraging = 0.0
        self.verzoeken: list[str] = []
        self.port = 0
        self._server = None
        self._thread = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/ControleerBsn"

    def start(self) -> None:
        self._server = make_server(
            "127.0.0.1", self.port, self._app, server_class=_Server, handler_class=_StilleHandler
        )
        self.port = self._server.server_port
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join()
            self._server = None

    # --- the service ---

    def _app(self, environ, start_response):
        lengte = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(lengte)
        status, antwoord = self._beantwoorden(body)  # the request is counted on arrival
        if self.vertraging:
            time.sleep(self.vertraging)
        start_response(status, [("Content-Type", "text/xml; charset=utf-8"), ("Content-Length", str(len(antwoord)))])
        return [antwoord]

    def _beantwoorden(self, body: bytes) -> tuple[str, bytes]:
        try:
            envelope = etree.fromstring(body, _PARSER)
            verzoek = envelope.find(f"{{{SOAP}}}Body/{{{NS}}}ControleerBsn")
            if verzoek is None or not _SCHEMA.validate(etree.ElementTree(verzoek)):
                return self._fout("OngeldigVerzoek", "Verzoek voldoet niet aan het schema")
        except etree.XMLSyntaxError:
            return self._fout("OngeldigVerzoek", "Geen XML")
        bsn = verzoek.findtext(f"{{{NS}}}Bsn")
        self.verzoeken.append(bsn)
        if bsn in self.storing:
            return self._fout("Storing", "Tijdelijke storing", code="Server")
        if bsn not in self.personen:
            return self._fout("NietGevonden", "BSN niet gevonden")
        return "200 OK", self._envelope(self._antwoord(bsn))

    def _antwoord(self, bsn: str):
        antwoord = etree.Element(f"{{{NS}}}ControleerBsnResponse", nsmap={"b": NS})
        etree.SubElement(antwoord, f"{{{NS}}}Geldig").text = "true"
        persoon = etree.SubElement(antwoord, f"{{{NS}}}Persoon")
        gegevens = self.personen[bsn]
        for veld in ("Voornamen", "Voorvoegsel", "Geslachtsnaam", "Geboortedatum", "Geslacht"):
            if gegevens.get(veld):
                etree.SubElement(persoon, f"{{{NS}}}{veld}").text = gegevens[veld]
        if gegevens.get("Adres"):
            adres = etree.SubElement(persoon, f"{{{NS}}}Adres")
            for veld in ("Straat", "Huisnummer", "Huisletter", "Toevoeging", "Postcode", "Woonplaats", "Land"):
                if gegevens["Adres"].get(veld):
                    etree.SubElement(adres, f"{{{NS}}}{veld}").text = gegevens["Adres"][veld]
        etree.SubElement(antwoord, f"{{{NS}}}Doublure").text = "true" if bsn in self.doublures else "false"
        assert _SCHEMA.validate(etree.ElementTree(antwoord)), _SCHEMA.error_log
        return antwoord

    def _envelope(self, inhoud) -> bytes:
        envelope = etree.Element(f"{{{SOAP}}}Envelope", nsmap={"soapenv": SOAP})
        etree.SubElement(envelope, f"{{{SOAP}}}Body").append(inhoud)
        return etree.tostring(envelope, xml_declaration=True, encoding="utf-8")

    def _fout(self, soort: str, melding: str, code: str = "Client") -> tuple[str, bytes]:
        fault = etree.Element(f"{{{SOAP}}}Fault")
        etree.SubElement(fault, "faultcode").text = f"soapenv:{code}"
        etree.SubElement(fault, "faultstring").text = melding
        detail = etree.SubElement(etree.SubElement(fault, "detail"), f"{{{NS}}}{soort}", nsmap={"b": NS})
        etree.SubElement(detail, f"{{{NS}}}Melding").text = melding
        return "500 Internal Server Error", self._envelope(fault)
