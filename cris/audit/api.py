"""The one API for writing the audit log. Services call it inside their transaction; views call
``audit_read`` for every page that shows personal data.

    audit_record(Actie.WIJZIGEN, actor=user, obj=casus, client_id=casus.client_id,
                 changes=changes_between(old, casus, ["status"]))
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, TypedDict, Unpack

from django.db import connection
from django.db.models import Model

from cris.audit.context import current
from cris.audit.models import Actie, AuditEntry, Bron
from cris.db import bulk_copy, insert_voorbereid

__all__ = [
    "Actie",
    "Bron",
    "audit_lijst",
    "audit_lijstindex_bijwerken",
    "audit_maanden_wissen",
    "audit_partities_vooruit",
    "audit_read",
    "audit_record",
    "audit_record_many",
    "audit_schrobben_clienten",
    "audit_schrobben_objecten",
    "changes_between",
]


def _json_value(value: Any) -> Any:
    if isinstance(value, Model):
        return value.pk
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    return str(value)


def changes_between(old: dict[str, Any] | Model | None, new: Model, fields: Iterable[str]) -> dict[str, list]:
    """{"field": [old, new]} for the fields whose value differs. ``old`` may be a snapshot dict."""
    changes = {}
    for field in fields:
        before = (old.get(field) if isinstance(old, dict) else getattr(old, field, None)) if old else None
        after = getattr(new, field, None)
        if _json_value(before) != _json_value(after):
            changes[field] = [_json_value(before), _json_value(after)]
    return changes


class Velden(TypedDict, total=False):
    """What an entry says besides its action: audit_record's keyword arguments (see ``_entry``)."""

    actor: Any
    obj: Model | None
    object_type: str
    object_id: str | int
    client_id: int | None
    reason: str
    changes: dict | None
    bron: str | None
    client_ids: Iterable[int]
    weergave: str


def _entry(
    actie: str,
    *,
    actor=None,
    obj: Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    client_id: int | None = None,
    reason: str = "",
    changes: dict | None = None,
    bron: str | None = None,
    client_ids: Iterable[int] = (),
    weergave: str = "",
) -> AuditEntry:
    """``weergave`` names the object when the caller has its type and id but no instance (bulk paths)."""
    context = current.get()
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEntry(
        actor_id=actor.pk if actor else None,
        actor_weergave=(str(actor) if actor else "")[:200],
        actie=actie,
        bron=bron or context.bron,
        object_type=object_type,
        object_id=str(object_id or ""),
        object_weergave=(str(obj) if obj is not None else weergave)[:300],
        client_id=client_id,
        reden=reason,
        request_id=context.request_id,
        ip_adres=context.ip_adres,
        wijzigingen={k: [_json_value(v) for v in pair] for k, pair in (changes or {}).items()},
        client_ids=sorted(set(client_ids)),
    )


def audit_record(actie: str, **velden: Unpack[Velden]) -> AuditEntry:
    """One entry, saved now in the caller's transaction; ``velden`` as ``_entry`` takes them."""
    # Written on every page that shows personal data: one prepared INSERT, not save() (cris.db.insert_voorbereid).
    return insert_voorbereid(_entry(actie, **velden))


def audit_record_many(actie: str, records: Iterable[dict], **common) -> int:
    """Many entries in bulk (imports): each dict holds audit_record's keyword arguments for one entry,
    ``common`` those shared by all. A few statements for thousands of entries, in the caller's transaction."""
    entries = [_entry(actie, **{**common, **record}) for record in records]
    bulk_copy(AuditEntry, entries)
    return len(entries)


def audit_read(*, actor, obj: Model, client_id: int | None = None, reason: str = "") -> AuditEntry:
    return audit_record(Actie.LEZEN, actor=actor, obj=obj, client_id=client_id, reason=reason)


LIJST = "lijst"


def audit_lijst(
    *,
    actor,
    lijst: str,
    client_ids: Iterable[int | None],
    objecten: dict[str, Iterable[int]] | None = None,
    reason: str = "",
) -> AuditEntry:
    """AUT-3 for list pages (worklists, Mijn werk, review queue, search results, event pages): ONE entry per page
    view holding the ids of the clients shown (sorted, once each), so "wie heeft dit dossier ingezien" finds
    every list a client appeared on. ``lijst`` names the page; ``objecten`` the ids of the rows shown
    per model label (kept as ``{label: [None, ids]}`` in ``wijzigingen``)."""
    return audit_record(
        Actie.LEZEN,
        actor=actor,
        object_type=LIJST,
        object_id=lijst,
        reason=reason,
        client_ids=[c for c in client_ids if c is not None],
        changes={label: [None, list(ids)] for label, ids in (objecten or {}).items() if ids},
    )


# The retention purge's scrubbing (SCH-3). The application role may not UPDATE or DELETE the log; these
# SECURITY DEFINER functions (owned by cris_audit_schoner, migration 0003) are the only way, and each only
# touches entries about subjects that no longer exist. Call them inside the purge's transaction.


def audit_schrobben_objecten(label: str, ids: Iterable[int | str], zout: str) -> int:
    """Empty the personal fields of the entries about these (deleted) objects; their id becomes a salted hash."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT audit_schrobben_objecten(%s, %s, %s)", [label, [str(i) for i in ids], zout])
        return cursor.fetchone()[0]


def audit_schrobben_clienten(client_ids: Iterable[int]) -> int:
    """Take these (deleted) clients out of the log: entries about them lose their personal fields, list
    entries lose their id."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT audit_schrobben_clienten(%s::bigint[])", [list(client_ids)])
        return cursor.fetchone()[0]


def audit_maanden_wissen(van: datetime, tot: datetime) -> int:
    """Delete the log between these moments (whole months past their retention; never the last year)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT audit_maanden_wissen(%s, %s)", [van, tot])
        return cursor.fetchone()[0]


def audit_partities_vooruit(vanaf: date, maanden: int = 3) -> int:
    """Create the monthly partitions of the log from ``vanaf``'s month up to ``maanden`` ahead; returns how
    many were new. Rows that arrived in the default partition for such a month move into it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT audit_partities_vooruit(%s, %s)", [vanaf, maanden])
        return cursor.fetchone()[0]


def audit_lijstindex_bijwerken() -> int:
    """Merge the pending list of the list entries' GIN index on every partition (migration 0007), so that no page
    view's INSERT has to; returns how many pages were merged. The beat job ``audit-lijstindex`` runs it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT audit_lijstindex_bijwerken()")
        return cursor.fetchone()[0]
