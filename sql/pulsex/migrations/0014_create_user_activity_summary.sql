-- What: creates the materialized view pulsex.user_activity_summary (per-user activity counts)
--       with the unique index that REFRESH ... CONCURRENTLY needs; grants.
-- Why: reporting reads pre-computed counts instead of aggregating the big tables on every
--      request; refresh_user_stats() (repeatable/50_fn_maintenance.sql) refreshes it
--      concurrently so readers are never blocked. A materialized view cannot have row-level
--      security, so it holds no personal data besides the user id and is not granted to
--      pulsex_app or pulsex_readonly.

CREATE MATERIALIZED VIEW pulsex.user_activity_summary AS
SELECT u.id                                   AS user_id,
       u.status                               AS account_status,
       coalesce(b.briefings_total, 0)         AS briefings_total,
       coalesce(b.briefings_opened, 0)        AS briefings_opened,
       b.last_briefing_date,
       coalesce(f.feedback_total, 0)          AS feedback_total,
       coalesce(f.feedback_weight, 0)         AS feedback_weight,
       coalesce(f.feedback_last_30_days, 0)   AS feedback_last_30_days,
       coalesce(s.saved_cards_total, 0)       AS saved_cards_total,
       greatest(u.last_login_at, f.last_feedback_at, s.last_saved_at) AS last_activity_at,
       now()                                  AS refreshed_at
  FROM pulsex.users AS u
  LEFT JOIN (SELECT user_id,
                    count(*)                                  AS briefings_total,
                    count(*) FILTER (WHERE opened_at IS NOT NULL) AS briefings_opened,
                    max(briefing_date)                        AS last_briefing_date
               FROM pulsex.briefings
              GROUP BY user_id) AS b ON b.user_id = u.id
  LEFT JOIN (SELECT user_id,
                    count(*)                                  AS feedback_total,
                    sum(weight)                               AS feedback_weight,
                    count(*) FILTER (WHERE created_at >= now() - interval '30 days')
                                                              AS feedback_last_30_days,
                    max(created_at)                           AS last_feedback_at
               FROM pulsex.user_feedback
              GROUP BY user_id) AS f ON f.user_id = u.id
  LEFT JOIN (SELECT user_id,
                    count(*)                                  AS saved_cards_total,
                    max(saved_at)                             AS last_saved_at
               FROM pulsex.saved_cards
              GROUP BY user_id) AS s ON s.user_id = u.id
WITH DATA;

CREATE UNIQUE INDEX user_activity_summary_user_id_key ON pulsex.user_activity_summary (user_id);

COMMENT ON MATERIALIZED VIEW pulsex.user_activity_summary IS
    'Per-user activity counts (briefings, feedback, saved cards, last activity) as of '
    'refreshed_at. Refreshed concurrently by refresh_user_stats() (daily job). No row-level '
    'security is possible on a materialized view: granted to pulsex_analytics and pulsex_backup only.';
COMMENT ON COLUMN pulsex.user_activity_summary.feedback_weight IS 'Sum of user_feedback.weight over all time.';
COMMENT ON COLUMN pulsex.user_activity_summary.refreshed_at IS 'When the view was last refreshed.';

ALTER MATERIALIZED VIEW pulsex.user_activity_summary OWNER TO pulsex_migrations;

GRANT SELECT ON pulsex.user_activity_summary TO pulsex_analytics, pulsex_backup;
