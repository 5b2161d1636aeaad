"""The BVBSN adapter (INTERFACES.md §4): zeep on the WSDL and XSD kept in this package, with timeouts,
retries and an optional client certificate from the settings (CRIS_BVBSN_*).

``bsn_controleren`` answers with a ``BsnUitkomst`` or raises ``BvbsnNietBeschikbaar`` — slow, down, a
``Storing`` fault, or not configured — so the caller can keep the referral flagged and try again later.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import requests
import zeep
from django.conf import settings
from lxml import etree
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry
from zeep.exceptions import Error as ZeepError
from zeep.exceptions import Fault
from zeep.transports import Transport

from cris.caches import process_cache

logger = logging.getLogger(__name__)

WSDL = Path(__file__).parent / "wsdl" / "bvbsn.wsdl"
NS = "urn:nl:bvbsn:controleerbsn:1"
BINDING = f"{{{NS}}}BvbsnBinding"


class BvbsnNietBeschikbaar(Exception):
    """BVBSN did not answer (in time), answered with a Storing, or is not configured: try again later."""


@dataclass(frozen=True)
class BsnUitkomst:
    """BVBSN's answer. ``bekend`` is False when BVBSN does not know the BSN (fault NietGevonden);
    ``geldig`` False when it says the number is not valid (Geldig=false or fault OngeldigVerzoek)."""

    geldig: bool
    bekend: bool
    doublure: bool = False
    persoon: dict | None = None
    melding: str = ""


class _Sessie(requests.Session):
    """A session whose own CA bundle (CRIS_BVBSN_CA) is final. requests lets REQUESTS_CA_BUNDLE and
    CURL_CA_BUNDLE from the environment win over ``Session.verify`` for every request that does not pass
    ``verify`` itself, as zeep's transport does not: a process-wide variable set for some other service
    would silently change whom CRIS trusts with BSNs (issue 21 item 9)."""

    def merge_environment_settings(self, url, proxies, stream, verify, cert):
        instellingen = super().merge_environment_settings(url, proxies, stream, verify, cert)
        if verify is None and isinstance(self.verify, str):
            instellingen["verify"] = self.verify
        return instellingen


def _sessie(timeout: int, pogingen: int, certificaat: str, sleutel: str, ca: str) -> requests.Session:
    sessie = _Sessie()
    # ControleerBsn only reads, so a POST may be repeated: retry connection errors, read timeouts and the
    # gateway's "try again" statuses, with a short backoff.
    retry = Retry(
        total=pogingen,
        connect=pogingen,
        read=pogingen,
        status=pogingen,
        backoff_factor=0.2,
        status_forcelist=(502, 503, 504),
        allowed_methods=frozenset({"POST", "GET"}),
        raise_on_status=False,
    )
    adapter = HTTPAdapter(max_retries=retry)
    sessie.mount("http://", adapter)
    sessie.mount("https://", adapter)
    if certificaat:
        sessie.cert = (certificaat, sleutel) if sleutel else certificaat
    if ca:
        sessie.verify = ca
    return sessie


@process_cache(maxsize=4)
def _service(url: str, timeout: int, pogingen: int, certificaat: str, sleutel: str, ca: str):
    """A zeep service proxy per configuration; the WSDL is read from the package once per process."""
    transport = Transport(
        session=_sessie(timeout, pogingen, certificaat, sleutel, ca), timeout=timeout, operation_timeout=timeout
    )
    veilig = zeep.Settings(strict=True, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    client = zeep.Client(wsdl=str(WSDL), transport=transport, settings=veilig)
    return client.create_service(BINDING, url)


def _configuratie() -> tuple:
    return (
        settings.BVBSN_URL,
        settings.BVBSN_TIMEOUT,
        settings.BVBSN_POGINGEN,
        settings.BVBSN_CERTIFICAAT,
        settings.BVBSN_SLEUTEL,
        settings.BVBSN_CA,
    )


def _fouttype(fault: Fault) -> str:
    """The fault's kind from its detail element (OngeldigVerzoek, NietGevonden, Storing)."""
    detail = fault.detail
    if detail is not None:
        for element in detail.iter():
            naam = etree.QName(element).localname if isinstance(element.tag, str) else ""
            if naam in ("OngeldigVerzoek", "NietGevonden", "Storing"):
                return naam
    return ""


def _tekst(waarde) -> str:
    return "" if waarde is None else str(waarde)


def _persoon(persoon) -> dict | None:
    if persoon is None:
        return None
    adres = persoon.Adres
    geboren = persoon.Geboortedatum
    return {
        "voornamen": _tekst(persoon.Voornamen),
        "tussenvoegsel": _tekst(persoon.Voorvoegsel),
        "achternaam": _tekst(persoon.Geslachtsnaam),
        "geboortedatum": geboren.isoformat() if isinstance(geboren, date) else None,
        "geslacht": _tekst(persoon.Geslacht),
        "adres": {
            veld.lower(): _tekst(getattr(adres, veld))
            for veld in ("Straat", "Huisnummer", "Huisletter", "Toevoeging", "Postcode", "Woonplaats", "Land")
        }
        if adres is not None
        else None,
    }


def bsn_controleren(bsn: str) -> BsnUitkomst:
    """KOP-2 / AAN-6: ask BVBSN about this BSN."""
    configuratie = _configuratie()
    if not configuratie[0]:
        raise BvbsnNietBeschikbaar("CRIS_BVBSN_URL is niet ingesteld")
    try:
        antwoord = _service(*configuratie).ControleerBsn(Bsn=bsn)
    except Fault as fault:
        soort = _fouttype(fault)
        if soort == "NietGevonden":
            return BsnUitkomst(geldig=True, bekend=False, melding=fault.message or "")
        if soort == "OngeldigVerzoek":
            return BsnUitkomst(geldig=False, bekend=False, melding=fault.message or "")
        raise BvbsnNietBeschikbaar(f"BVBSN meldt een storing: {fault.message}") from fault
    except (requests.RequestException, ZeepError, etree.XMLSyntaxError, OSError) as fout:
        logger.warning("BVBSN niet bereikbaar: %s", fout)
        raise BvbsnNietBeschikbaar(str(fout)) from fout
    return BsnUitkomst(
        geldig=bool(antwoord.Geldig),
        bekend=bool(antwoord.Geldig),
        doublure=bool(antwoord.Doublure),
        persoon=_persoon(antwoord.Persoon),
    )
