"""KOP-4 / TAK-3: the follow-up matrix knows 'Doorverwijzen extern' — every werkstroom that creates follow-up
tasks may create it (also AD itself, whose own types are otherwise not in its row)."""

from django.db import migrations

CODE = "AD-DOORVERWIJZEN"


def toevoegen(apps, schema_editor):
    TaakType = apps.get_model("taken", "TaakType")
    Vervolgregel = apps.get_model("taken", "Vervolgregel")
    taaktype = TaakType.objects.filter(code=CODE).first()
    if taaktype is None:
        return
    afdelingen = set(Vervolgregel.objects.values_list("van_afdeling", flat=True))
    Vervolgregel.objects.bulk_create(
        [Vervolgregel(van_afdeling=a, taaktype=taaktype) for a in sorted(afdelingen)], ignore_conflicts=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0002_doorverwijzingen"),
        ("taken", "0006_vervolgmatrix_laden"),
    ]

    operations = [migrations.RunPython(toevoegen, migrations.RunPython.noop)]
