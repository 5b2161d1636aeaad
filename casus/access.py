"""Access to cases (AUT-1): view_casus object permissions, per team (its group) and per person.

Who may see a casus follows from the work on it; the services that assign work compute that set and call
``toegang_instellen``, which brings the permission rows in step. Reading goes through the selectors.
"""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Now
from django.http import Http404

from casus.models import Casus, CasusGroupObjectPermission, CasusUserObjectPermission, ToegangStatus, Toegangsverlening
from cris.accounts.models import Medewerker


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


def zichtbaar_voor(user, casus_veld: str = "pk") -> Q:
    """A filter for any queryset whose `casus_veld` refers to a casus: true where this user may see that casus.

    Correlated EXISTS on the permission rows of that one casus (index on content_object), not IN over every
    casus the user may see: a team sees hundreds of thousands of cases, a page needs a handful.
    A temporary or emergency grant (AUT-2) counts while it is verleend and its geldig_tot lies ahead, compared
    with the database clock here, so an expired grant is refused before the beat job marks it verlopen."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    perm = view_casus_permission()
    groepen = user.groups.through.objects.filter(**{user.groups.source_field_name: user.pk}).values("group_id")
    via_user = CasusUserObjectPermission.objects.filter(
        content_object=OuterRef(casus_veld), user_id=user.pk, permission_id=perm
    )
    via_team = CasusGroupObjectPermission.objects.filter(
        content_object=OuterRef(casus_veld), group_id__in=groepen, permission_id=perm
    )
    via_verlening = Toegangsverlening.objects.filter(
        casus=OuterRef(casus_veld), medewerker_id=user.pk, status=ToegangStatus.VERLEEND, geldig_tot__gt=Now()
    )
    return Q(Exists(via_user)) | Q(Exists(via_team)) | Q(Exists(via_verlening))


def casussen_zichtbaar_voor(user):
    """Every casus this user may see, as one SQL filter (no per-row checks in Python)."""
    return Casus.objects.filter(zichtbaar_voor(user))


def casus_of_404(user, pk: int, queryset=None) -> Casus:
    """The casus if this user may see it; 404 otherwise (never a hint that it exists)."""
    qs = casussen_zichtbaar_voor(user) if queryset is None else queryset & casussen_zichtbaar_voor(user)
    casus = qs.filter(pk=pk).first()
    if casus is None:
        raise Http404
    return casus


def medewerkers_met_toegang(casus: Casus):
    """The active staff who may see this casus: members of the teams holding it and the persons with a
    grant (for sharing a document with a colleague, DOC-1)."""
    perm = view_casus_permission()
    groepen = CasusGroupObjectPermission.objects.filter(content_object=casus, permission_id=perm).values("group_id")
    leden = Medewerker.groups.through.objects.filter(group_id__in=groepen).values("medewerker_id")
    personen = CasusUserObjectPermission.objects.filter(content_object=casus, permission_id=perm).values("user_id")
    verleend = Toegangsverlening.objects.filter(
        casus=casus, status=ToegangStatus.VERLEEND, geldig_tot__gt=Now()
    ).values("medewerker_id")
    return (
        Medewerker.objects.filter(is_active=True)
        .filter(Q(pk__in=personen) | Q(pk__in=leden) | Q(pk__in=verleend))
        .order_by("achternaam", "voornamen", "pk")
    )
