from aanmelding.selectors import mag_invoeren, wachtrijen_van
from casus.samenvoegen import mag_samenvoegen
from cris.accounts.roles import Rol


def navigatie(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_invoeren": mag_invoeren(user),
        "nav_beoordelen": bool(wachtrijen_van(user)),
        "nav_samenvoegen": mag_samenvoegen(user),
        # The EDP/EDOM import page (koppelingen.berichten) for application and functional managers.
        "nav_import": user.heeft_rol(Rol.APPLICATIEBEHEERDER, Rol.FUNCTIONEEL_BEHEERDER),
    }
