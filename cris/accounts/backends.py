"""The login backend: Django's ModelBackend, with the user and their roles read in one query per request."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef

from cris.accounts.roles import ALLE_ROLLEN
from cris.db import VasteQuery

# The user with their group names, as the ORM writes it (so it follows the model), built and compiled once and
# run prepared: built and compiled per request it cost ~2.5 ms of Python on every page (issue 11).
_GEBRUIKER = VasteQuery(
    lambda pk: (
        get_user_model()
        ._default_manager.annotate(_rollen=ArraySubquery(Group.objects.filter(user=OuterRef("pk")).values("name")))
        .filter(pk=pk)
        .order_by()
    ),
    "pk",
)


class MedewerkerBackend(ModelBackend):
    """Every page needs the user's roles (menu, permissions): `get_user` reads them with the user in a single
    query, so `Medewerker.rol_namen` costs no second round trip."""

    def get_user(self, user_id):
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None
        gevonden = _GEBRUIKER.lijst(pk=user_id)  # prepared: planned per connection, not per page
        if not gevonden:
            return None
        user = gevonden[0]
        if not self.user_can_authenticate(user):
            return None
        user.__dict__["rol_namen"] = sorted(naam for naam in user._rollen if naam in ALLE_ROLLEN)
        return user
