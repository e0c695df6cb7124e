-- The points ledger is append-only: UPDATE and DELETE are refused for everyone (the
-- trigger fires for superusers and the owner too), the application has no write privilege
-- at all, and a correction is a new manual_adjustment row made through adjust_points()
-- (permission points.adjust), which moves the balance both ways but never below zero.
BEGIN;
SELECT plan(15);

CREATE TEMP TABLE before AS SELECT count(*) AS n, sum(points) AS total FROM gamification.points_ledger;

SELECT throws_ok($$UPDATE gamification.points_ledger SET points = points + 100$$, 'LRN07', NULL,
                 'a superuser cannot update ledger rows');
SELECT throws_ok($$DELETE FROM gamification.points_ledger$$, 'LRN07', NULL, 'a superuser cannot delete ledger rows');
SELECT throws_ok($$DELETE FROM user_management.organization_members
                   WHERE user_id = '0b000001-0000-4000-8000-000000000003' AND organization_id = '0a000000-0000-4000-8000-000000000001'$$,
                 '23503', NULL, 'a member with points history cannot be deleted (ON DELETE RESTRICT): suspend instead');

SET LOCAL ROLE learning_owner;
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001');
SELECT throws_ok($$UPDATE gamification.points_ledger SET note = 'edited'$$, 'LRN07', NULL, 'the owner cannot update ledger rows either');
RESET ROLE;

SET LOCAL ROLE learning_app;
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000003');
SELECT throws_ok($$UPDATE gamification.points_ledger SET points = 1000 WHERE user_id = '0b000001-0000-4000-8000-000000000003'$$,
                 '42501', NULL, 'the application has no UPDATE privilege on the ledger');
SELECT throws_ok($$DELETE FROM gamification.points_ledger WHERE user_id = '0b000001-0000-4000-8000-000000000003'$$,
                 '42501', NULL, 'the application has no DELETE privilege on the ledger');
SELECT throws_ok($$INSERT INTO gamification.points_ledger (organization_id, user_id, points, reason, note)
                   VALUES ('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000003', 1000, 'manual_adjustment', 'gift')$$,
                 '42501', NULL, 'the application has no INSERT privilege on the ledger');
RESET ROLE;

SELECT is((SELECT ARRAY[count(*), sum(points)] FROM gamification.points_ledger), (SELECT ARRAY[n, total] FROM before),
          'the ledger is unchanged by all of the above');

-- Corrections are new rows.
SET LOCAL ROLE learning_app;
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000001');
CREATE TEMP TABLE omar_before ON COMMIT DROP AS
SELECT total_points FROM gamification.point_balances WHERE user_id = '0b000001-0000-4000-8000-000000000004'
   AND organization_id = '0a000000-0000-4000-8000-000000000001';
SELECT isnt(gamification.adjust_points('0b000001-0000-4000-8000-000000000004', -15, 'Hackathon points entered twice'), NULL,
            'an admin records a negative correction');
SELECT is((SELECT total_points FROM gamification.point_balances WHERE user_id = '0b000001-0000-4000-8000-000000000004'
             AND organization_id = '0a000000-0000-4000-8000-000000000001'),
          (SELECT total_points - 15 FROM omar_before), 'the balance goes down by 15');
SELECT is((SELECT awarded_by FROM gamification.points_ledger WHERE note = 'Hackathon points entered twice'),
          '0b000001-0000-4000-8000-000000000001'::uuid, 'the adjustment records who made it');
SELECT throws_ok($$SELECT gamification.adjust_points('0b000001-0000-4000-8000-000000000004', -100000, 'Too much')$$,
                 '23514', NULL, 'a correction cannot take a balance below zero');
SELECT throws_ok($$SELECT gamification.adjust_points('0b000002-0000-4000-8000-000000000003', 10, 'Not ours')$$,
                 '23503', NULL, 'points can only be given to members of the context organization');
RESET ROLE;

SELECT throws_ok($$INSERT INTO gamification.points_ledger (organization_id, user_id, points, reason)
                   VALUES ('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000004', 10, 'manual_adjustment')$$,
                 '23514', NULL, 'a manual adjustment needs a note');
SELECT throws_ok($$INSERT INTO gamification.points_ledger (organization_id, user_id, points, reason)
                   VALUES ('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000004', 10, 'lesson_completed')$$,
                 '23514', NULL, 'an automatic award needs its source');

SELECT * FROM finish();
ROLLBACK;
