"""Writing notifications (NOT-1). Other apps call ``notificeren``; it is the only way in.

Triggers, and where they are wired:
- a task transferred to a colleague: taken.services.overdracht.taak_overdragen (TAAK_OVERGEDRAGEN)
- a document shared with a colleague: documenten.services.bestanden.document_delen (DOCUMENT_GEDEELD)
- a letter that could not be made, an e-mail that could not be delivered: documenten.services
- still to come with their issues, each calls ``notificeren`` from its service in the same transaction:
  call-back notes (TAK-7, TERUGBELNOTITIE to the colleague), tasks assigned by the taakverdeler (TAK-5,
  TAAK_TOEGEWEZEN), access requests and decisions (AUT-2, TOEGANGSVERZOEK to the approvers,
  TOEGANGSBESLUIT to the requester), referral imports in quarantine (KOP-1, IMPORT_QUARANTAINE to the
  application managers).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction

from cris import klok
from cris.notificaties.models import Notificatie


def notificeren(
    *, ontvangers: Iterable, soort: str, tekst: str, link: str = "", email: bool | None = None
) -> list[Notificatie]:
    """One notification per recipient (users or user ids; duplicates once). With ``email`` the outbox
    also sends a copy to each recipient with an e-mail address; by default the kinds listed in
    CRIS_NOTIFICATIE_EMAIL do. The text must not contain client data."""
    if email is None:
        email = soort in settings.NOTIFICATIE_EMAIL_SOORTEN
    ids = sorted({getattr(o, "pk", o) for o in ontvangers if o is not None})
    if not ids:
        return []
    return Notificatie.objects.bulk_create(
        [Notificatie(ontvanger_id=pk, soort=soort, tekst=tekst[:300], link=link[:300], email=email) for pk in ids]
    )


def notificatie_gelezen(*, actor, pk: int) -> Notificatie | None:
    """Mark one of the actor's own notifications read; someone else's is as good as absent (None)."""
    with transaction.atomic():
        notificatie = Notificatie.objects.select_for_update().filter(pk=pk, ontvanger=actor).first()
        if notificatie is not None and notificatie.gelezen_op is None:
            notificatie.gelezen_op = klok.nu()
            notificatie.save(update_fields=["gelezen_op"])
    return notificatie


def alles_gelezen(*, actor) -> int:
    return Notificatie.objects.filter(ontvanger=actor, gelezen_op__isnull=True).update(gelezen_op=klok.nu())
