"""Production reporting (DIE-4) and management views: aggregates only, never a person."""

from django.apps import AppConfig, apps
from django.db import connections, router
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class RapportageConfig(AppConfig):
    name = "rapportage"
    verbose_name = _("Rapportage")

    def ready(self):
        # post_migrate is sent per app with models; this app has none, so it listens to diensten's.
        post_migrate.connect(
            bi_productie_bijwerken, sender=apps.get_app_config("diensten"), dispatch_uid="rapportage.bi_productie"
        )


def bi_productie_bijwerken(sender=None, using="default", **kwargs) -> None:
    """post_migrate: (re)write the view bi.productie_per_maand from the one definition of the production
    figures (diensten.productie), so a database gets a changed definition with the next migrate instead of
    keeping a copy frozen in a migration. Only where the bi schema exists (migration 0002 made it)."""
    from diensten.productie import bi_view_sql

    connection = connections[using]
    if connection.vendor != "postgresql" or not router.allow_migrate(using, "rapportage"):
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('bi.productie_per_maand') IS NOT NULL")
        if cursor.fetchone()[0]:
            cursor.execute(bi_view_sql())
