"""Issue 25, forms: an error summary at the top of the form linking to each field, aria-describedby pointing to
ids that exist (Django writes ``id_<veld>_error``; includes/veld.html gives the message that id), novalidate so
every message is the product's Dutch."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from cris.accounts.roles import Rol
from tests import chain
from tests.factories import LidmaatschapFactory, MedewerkerFactory, TeamFactory
from werkstroom.models import Afdeling

pytestmark = pytest.mark.django_db


def test_contact_form_errors_are_summarised_and_every_described_by_id_exists(client):
    team = TeamFactory(afdeling=Afdeling.ACTIEVE_BENADERING)
    werker = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    LidmaatschapFactory(medewerker=werker, team=team)
    taak = chain.taak(casus=chain.casus(), team=team, behandelaar=werker)
    client.force_login(werker)
    response = client.post(
        reverse("taken:contact", args=[taak.pk]), {"tijdstip": "geen tijd", "kanaal": "duif", "duur_minuten": "-3"}
    )
    html = response.content.decode()
    assert response.status_code == 422
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    beschreven = {i for waarde in re.findall(r'aria-describedby="([^"]+)"', html) for i in waarde.split()}
    assert beschreven and beschreven <= ids, beschreven - ids
    samenvatting = html.split("cris-foutsamenvatting", 1)[1].split("</div>", 1)[0]
    links = re.findall(r'href="#([^"]+)"', samenvatting)
    assert {"id_tijdstip", "id_kanaal", "id_duur_minuten"} <= set(links) and set(links) <= ids
    assert 'id="paneel-contact" open' in html  # the panel with the errors is the one open
    assert re.search(r'<form method="post" action="[^"]*/contact/"[^>]*novalidate', html)
