from cris.accounts.roles import Rol
from rapportage.permissions import mag_rapportage


def navigatie(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Issue 24: leaders (team leader, district manager, AO coordinator) get their overview (taken.leiding).
    return {"nav_rapportage": mag_rapportage(user), "nav_leiding": user.heeft_rol(Rol.TEAMLEIDER, Rol.DISTRICTSMANAGER)}
