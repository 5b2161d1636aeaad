"""The surname index also holds the casus (ZOE-1, issue 27).

A name search checks access on each referral with that surname, and a referral's access follows its casus:
without the casus in the index, every candidate's row was read from the table (a bitmap heap scan of ~5,700
pages for 'Broek' at production volume, ~500 ms with cold buffers). With it the search is an index-only scan.
The statistics target of aanmelding.0011 is set again on the new index, and the table analysed (~16 s at
production volume): an index's expression statistics go with it when it is dropped.
"""

import django.contrib.postgres.indexes
import django.db.models.functions.text
from django.db import migrations, models

KOLOMMEN = "achternaam, voornamen, wachtrij, ingevoerd_door_id, ontvangen_op, id"


def _vervangen(include: str) -> list[str]:
    return [
        "CREATE INDEX aanmelding_zoeknaam_nieuw ON aanmelding_aanmelding ((UPPER(achternaam::text)) text_pattern_ops) "
        f"INCLUDE ({include})",
        "DROP INDEX aanmelding_zoeknaam_idx",
        "ALTER INDEX aanmelding_zoeknaam_nieuw RENAME TO aanmelding_zoeknaam_idx",
        "ALTER INDEX aanmelding_zoeknaam_idx ALTER COLUMN 1 SET STATISTICS 2000",
        "ANALYZE aanmelding_aanmelding",
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("aanmelding", "0014_afwijsreden_versie_bsnregel_versie_delict_versie_and_more"),
    ]

    operations = [
        # By hand, as in 0010: Django renders an OpClass over a function with one pair of parentheses too many.
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(_vervangen(f"{KOLOMMEN}, casus_id"), _vervangen(KOLOMMEN)),
            ],
            state_operations=[
                migrations.RemoveIndex(model_name="aanmelding", name="aanmelding_zoeknaam_idx"),
                migrations.AddIndex(
                    model_name="aanmelding",
                    index=models.Index(
                        django.contrib.postgres.indexes.OpClass(
                            django.db.models.functions.text.Upper("achternaam"), name="text_pattern_ops"
                        ),
                        include=("achternaam", "voornamen", "wachtrij", "ingevoerd_door", "ontvangen_op", "id", "casus"),
                        name="aanmelding_zoeknaam_idx",
                    ),
                ),
            ],
        ),
    ]
