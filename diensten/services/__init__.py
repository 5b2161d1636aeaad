"""Writes on the services of a task (DIE-2) and their time (DIE-3), one module per subject: ``levenscyclus``
(register, start, complete, cancel, reopen; the hooks at the task's moments), ``tijd`` (time spent),
``overdracht`` (services handed to a colleague with the task or apart, TAK-6) and ``productie`` (figures kept
before a purge, SCH-3, DIE-4). Every write is under the casus lock the task services take, with its audit entry
and timeline line in the same transaction. Import from the submodule; this package defines only the error they
share.

Lead time: a service is open from registration until it is closed (Afgerond or Afgebroken); reopening starts a
new open period. The closed gaps never count (see Dienst.doorlooptijd).
"""

from taken.services import TaakFout


class DienstFout(TaakFout):
    """A service action that is not possible now; the message is for the user (Dutch)."""
