"""The surname index also keys the first names (ZOE-1, issue 27).

A search for "Geertje Jong" read every index entry of the surname prefix (~24,000 for 'JONG' at production volume)
and upper-cased and compared each entry's first names in the executor: ~7 ms. With the upper-cased first names as
the index's second column, the btree compares them as scan keys within the surname range: ~1.7 ms. A surname alone
reads the same entries as before. The statistics target of aanmelding.0011 is set again on the new index, and the
table analysed (~16 s at production volume); building the index takes a few seconds there.
"""

import django.contrib.postgres.indexes
import django.db.models.functions.text
from django.db import migrations, models

INCLUDE = "achternaam, voornamen, wachtrij, ingevoerd_door_id, ontvangen_op, id, casus_id, casus_teams"


def _vervangen(sleutel: str) -> list[str]:
    """As in 0015: by hand, since Django renders an OpClass over a function with one pair of parentheses too many."""
    return [
        f"CREATE INDEX aanmelding_zoeknaam_nieuw ON aanmelding_aanmelding ({sleutel}) INCLUDE ({INCLUDE})",
        "DROP INDEX aanmelding_zoeknaam_idx",
        "ALTER INDEX aanmelding_zoeknaam_nieuw RENAME TO aanmelding_zoeknaam_idx",
        "ALTER INDEX aanmelding_zoeknaam_idx ALTER COLUMN 1 SET STATISTICS 2000",
        "ANALYZE aanmelding_aanmelding",
    ]


ACHTERNAAM = "(UPPER(achternaam::text)) text_pattern_ops"
VOORNAMEN = "(UPPER(voornamen::text)) text_pattern_ops"


class Migration(migrations.Migration):
    dependencies = [("aanmelding", "0016_casus_teams")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(_vervangen(f"{ACHTERNAAM}, {VOORNAMEN}"), _vervangen(ACHTERNAAM)),
            ],
            state_operations=[
                migrations.RemoveIndex(model_name="aanmelding", name="aanmelding_zoeknaam_idx"),
                migrations.AddIndex(
                    model_name="aanmelding",
                    index=models.Index(
                        django.contrib.postgres.indexes.OpClass(
                            django.db.models.functions.text.Upper("achternaam"), name="text_pattern_ops"
                        ),
                        django.contrib.postgres.indexes.OpClass(
                            django.db.models.functions.text.Upper("voornamen"), name="text_pattern_ops"
                        ),
                        include=(
                            "achternaam",
                            "voornamen",
                            "wachtrij",
                            "ingevoerd_door",
                            "ontvangen_op",
                            "id",
                            "casus",
                            "casus_teams",
                        ),
                        name="aanmelding_zoeknaam_idx",
                    ),
                ),
            ],
        ),
    ]
