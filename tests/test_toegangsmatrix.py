"""AUT-1/AUT-2 over every case-bearing URL of the project, enumerated from the URL configuration, so a new
page cannot be forgotten.

Every URL pattern with an identifying keyword argument (``pk``, ``casus_pk``, ``client_pk``, ``*_pk``,
``*_id``) must be in REGISTER (how to build it for the fixture objects, the method, the expected status per
person) or in VRIJGESTELD (with the reason). ``test_every_identifying_url_is_registered`` fails naming any
pattern that is in neither. Adding a page: one line in REGISTER.

The people: those of tests/access.py plus ``verlopen``, who held a grant on the casus that has expired
but was not yet marked verlopen by the beat job: refused from the expiry on, like an outsider (404);
``oud_behandelaar``, who handled the task in another team until it was handed to the owner (the past
appointment they made on it stays theirs); and ``planner``, who as team leader planned the owner's
appointment and has since left the team (issue 21 item 12). Both have lost access: like an outsider.
And ``beoordelaar``, the Administratie reviewer who approved the casus's referral: the open
referrals of the queue are theirs, the approved one follows casus access (issue 21 item 10), so 404 like the
casus.

A row may also name ``geheim``: text from the dossier (a subject, a case number) that must appear in the
answer to exactly the people in ``zien`` and to nobody else. Keys ``name#variant`` give one URL more rows.
Every request gets fresh objects (``Dossier``), so a POST that changes something does not change what the
next person meets.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from aanmelding.models import Aanmelding, AanmeldingStatus
from casus.betrokkenen import betrokkene_toevoegen
from casus.models import Casus, ToegangSoort, ToegangStatus, Toegangsverlening
from casus.samenvoegen import client_samenvoegen
from casus.services import client_aanmaken
from casus.toegang import toegang_aanvragen
from cris.accounts.roles import Rol
from diensten.models import DienstSoort
from diensten.services.levenscyclus import dienst_registreren
from documenten.services import bestanden
from gebeurtenissen.models import GebeurtenisType
from gebeurtenissen.services import gebeurtenis_aanmaken
from schoning.models import ItemStatus, Selectie, SelectieItem, SelectieStatus, Soort
from taken.agenda import afspraak_maken
from taken.services.contacten import contactmoment_vastleggen
from taken.services.overdracht import taak_overdragen
from taken.terugbellen import terugbelnotitie_maken
from tests import chain
from tests.access import ROLLEN
from tests.documenten_helpers import PDF, bestand
from tests.factories import LidmaatschapFactory, MedewerkerFactory, TeamFactory
from werkstroom.models import Afdeling, Lidmaatschap
from werkstroom.services import lidmaatschap_beeindigen, lidmaatschap_opslaan

pytestmark = pytest.mark.django_db

PERSONEN = (*ROLLEN, "verlopen", "oud_behandelaar", "planner", "beoordelaar")
IDENTIFICEREND = re.compile(r"^(pk|.+_pk|.+_id)$")


@dataclass
class Dossier:
    """The objects one request is about: a casus held by the owner's team, with everything on it."""

    casus: object
    taak: object
    document: object
    betrokkene: object
    verzoek: object  # an open request for access by someone from another team
    nood: object  # an emergency grant awaiting the privacy officer's review
    aanmelding: object
    samenvoeging: object  # the audit entry of a client merge (CLI-2), undoable by intake staff only
    gebeurtenis: object
    selectie: object  # a retention selection (SCH-2) holding this casus
    selectie_item: object
    dienst: object  # a service on the task (DIE-2)
    contact: object  # a finalised contact report on the task (VER-1)
    afspraak: object  # the owner's appointment on the task (AGE-1), planned by ``planner`` when team leader
    oude_afspraak: object  # the former handler's past appointment on the task, before it was handed on
    elders_afspraak: object  # the owner's appointment on another team's casus, seen through a temporary grant
    terugbelnotitie: object  # a call-back note from the owner for the colleague (TAK-7)
    goedgekeurd: object = None  # the approved referral of this casus, approved by ``beoordelaar``


@dataclass
class Verloren:
    """The people who once had access to the dossier and lost it (issue 21 item 12)."""

    oud_behandelaar: object
    oud_team: object  # the former handler's team, same department as the owner's
    planner: object
    beoordelaar: object = None  # approved the casus's referral (Administratie)


def dossier_maken(toegang, verlopen, verloren: Verloren) -> Dossier:
    casus = chain.casus(pv_nummer="PL0900-2026000001")
    nu = timezone.now()
    # The former handler holds the task in their own team, plans a visit, and hands it to the owner.
    taak = chain.taak(casus=casus, team=verloren.oud_team, behandelaar=verloren.oud_behandelaar)
    oude_afspraak = afspraak_maken(
        actor=verloren.oud_behandelaar, taak=taak, begin=nu - timedelta(days=2, minutes=10 * (casus.pk % 100)),
        einde=nu - timedelta(days=2, minutes=10 * (casus.pk % 100) - 5), onderwerp=f"Huisbezoek oud {casus.pk}",
    )  # fmt: skip
    taak = taak_overdragen(actor=verloren.oud_behandelaar, taak=taak, naar=toegang.eigenaar, team=toegang.team)
    document = bestanden.document_toevoegen(
        actor=toegang.eigenaar, casus=casus, bestand=bestand("a.pdf", PDF), titel="PV", type="overig", status="concept"
    )
    betrokkene = betrokkene_toevoegen(
        actor=toegang.eigenaar, casus=casus, gegevens={"rol": "ouder", "naam": "A. Ouder"}
    )
    aanvrager = MedewerkerFactory(rollen=[Rol.ALGEMENE_DIENSTVERLENING])
    LidmaatschapFactory(medewerker=aanvrager, team=toegang.ander_team)
    verzoek = toegang_aanvragen(actor=aanvrager, casus=casus, reden="Cliënt belt over de zitting van morgen")
    Toegangsverlening.objects.create(
        casus=casus,
        medewerker=verlopen,
        status=ToegangStatus.VERLEEND,
        reden="Collega ziek, dossier overnemen",
        geldig_tot=nu - timedelta(minutes=1),
    )
    nood = Toegangsverlening.objects.create(
        casus=casus,
        medewerker=aanvrager,
        soort=ToegangSoort.NOOD,
        status=ToegangStatus.VERLOPEN,
        reden="Piket: melding zedendelict zaterdagnacht",
        geldig_tot=nu - timedelta(hours=1),
    )
    aanmelding = chain.aanmelding(actor=MedewerkerFactory(rollen=[Rol.CAI]))
    administratie = MedewerkerFactory(rollen=[Rol.ADMINISTRATIE])
    dubbel = client_aanmaken(actor=None, gegevens={"achternaam": casus.client.achternaam})
    samenvoeging = client_samenvoegen(actor=administratie, bron=dubbel, doel=casus.client, reden="Dubbel ingevoerd")
    gebeurtenis = gebeurtenis_aanmaken(
        actor=administratie, gegevens={"naam": "Brand Dorpsstraat", "datum": nu.date(), "type": GebeurtenisType.BRAND}
    )
    selectie = Selectie.objects.create(datum=nu.date(), status=SelectieStatus.CONCEPT)
    selectie_item = SelectieItem.objects.create(
        selectie=selectie,
        soort=Soort.CASUS,
        object_id=casus.pk,
        id_hash="0" * 64,
        peildatum=nu - timedelta(days=3650),
        status=ItemStatus.GESELECTEERD,
    )
    dienst = dienst_registreren(
        actor=toegang.eigenaar, taak=taak, soort=DienstSoort.objects.filter(hoofddienst__isnull=False).first()
    )
    contact = contactmoment_vastleggen(
        actor=toegang.eigenaar,
        taak=taak,
        kanaal="telefoon",
        richting="uitgaand",
        bereikt=True,
        tijdstip=nu,
        verslag="Gebeld.",
    )
    lid = lidmaatschap_opslaan(medewerker=verloren.planner, team=toegang.team, rol=Lidmaatschap.Rol.TEAMLEIDER)
    afspraak = afspraak_maken(
        actor=verloren.planner,
        taak=taak,
        medewerker=toegang.eigenaar,
        begin=nu + timedelta(days=1, hours=2 * casus.pk),  # one per dossier, never overlapping
        einde=nu + timedelta(days=1, hours=2 * casus.pk + 1),
        onderwerp=f"Gesprek {casus.pk}",
    )
    lidmaatschap_beeindigen(lidmaatschap=lid)
    # The owner, with a temporary grant on a casus of another team, plans a visit there the same week.
    elders = chain.casus()
    elders_taak = chain.taak(casus=elders, team=toegang.ander_team, code="AD-INTAKE")
    Toegangsverlening.objects.create(
        casus=elders, medewerker=toegang.eigenaar, status=ToegangStatus.VERLEEND, reden="Overname tijdens ziekte",
        geldig_tot=nu + timedelta(days=7),
    )  # fmt: skip
    elders_afspraak = afspraak_maken(
        actor=toegang.eigenaar, taak=elders_taak, begin=afspraak.einde, einde=afspraak.einde + timedelta(minutes=30),
        onderwerp=f"Zitting elders {elders.pk}",
    )  # fmt: skip
    terugbelnotitie = terugbelnotitie_maken(
        actor=toegang.eigenaar, taak=taak, voor=toegang.collega, tekst="Cliënt belt terug over de zitting"
    )
    goedgekeurd = chain.aanmelding(actor=MedewerkerFactory(rollen=[Rol.CAI]), toelichting="Bedreigd door buurman")
    Aanmelding.objects.filter(pk=goedgekeurd.pk).update(
        status=AanmeldingStatus.GOEDGEKEURD, casus=casus, beoordelaar=verloren.beoordelaar, beoordeeld_op=nu
    )
    return Dossier(
        casus,
        taak,
        document,
        betrokkene,
        verzoek,
        nood,
        aanmelding,
        samenvoeging,
        gebeurtenis,
        selectie,
        selectie_item,
        dienst,
        contact,
        afspraak,
        oude_afspraak,
        elders_afspraak,
        terugbelnotitie,
        goedgekeurd,
    )


@dataclass(frozen=True)
class Pagina:
    url: Callable[[Dossier], str]
    verwacht: dict[str, int]
    method: str = "get"
    data: dict | None = None
    geheim: Callable[[Dossier], str] | None = None  # must show to exactly the people in `zien`
    zien: frozenset[str] = frozenset()


def _alle(code: int) -> dict[str, int]:
    return dict.fromkeys(PERSONEN, code)


def _beoordelaar(code: int) -> dict[str, int]:
    """Only the reviewer of the Administratie queue gets `code` (an open referral, a client merge)."""
    return {**_alle(404), "beoordelaar": code}


def _werk(code: int) -> dict[str, int]:
    """Owner, colleague and team leader get `code`; outsider, functional manager and expired grant 404."""
    return {**_alle(404), "eigenaar": code, "collega": code, "teamleider": code}


def _beheer(code: int) -> dict[str, int]:
    """Only the functional manager gets `code`; everyone else 404."""
    return {**_alle(404), "functioneel_beheerder": code}


def _r(name: str, *args: Callable[[Dossier], object]) -> Callable[[Dossier], str]:
    return lambda d: reverse(name, args=[a(d) for a in args])


def _agenda(d: Dossier, **query) -> str:
    return f"{reverse('taken:agenda')}?" + "&".join(f"{k}={v}" for k, v in query.items())


CASUS = lambda d: d.casus.pk  # noqa: E731
CLIENT = lambda d: d.casus.client_id  # noqa: E731
TAAK = lambda d: d.taak.pk  # noqa: E731
DOC = lambda d: d.document.pk  # noqa: E731
ADRES = lambda d: d.casus.client.adressen.get().pk  # noqa: E731

# url name → how to reach it and what each person gets. One line per URL; the lead adds those of other branches.
REGISTER: dict[str, Pagina] = {
    "casus:detail": Pagina(_r("casus:detail", CASUS), _werk(200)),
    "casus:tijdlijn": Pagina(_r("casus:tijdlijn", CASUS), _werk(200)),
    "casus:betrokkenen": Pagina(_r("casus:betrokkenen", CASUS), _werk(200)),
    "casus:betrokkene_verwijderen": Pagina(
        _r("casus:betrokkene_verwijderen", CASUS, lambda d: d.betrokkene.pk), _werk(302), "post"
    ),
    "casus:taken": Pagina(_r("casus:taken", CASUS), _werk(200)),
    "casus:msh": Pagina(_r("casus:msh", CASUS), _werk(200)),
    "casus:juridisch": Pagina(_r("casus:juridisch", CASUS), _werk(200)),
    "casus:documenten": Pagina(_r("casus:documenten", CASUS), _werk(200)),
    # KOP-4 (issue 26): the casus's referrals to external organisations and the form to make one.
    "doorverwijzingen:casus": Pagina(_r("doorverwijzingen:casus", CASUS), _werk(200)),
    "doorverwijzingen:toestemmingen": Pagina(_r("doorverwijzingen:toestemmingen", CASUS), _werk(200)),
    "casus:relateren": Pagina(_r("casus:relateren", CASUS), _werk(302), "post", {"casus": "geen nummer"}),
    # Issue 11: a form of the casus page, loaded when its panel opens; audited like the page itself.
    "casus:onderdeel": Pagina(_r("casus:onderdeel", CASUS, lambda d: "relateren"), _werk(200)),
    "casus:client": Pagina(_r("casus:client", CLIENT), _werk(200)),
    # Issue 24: corrections of the client card and casus by whoever may see the casus; an empty form is 422.
    "casus:client_bewerken": Pagina(_r("casus:client_bewerken", CLIENT), _werk(422), "post"),
    "casus:adres_toevoegen": Pagina(_r("casus:adres_toevoegen", CLIENT), _werk(422), "post"),
    "casus:adres_wijzigen": Pagina(_r("casus:adres_wijzigen", CLIENT, ADRES), _werk(422), "post"),
    "casus:adres_verwijderen": Pagina(_r("casus:adres_verwijderen", CLIENT, ADRES), _werk(302), "post"),
    "casus:casus_bewerken": Pagina(_r("casus:casus_bewerken", CASUS), _werk(422), "post"),
    # The BSN is intake's (Administratie, JD-Admin; tests/test_bewerken.py): none of these people.
    "casus:bsn": Pagina(_r("casus:bsn", CLIENT), _alle(404)),
    # The whole file as a PDF for an AVG access request: the privacy officer only (tests/test_dossier.py).
    "rapportage:dossier": Pagina(_r("rapportage:dossier", CLIENT), _alle(404)),
    # Issue 24 (TAK-4): a led team's open tasks, for its leader (and the district manager of its district).
    "leiding:team": Pagina(_r("leiding:team", lambda d: d.taak.team_id), {**_alle(404), "teamleider": 200}),
    # Decided by the team leader of the team holding the casus; nobody else may even see the request.
    "casus:toegang_besluiten": Pagina(
        _r("casus:toegang_besluiten", lambda d: d.verzoek.pk),
        {**_alle(404), "teamleider": 302},
        "post",
        {"besluit": "afwijzen", "toelichting": "Niet nodig"},
    ),
    "casus:toegang_intrekken": Pagina(
        _r("casus:toegang_intrekken", lambda d: d.verzoek.pk), {**_alle(404), "teamleider": 302}, "post"
    ),
    # Only the privacy officer reviews emergency access (tests/test_toegang.py); none of these people.
    "casus:noodtoegang_beoordelen": Pagina(
        _r("casus:noodtoegang_beoordelen", lambda d: d.nood.pk), _alle(404), "post", {"beoordeling": "ok"}
    ),
    "audit:inzage": Pagina(_r("audit:inzage", CLIENT), _alle(404)),
    "taken:detail": Pagina(_r("taken:detail", TAAK), _werk(200)),
    "taken:oppakken": Pagina(_r("taken:oppakken", TAAK), _werk(302), "post"),
    "taken:contact": Pagina(_r("taken:contact", TAAK), _werk(422), "post", {"kanaal": "onzin"}),
    "taken:afronden": Pagina(_r("taken:afronden", TAAK), _werk(302), "post"),
    "taken:afbreken": Pagina(_r("taken:afbreken", TAAK), _werk(422), "post", {"reden": ""}),
    "taken:heropenen": Pagina(_r("taken:heropenen", TAAK), _werk(302), "post"),
    "taken:overdragen": Pagina(_r("taken:overdragen", TAAK), _werk(422), "post", {}),
    # Issue 11: a form of the task page, loaded when its panel opens; audited like the page itself.
    "taken:onderdeel": Pagina(_r("taken:onderdeel", TAAK, lambda d: "terugbelnotitie"), _werk(200)),
    "documenten:toevoegen": Pagina(_r("documenten:toevoegen", CASUS), _werk(200)),
    "documenten:detail": Pagina(_r("documenten:detail", CASUS, DOC), _werk(200)),
    "documenten:versie": Pagina(_r("documenten:versie", CASUS, DOC), _werk(422), "post"),
    "documenten:status": Pagina(_r("documenten:status", CASUS, DOC), _werk(422), "post", {"status": "onzin"}),
    "documenten:delen": Pagina(_r("documenten:delen", CASUS, DOC), _werk(422), "post"),
    "documenten:downloaden": Pagina(
        _r("documenten:downloaden", CASUS, DOC, lambda d: d.document.huidige_versie_id), _werk(200)
    ),
    "documenten:brief": Pagina(_r("documenten:brief", CASUS), _werk(200)),
    "documenten:email": Pagina(_r("documenten:email", CASUS), _werk(200)),
    # Open referrals are reached through the review queues (AAN-3), by role: only the reviewer has one; empty
    # forms are sent back with a message (302).
    "aanmelding:detail": Pagina(_r("aanmelding:detail", lambda d: d.aanmelding.pk), _beoordelaar(200)),
    "aanmelding:goedkeuren": Pagina(_r("aanmelding:goedkeuren", lambda d: d.aanmelding.pk), _beoordelaar(302), "post"),
    "aanmelding:afkeuren": Pagina(_r("aanmelding:afkeuren", lambda d: d.aanmelding.pk), _beoordelaar(302), "post"),
    "aanmelding:samenvoegen": Pagina(
        _r("aanmelding:samenvoegen", lambda d: d.aanmelding.pk), _beoordelaar(302), "post"
    ),
    "aanmelding:gebeurtenis": Pagina(
        _r("aanmelding:gebeurtenis", lambda d: d.aanmelding.pk), _beoordelaar(302), "post"
    ),
    "aanmelding:online_aanbod": Pagina(
        _r("aanmelding:online_aanbod", lambda d: d.aanmelding.pk), _beoordelaar(302), "post"
    ),
    # Issue 21 item 10: an approved referral is part of its casus: those who may see the casus read it (issue 24),
    # the reviewer who approved it no longer; its actions are for reviewers who may see the casus (403 for
    # caseworkers, who see the referral but do not review).
    "aanmelding:detail#goedgekeurd": Pagina(_r("aanmelding:detail", lambda d: d.goedgekeurd.pk), _werk(200)),
    "aanmelding:gebeurtenis#goedgekeurd": Pagina(
        _r("aanmelding:gebeurtenis", lambda d: d.goedgekeurd.pk), _werk(403), "post"
    ),
    "aanmelding:goedkeuren#goedgekeurd": Pagina(
        _r("aanmelding:goedkeuren", lambda d: d.goedgekeurd.pk), _werk(403), "post"
    ),
    # Issue 24: CAI records a call on an open casus of a client the finder offered it; none of these people.
    "aanmelding:lopende_casus": Pagina(_r("aanmelding:lopende_casus", CASUS), _alle(404), "post"),
    # Client merge (CLI-2) and its undo are for intake staff (Administratie, JD-Admin) only.
    "casus:samenvoegen_ongedaan": Pagina(
        _r("casus:samenvoegen_ongedaan", lambda d: d.samenvoeging.pk), _beoordelaar(302), "post"
    ),
    # An event holds no client data: everyone opens it and sees only the cases they may see
    # (tests/test_gebeurtenissen.py). Linking answers the same for a casus one may not see as for none.
    "gebeurtenissen:detail": Pagina(_r("gebeurtenissen:detail", lambda d: d.gebeurtenis.pk), _alle(200)),
    "gebeurtenissen:casus_koppelen": Pagina(
        _r("gebeurtenissen:casus_koppelen", lambda d: d.gebeurtenis.pk),
        _alle(302),
        "post",
        {"casus": "0"},
    ),
    # Services (DIE-2) and contact reports (VER-1) follow the task's casus. A colleague with access is sent back
    # with a message where only the handler may change something (tests/test_diensten.py, test_verslagen.py).
    "diensten:registreren": Pagina(_r("diensten:registreren", TAAK), _werk(422), "post", {"soort": "0"}),
    "diensten:overdragen": Pagina(_r("diensten:overdragen", TAAK), _werk(422), "post", {}),
    "diensten:starten": Pagina(_r("diensten:starten", lambda d: d.dienst.pk), _werk(302), "post"),
    "diensten:afronden": Pagina(_r("diensten:afronden", lambda d: d.dienst.pk), _werk(302), "post"),
    "diensten:afbreken": Pagina(_r("diensten:afbreken", lambda d: d.dienst.pk), _werk(302), "post"),
    "diensten:heropenen": Pagina(_r("diensten:heropenen", lambda d: d.dienst.pk), _werk(302), "post"),
    "diensten:tijd": Pagina(_r("diensten:tijd", lambda d: d.dienst.pk), _werk(422), "post", {"minuten": "0"}),
    "taken:verslag_bewerken": Pagina(_r("taken:verslag_bewerken", lambda d: d.contact.pk), _werk(200)),
    "taken:verslag_concept": Pagina(_r("taken:verslag_concept", TAAK), _werk(200), "post", {"verslag": "x"}),
    "taken:verslag_concept_weg": Pagina(_r("taken:verslag_concept_weg", TAAK), _werk(302), "post"),
    # Distributing work (TAK-2/3/6/7/9) and the agenda (AGE-1): guarded by the task's casus; invalid input is 422.
    "taken:vervolgtaak": Pagina(_r("taken:vervolgtaak", TAAK), _werk(422), "post"),
    "taken:toewijzen": Pagina(_r("taken:toewijzen", TAAK), _werk(422), "post"),
    "taken:terugbelnotitie": Pagina(_r("taken:terugbelnotitie", TAAK), _werk(422), "post"),
    "taken:kopieren": Pagina(_r("taken:kopieren", TAAK), _werk(422), "post"),
    "taken:afspraak": Pagina(_r("taken:afspraak", TAAK), _werk(422), "post"),
    # Issue 21 item 12: an appointment follows its casus. Its planner, gone from the team, may not delete it;
    # a team leader sees a member's appointments on cases the leader may not see as busy time only; a former
    # handler's past appointment leaves their agenda and feed with the task.
    "taken:afspraak_verwijderen": Pagina(_r("taken:afspraak_verwijderen", lambda d: d.afspraak.pk), _werk(302), "post"),
    "taken:afspraak_verplaatsen": Pagina(_r("taken:afspraak_verplaatsen", lambda d: d.afspraak.pk), _werk(422), "post"),
    "taken:agenda": Pagina(
        lambda d: _agenda(d, medewerker=d.afspraak.medewerker_id, week=timezone.localdate(d.afspraak.begin)),
        {**_alle(404), "eigenaar": 200, "teamleider": 200},
        geheim=lambda d: d.elders_afspraak.onderwerp,
        zien=frozenset({"eigenaar"}),
    ),
    "taken:agenda#elders": Pagina(
        lambda d: _agenda(d, medewerker=d.afspraak.medewerker_id, week=timezone.localdate(d.afspraak.begin)),
        {**_alle(404), "eigenaar": 200, "teamleider": 200},
        geheim=lambda d: Casus(pk=d.elders_afspraak.taak.casus_id).nummer,
        zien=frozenset({"eigenaar"}),
    ),
    "taken:agenda#oud": Pagina(
        lambda d: _agenda(d, week=timezone.localdate(d.oude_afspraak.begin)),
        _alle(200),
        geheim=lambda d: d.oude_afspraak.onderwerp,
    ),
    "taken:agenda_ical": Pagina(_r("taken:agenda_ical"), _alle(200), geheim=lambda d: d.oude_afspraak.onderwerp),
    # Issue 21 item 14: asking access for a number that does not exist answers like any request (302).
    # The access page names the casus only to the decider of the open request (the team leader) and to whom
    # it was granted (``verlopen``: their own, expired grant).
    "casus:toegang_aanvragen": Pagina(
        _r("casus:toegang_aanvragen"),
        _alle(302),
        "post",
        {"casus": "CA0000000", "reden": "Cliënt belt over de zitting van morgen", "dagen": 3},
    ),
    "casus:toegang_aanvragen#bestaand": Pagina(
        lambda d: f"{reverse('casus:toegang_aanvragen')}?casus={d.casus.nummer}",
        _alle(200),
    ),
    "casus:toegang": Pagina(
        _r("casus:toegang"), _alle(200), geheim=lambda d: d.casus.nummer, zien=frozenset({"teamleider", "verlopen"})
    ),
    "taken:terugbel_af": Pagina(_r("taken:terugbel_af", lambda d: d.terugbelnotitie.pk), _werk(302), "post"),
    # Retention lists (SCH-2) are for the functional manager and the privacy officer; nobody else sees them.
    "schoning:selectie": Pagina(_r("schoning:selectie", lambda d: d.selectie.pk), _beheer(200)),
    "schoning:voortgang": Pagina(_r("schoning:voortgang", lambda d: d.selectie.pk), _beheer(200)),
    "schoning:aanbieden": Pagina(_r("schoning:aanbieden", lambda d: d.selectie.pk), _beheer(302), "post"),
    "schoning:goedkeuren": Pagina(_r("schoning:goedkeuren", lambda d: d.selectie.pk), _alle(404), "post"),
    "schoning:uitzonderen": Pagina(
        _r("schoning:uitzonderen", lambda d: d.selectie.pk, lambda d: d.selectie_item.pk),
        _beheer(302),
        "post",
        {"reden": ""},
    ),
}

# url name (or namespace prefix ending in ':') → why it needs no row in the matrix.
VRIJGESTELD: dict[str, str] = {
    "admin:": "The admin (/beheer/) is for the management roles and guarded by model permissions; no case "
    "page lives there (case models registered there are read-only lists for the privacy officer).",
    "leiding:piket_verwijderen": "A shift of the piket rota holds no client data; the AO coordinator only "
    "(tests/test_leiding.py).",
    "notificaties:gelezen": "Marks one of the user's own notifications read; anyone else's is treated as absent "
    "(tests/test_notificaties.py); a notification holds no client data.",
}


def _patronen(resolver=None, prefix: str = "", namespace: str = ""):
    """(url name, route, keyword names) of every pattern, walking includes recursively."""
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _patronen(p, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            kwargs = set(p.pattern.regex.groupindex)
            naam = f"{namespace}{p.name}" if p.name else f"{namespace}<{prefix}{p.pattern}>"
            yield naam, prefix + str(p.pattern), kwargs


def identificerende_patronen() -> dict[str, str]:
    return {naam: route for naam, route, kwargs in _patronen() if any(IDENTIFICEREND.match(k) for k in kwargs)}


def _vrijgesteld(naam: str) -> bool:
    return naam in VRIJGESTELD or any(k.endswith(":") and naam.startswith(k) for k in VRIJGESTELD)


def test_every_identifying_url_is_registered():
    gevonden = identificerende_patronen()
    assert "casus:detail" in gevonden and "documenten:downloaden" in gevonden  # the walk reaches includes
    geregistreerd = {sleutel.split("#")[0] for sleutel in REGISTER}
    vergeten = sorted(
        f"{naam} ({route})" for naam, route in gevonden.items() if naam not in geregistreerd and not _vrijgesteld(naam)
    )
    assert not vergeten, f"case-bearing URLs without a row in REGISTER or VRIJGESTELD: {vergeten}"


def test_the_register_names_only_existing_urls():
    alle = {naam for naam, _, _ in _patronen()}
    assert not sorted({naam.split("#")[0] for naam in REGISTER} - alle)
    assert not sorted(n for n in VRIJGESTELD if not n.endswith(":") and n not in alle)


@pytest.fixture
def verlopen(toegang):
    user = MedewerkerFactory(username="verlopen", rollen=[Rol.ALGEMENE_DIENSTVERLENING])
    LidmaatschapFactory(medewerker=user, team=toegang.ander_team)
    return user


@pytest.fixture
def verloren(toegang):
    oud_team = TeamFactory(afdeling=Afdeling.ACTIEVE_BENADERING)
    oud = MedewerkerFactory(username="oud_behandelaar", rollen=[Rol.ACTIEVE_BENADERING])
    LidmaatschapFactory(medewerker=oud, team=oud_team)
    planner = MedewerkerFactory(username="planner", rollen=[Rol.TEAMLEIDER])
    beoordelaar = MedewerkerFactory(username="beoordelaar", rollen=[Rol.ADMINISTRATIE])
    return Verloren(oud, oud_team, planner, beoordelaar)


@pytest.mark.parametrize("naam", sorted(REGISTER))
def test_access_matrix(client, toegang, verlopen, verloren, naam):
    pagina = REGISTER[naam]
    assert set(pagina.verwacht) == set(PERSONEN), "every person is named"
    extra = {
        "verlopen": verlopen,
        "oud_behandelaar": verloren.oud_behandelaar,
        "planner": verloren.planner,
        "beoordelaar": verloren.beoordelaar,
    }
    actual, gezien = {}, set()
    for persoon in PERSONEN:
        dossier = dossier_maken(toegang, verlopen, verloren)
        client.force_login(extra.get(persoon) or toegang.gebruiker(persoon))
        response = getattr(client, pagina.method)(pagina.url(dossier), pagina.data or {})
        actual[persoon] = response.status_code
        if pagina.geheim and pagina.geheim(dossier) in b"".join(response).decode(errors="replace"):
            gezien.add(persoon)
        client.logout()
    assert actual == pagina.verwacht, f"{naam}: expected {pagina.verwacht}, got {actual}"
    assert gezien == set(pagina.zien), f"{naam}: shown to {sorted(gezien)}, expected only {sorted(pagina.zien)}"
