"""New task types of TAK-1 and the follow-up matrix of TAK-3; functional managers maintain them afterwards."""

from django.db import migrations


def load(apps, schema_editor):
    from taken.catalogus import taaktypen_laden

    taaktypen_laden(apps.get_model("taken", "TaakType"))


class Migration(migrations.Migration):
    dependencies = [("taken", "0005_vervolgmatrix_afspraken_terugbelnotities")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
