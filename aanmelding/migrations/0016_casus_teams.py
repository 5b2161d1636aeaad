"""The teams that may see a referral's casus, kept on the referral and in its surname index (ZOE-1, issue 27).

A referral with a casus follows casus access (issue 21 item 10). A name search checked that per namesake with an
index probe into the team permissions (~7,800 referrals for 'Leeuwen', ~17,000 for 'Jansen' at production volume),
and those probes were most of the search's SQL. With the casus's teams in the surname index the team check is one
array comparison per index entry.

The column belongs to the database, not to the application: two triggers keep it equal to the casus's
view_casus team rows, whoever writes.
- ``aanmelding_casus_teams``, BEFORE INSERT OR UPDATE of a referral: reads the teams of its casus (none without
  one). It runs on every update, so a save() that writes the column back from an instance loaded earlier, or an
  update racing a transfer, ends with the rows as they are then (a volatile function's statements see what was
  committed before them).
- ``casus_teams_na_*``, AFTER each statement that inserts, deletes or updates team permission rows: brings the
  referrals of the casussen it touched up to date, in one UPDATE per statement.

At production volume the migration rewrites ~1.3 M referral rows and the index (~1 minute); team permission
writes wait for it (the tables are locked first, so no change slips between the fill and the triggers). Run
VACUUM (ANALYZE) aanmelding_aanmelding afterwards: until then index-only scans of the surname index visit the
table (docs/operations.md).
"""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.db.models.functions.text
from django.db import migrations, models

KOLOMMEN = "achternaam, voornamen, wachtrij, ingevoerd_door_id, ontvangen_op, id, casus_id"

TEAMS = """
CREATE FUNCTION aanmelding_casus_teams(casus bigint) RETURNS integer[] LANGUAGE sql STABLE AS $$
    SELECT COALESCE(array_agg(g.group_id ORDER BY g.group_id), '{}')
    FROM casus_casusgroupobjectpermission g
    JOIN auth_permission p ON p.id = g.permission_id AND p.codename = 'view_casus'
    JOIN django_content_type t ON t.id = p.content_type_id AND t.app_label = 'casus'
    WHERE g.content_object_id = casus
$$;

CREATE FUNCTION aanmelding_casus_teams_zetten() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.casus_teams := CASE WHEN NEW.casus_id IS NULL THEN '{}' ELSE aanmelding_casus_teams(NEW.casus_id) END;
    RETURN NEW;
END;
$$;

CREATE FUNCTION casus_teams_bijwerken() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- The referral's own trigger computes the value again on this UPDATE; the SET makes the row change.
    UPDATE aanmelding_aanmelding a SET casus_teams = aanmelding_casus_teams(a.casus_id)
    WHERE a.casus_id IN (SELECT content_object_id FROM gewijzigd)
      AND a.casus_teams IS DISTINCT FROM aanmelding_casus_teams(a.casus_id);
    RETURN NULL;
END;
$$;

LOCK TABLE casus_casusgroupobjectpermission, aanmelding_aanmelding IN SHARE ROW EXCLUSIVE MODE;

UPDATE aanmelding_aanmelding a SET casus_teams = t.teams
FROM (
    SELECT g.content_object_id, array_agg(g.group_id ORDER BY g.group_id) AS teams
    FROM casus_casusgroupobjectpermission g
    JOIN auth_permission p ON p.id = g.permission_id AND p.codename = 'view_casus'
    JOIN django_content_type t ON t.id = p.content_type_id AND t.app_label = 'casus'
    GROUP BY g.content_object_id
) t
WHERE a.casus_id = t.content_object_id;

CREATE TRIGGER aanmelding_casus_teams BEFORE INSERT OR UPDATE ON aanmelding_aanmelding
    FOR EACH ROW EXECUTE FUNCTION aanmelding_casus_teams_zetten();
CREATE TRIGGER casus_teams_na_insert AFTER INSERT ON casus_casusgroupobjectpermission
    REFERENCING NEW TABLE AS gewijzigd FOR EACH STATEMENT EXECUTE FUNCTION casus_teams_bijwerken();
CREATE TRIGGER casus_teams_na_delete AFTER DELETE ON casus_casusgroupobjectpermission
    REFERENCING OLD TABLE AS gewijzigd FOR EACH STATEMENT EXECUTE FUNCTION casus_teams_bijwerken();
-- An update may move a row to another casus: both the casus it left and the one it joined.
CREATE TRIGGER casus_teams_na_update_oud AFTER UPDATE ON casus_casusgroupobjectpermission
    REFERENCING OLD TABLE AS gewijzigd FOR EACH STATEMENT EXECUTE FUNCTION casus_teams_bijwerken();
CREATE TRIGGER casus_teams_na_update_nieuw AFTER UPDATE ON casus_casusgroupobjectpermission
    REFERENCING NEW TABLE AS gewijzigd FOR EACH STATEMENT EXECUTE FUNCTION casus_teams_bijwerken();
"""

TEAMS_TERUG = """
DROP TRIGGER casus_teams_na_update_nieuw ON casus_casusgroupobjectpermission;
DROP TRIGGER casus_teams_na_update_oud ON casus_casusgroupobjectpermission;
DROP TRIGGER casus_teams_na_delete ON casus_casusgroupobjectpermission;
DROP TRIGGER casus_teams_na_insert ON casus_casusgroupobjectpermission;
DROP TRIGGER aanmelding_casus_teams ON aanmelding_aanmelding;
DROP FUNCTION casus_teams_bijwerken();
DROP FUNCTION aanmelding_casus_teams_zetten();
DROP FUNCTION aanmelding_casus_teams(bigint);
"""


def _vervangen(include: str) -> list[str]:
    """As in 0015: by hand, since Django renders an OpClass over a function with one pair of parentheses too many;
    the statistics target goes with the dropped index and is set again."""
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
        ("aanmelding", "0015_zoeknaam_met_casus"),
        ("casus", "0012_tevredenheidregel_versie"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="aanmelding",
            name="casus_teams",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.IntegerField(), blank=True, default=list, editable=False, size=None
            ),
        ),
        migrations.RunSQL(TEAMS, TEAMS_TERUG),
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(_vervangen(f"{KOLOMMEN}, casus_teams"), _vervangen(KOLOMMEN)),
            ],
            state_operations=[
                migrations.RemoveIndex(model_name="aanmelding", name="aanmelding_zoeknaam_idx"),
                migrations.AddIndex(
                    model_name="aanmelding",
                    index=models.Index(
                        django.contrib.postgres.indexes.OpClass(
                            django.db.models.functions.text.Upper("achternaam"), name="text_pattern_ops"
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
