"""Read-only view of the audit log for application managers and the privacy officer."""

from django.contrib import admin
from django.core.paginator import Paginator
from django.db import connection
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from cris.accounts.roles import Rol
from cris.audit.api import Actie, audit_record
from cris.audit.models import AuditEntry
from cris.beheer import AlleenInzienAdmin


class EstimatedCountPaginator(Paginator):
    """The audit log grows to hundreds of millions of rows: an exact COUNT(*) of the whole table takes
    seconds, so the unfiltered list uses PostgreSQL's estimate."""

    @cached_property
    def count(self):
        query = self.object_list.query
        if not query.where:
            with connection.cursor() as cursor:
                cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [AuditEntry._meta.db_table])
                row = cursor.fetchone()
            if row and row[0] > 100_000:
                return row[0]
        return super().count


# What an application manager needs to trace a problem: who, when, what kind of object, which request.
# The changes (BSN, phone, e-mail, birth date), the object's name, the reason and the client's id are for
# the privacy officer only, whose every opened entry is itself logged (issue 21 items 9 and 13).
TECHNISCH = ("tijdstip", "actor_weergave", "actor_id", "actie", "bron", "object_type", "object_id", "request_id",
             "ip_adres")  # fmt: skip


def _privacy_officer(request) -> bool:
    return request.user.heeft_rol(Rol.PRIVACY_OFFICER)


@admin.register(AuditEntry)
class AuditEntryAdmin(AlleenInzienAdmin):
    list_display = ("tijdstip", "actor_weergave", "actie", "bron", "object_type", "object_id", "client_id")
    list_filter = ("actie", "bron", "object_type", ("tijdstip", admin.DateFieldListFilter))
    search_fields = ("=object_id", "=client_id", "=actor_id", "actor_weergave", "=request_id")

    def get_list_display(self, request):
        return self.list_display if _privacy_officer(request) else self.list_display[:-1]

    def get_search_fields(self, request):
        return (
            self.search_fields
            if _privacy_officer(request)
            else tuple(f for f in self.search_fields if "client" not in f)
        )

    def get_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields] if _privacy_officer(request) else list(TECHNISCH)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if _privacy_officer(request) and response.status_code == 200 and str(object_id).isdigit():
            entry = AuditEntry.objects.filter(pk=int(object_id)).values("client_id").first()
            audit_record(
                Actie.LEZEN, actor=request.user, object_type="audit.auditentry", object_id=object_id,
                client_id=(entry or {}).get("client_id"), reason=_("auditregel ingezien in het beheer"),
            )  # fmt: skip
        return response

    date_hierarchy = "tijdstip"
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    list_per_page = 50

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)
