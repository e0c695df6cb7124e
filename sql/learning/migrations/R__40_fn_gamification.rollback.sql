-- What: drops the gamification triggers and functions (undoes R__40_fn_gamification.sql).
-- Why:  triggers first, then the functions they call. Without the forbid_change trigger the
--       ledger is protected only by privileges until the file is applied again.

DROP TRIGGER check_order ON gamification.levels;
DROP TRIGGER apply_to_balance ON gamification.points_ledger;
DROP TRIGGER forbid_change ON gamification.points_ledger;
DROP FUNCTION gamification.rebuild_point_balances();
DROP FUNCTION gamification.adjust_points(uuid, integer, text);
DROP FUNCTION gamification.tg_levels__check_order();
DROP FUNCTION gamification.tg_points_ledger__apply();
DROP FUNCTION gamification.tg_points_ledger__forbid_change();
DROP FUNCTION gamification.touch_streak(uuid, uuid, timestamptz);
DROP FUNCTION gamification.evaluate_rules(uuid, uuid, text[]);
DROP FUNCTION gamification.metric_value(uuid, uuid, text);
DROP FUNCTION gamification.award_points(uuid, uuid, integer, text, uuid);
DROP FUNCTION gamification.lock_learner(uuid, uuid);
