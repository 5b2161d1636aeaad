"""The login backend: Django's ModelBackend, with the user and their roles read in one query per request."""

from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import OuterRef

from cris.accounts.roles import ALLE_ROLLEN
from cris.db import gecompileerd, voorbereid


@cache
def _gebruiker_sql() -> str:
    """The user with their group names, as the ORM writes it (so it follows the model), compiled once: built
    and compiled per request it cost ~2.5 ms of Python on every page (issue 11). The row holds the concrete
    fields in model order, then the role names."""
    rollen = ArraySubquery(Group.objects.filter(user=OuterRef("pk")).values("name"))
    qs = get_user_model()._default_manager.annotate(_rollen=rollen).filter(pk=0).order_by()
    return gecompileerd(qs, [0])


class MedewerkerBackend(ModelBackend):
    """Every page needs the user's roles (menu, permissions): `get_user` reads them with the user in a single
    query, so `Medewerker.rol_namen` costs no second round trip."""

    def get_user(self, user_id):
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None
        rijen = voorbereid(_gebruiker_sql(), [user_id])  # prepared: planned per connection, not per page
        if not rijen:
            return None
        *waarden, rollen = rijen[0]
        model = get_user_model()
        user = model.from_db(connection.alias, _veldnamen(), waarden)
        if not self.user_can_authenticate(user):
            return None
        user.__dict__["rol_namen"] = sorted(naam for naam in rollen if naam in ALLE_ROLLEN)
        return user


@cache
def _veldnamen() -> tuple[str, ...]:
    """The user's fields in the query's order. ``from_db`` takes the values as the driver gives them: a field
    that converts its database value (``from_db_value``) would need the ORM's converters here."""
    velden = get_user_model()._meta.concrete_fields
    if omzetten := [f.name for f in velden if f.get_db_converters(connection)]:
        raise AssertionError(f"fields with database converters need the ORM's conversion: {omzetten}")
    return tuple(f.attname for f in velden)
