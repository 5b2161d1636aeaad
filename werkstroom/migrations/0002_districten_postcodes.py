"""The 11 districts and the postcode → district table (ORG-1), from werkstroom/data/postcodegebieden.csv."""

from django.db import migrations


def load(apps, schema_editor):
    from werkstroom.postcodes import load_districts_and_postcodes

    load_districts_and_postcodes(apps.get_model("werkstroom", "District"), apps.get_model("werkstroom", "Postcode"))


def unload(apps, schema_editor):
    apps.get_model("werkstroom", "Postcode").objects.all().delete()
    apps.get_model("werkstroom", "District").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("werkstroom", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
