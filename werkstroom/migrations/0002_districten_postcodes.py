"""The 11 districts and the postcode → district table (ORG-1), from werkstroom/data/postcodegebieden.csv."""

from django.db import migrations


def load(apps, schema_editor):
    from werkstroom.postcodes import DISTRICTEN, read_ranges

    District = apps.get_model("werkstroom", "District")
    Postcode = apps.get_model("werkstroom", "Postcode")
    districts = {}
    for code, naam in DISTRICTEN:
        districts[code], _ = District.objects.get_or_create(code=code, defaults={"naam": naam})
    rows = [
        Postcode(cijfers=number, district=districts[item.district])
        for item in read_ranges()
        for number in range(item.van, item.tot + 1)
    ]
    Postcode.objects.bulk_create(rows, ignore_conflicts=True, batch_size=2000)


def unload(apps, schema_editor):
    apps.get_model("werkstroom", "Postcode").objects.all().delete()
    apps.get_model("werkstroom", "District").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("werkstroom", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
