from aanmelding.permissions import mag_invoeren, wachtrijen_van
from casus.permissions import mag_samenvoegen
from cris.accounts.roles import IMPORT_ROLLEN, Rol


def navigatie(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_invoeren": mag_invoeren(user),
        "nav_beoordelen": bool(wachtrijen_van(user)),
        "nav_samenvoegen": mag_samenvoegen(user),
        # The EDP/EDOM import page (koppelingen.berichten.permissions.mag_importen_zien, above this app).
        "nav_import": user.heeft_rol(*IMPORT_ROLLEN),
        # The retention lists (schoning, SCH-2) for the privacy officer and functional managers.
        "nav_schoning": user.heeft_rol(Rol.PRIVACY_OFFICER, Rol.FUNCTIONEEL_BEHEERDER),
    }
