"""The service catalogue (DIE-1). Functional managers maintain it in the admin afterwards."""

from django.db import migrations


def load(apps, schema_editor):
    from diensten.catalogus import dienstsoorten_laden

    dienstsoorten_laden(apps.get_model("diensten", "DienstSoort"))


class Migration(migrations.Migration):
    dependencies = [("diensten", "0001_diensten_en_catalogus")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
