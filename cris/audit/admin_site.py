"""The admin site (/beheer/) for functional and application managers. Every ModelAdmin registered on it,
ours and third-party ones, is wrapped in AuditedAdminMixin, so every admin change reaches the audit log
with its old and new values (AUT-3), and in cris.beheer.VersieAdminMixin, so no change form overwrites a
change someone else saved since it was shown (issue 23 item 3)."""

from __future__ import annotations

import json

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _

# This module is imported while the app registry loads (CrisAdminConfig), so the audit API, which
# needs the models, is imported inside the methods.


class AuditedAdminMixin:
    """Audits additions, changes (field by field) and deletions, including bulk deletions."""

    def save_model(self, request, obj, form, change):
        if change and form.changed_data:
            old = type(obj).objects.filter(pk=obj.pk).values(*self._concrete(obj, form.changed_data)).first()
            request._cris_audit_old = old
        super().save_model(request, obj, form, change)

    @staticmethod
    def _concrete(obj, names):
        fields = {f.name: f.attname for f in obj._meta.concrete_fields}
        return [fields[n] for n in names if n in fields]

    def log_addition(self, request, obj, message):
        from cris.audit.api import Actie, audit_record

        audit_record(Actie.AANMAKEN, actor=request.user, obj=obj, reason=_message(message), bron="beheer")
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        from cris.audit.api import Actie, audit_record, changes_between

        old = getattr(request, "_cris_audit_old", None) or {}
        changes = changes_between(old, obj, old.keys()) if old else {}
        audit_record(
            Actie.WIJZIGEN, actor=request.user, obj=obj, changes=changes, reason=_message(message), bron="beheer"
        )
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        from cris.audit.api import Actie, audit_record

        for obj in queryset:
            audit_record(Actie.VERWIJDEREN, actor=request.user, obj=obj, bron="beheer")
        return super().log_deletions(request, queryset)


def _message(message) -> str:
    """The admin's change message (a JSON list) as the readable text the admin history shows."""
    from django.contrib.admin.models import LogEntry

    text = message if isinstance(message, str) else json.dumps(message)
    return str(LogEntry(change_message=text).get_change_message())


class CrisAdminSite(admin.AdminSite):
    site_header = _("CRIS beheer")
    site_title = _("CRIS beheer")
    index_title = _("Beheer")

    def register(self, model_or_iterable, admin_class=None, **options):
        from cris.beheer import SelectieAdminMixin, VersieAdminMixin

        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, SelectieAdminMixin):
            admin_class = type(admin_class.__name__, (SelectieAdminMixin, admin_class), {})
        if not issubclass(admin_class, VersieAdminMixin):
            admin_class = type(admin_class.__name__, (VersieAdminMixin, admin_class), {})
        if not issubclass(admin_class, AuditedAdminMixin):
            admin_class = type(f"Audited{admin_class.__name__}", (AuditedAdminMixin, admin_class), {})
        return super().register(model_or_iterable, admin_class, **options)


class CrisAdminConfig(AdminConfig):
    default_site = "cris.audit.admin_site.CrisAdminSite"
