from django.db import migrations


def laden(apps, schema_editor):
    from aanmelding.catalogus import delicten_laden

    delicten_laden(apps.get_model("aanmelding", "Delict"))


class Migration(migrations.Migration):
    dependencies = [("aanmelding", "0003_delict_signaleringen")]

    operations = [migrations.RunPython(laden, migrations.RunPython.noop)]
