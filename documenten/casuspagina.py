"""The Documenten tab of the casus page (CAS-1, DOC-1): the list and the forms to add a file, make a letter or
send an e-mail. The casus page sits below documenten; documenten contributes the tab's panel (casus.registry)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from casus.registry import CasusPaneel
from documenten import selectors
from documenten.forms import BriefForm, EmailForm, UploadForm


@dataclass(frozen=True)
class DocumentenSectie:
    documenten: Any
    upload_form: UploadForm
    brief_form: BriefForm
    email_form: EmailForm


def documenten_paneel(*, user, casus, taken, **pagina) -> CasusPaneel:
    """``taken`` is the page's own list of tasks (already read), reused for the task choice."""
    sjablonen = list(selectors.sjablonen_voor(casus=casus))
    taken = list(taken)
    sectie = DocumentenSectie(
        documenten=selectors.documenten_van_casus(casus=casus),
        upload_form=UploadForm(),
        brief_form=BriefForm(sjablonen=sjablonen, taken=taken),
        email_form=EmailForm(sjablonen=sjablonen, taken=taken, initial={"aan": casus.client.email}),
    )
    return CasusPaneel("documenten/_sectie.html", sectie)
