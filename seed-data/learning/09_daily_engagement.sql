-- Seed: the daily_engagement rollup over every day the seed's events and ledger rows cover
-- (the scheduled job only recomputes yesterday and today).

SELECT analytics.rebuild_daily_engagement(least(min(d), (now() AT TIME ZONE 'UTC')::date - 1),
                                          greatest(max(d), (now() AT TIME ZONE 'UTC')::date))
  FROM (SELECT (occurred_at AT TIME ZONE 'UTC')::date AS d FROM analytics.learning_events
        UNION ALL
        SELECT (awarded_at AT TIME ZONE 'UTC')::date FROM gamification.points_ledger) AS days;
