"""NOT-1 notifications: in-app list with the unread count in the header (one query), mark read (htmx),
only one's own; the task transfer (TAK-6) that notifies the new handler."""

from html import unescape

import pytest
from django.urls import reverse

from cris.notificaties.models import Notificatie, Soort
from cris.notificaties.services import notificeren
from taken.models import TaakStatus
from taken.services import TaakFout
from taken.services.overdracht import taak_overdragen
from tests import chain

pytestmark = pytest.mark.django_db


def test_not1_notify_makes_one_row_per_recipient_and_email_copies_follow_the_setting(toegang, settings):
    settings.NOTIFICATIE_EMAIL_SOORTEN = ["terugbelnotitie"]
    rijen = notificeren(
        ontvangers=[toegang.eigenaar, toegang.eigenaar.pk, toegang.collega, None],
        soort=Soort.TERUGBELNOTITIE,
        tekst="Bel terug over CA0000001.",
        link="/casussen/1/",
    )
    assert len(rijen) == 2 and all(r.email for r in rijen)
    [zonder] = notificeren(ontvangers=[toegang.collega], soort=Soort.DOCUMENT_GEDEELD, tekst="x")
    assert not zonder.email
    assert notificeren(ontvangers=[], soort=Soort.DOCUMENT_GEDEELD, tekst="x") == []


def test_not1_the_header_shows_the_unread_count(client, toegang):
    notificeren(ontvangers=[toegang.eigenaar] * 1, soort=Soort.TAAK_OVERGEDRAGEN, tekst="Een")
    notificeren(ontvangers=[toegang.eigenaar], soort=Soort.DOCUMENT_GEDEELD, tekst="Twee")
    client.force_login(toegang.eigenaar)
    page = unescape(client.get(reverse("werkstroom:mijn_werk")).content.decode())
    assert '<span class="cris-badge">2<span class="cris-visually-hidden"> ongelezen</span>' in page
    client.force_login(toegang.collega)
    page = client.get(reverse("werkstroom:mijn_werk")).content.decode()
    assert "cris-badge" not in page


def test_not1_the_count_costs_one_query_and_nothing_for_anonymous_pages(client, toegang, django_assert_num_queries):
    from django.test import RequestFactory

    from cris.notificaties.context_processors import notificaties

    request = RequestFactory().get("/")
    request.user = toegang.eigenaar
    context = notificaties(request)
    with django_assert_num_queries(1):
        assert str(context["notificaties_ongelezen"]) == "0" and not context["notificaties_ongelezen"]
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert notificaties(request) == {}


def test_not1_the_list_shows_ones_own_notifications_with_bounded_queries(
    client, toegang, django_assert_max_num_queries
):
    notificeren(ontvangers=[toegang.eigenaar], soort=Soort.TAAK_OVERGEDRAGEN, tekst="Voor eigenaar", link="/a/")
    notificeren(ontvangers=[toegang.collega], soort=Soort.TAAK_OVERGEDRAGEN, tekst="Voor collega")
    client.force_login(toegang.eigenaar)
    url = reverse("notificaties:lijst")
    with django_assert_max_num_queries(10) as weinig:
        page = client.get(url).content.decode()
    assert "Voor eigenaar" in page and "Voor collega" not in page and 'href="/a/"' in page
    for i in range(20):
        notificeren(ontvangers=[toegang.eigenaar], soort=Soort.DOCUMENT_GEDEELD, tekst=f"N{i}")
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        client.get(url)


def test_not1_mark_read_with_htmx_updates_the_row_and_the_header_count(client, toegang):
    [eerste] = notificeren(ontvangers=[toegang.eigenaar], soort=Soort.TAAK_OVERGEDRAGEN, tekst="Een")
    notificeren(ontvangers=[toegang.eigenaar], soort=Soort.TAAK_OVERGEDRAGEN, tekst="Twee")
    client.force_login(toegang.eigenaar)
    response = client.post(reverse("notificaties:gelezen", args=[eerste.pk]), headers={"HX-Request": "true"})
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert f'id="notificatie-{eerste.pk}"' in html and "Markeer als gelezen" not in html
    assert 'id="notificatie-teller" hx-swap-oob="true"' in html and ">1<" in html
    eerste.refresh_from_db()
    assert eerste.gelezen
    # Without htmx: back to the list.
    tweede = Notificatie.objects.get(tekst="Twee")
    assert client.post(reverse("notificaties:gelezen", args=[tweede.pk])).status_code == 302


def test_not1_nobody_marks_anothers_notification(client, toegang):
    [van_collega] = notificeren(ontvangers=[toegang.collega], soort=Soort.TAAK_OVERGEDRAGEN, tekst="Een")
    client.force_login(toegang.eigenaar)
    assert client.post(reverse("notificaties:gelezen", args=[van_collega.pk])).status_code == 404
    van_collega.refresh_from_db()
    assert not van_collega.gelezen


def test_not1_all_read(client, toegang):
    notificeren(ontvangers=[toegang.eigenaar], soort=Soort.TAAK_OVERGEDRAGEN, tekst="Een")
    notificeren(ontvangers=[toegang.collega], soort=Soort.TAAK_OVERGEDRAGEN, tekst="Ander")
    client.force_login(toegang.eigenaar)
    client.post(reverse("notificaties:alles_gelezen"))
    assert not Notificatie.objects.filter(ontvanger=toegang.eigenaar, gelezen_op__isnull=True).exists()
    assert Notificatie.objects.filter(ontvanger=toegang.collega, gelezen_op__isnull=True).exists()


# --- TAK-6 transfer notifies the new handler ------------------------------------------------------------


@pytest.fixture
def taak(toegang):
    return chain.taak(casus=chain.casus(), team=toegang.team, behandelaar=toegang.eigenaar)


def test_tak6_a_transferred_task_notifies_the_colleague_and_gives_them_the_casus(client, toegang, taak):
    client.force_login(toegang.eigenaar)
    page = client.get(reverse("taken:detail", args=[taak.pk])).content.decode()
    assert "Taak overdragen" in page
    response = client.post(reverse("taken:overdragen", args=[taak.pk]), {"naar": toegang.collega.pk})
    assert response.status_code == 302
    taak.refresh_from_db()
    assert taak.behandelaar == toegang.collega and taak.status == TaakStatus.IN_BEHANDELING
    melding = Notificatie.objects.get(ontvanger=toegang.collega)
    assert melding.soort == "taak_overgedragen" and taak.casus.nummer in melding.tekst
    assert melding.link == reverse("taken:detail", args=[taak.pk])
    assert melding.email  # on the default list of kinds with an e-mail copy
    assert taak.casus.tijdlijn.filter(omschrijving__contains="overgedragen aan").exists()


def test_tak6_only_the_handler_or_leader_transfers_and_only_within_the_team(client, toegang, taak):
    with pytest.raises(TaakFout, match="Alleen de behandelaar of de teamleider"):
        taak_overdragen(actor=toegang.collega, taak=taak, naar=toegang.collega)
    with pytest.raises(TaakFout, match="geen actief lid van team"):
        taak_overdragen(actor=toegang.eigenaar, taak=taak, naar=toegang.buitenstaander)
    taak_overdragen(actor=toegang.teamleider, taak=taak, naar=toegang.collega)
    client.force_login(toegang.buitenstaander)
    assert (
        client.post(reverse("taken:overdragen", args=[taak.pk]), {"naar": toegang.buitenstaander.pk}).status_code == 404
    )
    assert not Notificatie.objects.filter(ontvanger=toegang.buitenstaander).exists()
