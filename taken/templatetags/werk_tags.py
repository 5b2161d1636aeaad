"""Issue 7 on the casus page: raising an Acute Opvang alert from the Casusoverzicht (TAK-8). The casus page
sits below taken and loads it through this tag."""

from django import template

from taken import selectors

register = template.Library()


@register.inclusion_tag("taken/_ao_alarm.html", takes_context=True)
def ao_alarmering(context, casus):
    """The alert form for whoever may raise one on this casus: it posts to the follow-up form of the task
    it is raised from, so the same form, permission check and service (``ao_alarmeren``) apply."""
    alarm = selectors.ao_alarm_voor(user=context["request"].user, casus=casus)
    return {"alarm": alarm, "csrf_token": context.get("csrf_token")}
