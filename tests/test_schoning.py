"""Issue 10: retention rules, the nightly selection with deselection and four-eyes approval, and the purge
(SCH-1, SCH-2, SCH-3)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from aanmelding.models import Aanmelding
from casus.models import Casus, CasusGroupObjectPermission, CasusUserObjectPermission, Client, TijdlijnItem
from cris import klok
from cris.accounts.roles import Rol
from cris.audit.api import Actie, audit_record
from cris.audit.models import AuditEntry
from documenten.models import Document, DocumentVersie
from documenten.services import bestanden
from schoning import registry
from schoning.models import (
    BestandVerwijdering,
    Bewaarplicht,
    Bewaarregel,
    ItemStatus,
    SchoningTelling,
    Selectie,
    SelectieItem,
    SelectieStatus,
    Soort,
)
from schoning.plan import UITGESLOTEN_APPS, plan_voor
from schoning.selectie import id_hash
from schoning.services import (
    item_uitzonderen,
    selectie_aanbieden,
    selectie_goedkeuren,
    selectie_maken,
)
from schoning.verwijderen import bestanden_opruimen, proefdraaien, selectie_uitvoeren
from taken.models import Contactmoment, Taak
from tests import chain
from tests.access import assert_toegang
from tests.audit_helpers import auditregel_verplaatsen
from tests.documenten_helpers import PDF, bestand
from tests.factories import MedewerkerFactory

JAREN_GELEDEN = timedelta(days=365 * 10)


@pytest.fixture
def privacy(db):
    return (
        MedewerkerFactory(username="privacy1", rollen=[Rol.PRIVACY_OFFICER]),
        MedewerkerFactory(username="privacy2", rollen=[Rol.PRIVACY_OFFICER]),
    )


def _regel(soort: str, maanden: int = 84, telt_vanaf: str | None = None) -> Bewaarregel:
    from schoning.models import TELT_VANAF_PER_SOORT

    regel = Bewaarregel.objects.get(soort=soort)
    regel.termijn_maanden, regel.telt_vanaf, regel.actief = maanden, telt_vanaf or TELT_VANAF_PER_SOORT[soort][0], True
    regel.full_clean()
    regel.save()
    return regel


def _afgerond(casus: Casus, geleden: timedelta = JAREN_GELEDEN) -> Casus:
    Casus.objects.filter(pk=casus.pk).update(status="afgerond", afgerond_op=timezone.now() - geleden)
    return casus


def _volle_casus(team, medewerker, **velden) -> Casus:
    """A casus with what hangs off it: a task (with permission rows), a contact report, a document with a file,
    a referral, timeline and audit entries."""
    aanmelding = chain.aanmelding(actor=medewerker)
    casus = chain.casus(actor=medewerker, **velden)
    Aanmelding.objects.filter(pk=aanmelding.pk).update(casus=casus, status="goedgekeurd")
    taak = chain.taak(casus=casus, team=team, behandelaar=medewerker)
    Contactmoment.objects.create(
        taak=taak, casus=casus, medewerker=medewerker, tijdstip=timezone.now(), kanaal="telefoon", bereikt=True
    )
    bestanden.document_toevoegen(
        actor=medewerker, casus=casus, bestand=bestand("a.pdf", PDF), titel="brief", type="ontvangen", status="concept"
    )
    audit_record(Actie.LEZEN, actor=medewerker, obj=casus, client_id=casus.client_id, reason="Yılmaz gebeld")
    return _afgerond(casus)


def _goedgekeurd(privacy, **kwargs) -> Selectie:
    selectie = selectie_maken(**kwargs)
    selectie_aanbieden(actor=privacy[0], selectie=selectie)
    return selectie_goedkeuren(actor=privacy[1], selectie=selectie)


def _bestanden(casus_ids) -> list[Path]:
    return [
        Path(settings.DOCUMENTEN_DIR) / v.opslagnaam
        for v in DocumentVersie.objects.filter(document__casus_id__in=casus_ids)
    ]


# --- the plan: everything that hangs off a casus -----------------------------------------------------------


def _bereikt(model, doel, gezien=frozenset()) -> bool:
    """Forward walk: does a chain of non-SET_NULL foreign keys lead from ``model`` to ``doel``?"""
    if model is doel:
        return True
    for veld in model._meta.concrete_fields:
        if isinstance(veld, models.ForeignKey) and veld.remote_field.on_delete is not models.SET_NULL:
            volgende = veld.remote_field.model._meta.concrete_model
            if volgende not in gezien and _bereikt(volgende, doel, gezien | {model}):
                return True
    return False


def test_sch3_every_model_with_a_foreign_key_chain_to_casus_is_purged_along():
    plan = plan_voor(Casus)
    in_plan = set(plan.modellen)
    genuld = {(n.model, n.kolom) for n in plan.nullen}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in UITGESLOTEN_APPS or model is Casus:
            continue
        if _bereikt(model, Casus):
            assert model in in_plan, f"{model._meta.label} hangs off Casus but the purge leaves it"
        for veld in model._meta.concrete_fields:
            if isinstance(veld, models.ForeignKey) and veld.remote_field.model in in_plan and model not in in_plan:
                assert (model, veld.column) in genuld, f"{model._meta.label}.{veld.name} would point at a purged row"
    assert {Taak, Contactmoment, TijdlijnItem, Document, DocumentVersie, Aanmelding} <= in_plan
    assert {CasusUserObjectPermission, CasusGroupObjectPermission} <= in_plan
    # Children after parents: ids are collected in this order and deleted in the reverse.
    volgorde = plan.modellen
    assert volgorde.index(Taak) < volgorde.index(Contactmoment)
    assert volgorde.index(Document) < volgorde.index(DocumentVersie)


# --- rules -------------------------------------------------------------------------------------------------


def test_sch1_a_rule_counts_only_from_a_date_that_fits_its_kind(db):
    regel = Bewaarregel.objects.get(soort=Soort.CASUS)
    regel.telt_vanaf = "tijdstip"
    with pytest.raises(ValidationError, match="telt_vanaf"):
        regel.full_clean()


def test_sch1_only_active_rules_select_and_recent_cases_are_not_due(db, toegang):
    oud = _afgerond(chain.casus(actor=toegang.eigenaar))
    recent = _afgerond(chain.casus(actor=toegang.eigenaar), timedelta(days=30))
    assert not selectie_maken().regels  # rules are inactive until the organisation switches them on
    _regel(Soort.CASUS, maanden=84)
    selectie = selectie_maken()
    ids = set(selectie.items.filter(soort="casus").values_list("object_id", flat=True))
    assert oud.pk in ids and recent.pk not in ids


# --- the whole chain ---------------------------------------------------------------------------------------


def test_sch2_sch3_deselected_and_held_cases_survive_the_rest_goes_with_everything(db, toegang, privacy):
    _regel(Soort.CASUS)
    team, mw = toegang.team, toegang.eigenaar
    weg = _volle_casus(team, mw)
    uitgezonderd = _volle_casus(team, mw)
    vastgehouden = _volle_casus(team, mw)
    client_vast = _volle_casus(team, mw)
    actief = chain.casus(actor=mw)  # a second, active casus of the client of `weg2`: that client stays
    weg2 = _afgerond(chain.casus(actor=mw))
    Casus.objects.filter(pk=weg2.pk).update(client=actief.client)
    Bewaarplicht.objects.create(casus=vastgehouden, reden="rechtszaak loopt", vastgelegd_door=privacy[0])
    Bewaarplicht.objects.create(client=client_vast.client, reden="klacht", vastgelegd_door=privacy[0])
    bestanden_weg = _bestanden([weg.pk])
    assert bestanden_weg and all(p.exists() for p in bestanden_weg)

    selectie = selectie_maken()
    items = {i.object_id: i for i in selectie.items.filter(soort="casus")}
    assert items[vastgehouden.pk].status == ItemStatus.BEWAARPLICHT
    assert items[client_vast.pk].status == ItemStatus.BEWAARPLICHT
    item_uitzonderen(actor=privacy[0], item=items[uitgezonderd.pk], reden="cliënt vroeg om bewaren")
    selectie_aanbieden(actor=privacy[0], selectie=selectie)
    with pytest.raises(ValidationError, match="vier ogen"):
        selectie_goedkeuren(actor=privacy[0], selectie=selectie)
    selectie = selectie_goedkeuren(actor=privacy[1], selectie=selectie)
    selectie = selectie_uitvoeren(selectie)

    assert selectie.status == SelectieStatus.UITGEVOERD
    blijft = {uitgezonderd.pk, vastgehouden.pk, client_vast.pk, actief.pk}
    assert set(Casus.objects.values_list("pk", flat=True)) == blijft
    assert not Taak.objects.filter(casus_id__in=[weg.pk, weg2.pk]).exists()
    assert not TijdlijnItem.objects.filter(casus_id=weg.pk).exists()
    assert not Document.objects.filter(casus_id=weg.pk).exists()
    assert not Aanmelding.objects.filter(casus_id=weg.pk).exists()
    assert not CasusUserObjectPermission.objects.filter(content_object_id=weg.pk).exists()
    assert not CasusGroupObjectPermission.objects.filter(content_object_id=weg.pk).exists()
    assert not Client.objects.filter(pk=weg.client_id).exists()  # no casus left
    assert Client.objects.filter(pk=actief.client_id).exists()  # still has a casus
    # Survivors keep everything.
    for casus in (uitgezonderd, vastgehouden, client_vast):
        assert Taak.objects.filter(casus=casus).exists() and Document.objects.filter(casus=casus).exists()
        assert all(p.exists() for p in _bestanden([casus.pk]))
    # Files of purged documents are gone from storage, and nothing waits in the queue.
    assert not any(p.exists() for p in bestanden_weg)
    assert not BestandVerwijdering.objects.exists()
    # The record: hashed ids only, who approved, anonymous counts.
    weg_items = selectie.items.filter(status=ItemStatus.VERWIJDERD)
    assert weg_items.count() == 2 and not weg_items.filter(object_id__isnull=False).exists()
    assert set(weg_items.values_list("id_hash", flat=True)) == {
        id_hash("casus.casus", weg.pk),
        id_hash("casus.casus", weg2.pk),
    }
    assert selectie.goedgekeurd_door == privacy[1] and selectie.voorbereid_door == privacy[0]
    totaal = SchoningTelling.objects.filter(selectie=selectie, soort="casus").aggregate(
        n=Sum("aantal"), t=Sum("taken"), c=Sum("contactmomenten"), d=Sum("documenten"), a=Sum("aanmeldingen")
    )
    assert totaal == {"n": 2, "t": 1, "c": 1, "d": 1, "a": 1}
    # The audit entry about the purged client keeps who did what, not about whom.
    over = AuditEntry.objects.filter(object_type="casus.casus", object_id=id_hash("casus.casus", weg.pk))
    assert over.exists()
    assert not AuditEntry.objects.filter(client_id=weg.client_id).exists()
    assert not AuditEntry.objects.filter(reden__contains="Yılmaz", object_id=str(weg.pk)).exists()
    assert over.filter(reden="", object_weergave="", client_id__isnull=True).count() == over.count()
    # And the log is still append-only outside the purge.
    with pytest.raises(Exception, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=over.first().pk).update(reden="x")


def test_sch2_a_deselection_until_a_date_holds_for_later_lists_and_then_ends(db, toegang, privacy):
    _regel(Soort.CASUS)
    casus = _afgerond(chain.casus(actor=toegang.eigenaar))
    eerste = selectie_maken()
    item = eerste.items.get(object_id=casus.pk)
    with pytest.raises(ValidationError):
        item_uitzonderen(actor=privacy[0], item=item, reden="  ")
    item_uitzonderen(actor=privacy[0], item=item, reden="nazorg", tot=timezone.localdate() + timedelta(days=10))
    tweede = selectie_maken()
    assert Selectie.objects.get(pk=eerste.pk).status == SelectieStatus.VERVALLEN
    assert tweede.items.get(object_id=casus.pk).status == ItemStatus.UITGEZONDERD
    na_einddatum = selectie_maken(nu=timezone.now() + timedelta(days=11))
    assert na_einddatum.items.get(object_id=casus.pk).status == ItemStatus.GESELECTEERD


def test_sch3_a_case_reopened_or_held_after_approval_is_not_deleted(db, toegang, privacy):
    _regel(Soort.CASUS)
    heropend = _afgerond(chain.casus(actor=toegang.eigenaar))
    vast = _afgerond(chain.casus(actor=toegang.eigenaar))
    weg = _afgerond(chain.casus(actor=toegang.eigenaar))
    selectie = _goedgekeurd(privacy)
    Casus.objects.filter(pk=heropend.pk).update(status="actief", afgerond_op=None)
    Bewaarplicht.objects.create(client=vast.client, reden="onderzoek", vastgelegd_door=privacy[0])
    selectie_uitvoeren(selectie)
    assert set(Casus.objects.values_list("pk", flat=True)) == {heropend.pk, vast.pk}
    statussen = dict(selectie.items.filter(soort="casus").values_list("id_hash", "status"))
    assert statussen[id_hash("casus.casus", heropend.pk)] == ItemStatus.NIET_MEER
    assert statussen[id_hash("casus.casus", vast.pk)] == ItemStatus.BEWAARPLICHT
    assert statussen[id_hash("casus.casus", weg.pk)] == ItemStatus.VERWIJDERD


def test_sch3_the_database_refuses_to_delete_a_held_casus(db, toegang, privacy):
    casus = _afgerond(chain.casus(actor=toegang.eigenaar))
    Bewaarplicht.objects.create(casus=casus, reden="rechtszaak", vastgelegd_door=privacy[0])
    from schoning.verwijderen import soort_wissen

    selectie_id = Selectie.objects.create(datum="2030-01-01").pk
    with pytest.raises(IntegrityError), transaction.atomic():
        soort_wissen("casus", [casus.pk], selectie_id=selectie_id, audit_cache={})
        connection.check_constraints()  # what COMMIT does with the deferred foreign keys


# --- crash and rerun ---------------------------------------------------------------------------------------


def test_sch3_a_crash_midway_and_a_rerun_delete_the_rest_and_nothing_twice(
    db, toegang, privacy, django_capture_on_commit_callbacks
):
    _regel(Soort.CASUS)
    casussen = [_volle_casus(toegang.team, toegang.eigenaar) for _ in range(5)]
    bestanden = _bestanden([c.pk for c in casussen])
    selectie = _goedgekeurd(privacy, batch_grootte=2)
    assert selectie.batches_totaal == 3
    gezien: list[int] = []
    aanroepen = {"n": 0}

    def rapportage(casus_ids):
        aanroepen["n"] += 1
        if aanroepen["n"] == 2:
            raise RuntimeError("stroom weg")
        gezien.extend(casus_ids)

    registry.voor_verwijderen_registreren(rapportage)
    try:
        with pytest.raises(RuntimeError, match="stroom weg"), django_capture_on_commit_callbacks(execute=True):
            selectie_uitvoeren(selectie)
        selectie.refresh_from_db()
        assert selectie.status == SelectieStatus.BEZIG and selectie.batches_klaar == 1
        assert Casus.objects.count() == 3
        # The rolled-back batch took no files with it; the first batch's files are gone.
        assert sum(p.exists() for p in bestanden) == 3

        call_command("schoning_uitvoeren")  # the rerun, as an operator would start it
    finally:
        registry.voor_verwijderen_afmelden(rapportage)

    selectie.refresh_from_db()
    assert selectie.status == SelectieStatus.UITGEVOERD and selectie.batches_klaar == 3
    assert not Casus.objects.exists() and not any(p.exists() for p in bestanden)
    assert sorted(gezien) == sorted(c.pk for c in casussen)  # each casus reported once
    assert SchoningTelling.objects.filter(selectie=selectie).aggregate(n=Sum("aantal"))["n"] == 5
    assert selectie.items.filter(status=ItemStatus.VERWIJDERD).count() == 5
    # One audit entry per committed batch, none for the one that crashed.
    assert AuditEntry.objects.filter(object_type="schoning.selectie", actie="verwijderen").count() == 3


def test_sch3_files_are_unlinked_only_after_commit_and_a_lost_unlink_is_done_later(db, toegang, privacy):
    _regel(Soort.CASUS)
    casus = _volle_casus(toegang.team, toegang.eigenaar)
    (pad,) = _bestanden([casus.pk])
    selectie = _goedgekeurd(privacy)
    from schoning.verwijderen import batch_uitvoeren

    # The process dies after the commit, before the unlink: the queue row survives the transaction.
    with transaction.atomic():
        batch_uitvoeren(selectie, "casus")
    assert not Casus.objects.filter(pk=casus.pk).exists()
    assert pad.exists() and BestandVerwijdering.objects.count() == 1
    assert bestanden_opruimen() == 1
    assert not pad.exists() and not BestandVerwijdering.objects.exists()
    assert bestanden_opruimen() == 0


# --- other kinds -------------------------------------------------------------------------------------------


def test_sch3_rejected_referrals_documents_and_audit_months_go_by_their_own_rules(db, toegang, privacy):
    _regel(Soort.AANMELDING, maanden=12)
    _regel(Soort.DOCUMENT, maanden=24)
    _regel(Soort.AUDIT, maanden=60)
    afgewezen = chain.aanmelding(actor=toegang.eigenaar)
    Aanmelding.objects.filter(pk=afgewezen.pk).update(status="afgekeurd", beoordeeld_op=timezone.now() - JAREN_GELEDEN)
    open_aanmelding = chain.aanmelding(actor=toegang.eigenaar)
    casus = chain.casus(actor=toegang.eigenaar)
    bestanden.document_toevoegen(
        actor=toegang.eigenaar,
        casus=casus,
        bestand=bestand("a.pdf", PDF),
        titel="oud",
        type="medisch",
        status="concept",
    )
    Document.objects.filter(casus=casus).update(gewijzigd_op=timezone.now() - JAREN_GELEDEN)
    (pad,) = _bestanden([casus.pk])
    oude_regel = audit_record(Actie.LEZEN, actor=toegang.eigenaar, obj=casus, client_id=casus.client_id)
    auditregel_verplaatsen(oude_regel, timezone.now() - JAREN_GELEDEN)

    selectie = _goedgekeurd(privacy)
    assert selectie.items.get(soort="audit").aantal == 1
    selectie_uitvoeren(selectie)
    assert not Aanmelding.objects.filter(pk=afgewezen.pk).exists()
    assert Aanmelding.objects.filter(pk=open_aanmelding.pk).exists()
    assert Casus.objects.filter(pk=casus.pk).exists() and not Document.objects.filter(casus=casus).exists()
    assert not pad.exists()
    assert not AuditEntry.objects.filter(pk=oude_regel.pk).exists()
    assert set(SchoningTelling.objects.filter(selectie=selectie).values_list("soort", "aantal")) == {
        ("aanmelding", 1),
        ("document", 1),
        ("audit", 1),
    }


# --- commands and dry run ----------------------------------------------------------------------------------


def test_sch3_dry_run_prints_what_would_go_and_deletes_nothing(db, toegang, privacy, capsys):
    _regel(Soort.CASUS)
    casus = _volle_casus(toegang.team, toegang.eigenaar)
    call_command("schoning_selecteren")
    uit = capsys.readouterr().out
    assert "casus na Afgerond: geselecteerd: 1" in uit
    selectie = Selectie.objects.get(status="concept")
    assert proefdraaien(selectie)["casus"]["taken.taak"] == 1
    call_command("schoning_uitvoeren", proef=True)
    uit = capsys.readouterr().out
    assert "casus.casus: 1" in uit and "documenten.documentversie: 1" in uit and "Er is niets verwijderd" in uit
    assert Casus.objects.filter(pk=casus.pk).exists()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="goedgekeurde"):
        call_command("schoning_uitvoeren")


# --- pages -------------------------------------------------------------------------------------------------


def test_sch2_pages_only_for_reviewers_outsiders_get_404(client, toegang, privacy):
    _regel(Soort.CASUS)
    _afgerond(chain.casus(actor=toegang.eigenaar))
    selectie = selectie_maken()
    for url in (
        reverse("schoning:overzicht"),
        reverse("schoning:selectie", args=[selectie.pk]),
        reverse("schoning:voortgang", args=[selectie.pk]),
    ):
        assert_toegang(
            client,
            toegang,
            url,
            eigenaar=404,
            collega=404,
            buitenstaander=404,
            teamleider=404,
            functioneel_beheerder=200,
        )
    item = selectie.items.get()
    url = reverse("schoning:uitzonderen", args=[selectie.pk, item.pk])
    client.force_login(toegang.buitenstaander)
    assert client.post(url, {"reden": "x"}).status_code == 404
    assert SelectieItem.objects.get(pk=item.pk).status == ItemStatus.GESELECTEERD


def test_sch2_review_deselect_offer_and_approve_through_the_pages(
    client, toegang, privacy, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    _regel(Soort.CASUS)
    casussen = [_afgerond(chain.casus(actor=toegang.eigenaar)) for _ in range(60)]
    selectie = selectie_maken()
    url = reverse("schoning:selectie", args=[selectie.pk])
    client.force_login(privacy[0])
    with django_assert_max_num_queries(12):
        pagina = client.get(url)
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert casussen[0].nummer in tekst and "verlopen op" in tekst and casussen[-1].nummer not in tekst
    volgende = client.get(url, {"soort": "casus", "status": "geselecteerd", "na": pagina.context["volgende"]})
    assert casussen[-1].nummer in volgende.content.decode()

    item = selectie.items.get(object_id=casussen[0].pk)
    fout = client.post(reverse("schoning:uitzonderen", args=[selectie.pk, item.pk]), {"reden": ""}, follow=True)
    assert "Reden" in fout.content.decode() and SelectieItem.objects.get(pk=item.pk).status == "geselecteerd"
    client.post(reverse("schoning:uitzonderen", args=[selectie.pk, item.pk]), {"reden": "nazorg loopt"})
    assert SelectieItem.objects.get(pk=item.pk).status == ItemStatus.UITGEZONDERD
    client.post(reverse("schoning:aanbieden", args=[selectie.pk]))
    eigen = client.post(reverse("schoning:goedkeuren", args=[selectie.pk]), follow=True)
    assert "vier ogen" in eigen.content.decode()
    client.force_login(privacy[1])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("schoning:goedkeuren", args=[selectie.pk]))
    selectie.refresh_from_db()
    assert selectie.status == SelectieStatus.UITGEVOERD  # the purge task ran (eagerly) after approval
    assert list(Casus.objects.values_list("pk", flat=True)) == [casussen[0].pk]
    voortgang = client.get(reverse("schoning:voortgang", args=[selectie.pk]))
    assert "1 van 1 batches" in voortgang.content.decode()


def test_sch3_the_production_report_still_counts_the_purged_work(db, toegang, privacy):
    """SCH-3 × DIE-4: the purge keeps the production of purged cases as anonymous aggregates (diensten registers
    productie_bewaren with the purge); the report for the period is the same before and after."""
    from diensten.models import DienstSoort
    from diensten.services.levenscyclus import dienst_afronden, dienst_registreren
    from diensten.services.tijd import tijd_registreren
    from rapportage.selectors import Periode, productie

    _regel(Soort.CASUS)
    toen = timezone.now() - JAREN_GELEDEN
    soort = DienstSoort.objects.filter(hoofddienst__isnull=False).first() or DienstSoort.objects.first()
    for _ in range(3):
        casus = _volle_casus(toegang.team, toegang.eigenaar)
        taak = casus.taken.get()
        dienst = dienst_registreren(actor=toegang.eigenaar, taak=taak, soort=soort, nu=toen)
        tijd_registreren(actor=toegang.eigenaar, dienst=dienst, minuten=45, datum=klok.lokale_datum(toen))
        dienst_afronden(actor=toegang.eigenaar, dienst=dienst, nu=toen + timedelta(days=2))
    periode = Periode.maanden(klok.lokale_datum(toen), klok.lokale_datum(toen + timedelta(days=2)))

    def cijfers():
        t = productie(periode=periode).totaal
        return (t.nieuw, t.afgerond, t.afgebroken, t.doorlooptijd_s, t.besteed_minuten)

    voor = cijfers()
    assert voor[0] == 3 and voor[1] == 3 and voor[4] == 135
    selectie_uitvoeren(_goedgekeurd(privacy))
    assert not Casus.objects.exists()
    assert cijfers() == voor
