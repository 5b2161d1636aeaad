"""KOP-6: the `bi` schema — documented, read-only views for the organisation's BI tool, without direct personal
data (no names, BSNs, addresses, free text; only counts per month, day, week or team) — and the role
`cris_bi`, which may read that schema and nothing else. The views use the same definitions as the production
report and the management views (rapportage.selectors); tests/test_bi.py holds them to agree.

Give the BI tool a login role of its own that is a member of cris_bi (docs/koppelingen.md)."""

from django.conf import settings
from django.db import migrations

TZ = settings.TIME_ZONE.replace("'", "")

VIEWS = f"""
CREATE SCHEMA IF NOT EXISTS bi;
COMMENT ON SCHEMA bi IS 'CRIS management information for the BI tool (KOP-6): read-only views, no direct personal data. See docs/koppelingen.md.';

CREATE OR REPLACE VIEW bi.productie_per_maand AS
WITH alles AS (
    SELECT date_trunc('month', aangemaakt_op AT TIME ZONE '{TZ}')::date AS maand, soort_id, district_id, team_id,
           1 AS nieuw, 0 AS afgerond, 0 AS afgebroken, 0::bigint AS doorlooptijd_s, 0::bigint AS besteed_minuten
    FROM diensten_dienst
    UNION ALL
    SELECT date_trunc('month', afgesloten_op AT TIME ZONE '{TZ}')::date, soort_id, district_id, team_id,
           0, (status = 'afgerond')::int, (status = 'afgebroken')::int,
           CASE WHEN status = 'afgerond' THEN COALESCE(doorlooptijd_s, 0) ELSE 0 END::bigint, 0::bigint
    FROM diensten_dienst WHERE afgesloten_op IS NOT NULL
    UNION ALL
    SELECT date_trunc('month', datum)::date, soort_id, district_id, team_id, 0, 0, 0, 0::bigint, minuten::bigint
    FROM diensten_tijdsbesteding
    UNION ALL
    SELECT maand, soort_id, district_id, team_id, nieuw, afgerond, afgebroken, doorlooptijd_s::bigint,
           besteed_minuten::bigint
    FROM diensten_geschoondeproductie
)
SELECT a.maand, a.soort_id AS dienstsoort_id, s.naam AS dienstsoort, COALESCE(h.naam, s.naam) AS hoofddienst,
       s.categorie, a.district_id, d.naam AS district, a.team_id, t.naam AS team,
       sum(a.nieuw)::bigint AS nieuw, sum(a.afgerond)::bigint AS afgerond, sum(a.afgebroken)::bigint AS afgebroken,
       sum(a.doorlooptijd_s)::bigint AS doorlooptijd_s, sum(a.besteed_minuten)::bigint AS besteed_minuten
FROM alles a
JOIN diensten_dienstsoort s ON s.id = a.soort_id
LEFT JOIN diensten_dienstsoort h ON h.id = s.hoofddienst_id
LEFT JOIN werkstroom_district d ON d.id = a.district_id
JOIN werkstroom_team t ON t.id = a.team_id
GROUP BY a.maand, a.soort_id, s.naam, h.naam, s.categorie, a.district_id, d.naam, a.team_id, t.naam;
COMMENT ON VIEW bi.productie_per_maand IS 'DIE-4 production per month (Europe/Amsterdam) x service type x district x team: services registered (nieuw), closed as afgerond (with the sum of their lead times in seconds) or afgebroken, and minutes spent; purged cases included. Same definitions as the production report.';

CREATE OR REPLACE VIEW bi.intake_per_dag AS
SELECT (ontvangen_op AT TIME ZONE '{TZ}')::date AS dag, kanaal, count(*)::bigint AS aanmeldingen
FROM aanmelding_aanmelding
GROUP BY 1, 2;
COMMENT ON VIEW bi.intake_per_dag IS 'AAN-1 referrals received per day (Europe/Amsterdam) and channel (edp, edom, cai, msh, ...).';

CREATE OR REPLACE VIEW bi.ab_48_uur_per_week AS
SELECT date_trunc('week', t.deadline AT TIME ZONE '{TZ}')::date AS week, t.team_id, tm.naam AS team,
       count(*)::bigint AS taken,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM taken_contactmoment c
                                      WHERE c.taak_id = t.id AND c.tijdstip <= t.deadline))::bigint AS op_tijd
FROM taken_taak t
JOIN werkstroom_team tm ON tm.id = t.team_id
WHERE t.type_id IN (SELECT id FROM taken_taaktype WHERE afdeling = 'AB' AND deadline_uren IS NOT NULL)
  AND t.deadline IS NOT NULL
GROUP BY 1, 2, 3;
COMMENT ON VIEW bi.ab_48_uur_per_week IS 'TAK-8 Actieve Benadering 48-hour rule: AB tasks per ISO week of their deadline (48 h after the referral arrived) and team, and how many had a contact or attempt before the deadline. The running week also holds deadlines still to come.';

CREATE OR REPLACE VIEW bi.caseload_per_team AS
SELECT tm.id AS team_id, tm.naam AS team, tm.afdeling,
       (SELECT count(*) FROM werkstroom_lidmaatschap l WHERE l.team_id = tm.id)::bigint AS leden,
       count(t.id) FILTER (WHERE t.status = 'nieuw')::bigint AS nieuw,
       count(t.id) FILTER (WHERE t.status = 'toegewezen')::bigint AS toegewezen,
       count(t.id) FILTER (WHERE t.status = 'in_behandeling')::bigint AS in_behandeling,
       -- A view read by an outside tool has no application clock: the database's is "now" here.
       count(t.id) FILTER (WHERE t.deadline < now())::bigint AS te_laat
FROM werkstroom_team tm
LEFT JOIN taken_taak t ON t.team_id = tm.id AND t.status IN ('nieuw', 'toegewezen', 'in_behandeling')
WHERE tm.actief
GROUP BY tm.id, tm.naam, tm.afdeling;
COMMENT ON VIEW bi.caseload_per_team IS 'TAK-4 open tasks per active team now, by status, the overdue ones, and the number of members.';

DO $$ BEGIN
    BEGIN CREATE ROLE cris_bi NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
    REVOKE ALL ON SCHEMA bi FROM PUBLIC;
    GRANT USAGE ON SCHEMA bi TO cris_bi;
    GRANT SELECT ON ALL TABLES IN SCHEMA bi TO cris_bi;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'cris_bi not created: the migrating role may not create roles; create it as documented.';
END $$;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("rapportage", "0001_rapportage_indexen"),
        ("diensten", "0002_dienstencatalogus"),
        ("taken", "0007_mijn_filters"),
        ("aanmelding", "0012_alter_aanmelding_signaleringen"),
        ("werkstroom", "0005_beheervoorstel"),
    ]

    operations = [migrations.RunSQL(VIEWS, "DROP SCHEMA IF EXISTS bi CASCADE;")]
