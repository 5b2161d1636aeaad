"""Sane date ranges for every date and datetime the product stores (issue 23 item 5).

A date in year 1 (``0001-01-01T00:00``) is stored by PostgreSQL as a BC timestamp and breaks every page that
shows it, for everyone; year 9999 overflows as soon as the code adds a day. This module is the one owner of
the range:

- every date and datetime form field of the project refuses a value outside it with a Dutch message
  (:func:`installeren` gives Django's ``DateField``/``DateTimeField`` form fields this validator, so model
  forms, the admin and hand-written forms all get it);
- every date and datetime column of the project's apps carries a database CHECK with the same range
  (:func:`checks_aanbrengen`, run after every ``migrate``), so nothing that bypasses the forms stores one.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, models, transaction
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

MIN_DATUM = date(1850, 1, 1)
MAX_DATUM = date(2199, 12, 31)


def in_bereik(waarde) -> bool:
    if waarde is None:
        return True
    dag = waarde.date() if isinstance(waarde, datetime) else waarde
    return MIN_DATUM <= dag <= MAX_DATUM


def datum_in_bereik(waarde) -> None:
    """Form validator: refuse dates before 1850 and after 2199."""
    if not in_bereik(waarde):
        raise ValidationError(
            _("Vul een datum tussen %(van)s en %(tot)s in."),
            code="datum_bereik",
            params={"van": MIN_DATUM.strftime("%d-%m-%Y"), "tot": MAX_DATUM.strftime("%d-%m-%Y")},
        )


def installeren() -> None:
    """Every date and datetime form and serializer field validates the range (called from CrisConfig.ready,
    before any form or serializer class of the project is defined)."""
    from django import forms
    from rest_framework import serializers

    # The partner API's serializers too (DRF runs Django validators and reports their message per field).
    for veld in (forms.DateField, forms.DateTimeField, serializers.DateField, serializers.DateTimeField):
        if datum_in_bereik not in veld.default_validators:
            veld.default_validators = [*veld.default_validators, datum_in_bereik]


def _project_apps():
    from django.apps import apps
    from django.conf import settings

    basis = str(settings.BASE_DIR)
    return [a for a in apps.get_app_configs() if str(a.path).startswith(basis) and "/.venv/" not in str(a.path)]


def datum_kolommen(app_config=None):
    """(table, column, is_datetime) of every concrete date/datetime column of the project's own models (of one
    app when given)."""
    for app in _project_apps():
        if app_config is not None and app.label != app_config.label:
            continue
        for model in app.get_models():
            if model._meta.proxy or not model._meta.managed:
                continue
            for veld in model._meta.local_concrete_fields:
                if isinstance(veld, models.DateField):  # DateTimeField is a subclass
                    yield model._meta.db_table, veld.column, isinstance(veld, models.DateTimeField)


def constraint_naam(tabel: str, kolom: str) -> str:
    naam = f"{tabel}_{kolom}_bereik"
    if len(naam) > 63:
        import hashlib

        naam = f"{naam[:50]}_{hashlib.sha256(naam.encode()).hexdigest()[:8]}_br"
    return naam


def checks_aanbrengen(sender=None, using="default", **kwargs) -> None:
    """post_migrate: a CHECK with the range on every date and datetime column that lacks one. New rows are
    checked from then on (NOT VALID first); existing rows are validated when they all comply, else they stay
    as they are and a warning is logged."""
    kolommen = list(datum_kolommen(sender))
    if connection.vendor != "postgresql" or not kolommen:
        return
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT conname FROM pg_constraint WHERE contype = 'c'")
        bestaand = {r[0] for r in cursor.fetchall()}
    for tabel, kolom, is_tijd in kolommen:
        naam = constraint_naam(tabel, kolom)
        if naam in bestaand:
            continue
        if is_tijd:  # constants of this module, no user input
            van, tot = f"{MIN_DATUM.isoformat()} 00:00+00", f"{MAX_DATUM.year + 1}-01-01 00:00+00"
            grens = f"{q(kolom)} >= '{van}' AND {q(kolom)} < '{tot}'"
        else:
            grens = f"{q(kolom)} BETWEEN '{MIN_DATUM.isoformat()}' AND '{MAX_DATUM.isoformat()}'"
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"ALTER TABLE {q(tabel)} ADD CONSTRAINT {q(naam)} CHECK ({q(kolom)} IS NULL OR ({grens})) NOT VALID"
            )
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"ALTER TABLE {q(tabel)} VALIDATE CONSTRAINT {q(naam)}")
        except DatabaseError:
            logger.warning(
                "%s.%s holds dates outside %s..%s; only new rows are checked", tabel, kolom, MIN_DATUM, MAX_DATUM
            )
