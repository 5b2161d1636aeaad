"""The task types per department (TAK-1). Functional managers maintain them in the admin afterwards."""

from django.db import migrations

def load(apps, schema_editor):
    from taken.catalogus import taaktypen_laden

    taaktypen_laden(apps.get_model("taken", "TaakType"))


class Migration(migrations.Migration):
    dependencies = [("taken", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
