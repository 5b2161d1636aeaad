"""Read-only view of the audit log for application managers and the privacy officer."""

from django.contrib import admin
from django.core.paginator import Paginator
from django.db import connection
from django.utils.functional import cached_property

from cris.audit.models import AuditEntry


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


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("tijdstip", "actor_weergave", "actie", "bron", "object_type", "object_id", "client_id")
    list_filter = ("actie", "bron", "object_type", ("tijdstip", admin.DateFieldListFilter))
    search_fields = ("=object_id", "=client_id", "=actor_id", "actor_weergave", "=request_id")
    date_hierarchy = "tijdstip"
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    list_per_page = 50

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
