"""Writes on documents, letters and e-mail (DOC-1, DOC-2), one module per subject: ``bestanden`` (documents,
their versions, status and sharing), ``sjablonen`` (the values of a template's placeholders), ``brieven`` (PDF
letters and the admin's preview) and ``outbox`` (e-mail and its delivery). Every write is audited and put on the
casus timeline in its own transaction; Celery work is enqueued on commit. Import from the submodule; this
package defines only the error they share.
"""


class DocumentFout(Exception):
    """A document action that is not possible; the message is for the user (Dutch)."""
