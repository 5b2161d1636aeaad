"""Writes on events (CAS-9): create one, link cases to it. Audited; a link shows on the casus timeline."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from casus.models import Casus, TijdlijnSoort
from casus.services import tijdlijn_toevoegen
from cris.audit.api import Actie, audit_record
from gebeurtenissen.models import Gebeurtenis, GebeurtenisCasus

GEBEURTENIS_FIELDS = ("naam", "datum", "type", "plaats", "omschrijving")


def gebeurtenis_aanmaken(*, actor, gegevens: dict) -> Gebeurtenis:
    with transaction.atomic():
        gebeurtenis = Gebeurtenis(**{k: gegevens[k] for k in GEBEURTENIS_FIELDS if k in gegevens})
        gebeurtenis.aangemaakt_door = actor if getattr(actor, "is_authenticated", False) else None
        gebeurtenis.full_clean()
        gebeurtenis.save()
        audit_record(
            Actie.AANMAKEN,
            actor=actor,
            obj=gebeurtenis,
            changes={k: [None, getattr(gebeurtenis, k)] for k in GEBEURTENIS_FIELDS if getattr(gebeurtenis, k)},
        )
    return gebeurtenis


def casus_koppelen(*, actor, gebeurtenis: Gebeurtenis, casus: Casus) -> bool:
    """Link a casus to the event; False if it already was. The caller has checked the actor may see it."""
    with transaction.atomic():
        _koppeling, nieuw = GebeurtenisCasus.objects.get_or_create(
            gebeurtenis=gebeurtenis,
            casus=casus,
            defaults={"gekoppeld_door": actor if getattr(actor, "is_authenticated", False) else None},
        )
        if nieuw:
            audit_record(
                Actie.WIJZIGEN,
                actor=actor,
                obj=casus,
                client_id=casus.client_id,
                changes={"gebeurtenis": [None, gebeurtenis.pk]},
            )
            tijdlijn_toevoegen(
                casus=casus,
                soort=TijdlijnSoort.STATUS,
                medewerker=actor,
                obj=gebeurtenis,
                omschrijving=_("Gekoppeld aan gebeurtenis %(g)s") % {"g": gebeurtenis},
            )
    return nieuw
