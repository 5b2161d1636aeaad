from django import template

from documenten import selectors
from documenten.forms import BriefForm, EmailForm, UploadForm

register = template.Library()


@register.inclusion_tag("documenten/_sectie.html", takes_context=True)
def documenten_sectie(context, casus, taken):
    """The Documenten part of the casus page (CAS-1, DOC-1): the list and the forms to add a file, make a
    letter or send an e-mail. The casus page sits below documenten and loads it through this tag.
    ``taken`` is the page's own list of tasks (already read), reused for the task choice."""
    sjablonen = list(selectors.sjablonen_voor(casus=casus))
    taken = list(taken)
    return {
        "casus": casus,
        "documenten": selectors.documenten_van_casus(casus=casus),
        "upload_form": UploadForm(),
        "brief_form": BriefForm(sjablonen=sjablonen, taken=taken),
        "email_form": EmailForm(sjablonen=sjablonen, taken=taken, initial={"aan": casus.client.email}),
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }
