"""The login backend: Django's ModelBackend, with the user and their roles read in one query per request."""

from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef

from cris.accounts.roles import ALLE_ROLLEN


@cache
def _gebruiker_sql() -> str:
    """The user with their group names, as the ORM writes it (so it follows the model), compiled once: built
    and compiled per request it cost ~2.5 ms of Python on every page (issue 11)."""
    rollen = ArraySubquery(Group.objects.filter(user=OuterRef("pk")).values("name"))
    qs = get_user_model()._default_manager.annotate(_rollen=rollen).filter(pk=0).order_by()
    sql, params = qs.query.sql_with_params()
    if list(params) != [0]:
        raise AssertionError(f"unexpected parameters in the user query: {params}")
    return sql


class MedewerkerBackend(ModelBackend):
    """Every page needs the user's roles (menu, permissions): `get_user` reads them with the user in a single
    query, so `Medewerker.rol_namen` costs no second round trip."""

    def get_user(self, user_id):
        user = next(iter(get_user_model()._default_manager.raw(_gebruiker_sql(), [user_id])), None)
        if user is None or not self.user_can_authenticate(user):
            return None
        user.__dict__["rol_namen"] = sorted(naam for naam in user._rollen if naam in ALLE_ROLLEN)
        return user
