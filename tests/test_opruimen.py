"""Issue 23 item 10: nothing left behind. A purged casus takes the notifications that link to it or its tasks
or name its number (and their e-mail copies in the outbox) with it; a document file whose upload was cut off
before its row was committed is removed by the nightly job once it is surely not an upload in progress."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from casus.models import Casus
from cris import klok
from cris.accounts.roles import Rol
from cris.audit.models import AuditEntry
from cris.notificaties.models import Notificatie, Soort
from cris.notificaties.services import notificeren
from documenten import opslag
from documenten.models import DocumentVersie, UitgaandeEmail
from documenten.services import bestanden, outbox
from documenten.tasks import weesbestanden_opruimen
from schoning.models import Bewaarregel
from schoning.models import Soort as SchoningSoort
from schoning.services import selectie_aanbieden, selectie_goedkeuren, selectie_maken
from schoning.verwijderen import selectie_uitvoeren
from tests import chain
from tests.documenten_helpers import PDF, bestand
from tests.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db


def _gepurged(casus_weg: Casus) -> None:
    """The retention rule for casussen, the casus closed ten years ago, the list made, approved and purged."""
    regel = Bewaarregel.objects.get(soort=SchoningSoort.CASUS)
    regel.termijn_maanden, regel.actief = 84, True
    regel.save()
    Casus.objects.filter(pk=casus_weg.pk).update(
        status="afgerond", afgerond_op=timezone.now() - timedelta(days=365 * 10)
    )
    p1 = MedewerkerFactory(username="privacy1", rollen=[Rol.PRIVACY_OFFICER])
    p2 = MedewerkerFactory(username="privacy2", rollen=[Rol.PRIVACY_OFFICER])
    selectie = selectie_maken()
    selectie_aanbieden(actor=p1, selectie=selectie)
    selectie_uitvoeren(selectie_goedkeuren(actor=p2, selectie=selectie))


def test_issue23_10_a_purged_casus_takes_its_notifications_and_their_email_copies(toegang):
    weg = chain.casus(actor=toegang.eigenaar)
    taak = chain.taak(casus=weg, team=toegang.team, behandelaar=toegang.eigenaar)
    blijft = chain.casus(actor=toegang.eigenaar)
    blijft_taak = chain.taak(casus=blijft, team=toegang.team, behandelaar=toegang.eigenaar)
    ik = [toegang.collega]

    def melden(soort, tekst, link, email=False):
        return notificeren(ontvangers=ik, soort=soort, tekst=tekst, link=link, email=email)[0]

    taak_url, casus_url = reverse("taken:detail", args=[taak.pk]), reverse("casus:documenten", args=[weg.pk])
    naar_taak = melden(Soort.TAAK_OVERGEDRAGEN, f"Taak overgedragen op casus {weg.nummer}.", taak_url, email=True)
    naar_casus = melden(Soort.DOORVERWIJZING, "Terugmelding ontvangen.", casus_url + "#documenten")
    noemt_nummer = melden(Soort.TERUGBELNOTITIE, f"Bel terug voor casus {weg.nummer}.", reverse("casus:toegang"))
    andere = melden(
        Soort.TAAK_OVERGEDRAGEN,
        f"Taak overgedragen op casus {blijft.nummer}.",
        reverse("taken:detail", args=[blijft_taak.pk]),
        email=True,
    )
    # Only alike: a longer number that starts with the purged one, and a link to a casus whose id does.
    lijkt = melden(Soort.TERUGBELNOTITIE, f"Bel terug voor {weg.nummer}7 of {weg.nummer}b.", f"/casussen/{weg.pk}7/")
    outbox.outbox_verwerken()  # the e-mail copies, naming the case number, in the outbox
    assert UitgaandeEmail.objects.filter(notificatie__isnull=False).count() == 2

    _gepurged(weg)

    assert not Casus.objects.filter(pk=weg.pk).exists()
    over = set(Notificatie.objects.values_list("pk", flat=True))
    assert over == {andere.pk, lijkt.pk}, (naar_taak, naar_casus, noemt_nummer)
    assert not UitgaandeEmail.objects.filter(tekst__contains=weg.nummer).exists()
    assert UitgaandeEmail.objects.filter(notificatie=andere).exists()
    entry = AuditEntry.objects.filter(object_type="schoning.selectie", reden="schoning: casus").get()
    assert entry.wijzigingen["notificaties.notificatie"] == [None, 3]


def test_issue23_10_a_file_written_without_its_row_is_removed_by_the_nightly_job_when_old(toegang):
    # A document with its row, old: stays.
    document = bestanden.document_toevoegen(
        actor=toegang.eigenaar, casus=chain.casus(actor=toegang.eigenaar), bestand=bestand("a.pdf", PDF),
        titel="brief", type="ontvangen", status="concept",
    )  # fmt: skip
    met_rij = opslag.pad(document.huidige_versie.opslagnaam)
    # The worker is killed after the storage wrote the file and before the row's commit: opslag.bewaren's
    # clean-up never runs (entered, never left), so the file stays without a DocumentVersie.
    # (The context managers are kept: collected, their generator would be closed and clean up after all.)
    gedood = [opslag.bewaren([b"%PDF-1.4 half geupload"]), opslag.bewaren([b"%PDF-1.4 upload loopt nog"])]
    oud, bezig = (upload.__enter__() for upload in gedood)
    wees, loopt = opslag.pad(oud.opslagnaam), opslag.pad(bezig.opslagnaam)
    assert not DocumentVersie.objects.filter(opslagnaam__in=[oud.opslagnaam, bezig.opslagnaam]).exists()
    gisteren = (klok.nu() - timedelta(hours=25)).timestamp()
    for pad in (wees, met_rij):
        os.utime(pad, (gisteren, gisteren))
    os.utime(loopt, ((klok.nu() - timedelta(minutes=1)).timestamp(),) * 2)  # an upload in progress

    assert weesbestanden_opruimen.delay().get() == 1  # the Celery task of the beat schedule (eager in tests)
    assert not wees.exists()
    assert met_rij.exists() and loopt.exists()
    assert weesbestanden_opruimen.delay().get() == 0  # idempotent
    assert "weesbestanden-opruimen" in settings.CELERY_BEAT_SCHEDULE
    entry = AuditEntry.objects.filter(object_type="documenten.opslag").get()
    assert entry.reden == "weesbestanden" and entry.wijzigingen == {"bestanden": [1, 0]}
    call_command("weesbestanden_opruimen")  # the same as a command; nothing more to do
    assert Path(met_rij).exists()
