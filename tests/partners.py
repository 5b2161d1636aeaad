"""Helpers for the partner API tests (KOP-3, KOP-4): partners with tokens, and their calls."""

from __future__ import annotations

import json
import uuid

from cris import klok
from koppelingen.berichten.models import Kanaal, Ketenpartner


def partner(kanaal=Kanaal.MSH, code=None, webhook_url="", **velden) -> tuple[Ketenpartner, str]:
    p = Ketenpartner(naam=velden.pop("naam", f"Partner {kanaal}"), code=code or f"{kanaal}-{uuid.uuid4().hex[:6]}")
    p.kanaal, p.webhook_url = kanaal, webhook_url
    token = p.nieuw_token()
    if webhook_url:
        p.nieuw_webhook_geheim()
    p.save()
    return p, token


def post(client, url: str, token: str | None, body) -> object:
    extra = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    return client.post(url, data=data, content_type="application/json", **extra)


def zelfaanmelding(**velden) -> dict:
    return {
        "berichtId": str(uuid.uuid4()),
        "verzonden": klok.nu().isoformat(),
        "persoon": {"voornamen": "Sanne", "achternaam": "de Vries", "email": "sanne@example.org", "telefoon": "0612"},
        "adres": {"postcode": "3511 AB", "huisnummer": "3", "woonplaats": "Utrecht"},
        "delict": {"omschrijving": "Straatroof", "datum": "2026-11-20"},
        "toestemmingContact": True,
        "toelichting": "Graag contact in de avond.",
        **velden,
    }
