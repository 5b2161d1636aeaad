"""Issue 25: the admin (/beheer/) in Dutch throughout for the roles that work in it, and no 403 behind a link
the admin itself shows. Each admin role walks every page the index links to (changelists and add forms) and
the change form of a row on each list: every page answers 200 and shows no English admin words. The Dutch of
the packages that ship none (django-celery-beat, django-axes, django-otp) is in locale/nl (compiled .mo
committed: a fresh machine has no msgfmt)."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from cris.accounts.roles import BEHEER_ROLLEN
from tests.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db

# Whole words as the English admin and the packages show them.
ENGELS = re.compile(
    r"\b(Add|Change|Save|Delete|View|Search|Home|Log out|Welcome|History|Periodic tasks?|Access attempts?|"
    r"Access failures?|Access logs?|Intervals|Crontabs?|Clocked|Solar events?|TOTP devices?|Static devices?|"
    r"Enabled|Name|Task|Last run|Attempt time|IP Address|User Agent|Username|Confirmed|Created at|"
    r"Select|select all|Go|Action|By |Show all|Yes|No|Unknown|Today|Past 7 days|This month|This year|"
    r"Any date|Period|Every|Schedule|Description|Arguments|Start Datetime|Expires)\b"
)


class _Tekst(HTMLParser):
    """The visible text and the values of buttons and labels of a page, without scripts and styles."""

    def __init__(self):
        super().__init__()
        self.delen: list[str] = []
        self.links: list[str] = []
        self._verborgen = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self._verborgen += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.delen.append(attrs["value"])
        for attr in ("title", "aria-label", "placeholder"):
            if attrs.get(attr):
                self.delen.append(attrs[attr])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._verborgen -= 1

    def handle_data(self, data):
        if not self._verborgen:
            self.delen.append(data)


def _lees(html: str) -> _Tekst:
    tekst = _Tekst()
    tekst.feed(html)
    return tekst


def _beheerpaginas(client, index: str) -> list[str]:
    links = _lees(client.get(index).content.decode()).links
    return sorted({link.split("?")[0] for link in links if link.startswith(index) and link != index and
                   ("/add/" in link or link.rstrip("/").count("/") == index.rstrip("/").count("/") + 2)})  # fmt: skip


@pytest.fixture
def rijen_van_de_pakketten():
    """A row on each package's list, so the walk opens their change pages too."""
    from axes.models import AccessAttempt, AccessFailureLog
    from django_celery_beat.models import ClockedSchedule, CrontabSchedule, IntervalSchedule, PeriodicTask
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from cris import klok

    TOTPDevice.objects.create(user=MedewerkerFactory(), name="telefoon", confirmed=True)
    poging = {"user_agent": "Firefox", "ip_address": "10.0.0.1", "username": "jan", "http_accept": "text/html",
              "path_info": "/account/inloggen/"}  # fmt: skip
    AccessAttempt.objects.create(**poging, get_data="", post_data="", failures_since_start=3)
    AccessFailureLog.objects.create(**poging, locked_out=False)
    elk_uur = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.HOURS)
    CrontabSchedule.objects.create(minute="0", hour="2")
    ClockedSchedule.objects.create(clocked_time=klok.nu())
    PeriodicTask.objects.create(name="schoning", task="schoning.tasks.nachtelijk", interval=elk_uur)


@pytest.mark.parametrize("rol", sorted(BEHEER_ROLLEN))
def test_issue25_every_admin_page_a_role_is_shown_is_dutch_and_open_to_it(client, rol, rijen_van_de_pakketten):
    gebruiker = MedewerkerFactory(rollen=[rol])
    client.force_login(gebruiker)
    index = reverse("admin:index")
    paginas = _beheerpaginas(client, index)
    assert paginas, "the index links to no page"
    bezocht = [index]
    for url in paginas:
        response = client.get(url)
        assert response.status_code == 200, f"{rol}: {url} → {response.status_code}"
        bezocht.append(url)
        if url.endswith("/add/"):
            continue
        # The first row's change page, when the list has rows (the list links to it).
        rij = next(
            (link for link in _lees(response.content.decode()).links if re.fullmatch(rf"{url}\d+/change/", link)), None
        )
        if rij:
            assert client.get(rij).status_code == 200, f"{rol}: {rij}"
            bezocht.append(rij)
    for url in bezocht:
        tekst = " ".join(" ".join(_lees(client.get(url).content.decode()).delen).split())
        engels = sorted(set(ENGELS.findall(tekst)))
        assert not engels, f"{rol}: {url} shows English: {engels}"
