"""Database routing for production reporting (DIE-4).

With CRIS_RAPPORTAGE_DATABASE_URL set, DATABASES["rapportage"] points at a read replica. The reporting
selectors (rapportage.selectors) run their aggregates there through ``settings.RAPPORTAGE_DATABASE``;
everything else, and every write, stays on the primary. The replica is never migrated: it follows the
primary by streaming replication.
"""

from __future__ import annotations

from django.conf import settings

RAPPORTAGE = "rapportage"
# Models only the reports read; their reads may go to the replica wherever they come from.
ALLEEN_RAPPORTAGE = {("diensten", "geschoondeproductie"), ("diensten", "voorberekendeproductie")}


class RapportageRouter:
    def db_for_read(self, model, **hints):
        if (model._meta.app_label, model._meta.model_name) in ALLEEN_RAPPORTAGE:
            return settings.RAPPORTAGE_DATABASE
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != RAPPORTAGE
