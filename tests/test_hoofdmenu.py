"""The main menu is rendered once per combination of its inputs (cris/templatetags/hoofdmenu.py, issue 11):
what one user is shown must never leak to the next, and the unread count is each user's own."""

import re

from django.urls import reverse

from cris.accounts.roles import Rol
from cris.notificaties.models import Soort
from cris.notificaties.services import notificeren
from tests.factories import MedewerkerFactory


def _menu(client, user, url) -> str:
    client.force_login(user)
    html = client.get(url).content.decode()
    return html[html.index('<nav class="cris-nav"') : html.index("</nav>")]


def test_each_user_gets_the_entries_of_their_own_roles(client, db):
    beheerder = MedewerkerFactory(rollen=[Rol.FUNCTIONEEL_BEHEERDER])
    werker = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    url = reverse("zoeken:zoeken")
    assert "Rapportage" in _menu(client, beheerder, url) and "Schoning" in _menu(client, beheerder, url)
    menu = _menu(client, werker, url)
    assert "Rapportage" not in menu and "Schoning" not in menu and "Zoeken" in menu
    assert "Rapportage" in _menu(client, beheerder, url)


def test_the_current_page_is_marked_on_each_page(client, medewerker):
    def huidig(url):
        return re.findall(r'<a class="utrecht-link" href="([^"]+)" aria-current="page"', _menu(client, medewerker, url))

    assert huidig(reverse("zoeken:zoeken")) == [reverse("zoeken:zoeken")]
    assert huidig(reverse("taken:werkstroom")) == [reverse("taken:werkstroom")]
    assert huidig(reverse("zoeken:zoeken")) == [reverse("zoeken:zoeken")]


def test_the_unread_count_is_the_users_own_and_current(client, db):
    eerste = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    tweede = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    url = reverse("zoeken:zoeken")
    notificeren(ontvangers=[eerste, eerste.pk], soort=Soort.choices[0][0], tekst="Een bericht")
    assert 'class="cris-badge">1<' in _menu(client, eerste, url)
    assert "cris-badge" not in _menu(client, tweede, url)
    notificeren(ontvangers=[eerste], soort=Soort.choices[0][0], tekst="Nog een")
    assert 'class="cris-badge">2<' in _menu(client, eerste, url)
