"""Merging duplicate clients (CLI-2), and undoing a merge.

``client_samenvoegen`` moves everything that points to the duplicate client (cases, addresses, and any
other row with a foreign key to Client, in whatever app) to the client that stays, fills the remaining
client's empty fields from the duplicate, and deletes the duplicate. The audit entry of the merge holds
everything needed to undo it — every field of the deleted client, which rows moved, which fields of the
remaining client were filled and which addresses lost their preferred flag — so
``samenvoegen_ongedaan_maken`` can put the duplicate back under its own number, once.

Only staff with an intake role (Administratie, JD-Admin) may merge (``casus.permissions.mag_samenvoegen``).
"""

from __future__ import annotations

from django.db import connection, models, transaction
from django.utils.translation import gettext as _

from casus.models import Adres, Client
from cris.audit.api import Actie, audit_record
from cris.audit.models import AuditEntry

# The remaining client takes these from the duplicate when it has no value of its own.
AANVUL_FIELDS = (
    "voorletters",
    "voornamen",
    "tussenvoegsel",
    "geboortedatum",
    "bsn",
    "telefoon",
    "telefoon_2",
    "email",
    "taal",
    "vertegenwoordiger",
    "contactvoorkeur",
)
SLEUTEL = "samengevoegd_met"
ONGEDAAN = "samenvoeging_ongedaan"


class SamenvoegFout(Exception):
    """The merge (or its undo) is not possible; the message is for the user (Dutch)."""


def _verwijzingen() -> list[tuple[type[models.Model], str]]:
    """Every (model, field) with a foreign key to Client, in any app: what must follow the client."""
    # include_hidden: relations named "+" (a referral's proposed client) must follow too.
    return [
        (rel.related_model, rel.field.name)
        for rel in Client._meta.get_fields(include_hidden=True)
        if rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one)
    ]


def _waarde(client: Client, field: models.Field):
    """JSON-safe, and read back with field.to_python on undo."""
    waarde = getattr(client, field.attname)
    if waarde is not None and field.get_internal_type() in ("DateField", "DateTimeField"):
        return field.value_to_string(client)
    return waarde


def client_samenvoegen(*, actor, bron: Client, doel: Client, reden: str) -> AuditEntry:
    """Merge ``bron`` (the duplicate) into ``doel``. Returns the audit entry, which is the undo record."""
    if not reden.strip():
        raise SamenvoegFout(_("Geef de reden van het samenvoegen op."))
    if bron.pk == doel.pk:
        raise SamenvoegFout(_("Kies twee verschillende cliënten."))
    with transaction.atomic():
        # Both rows locked in id order, so two merges of the same pair cannot cross.
        rijen = {c.pk: c for c in Client.objects.select_for_update().filter(pk__in=[bron.pk, doel.pk]).order_by("pk")}
        if len(rijen) != 2:
            raise SamenvoegFout(_("Een van beide cliënten bestaat niet meer (al samengevoegd?)."))
        bron, doel = rijen[bron.pk], rijen[doel.pk]
        if bron.bsn and doel.bsn and bron.bsn != doel.bsn:
            raise SamenvoegFout(_("De cliënten hebben een verschillend BSN: dat zijn twee personen."))
        if bron.geboortedatum and doel.geboortedatum and bron.geboortedatum != doel.geboortedatum:
            raise SamenvoegFout(_("De cliënten hebben een verschillende geboortedatum: dat zijn twee personen."))
        changes: dict[str, list] = {SLEUTEL: [bron.pk, doel.pk]}
        for field in Client._meta.concrete_fields:
            if not field.primary_key:
                changes[f"bron.{field.attname}"] = [_waarde(bron, field), None]
        gevuld = []
        for naam in AANVUL_FIELDS:
            if not getattr(doel, naam) and getattr(bron, naam):
                changes[f"doel.{naam}"] = [
                    _waarde(doel, Client._meta.get_field(naam)),
                    _waarde(bron, Client._meta.get_field(naam)),
                ]
                setattr(doel, naam, getattr(bron, naam))
                gevuld.append(naam)
        # The duplicate's preferred address becomes an ordinary one when the remaining client has one.
        voorkeur_uit = []
        if Adres.objects.filter(client=doel, voorkeur=True).exists():
            voorkeur_uit = list(Adres.objects.filter(client=bron, voorkeur=True).values_list("pk", flat=True))
            Adres.objects.filter(pk__in=voorkeur_uit).update(voorkeur=False)
        changes["adres.voorkeur_uit"] = [voorkeur_uit, None]
        if gevuld:
            doel.save(update_fields=gevuld)
        for model, veld in _verwijzingen():
            ids = list(model._base_manager.filter(**{veld: bron.pk}).values_list("pk", flat=True))
            if ids:
                if model._meta.get_field(veld).one_to_one and model._base_manager.filter(**{veld: doel.pk}).exists():
                    raise SamenvoegFout(
                        _("Beide cliënten hebben een %(m)s; dat kan niet worden samengevoegd.")
                        % {"m": model._meta.verbose_name}
                    )
                model._base_manager.filter(pk__in=ids).update(**{veld: doel.pk})
            changes[f"verplaatst.{model._meta.label_lower}.{veld}"] = [ids, doel.pk]
        entry = audit_record(
            Actie.WIJZIGEN, actor=actor, obj=doel, client_id=doel.pk, reason=reden.strip(), changes=changes
        )
        audit_record(
            Actie.VERWIJDEREN,
            actor=actor,
            obj=bron,
            client_id=bron.pk,
            reason=_("Samengevoegd met %(c)s (auditregel %(a)s)") % {"c": doel.nummer, "a": entry.pk},
        )
        bron.delete()
    return entry


def samenvoegingen(*, limit: int = 20) -> list[AuditEntry]:
    """The most recent merges, newest first, each with ``ongedaan`` (already undone?)."""
    entries = list(
        AuditEntry.objects.filter(object_type="casus.client", actie=Actie.WIJZIGEN, wijzigingen__has_key=SLEUTEL)
        .only("pk", "tijdstip", "actor_weergave", "object_id", "reden", "wijzigingen")
        .order_by("-tijdstip", "-pk")[:limit]
    )
    ongedaan = set(
        AuditEntry.objects.filter(
            object_type="casus.client",
            wijzigingen__has_key=ONGEDAAN,
            object_id__in=[str(e.wijzigingen[SLEUTEL][0]) for e in entries],
        ).values_list("wijzigingen__" + ONGEDAAN + "__0", flat=True)
    )
    for entry in entries:
        entry.bron_id, entry.doel_id = entry.wijzigingen[SLEUTEL]
        entry.ongedaan = entry.pk in ongedaan
        entry.bron_naam = " ".join(
            str(entry.wijzigingen.get(f"bron.{f}", [""])[0] or "") for f in ("voornamen", "tussenvoegsel", "achternaam")
        ).strip()
    return entries


def samenvoegen_ongedaan_maken(*, actor, entry_id: int) -> Client:
    """Put the merged client back as it was, with its own number, and move back what moved (as far as it
    still points to the remaining client). Once per merge."""
    with transaction.atomic():
        # One undo at a time per merge. An advisory lock: the application may not lock audit rows
        # (SELECT ... FOR UPDATE needs UPDATE privilege, which the append-only log does not grant).
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('casus.samenvoegen_ongedaan'), %s)", [entry_id])
        entry = AuditEntry.objects.filter(pk=entry_id, object_type="casus.client", wijzigingen__has_key=SLEUTEL).first()
        if entry is None:
            raise SamenvoegFout(_("Deze samenvoeging bestaat niet."))
        w = entry.wijzigingen
        bron_id, doel_id = w[SLEUTEL]
        if (
            AuditEntry.objects.filter(
                object_type="casus.client", object_id=str(bron_id), wijzigingen__has_key=ONGEDAAN
            ).exists()
            or Client.objects.filter(pk=bron_id).exists()
        ):
            raise SamenvoegFout(_("Deze samenvoeging is al ongedaan gemaakt."))
        doel = Client.objects.select_for_update().filter(pk=doel_id).first()
        if doel is None:
            raise SamenvoegFout(
                _("De cliënt die overbleef bestaat niet meer; samenvoegen kan niet worden teruggedraaid.")
            )
        bron = Client(pk=bron_id)
        for field in Client._meta.concrete_fields:
            sleutel = f"bron.{field.attname}"
            if sleutel in w:
                setattr(bron, field.attname, field.to_python(w[sleutel][0]))
        teruggezet = []
        for sleutel, (oud, nieuw) in w.items():
            if sleutel.startswith("doel.") and getattr(doel, sleutel[5:]) == Client._meta.get_field(
                sleutel[5:]
            ).to_python(nieuw):
                setattr(doel, sleutel[5:], Client._meta.get_field(sleutel[5:]).to_python(oud))
                teruggezet.append(sleutel[5:])
        if teruggezet:
            doel.save(update_fields=teruggezet)
        aangemaakt_op = bron.aangemaakt_op
        bron = Client.objects.bulk_create([bron])[0]  # with its own pk again
        Client.objects.filter(pk=bron.pk).update(aangemaakt_op=aangemaakt_op)  # auto_now_add overwrote it
        bron.aangemaakt_op = aangemaakt_op
        terug = {}
        for sleutel, (ids, _doel) in w.items():
            if not sleutel.startswith("verplaatst.") or not ids:
                continue
            label, veld = sleutel[len("verplaatst.") :].rsplit(".", 1)
            model = next((m for m, v in _verwijzingen() if m._meta.label_lower == label and v == veld), None)
            if model is None:
                continue
            n = model._base_manager.filter(pk__in=ids, **{veld: doel_id}).update(**{veld: bron_id})
            terug[sleutel] = [n, None]
        voorkeur = w.get("adres.voorkeur_uit", [[]])[0]
        if voorkeur and not Adres.objects.filter(client_id=bron_id, voorkeur=True).exists():
            Adres.objects.filter(pk__in=voorkeur[:1], client_id=bron_id).update(voorkeur=True)
        audit_record(
            Actie.AANMAKEN,
            actor=actor,
            obj=bron,
            client_id=bron.pk,
            reason=_("Samenvoeging met %(c)s ongedaan gemaakt (auditregel %(a)s)") % {"c": doel.nummer, "a": entry.pk},
            changes={ONGEDAAN: [entry.pk, None], **terug, **{f"doel.{f}": ["hersteld", None] for f in teruggezet}},
        )
    return bron
