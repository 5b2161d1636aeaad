"""One rule per kind, inactive: the organisation decides the periods and switches them on (docs/schoning.md)."""

from django.db import migrations

STANDAARD = [
    ("casus", 84, "afgerond_op"),
    ("aanmelding", 12, "beoordeeld_op"),
    ("document", 84, "gewijzigd_op"),
    ("quarantaine", 6, "aangemaakt_op"),
    ("import", 12, "gestart"),
    ("audit", 84, "tijdstip"),
]


def laden(apps, schema_editor):
    Bewaarregel = apps.get_model("schoning", "Bewaarregel")
    for soort, maanden, vanaf in STANDAARD:
        Bewaarregel.objects.get_or_create(
            soort=soort, defaults={"termijn_maanden": maanden, "telt_vanaf": vanaf, "actief": False}
        )


class Migration(migrations.Migration):
    dependencies = [("schoning", "0001_bewaarregels_selectie_schoning")]
    operations = [migrations.RunPython(laden, migrations.RunPython.noop)]
