"""Who and where of the current request or job, for audit entries and log lines."""

from __future__ import annotations

import logging
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class AuditContext:
    request_id: str = ""
    ip_adres: str | None = None
    bron: str = "systeem"


current: ContextVar[AuditContext] = ContextVar("cris_audit_context", default=AuditContext())  # noqa: B039


class RequestIdLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current.get().request_id or "-"
        return True
