"""Reads on tasks, filtered to the user's work (TAK-4, AUT-1).

Worklists stay index-friendly at millions of tasks: every list starts from the tasks of a few teams or a few
handlers (indexes taak_team_open_idx, taak_team_status_idx, taak_behandelaar_idx), is filtered there, and is
paged by deferred join (``werklijst_pagina``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from casus.access import zichtbaar_voor, zichtbaar_voor_id, ziet_niets
from casus.models import Adres
from casus.namen import weergavenaam
from cris import klok
from cris.accounts.roles import Rol
from cris.caches import process_cache
from cris.catalogus import Catalogus
from cris.db import PreparedPages, QueryPerShape, VasteQuery, voorbereid
from cris.rows import TemplateRow
from cris.templatetags.snelle_datums import datum
from taken.models import (
    OPEN_TAAKSTATUSSEN,
    Afspraak,
    Contactmoment,
    MijnFilters,
    Prioriteit,
    Taak,
    TaakStatus,
    TaakType,
    Terugbelnotitie,
    Vervolgregel,
    deadline_stand,
    mislukte_pogingen,
    te_laat_q,
)
from werkstroom.models import Afdeling, District, Lidmaatschap, Team

SORTERINGEN: dict[str, tuple[Any, ...]] = {
    "deadline": (F("deadline").asc(nulls_last=True), "prioriteit", "id"),
    "-deadline": (F("deadline").desc(nulls_last=True), "prioriteit", "-id"),
    "prioriteit": ("prioriteit", F("deadline").asc(nulls_last=True), "id"),
    "aangemaakt": ("aangemaakt_op", "id"),
    "-aangemaakt": ("-aangemaakt_op", "-id"),
}


def leidt_iets(user, lidmaatschappen: list[Lidmaatschap]) -> bool:
    """Team leaders and district managers also get the list of their members' tasks (TAK-4)."""
    return any(lid.rol == Lidmaatschap.Rol.TEAMLEIDER for lid in lidmaatschappen) or user.heeft_rol(
        Rol.DISTRICTSMANAGER
    )


def geleide_medewerkers(user):
    """TAK-4: the members of the teams this user leads; for a district manager, of every team in their
    district (ORG-3 district from AFAS)."""
    teams = Lidmaatschap.objects.filter(medewerker=user, rol=Lidmaatschap.Rol.TEAMLEIDER).values("team_id")
    q = Q(team_id__in=teams)
    if user.heeft_rol(Rol.DISTRICTSMANAGER) and user.district_code:
        q |= Q(team__district__code=user.district_code)
    return Lidmaatschap.objects.filter(q).exclude(medewerker=user).values("medewerker_id")


@dataclass
class Werklijst:
    """What a worklist shows: the view, its filters and its order (all from the URL, so it can be bookmarked)."""

    weergave: str = "mijn"  # mijn | team | leden
    team_id: int | None = None
    district_id: int | None = None
    woonplaats: str = ""
    statussen: list[str] = field(default_factory=list)
    type_id: int | None = None
    prioriteit: int | None = None
    deadline: str = ""  # te_laat | vandaag | week | geen
    sortering: str = "deadline"


def _basis(user, lijst: Werklijst) -> QuerySet[Taak]:
    """The view's tasks, before the status filter (counts per status are taken here)."""
    if lijst.weergave == "team":
        teams = Lidmaatschap.objects.filter(medewerker=user).values("team_id")
        qs = Taak.objects.filter(team_id__in=teams)
        if lijst.team_id:
            qs = qs.filter(team_id=lijst.team_id)
    elif lijst.weergave == "leden":
        # The members' tasks in any team: only those whose casus the leader may see (AUT-1).
        qs = Taak.objects.filter(behandelaar_id__in=geleide_medewerkers(user)).filter(zichtbaar_voor(user, "casus_id"))
    else:
        qs = Taak.objects.filter(behandelaar=user)
    if lijst.district_id:
        qs = qs.filter(casus__district_id=lijst.district_id)
    if lijst.woonplaats:
        adres = Adres.objects.filter(
            client_id=OuterRef("casus__client_id"), voorkeur=True, woonplaats__iexact=lijst.woonplaats
        )
        qs = qs.filter(Exists(adres))
    if lijst.type_id:
        qs = qs.filter(type_id=lijst.type_id)
    if lijst.prioriteit:
        qs = qs.filter(prioriteit=lijst.prioriteit)
    if lijst.deadline:
        nu = klok.nu()
        einde_dag = timezone.localtime(nu).replace(hour=23, minute=59, second=59)
        qs = {
            "te_laat": qs.filter(te_laat_q(nu)),
            "vandaag": qs.filter(deadline__lte=einde_dag),
            "week": qs.filter(deadline__lte=einde_dag + timedelta(days=7)),
            "geen": qs.filter(deadline__isnull=True),
        }.get(lijst.deadline, qs)
    return qs


def werklijst(*, user, lijst: Werklijst) -> QuerySet[Taak]:
    statussen = lijst.statussen or OPEN_TAAKSTATUSSEN
    qs = _basis(user, lijst).filter(status__in=statussen)
    return qs.order_by(*SORTERINGEN.get(lijst.sortering, SORTERINGEN["deadline"]))


def werklijst_ids(*, user, lijst: Werklijst):
    """The ids of ``werklijst`` in its order, sliceable for a paginator (one prepared statement per page where
    the list's shape allows, ``cris.db.PreparedPages``)."""
    if (shape := _shape(lijst)) is not None:

        def count() -> int:  # the worklist passes its count from the counts per status: for other callers
            return werklijst(user=user, lijst=lijst).count()

        return PreparedPages(_IDS[shape], count, flat=True, **_values(shape, user, lijst))
    return werklijst(user=user, lijst=lijst).values_list("pk", flat=True)


def _counted_statuses(lijst: Werklijst) -> list[str]:
    return list(OPEN_TAAKSTATUSSEN) + [s for s in lijst.statussen if s not in OPEN_TAAKSTATUSSEN]


def _aantallen_qs(user, lijst: Werklijst) -> QuerySet:
    return (
        _basis(user, lijst)
        .filter(status__in=_counted_statuses(lijst))
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
    )


def aantallen_per_status(*, user, lijst: Werklijst) -> dict[str, int]:
    """TAK-4: counts per status of the list as filtered (except on status), in one grouped query. The open
    statuses always; a closed status only when the list is filtered on it: a team's closed history runs to
    hundreds of thousands of tasks, and counting it on every page view would cost more than the page."""
    aantallen = dict.fromkeys(_counted_statuses(lijst), 0)
    shape = _shape(lijst)
    rows = _AANTALLEN[shape].rijen(**_values(shape, user, lijst)) if shape else _aantallen_qs(user, lijst)
    aantallen.update(rows)
    return aantallen


# The worklist's counts and ids, built by the code above (``_basis``, ``werklijst``) and compiled once per shape of
# list (cris.db.VasteQuery): building and compiling the two per view cost ~2.5 ms of Python on every worklist view
# (issue 27's side-by-side run). A shape is which filters are set, the statuses, the priority (one of three: a
# stand-in value outside a small integer's range compiles to no query at all) and the order; the user, team,
# region, town and type are its parameters. Lists that compare with the time (the deadline filters but "geen")
# or read a leader's members (whose query depends on the leader's role) are built per view.
_VALUES = ("user", "team", "regio", "woonplaats", "type")


@dataclass(frozen=True)
class _Shape:
    weergave: str
    values: tuple[str, ...]  # which of _VALUES the list has (always "user")
    statussen: tuple[str, ...]
    prioriteit: int | None
    deadline: str
    sortering: str


def _shape(lijst: Werklijst) -> _Shape | None:
    if lijst.weergave not in ("mijn", "team") or lijst.deadline not in ("", "geen"):
        return None
    values = _list_values(lijst)
    named = ("user", *(name for name in _VALUES[1:] if values[name]))
    return _Shape(lijst.weergave, named, tuple(lijst.statussen), lijst.prioriteit, lijst.deadline, lijst.sortering)


def _list_values(lijst: Werklijst) -> dict[str, Any]:
    return {
        "team": lijst.team_id if lijst.weergave == "team" else None,  # _basis reads the team in the team view only
        "regio": lijst.district_id,
        "woonplaats": lijst.woonplaats,
        "type": lijst.type_id,
    }


def _values(shape: _Shape, user, lijst: Werklijst) -> dict[str, Any]:
    values = {"user": user.pk, **_list_values(lijst)}
    return {name: values[name] for name in shape.values}


def _stand_in(shape: _Shape, values: dict[str, Any]) -> Werklijst:
    """The list of this shape with the stand-in values VasteQuery builds it with."""
    return Werklijst(
        weergave=shape.weergave,
        team_id=values.get("team"),
        district_id=values.get("regio"),
        woonplaats=values.get("woonplaats", ""),
        statussen=list(shape.statussen),
        type_id=values.get("type"),
        prioriteit=shape.prioriteit,
        deadline=shape.deadline,
        sortering=shape.sortering,
    )


_AANTALLEN = QueryPerShape(lambda shape, **v: _aantallen_qs(v["user"], _stand_in(shape, v)), lambda s: s.values)
_IDS = QueryPerShape(
    lambda shape, **v: werklijst(user=v["user"], lijst=_stand_in(shape, v)).values_list("pk"), lambda s: s.values
)


def mijn_filters_van(*, user) -> str | None:
    """TAK-4: the worker's saved worklist query ("mijn filters"), None when there is none (on every worklist
    view: compiled once, run prepared, cris.db.VasteQuery)."""
    rijen = _MIJN_FILTERS.rijen(user=user.pk)
    return rijen[0][0] if rijen else None


_MIJN_FILTERS = VasteQuery(lambda user: MijnFilters.objects.filter(medewerker_id=user).values_list("query"), "user")


_DISTRICTEN = Catalogus(lambda: list(District.objects.order_by("naam")), District)
_TAAKTYPEN = Catalogus(lambda: list(TaakType.objects.order_by("afdeling", "naam")), TaakType)


def werklijst_keuzes(lidmaatschappen: list[Lidmaatschap]) -> dict:
    """The filter choices: regions, and the task types of the departments of the user's teams (both from
    the catalogue cache, cris.catalogus)."""
    afdelingen = {lid.team.afdeling for lid in lidmaatschappen}
    return {"districten": _DISTRICTEN(), "typen": [t for t in _TAAKTYPEN() if t.afdeling in afdelingen]}


@dataclass(slots=True)
class WerklijstRij(TemplateRow):
    """One row of a worklist, with what the row template (taken/_werklijst.html) prints: plain strings made
    once per page (the link, the deadline in words, the CSS classes), so the row loop only prints them."""

    pk: int
    client_id: int  # for the page's list-audit entry (AUT-3)
    url: str
    client_naam: str
    type_naam: str
    team_naam: str
    status: str
    status_label: str
    prioriteit_label: str
    behandelaar: str
    pogingen: str  # the failed call attempts as printed ("0", "2"): a number in a template goes through the locale
    deadline: object
    te_laat: bool
    bijna_te_laat: bool
    deadline_tekst: str  # "02-12-2026 14:00 (te laat)", "–" without a deadline
    rij_klasse: str  # " cris-rij--te-laat", " cris-rij--bijna" or ""
    deadline_klasse: str  # "cris-te-laat", "cris-bijna" or ""


_RIJ_VELDEN = (
    "pk", "status", "prioriteit", "deadline", "type__naam", "team__naam",
    "casus__client__voornamen", "casus__client__voorletters", "casus__client__tussenvoegsel",
    "casus__client__achternaam", "behandelaar__username", "behandelaar__voornamen", "behandelaar__voorletters",
    "behandelaar__tussenvoegsels", "behandelaar__achternaam", "pogingen", "casus__client_id",
)  # fmt: skip


PER_PAGINA = 50
# The page's rows by their ids, compiled once and run prepared (cris.db.VasteQuery): building and compiling this
# query of six tables and the attempts subquery cost ~2.5 ms of Python per worklist view. Its ids are always
# PER_PAGINA parameters (a shorter page repeats its first id), so the statement has one shape.
_RIJ_IDS = tuple(f"id{i}" for i in range(PER_PAGINA))
_RIJEN = VasteQuery(
    lambda **ids: (
        Taak.objects.filter(pk__in=list(ids.values())).annotate(pogingen=mislukte_pogingen()).values_list(*_RIJ_VELDEN)
    ),
    *_RIJ_IDS,
)


@process_cache(maxsize=16)
def rij_labels(taal: str | None) -> tuple[dict[str, str], dict[int, str], str, str]:
    """The words the rows print, in ``taal``: status and priority labels, "te laat" and "bijna". Translated once
    per process and language instead of on every page (a lazy label is translated again wherever it is printed)."""
    with override(taal):
        return (
            {code: str(label) for code, label in TaakStatus.choices},
            {code: str(label) for code, label in Prioriteit.choices},
            _("te laat"),
            _("bijna"),
        )


def werklijst_pagina(ids, nummer, *, aantal: int | None = None) -> Page:
    """A page of a worklist by deferred join: page through the narrow task ids in index order first, then
    load only those rows with the columns the list prints (client, type, team, handler) and the failed call
    attempts (TAK-7, ``models.mislukte_pogingen``). Joining before the sort would join every open task of a
    team (thousands) to show fifty. ``ids``: ``werklijst_ids``. ``aantal``, when the caller already counted
    the list (the counts per status), saves the COUNT."""
    paginator = Paginator(ids, PER_PAGINA)
    if aantal is not None:
        paginator.count = aantal  # a cached_property: the paginator then sends no COUNT of its own
    pagina = paginator.get_page(nummer)
    ids = list(pagina.object_list)
    rijen = _RIJEN.rijen(**dict(zip(_RIJ_IDS, ids + ids[:1] * (PER_PAGINA - len(ids)), strict=True))) if ids else []
    nu = klok.nu()
    tz = timezone.get_current_timezone()  # once per page, not per deadline (timezone.localtime looks it up)
    statussen, prioriteiten, te_laat_tekst, bijna_tekst = rij_labels(get_language())
    url = reverse("taken:detail", args=[0]).removesuffix("0/")  # one reverse per page: "/werkstroom/" + pk + "/"
    per_id = {}
    for pk, status, prio, deadline, type_naam, team_naam, cv, cl, ct, ca, gebruiker, bv, bl, bt, ba, n, cid in rijen:
        te_laat, bijna_te_laat = deadline_stand(status, deadline, nu)
        behandelaar = "–"
        if gebruiker is not None:
            behandelaar = weergavenaam(bv.split(" ")[0] if bv else "", bl, bt, ba) or gebruiker
        tekst = datum(deadline.astimezone(tz), "d-m-Y H:i") if deadline else "–"
        if te_laat:
            tekst = f"{tekst} ({te_laat_tekst})"
        elif bijna_te_laat:
            tekst = f"{tekst} ({bijna_tekst})"
        per_id[pk] = WerklijstRij(
            pk=pk,
            client_id=cid,
            url=f"{url}{pk}/",
            client_naam=weergavenaam(cv, cl, ct, ca),
            type_naam=type_naam,
            team_naam=team_naam,
            status=status,
            status_label=statussen.get(status, status),
            prioriteit_label=prioriteiten.get(prio, prio),
            behandelaar=behandelaar,
            pogingen=str(n),
            deadline=deadline,
            te_laat=te_laat,
            bijna_te_laat=bijna_te_laat,
            deadline_tekst=tekst,
            rij_klasse=" cris-rij--te-laat" if te_laat else " cris-rij--bijna" if bijna_te_laat else "",
            deadline_klasse="cris-te-laat" if te_laat else "cris-bijna" if bijna_te_laat else "",
        )
    pagina.object_list = [per_id[pk] for pk in ids if pk in per_id]
    return pagina


def taak_detail(*, user, pk: int, pagina: bool = False) -> Taak:
    """A task this user may see (404 otherwise). With ``pagina``, for the task page: whether it has call-back
    notes and appointments comes along (``heeft_terugbelnotities``, ``heeft_afspraken``); most tasks have
    neither, and the page then skips those two lists' queries."""
    if ziet_niets(user):
        raise Http404
    taken = _TAAK[pagina].lijst(user=user.pk, pk=pk)
    if not taken:
        raise Http404
    return taken[0]


def contactmomenten_van(taak: Taak) -> list[Contactmoment]:
    """The task's contact moments with who made them, newest first (the task page; compiled once)."""
    return _CONTACTMOMENTEN.lijst(taak=taak.pk)


_CONTACTMOMENTEN = VasteQuery(
    lambda taak: Contactmoment.objects.filter(taak_id=taak).select_related("medewerker").order_by("-tijdstip"),
    "taak",
)


def _taak_qs(user_id: int, pk: int, pagina: bool) -> QuerySet[Taak]:
    qs = Taak.objects.select_related("casus", "casus__client", "type", "team", "behandelaar", "specialisatie")
    if pagina:
        qs = qs.annotate(
            pogingen=mislukte_pogingen(),
            heeft_terugbelnotities=Exists(Terugbelnotitie.objects.filter(taak_id=OuterRef("pk"))),
            heeft_afspraken=Exists(Afspraak.objects.filter(taak_id=OuterRef("pk"))),
        )
    return qs.filter(zichtbaar_voor_id(user_id, "casus_id"), pk=pk)


# Built and compiled once, run prepared (cris.db.VasteQuery): per call it cost ~4.5 ms of Python and ~3 ms of
# planning (six tables and the access check), more than reading the task (issue 11).
_TAAK = {p: VasteQuery(lambda user, pk, p=p: _taak_qs(user, pk, p), "user", "pk") for p in (False, True)}


@dataclass(frozen=True)
class AoAlarm:
    """What the casus page needs to offer an Acute Opvang alert (TAK-8): the task it is raised from, the name
    of that task's type, and the Acute Opvang task type its werkstroom may create."""

    taak_id: int
    taak_type: str
    taaktype_id: int


def ao_alarm_voor(*, user, casus) -> AoAlarm | None:
    """TAK-8: the task of this casus from which this user may raise an Acute Opvang alert, for the casus
    page: a task the user may create follow-up tasks from (permissions.mag_vervolgtaak: member of its team, or
    its handler) in a werkstroom whose matrix (TAK-3) allows an active Acute Opvang task type (the first by
    department and name, as ``services.vervolgtypen`` orders them). Open tasks first. The alert itself goes
    through that task's follow-up form and its checks.

    One query, as SQL text: built with the ORM (two subqueries, an OR, a CASE ordering, then the task type
    and the name of the task's type in two more queries) it cost ~4 ms of Python per casus page (issue 11)."""
    open_ = ", ".join(["%s"] * len(OPEN_TAAKSTATUSSEN))
    sql = (
        f"SELECT t.id, tt.naam, ao.id FROM {Taak._meta.db_table} t "  # noqa: S608 (names from model metadata)
        f"JOIN {Team._meta.db_table} w ON w.id = t.team_id "
        f"JOIN {TaakType._meta.db_table} tt ON tt.id = t.type_id "
        f"CROSS JOIN LATERAL (SELECT a.id FROM {TaakType._meta.db_table} a "
        f"JOIN {Vervolgregel._meta.db_table} r ON r.taaktype_id = a.id "
        "WHERE a.actief AND a.afdeling = %s AND r.van_afdeling = w.afdeling ORDER BY a.afdeling, a.naam LIMIT 1) ao "
        "WHERE t.casus_id = %s AND (t.behandelaar_id = %s OR t.team_id IN "
        f"(SELECT l.team_id FROM {Lidmaatschap._meta.db_table} l WHERE l.medewerker_id = %s)) "
        f"ORDER BY CASE WHEN t.status IN ({open_}) THEN 0 ELSE 1 END, t.aangemaakt_op DESC, t.id DESC LIMIT 1"
    )
    params = [Afdeling.ACUTE_OPVANG.value, casus.pk, user.pk, user.pk, *(s.value for s in OPEN_TAAKSTATUSSEN)]
    rijen = voorbereid(sql, params)
    return AoAlarm(*rijen[0]) if rijen else None


def openstaand_van(*, taak: Taak) -> list[str]:
    """Issue 25: what is still open on the task, said before it is closed: its open call-back notes and coming
    appointments, and what the apps above taken register (``taken.registry.openstaand``: open services)."""
    from taken.registry import openstaand

    nu = klok.nu()
    open_ = [
        _("Terugbelnotitie voor %(m)s nog niet afgehandeld") % {"m": n.voor}
        for n in Terugbelnotitie.objects.filter(taak=taak, afgehandeld_op=None).select_related("voor")
    ]
    open_ += [
        _("Afspraak op %(d)s: %(o)s") % {"d": timezone.localtime(a.begin).strftime("%d-%m-%Y %H:%M"), "o": a.onderwerp}
        for a in Afspraak.objects.filter(taak=taak, begin__gte=nu)
    ]
    for callback in openstaand:
        open_ += callback(taak)
    return open_


def gebruikt_taakverdeler(user) -> bool:
    """TAK-5: whether the user works from the taakverdeler ("Volgende taak"): a member of an AB, AD or JD team."""
    from taken.verdeler import VERDELER_AFDELINGEN

    return Lidmaatschap.objects.filter(
        medewerker=user, team__actief=True, team__afdeling__in=VERDELER_AFDELINGEN
    ).exists()
