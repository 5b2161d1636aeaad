"""Access to cases (AUT-1): view_casus object permissions, per team (its group) and per person.

Who may see a casus follows from the work on it; the services that assign work compute that set and call
``toegang_instellen``, which brings the permission rows in step. Reading goes through the selectors.
"""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.db.models import BooleanField, Expression, F, Q, Subquery
from django.http import Http404

from casus.models import (
    Casus,
    CasusGroupObjectPermission,
    CasusUserObjectPermission,
    Toegangsverlening,
    verlening_geldig_q,
    verlening_geldig_sql,
)
from cris import klok
from cris.accounts.models import Medewerker
from cris.caches import process_cache, register
from cris.db import VasteQuery


def view_casus_permission():
    """The view_casus permission as a subquery: no extra round trip, and never a stale cached id."""
    return Subquery(Permission.objects.filter(content_type__app_label="casus", codename="view_casus").values("pk")[:1])


def toegang_instellen(*, casus: Casus, groep_ids: set[int], user_ids: set[int]) -> bool:
    """Make the view_casus rows of this casus exactly these groups and users. Returns whether anything changed."""
    perm = Permission.objects.get(content_type__app_label="casus", codename="view_casus").pk
    changed = False
    for model, field, wanted in (
        (CasusGroupObjectPermission, "group_id", groep_ids),
        (CasusUserObjectPermission, "user_id", user_ids),
    ):
        rows = model.objects.filter(content_object=casus, permission_id=perm)
        current = set(rows.values_list(field, flat=True))
        if current - wanted:
            rows.filter(**{f"{field}__in": current - wanted}).delete()
        model.objects.bulk_create(
            [model(content_object=casus, permission_id=perm, **{field: pk}) for pk in wanted - current],
            ignore_conflicts=True,
        )
        changed |= current != wanted
    return changed


class _Zichtbaar(Expression):
    """The SQL of ``zichtbaar_voor``: three correlated EXISTS, written once as text around the casus column.

    Built from querysets, the same filter cost ~8 ms of Python to compile on every request that reads a
    casus (three subqueries, a permission lookup and a group subquery, each resolved and compiled by the
    ORM); as text it costs microseconds and PostgreSQL gets the identical plan (issue 11)."""

    conditional = True

    def __init__(self, casus_veld: str, user_id: int):
        super().__init__(output_field=BooleanField())
        self.veld = F(casus_veld)
        self.user_id = user_id

    def get_source_expressions(self):
        return [self.veld]

    def set_source_expressions(self, exprs):
        (self.veld,) = exprs

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        kopie = self.copy()
        bronnen = self.get_source_expressions()
        kopie.set_source_expressions(
            [e.resolve_expression(query, allow_joins, reuse, summarize, for_save) for e in bronnen]
        )
        return kopie

    def as_sql(self, compiler, connection):
        kolom, params = compiler.compile(self.veld)
        sql = _ZICHTBAAR_SQL.get(connection.vendor) or _ZICHTBAAR_SQL.setdefault(
            connection.vendor, _zichtbaar_sql(connection.ops.quote_name)
        )
        return sql.format(kolom=kolom, perm=_view_casus_id()), [*params, self.user_id, *params, self.user_id,
                                                                 *params, self.user_id, klok.NU]  # fmt: skip


class _ZichtbaarMetTeams(_Zichtbaar):
    """The SQL of ``zichtbaar_voor`` with ``teams_veld``: the same rule, the team check on a column that holds
    the casus's teams (one array comparison per row, no index probe). The person's own rows and grants stay
    correlated EXISTS, which PostgreSQL answers from a hashed set when many rows are checked (a common surname)
    and by a probe per row when few are (a BSN); the grants are read once as a set."""

    def __init__(self, casus_veld: str, teams_veld: str, user_id: int):
        super().__init__(casus_veld, user_id)
        self.teams = F(teams_veld)

    def get_source_expressions(self):
        return [self.veld, self.teams]

    def set_source_expressions(self, exprs):
        self.veld, self.teams = exprs

    def as_sql(self, compiler, connection):
        kolom, params = compiler.compile(self.veld)
        teams, teams_params = compiler.compile(self.teams)
        sleutel = f"{connection.vendor}:teams"
        sql = _ZICHTBAAR_SQL.get(sleutel) or _ZICHTBAAR_SQL.setdefault(
            sleutel, _zichtbaar_sql(connection.ops.quote_name, teams_kolom=True)
        )
        return sql.format(kolom=kolom, teams=teams, perm=_view_casus_id()), [*teams_params, self.user_id, *params,
                                                                              self.user_id, *params, self.user_id,
                                                                              klok.NU]  # fmt: skip


_ZICHTBAAR_SQL: dict[str, str] = {}


@process_cache()
def _view_casus_id() -> int:
    """The id of the view_casus permission, read once per process. Written into the access SQL as a number:
    as a subquery (permission joined with content type) it was planned anew in every statement, twice, ~1 ms
    of PostgreSQL's planning per casus read (issue 11). Permissions are made by migrations only; after a
    migrate or flush (tests) the id is read again (cris.caches, on post_migrate)."""
    return int(Permission.objects.get(content_type__app_label="casus", codename="view_casus").pk)


register("casus.access._ZICHTBAAR_SQL", _ZICHTBAAR_SQL.clear)


def _zichtbaar_sql(q, casus_kolom: bool = True, teams_kolom: bool = False) -> str:
    """Every name in it comes from model metadata and every value is a parameter: nothing from a request.
    Without `casus_kolom` the same three EXISTS lack only their casus condition: whether the user may see
    any casus at all (``ziet_enige_casus``). With `teams_kolom` the team check comes first and compares the
    column ``{teams}``, the casus's teams kept by the database (aanmelding.0016), with the user's teams."""
    perm = "{perm}"  # the view_casus permission's id, filled in per statement (_view_casus_id)
    zu = f"zu.{q('content_object_id')} = {{kolom}} AND " if casus_kolom else ""
    zg = f"zg.{q('content_object_id')} = {{kolom}} AND " if casus_kolom else ""
    zv = f"zv.{q('casus_id')} = {{kolom}} AND " if casus_kolom else ""
    groepen = Medewerker.groups.through
    teams = (
        f"SELECT zm.{q('group_id')} FROM {q(groepen._meta.db_table)} zm "  # noqa: S608 - names from metadata
        f"WHERE zm.{q(Medewerker.groups.field.m2m_column_name())} = %s"
    )
    persoon = (
        f"EXISTS (SELECT 1 FROM {q(CasusUserObjectPermission._meta.db_table)} zu "  # noqa: S608
        f"WHERE {zu}zu.{q('user_id')} = %s "
        f"AND zu.{q('permission_id')} = {perm})"
    )
    if teams_kolom:
        # The grants as a set read once (a person holds a handful): per row, the planner, which sees few or no
        # grants in its statistics, would probe the table once for each of thousands of namesakes.
        verlening = (
            f"{{kolom}} IN (SELECT zv.{q('casus_id')} FROM {q(Toegangsverlening._meta.db_table)} zv "  # noqa: S608
            f"WHERE zv.{q('medewerker_id')} = %s AND {verlening_geldig_sql('zv', q)})"
        )
        return f"({{teams}} && ARRAY({teams}) OR {persoon} OR {verlening})"
    verlening = (
        f"EXISTS (SELECT 1 FROM {q(Toegangsverlening._meta.db_table)} zv "  # noqa: S608
        f"WHERE {zv}zv.{q('medewerker_id')} = %s "
        f"AND {verlening_geldig_sql('zv', q)})"
    )
    team = (
        f"EXISTS (SELECT 1 FROM {q(CasusGroupObjectPermission._meta.db_table)} zg "  # noqa: S608
        f"WHERE {zg}zg.{q('group_id')} IN ({teams}) "
        f"AND zg.{q('permission_id')} = {perm})"
    )
    return f"({persoon} OR {team} OR {verlening})"


class _ZietEnigeCasus(Expression):
    """The SQL of ``ziet_enige_casus``: the three EXISTS of ``_Zichtbaar`` without the casus, so uncorrelated;
    PostgreSQL evaluates them once per statement (a one-time filter) before it reads any row."""

    conditional = True

    def __init__(self, user_id: int):
        super().__init__(output_field=BooleanField())
        self.user_id = user_id

    def as_sql(self, compiler, connection):
        sleutel = f"{connection.vendor}:enige"
        sql = _ZICHTBAAR_SQL.get(sleutel) or _ZICHTBAAR_SQL.setdefault(
            sleutel, _zichtbaar_sql(connection.ops.quote_name, casus_kolom=False)
        )
        return sql.format(perm=_view_casus_id()), [self.user_id, self.user_id, self.user_id, klok.NU]


def ziet_niets(user) -> bool:
    """Anonymous or deactivated: sees no casus at all, whatever permission rows remain (every check below, and
    the callers of ``zichtbaar_voor_id``, ask this first)."""
    return not user.is_authenticated or not user.is_active


def ziet_enige_casus(user) -> Q:
    """True where this user may see at least one casus: implied by ``zichtbaar_voor`` for any casus, never
    wider. Added next to it, it changes no result; a search over thousands of namesakes by someone who may
    see no casus at all (administration) then stops before checking each namesake's cases."""
    if ziet_niets(user):
        return Q(pk__in=[])
    return Q(_ZietEnigeCasus(user.pk))


class _ClientZichtbaar(_Zichtbaar):
    """The SQL of ``client_zichtbaar_voor``: EXISTS over the client's cases with the ``_Zichtbaar`` text on
    each, so a search does not build, resolve and compile a casus queryset as a subquery per request."""

    def as_sql(self, compiler, connection):
        kolom, params = compiler.compile(self.veld)
        q = connection.ops.quote_name
        sql = _ZICHTBAAR_SQL.get(connection.vendor) or _ZICHTBAAR_SQL.setdefault(connection.vendor, _zichtbaar_sql(q))
        casus = f"zk.{q('id')}"
        return (
            f"EXISTS (SELECT 1 FROM {q(Casus._meta.db_table)} zk "  # noqa: S608
            f"WHERE zk.{q('client_id')} = {kolom} AND {sql.format(kolom=casus, perm=_view_casus_id())})"
        ), [*params, self.user_id, self.user_id, self.user_id, klok.NU]


def client_zichtbaar_voor(user, client_veld: str = "pk") -> Q:
    """A filter for any queryset whose `client_veld` refers to a client: true where this user may see at least
    one casus of that client (``zichtbaar_voor`` on each of them)."""
    if ziet_niets(user):
        return Q(pk__in=[])
    return Q(_ClientZichtbaar(client_veld, user.pk))


def zichtbaar_voor(user, casus_veld: str = "pk", *, teams_veld: str | None = None) -> Q:
    """A filter for any queryset whose `casus_veld` refers to a casus: true where this user may see that casus.

    Correlated EXISTS on the permission rows of that one casus (index on content_object), not IN over every
    casus the user may see: a team sees hundreds of thousands of cases, a page needs a handful.
    A temporary or emergency grant (AUT-2) counts while it is verleend and its geldig_tot lies ahead, compared
    with the application's clock (``klok.NU``) here, so an expired grant is refused before the beat job marks
    it verlopen.

    ``teams_veld``: a column of the queryset's rows holding the teams with view rights on that casus, kept by the
    database (``Aanmelding.casus_teams``): the same rule without an index probe per row, for a search over the
    thousands of namesakes of a common surname."""
    if ziet_niets(user):
        return Q(pk__in=[])
    if teams_veld is not None:
        return Q(_ZichtbaarMetTeams(casus_veld, teams_veld, user.pk))
    return zichtbaar_voor_id(user.pk, casus_veld)


def zichtbaar_voor_id(user_id: int, casus_veld: str = "pk") -> Q:
    """``zichtbaar_voor`` for the id of a user for whom ``ziet_niets`` is false (the caller checks): for queries
    built once with a stand-in id (cris.db.VasteQuery)."""
    return Q(_Zichtbaar(casus_veld, user_id))


def casussen_zichtbaar_voor(user):
    """Every casus this user may see, as one SQL filter (no per-row checks in Python)."""
    return Casus.objects.filter(zichtbaar_voor(user))


def ziet_casus(user, casus_id: int) -> bool:
    """Whether this user may see this one casus now."""
    return casussen_zichtbaar_voor(user).filter(pk=casus_id).exists()


def casus_of_404(user, pk: int, queryset=None, *, vast: VasteQuery | None = None) -> Casus:
    """The casus if this user may see it; 404 otherwise (never a hint that it exists). ``vast``: a page's query
    compiled once (``vaste_casus_query``) instead of ``queryset``."""
    if vast is not None:
        if ziet_niets(user):
            raise Http404
        gevonden = vast.lijst(user=user.pk, pk=pk)
        if not gevonden:
            raise Http404
        return gevonden[0]
    qs = Casus.objects.all() if queryset is None else queryset
    casus = qs.filter(zichtbaar_voor(user), pk=pk).first()
    if casus is None:
        raise Http404
    return casus


def vaste_casus_query(maak_queryset) -> VasteQuery:
    """``casus_of_404``'s query for a page that asks it on every view, built and compiled once and run prepared
    (cris.db.VasteQuery). ``maak_queryset(user_id)`` gives the page's Casus queryset (select_related,
    annotations) for a stand-in user id."""

    def maak(user: int, pk: int):
        return maak_queryset(user).filter(zichtbaar_voor_id(user), pk=pk).order_by()[:1]

    return VasteQuery(maak, "user", "pk")


def medewerkers_met_toegang(casus: Casus):
    """The active staff who may see this casus: members of the teams holding it and the persons with a
    grant (for sharing a document with a colleague, DOC-1)."""
    perm = view_casus_permission()
    groepen = CasusGroupObjectPermission.objects.filter(content_object=casus, permission_id=perm).values("group_id")
    leden = Medewerker.groups.through.objects.filter(group_id__in=groepen).values("medewerker_id")
    personen = CasusUserObjectPermission.objects.filter(content_object=casus, permission_id=perm).values("user_id")
    verleend = Toegangsverlening.objects.filter(verlening_geldig_q(klok.nu()), casus=casus).values("medewerker_id")
    return (
        Medewerker.objects.filter(is_active=True)
        .filter(Q(pk__in=personen) | Q(pk__in=leden) | Q(pk__in=verleend))
        .order_by("achternaam", "voornamen", "pk")
    )
