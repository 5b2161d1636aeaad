"""Writes on tasks, one module per subject: ``levenscyclus`` (create, pick up, complete, cancel, reopen; the
nightly casus status, CAS-3), ``verdeling`` (the team for new work by postcode, TAK-5), ``overdracht`` (transfer
and assignment, TAK-6, TAK-2), ``vervolg`` (which follow-up tasks a werkstroom may create, TAK-3), ``contacten``
(contact reports, VER-1) and ``werklijst`` (a worker's saved filters, TAK-4). Who may do what with a task is
``taken.permissions``.

Every write locks the casus row first: changes to tasks of one casus are serialised, so the derived status can
never be computed from a stale view of its tasks. Import from the submodule; this package defines only the
error they share.
"""


class TaakFout(Exception):
    """A task action that is not possible now; the message is for the user (Dutch)."""
