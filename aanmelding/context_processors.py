from aanmelding.selectors import mag_invoeren, wachtrijen_van


def navigatie(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav_invoeren": mag_invoeren(user), "nav_beoordelen": bool(wachtrijen_van(user))}
