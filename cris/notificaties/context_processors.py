from django.utils.functional import SimpleLazyObject

from cris.notificaties.selectors import ongelezen_aantal


def notificaties(request):
    """The unread count in the header: one COUNT on an index, only when a page renders the header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notificaties_ongelezen": SimpleLazyObject(lambda: ongelezen_aantal(user=user))}
