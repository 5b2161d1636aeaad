"""The login backend: Django's ModelBackend, with the user and their roles read in one query per request."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef

from cris.accounts.roles import ALLE_ROLLEN


class MedewerkerBackend(ModelBackend):
    """Every page needs the user's roles (menu, permissions): `get_user` reads them with the user in a single
    query, so `Medewerker.rol_namen` costs no second round trip."""

    def get_user(self, user_id):
        rollen = ArraySubquery(Group.objects.filter(user=OuterRef("pk")).values("name"))
        user = get_user_model()._default_manager.annotate(_rollen=rollen).filter(pk=user_id).first()
        if user is None or not self.user_can_authenticate(user):
            return None
        user.__dict__["rol_namen"] = sorted(naam for naam in user._rollen if naam in ALLE_ROLLEN)
        return user
