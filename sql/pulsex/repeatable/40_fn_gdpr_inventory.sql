-- What: generate_user_data_inventory(): every column holding personal data, its category,
--       retention and erasure action, as registered in pulsex.personal_data_columns and
--       checked against the catalog.
-- Why: the GDPR record of processing must follow the schema. The function holds no list of
--      its own: it reads the register (maintained by the migrations that add columns) and
--      reports, for each entry, whether the column really exists and its actual type.

CREATE OR REPLACE FUNCTION pulsex.generate_user_data_inventory()
RETURNS TABLE (
    table_name     text,
    column_name    text,
    data_type      text,
    category       text,
    retention      text,
    erasure_action text,
    description    text,
    column_exists  boolean)
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT p.table_name,
           p.column_name,
           format_type(a.atttypid, a.atttypmod),
           p.category,
           p.retention,
           p.erasure_action,
           p.description,
           a.attnum IS NOT NULL
      FROM pulsex.personal_data_columns AS p
      LEFT JOIN pg_class AS c
             ON c.relnamespace = 'pulsex'::regnamespace
            AND c.relname = p.table_name
            AND c.relkind IN ('r', 'p')
            AND NOT c.relispartition
      LEFT JOIN pg_attribute AS a
             ON a.attrelid = c.oid
            AND a.attname = p.column_name
            AND a.attnum > 0
            AND NOT a.attisdropped
     ORDER BY p.table_name, p.column_name
$$;

COMMENT ON FUNCTION pulsex.generate_user_data_inventory() IS
    'GDPR inventory: one row per registered personal-data column (pulsex.personal_data_columns) '
    'with its actual type; column_exists = false flags a register entry the schema no longer has.';

ALTER FUNCTION pulsex.generate_user_data_inventory() OWNER TO pulsex_migrations;
REVOKE EXECUTE ON FUNCTION pulsex.generate_user_data_inventory() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pulsex.generate_user_data_inventory() TO pulsex_analytics;
