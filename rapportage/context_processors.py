from rapportage.access import mag_rapportage


def navigatie(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav_rapportage": mag_rapportage(user)}
