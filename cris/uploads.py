"""Uploads are refused before they are spooled past the limit (issue 21 item 9).

Django writes an upload to a temporary file as it arrives and only then lets a form look at its size: a
2 GB POST filled the disk before the 20 MB check said no. ``UploadGrens`` is the first upload handler. It
counts the bytes of each file; once the file passes ``CRIS_DOCUMENT_MAX_MB`` (or the request's
Content-Length already says it will) it passes no more bytes to the handlers after it, reads the rest
without keeping it, and hands the form a ``TeGrootBestand``: an empty file that knows its real size, so
the form's size check (documenten.services.bestanden.bestand_controleren) gives its usual Dutch message.
"""

from __future__ import annotations

import io

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler

# Room for the other form fields and the multipart framing around one file of the maximum size.
_MARGE = 64 * 1024


class TeGrootBestand(UploadedFile):
    """A file that was not kept because it is larger than the limit; ``size`` is what arrived."""

    def __init__(self, name: str, size: int, content_type: str | None):
        super().__init__(io.BytesIO(b""), name=name, content_type=content_type, size=size)


class UploadGrens(FileUploadHandler):
    def __init__(self, request=None):
        super().__init__(request)
        self.limiet = settings.DOCUMENT_MAX_MB * 1024 * 1024
        self.verzoek_te_groot = False
        self.ontvangen = 0
        self.te_groot = False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.verzoek_te_groot = content_length > self.limiet + _MARGE
        return None  # the normal parser goes on

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.ontvangen = 0
        self.te_groot = self.verzoek_te_groot

    def receive_data_chunk(self, raw_data, start):
        self.ontvangen += len(raw_data)
        if self.ontvangen > self.limiet:
            self.te_groot = True
        return None if self.te_groot else raw_data  # None: the handlers after this one get nothing more

    def file_complete(self, file_size):
        if self.te_groot:
            return TeGrootBestand(self.file_name, self.ontvangen, self.content_type)
        return None
