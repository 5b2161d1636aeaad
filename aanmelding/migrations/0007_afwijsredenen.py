from django.db import migrations


def laden(apps, schema_editor):
    from aanmelding.catalogus import afwijsredenen_laden

    afwijsredenen_laden(apps.get_model("aanmelding", "Afwijsreden"))


class Migration(migrations.Migration):
    dependencies = [("aanmelding", "0006_intake_verwerking")]

    operations = [migrations.RunPython(laden, migrations.RunPython.noop)]
