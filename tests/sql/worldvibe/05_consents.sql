-- Consents: a check-in (or session) without an active consent to the current policy version
-- is rejected; withdrawing erases the subject's raw rows of that purpose (check-ins; sessions
-- with their events) whichever way withdrawn_at is set, keeps the consent record, leaves other
-- subjects alone, and the rollups lose the subject's contribution at the next refresh; consent
-- rows cannot be rewritten; the app role manages only its own subject's consents; a new
-- policy version makes older consents insufficient.
BEGIN;
SELECT plan(42);

CREATE FUNCTION pg_temp.check_in(p_user text) RETURNS void LANGUAGE sql AS $$
    INSERT INTO worldvibe.check_ins (created_at, subject_hash, emotion, intensity, location)
    VALUES ('2024-03-11 09:30+00', worldvibe.pseudonymize(p_user), 'TRUST', 5, 'SRID=4326;POINT(2.35 48.86)')
$$;
CREATE FUNCTION pg_temp.check_ins_of(p_user text) RETURNS bigint LANGUAGE sql AS $$
    SELECT count(*) FROM worldvibe.check_ins WHERE subject_hash = worldvibe.pseudonymize(p_user)
$$;

-- no consent, no check-in
SELECT throws_ok($$SELECT pg_temp.check_in('consent-test-1')$$, 'WVC01', NULL, 'a check-in without any consent is rejected');
SELECT throws_ok($$SELECT pg_temp.check_in('seed-user-0395')$$, 'WVC01', NULL, 'a check-in after the consent was withdrawn is rejected');
SELECT throws_ok($$INSERT INTO worldvibe.sessions (subject_hash) VALUES (worldvibe.pseudonymize('seed-user-0350'))$$, 'WVC01', NULL,
                 'a session without the product_analytics consent is rejected (check_ins consent is not enough)');
SELECT is(pg_temp.check_ins_of('seed-user-0395'), 0::bigint, 'the seed kept no check-in of a withdrawn subject');
SELECT throws_ok($$INSERT INTO worldvibe.check_ins (created_at, subject_hash, emotion, intensity, location)
                   VALUES ('2024-03-11 09:40+00', worldvibe.pseudonymize('seed-user-0006'), 'JOY', 5, 'SRID=4326;POINT(0 0)'),
                          ('2024-03-11 09:41+00', worldvibe.pseudonymize('consent-test-9'), 'JOY', 5, 'SRID=4326;POINT(0 0)')$$,
                 'WVC01', format('subject %s has no active consent to the current check_ins policy', worldvibe.pseudonymize('consent-test-9')),
                 'one check-in without consent rejects a multi-row statement, naming the subject');
SELECT is((SELECT count(*) FROM worldvibe.check_ins WHERE created_at = '2024-03-11 09:40+00'), 0::bigint,
          'none of that statement''s rows is stored, not even the consented one');
CREATE TEMP TABLE first_grant AS SELECT worldvibe.grant_consent('check_ins', p_subject_hash => worldvibe.pseudonymize('consent-test-1')) AS id;
SELECT is(worldvibe.grant_consent('check_ins', p_subject_hash => worldvibe.pseudonymize('consent-test-1')), (SELECT id FROM first_grant),
          'granting an active consent again returns the same consent (idempotent)');
SELECT lives_ok($$SELECT pg_temp.check_in('consent-test-1')$$, 'with the consent the check-in is accepted');
SELECT throws_ok($$SELECT worldvibe.grant_consent('marketing', p_subject_hash => worldvibe.pseudonymize('consent-test-1'))$$, 'WVC02', NULL,
                 'there is no consent for an unknown purpose');

-- withdrawal erases the subject's check-ins, nothing else
CREATE TEMP TABLE before AS
SELECT (SELECT count(*) FROM worldvibe.check_ins) AS check_ins,
       pg_temp.check_ins_of('seed-user-0001') AS mine;
SELECT is((SELECT mine FROM before), 12::bigint, 'precondition: seed-user-0001 has 12 check-ins');
SELECT is(worldvibe.withdraw_consent('check_ins', worldvibe.pseudonymize('seed-user-0001')), 1, 'withdraw_consent withdraws the one active consent');
SELECT is(pg_temp.check_ins_of('seed-user-0001'), 0::bigint, 'withdrawing erases all of the subject''s check-ins');
SELECT is((SELECT count(*) FROM worldvibe.check_ins), (SELECT check_ins - mine FROM before), 'and nobody else''s');
SELECT is((SELECT count(*) FROM worldvibe.privacy_consents
            WHERE subject_hash = worldvibe.pseudonymize('seed-user-0001') AND purpose = 'check_ins' AND withdrawn_at IS NOT NULL),
          1::bigint, 'the consent record stays, marked withdrawn');
SELECT throws_ok($$SELECT pg_temp.check_in('seed-user-0001')$$, 'WVC01', NULL, 'a later check-in of the subject is rejected');
SELECT ok(worldvibe.refresh_invalidated_rollups() >= 12, 'the erased hours were invalidated and are refreshed');
SELECT is((SELECT sum(check_in_count) FROM worldvibe.daily_rollups WHERE region_hash IS NULL AND emotion IS NULL),
          (SELECT check_ins - mine FROM before), 'after the refresh the rollups count every remaining check-in and no erased one');
SELECT is((SELECT sum(check_in_count) FROM worldvibe.hourly_rollups WHERE region_hash IS NULL AND emotion IS NULL),
          (SELECT count(*) FROM worldvibe.check_ins), 'the hourly totals match the remaining raw rows');

-- a plain UPDATE erases as well
UPDATE worldvibe.privacy_consents SET withdrawn_at = now()
 WHERE subject_hash = worldvibe.pseudonymize('seed-user-0002') AND purpose = 'check_ins';
SELECT is(pg_temp.check_ins_of('seed-user-0002'), 0::bigint, 'setting withdrawn_at with a plain UPDATE erases too');

-- product_analytics: sessions and, by cascade, events
CREATE TEMP TABLE their_sessions AS
SELECT id FROM worldvibe.sessions WHERE subject_hash = worldvibe.pseudonymize('seed-user-0003');
SELECT ok((SELECT count(*) FROM worldvibe.events WHERE session_id IN (SELECT id FROM their_sessions)) > 0,
          'precondition: seed-user-0003 has sessions with events');
SELECT is(worldvibe.withdraw_consent('product_analytics', worldvibe.pseudonymize('seed-user-0003')), 1, 'product_analytics withdrawn');
SELECT is((SELECT count(*) FROM worldvibe.sessions WHERE id IN (SELECT id FROM their_sessions)), 0::bigint, 'the subject''s sessions are erased');
SELECT is((SELECT count(*) FROM worldvibe.events WHERE session_id IN (SELECT id FROM their_sessions)), 0::bigint, 'and their events');
SELECT is(pg_temp.check_ins_of('seed-user-0003'), 12::bigint, 'the check-ins (another purpose) are kept');

-- consent rows are records
SELECT throws_ok($$UPDATE worldvibe.privacy_consents SET withdrawn_at = NULL
                    WHERE subject_hash = worldvibe.pseudonymize('seed-user-0001') AND purpose = 'check_ins'$$,
                 'WVC03', NULL, 'a withdrawal cannot be undone');
SELECT throws_ok($$UPDATE worldvibe.privacy_consents SET purpose = 'product_analytics'
                    WHERE subject_hash = worldvibe.pseudonymize('seed-user-0004') AND purpose = 'check_ins'$$,
                 'WVC03', NULL, 'a consent cannot be turned into another one');
SELECT isnt(worldvibe.grant_consent('check_ins', p_subject_hash => worldvibe.pseudonymize('seed-user-0001')),
            (SELECT id FROM worldvibe.privacy_consents WHERE subject_hash = worldvibe.pseudonymize('seed-user-0001') AND purpose = 'check_ins' AND withdrawn_at IS NOT NULL),
            'consenting again after a withdrawal records a new consent');
SELECT lives_ok($$SELECT pg_temp.check_in('seed-user-0001')$$, 'and check-ins are accepted again');

-- the app role, acting for its subject
SET LOCAL ROLE worldvibe_app;
SELECT is(worldvibe.act_as_subject('consent-app-1'), worldvibe.pseudonymize('consent-app-1'), 'the app acts for consent-app-1');
SELECT throws_ok($$SELECT worldvibe.record_check_in('JOY', 6, 2.35, 48.86, '2024-03-11 10:00+00')$$, 'WVC01', NULL,
                 'app: a check-in without consent is rejected');
SELECT ok(worldvibe.grant_consent('check_ins') > 0, 'app: the subject consents');
SELECT lives_ok($$SELECT worldvibe.record_check_in('JOY', 6, 2.35, 48.86, '2024-03-11 10:00+00')$$, 'app: the check-in is accepted now');
SELECT is((SELECT count(*) FROM worldvibe.privacy_consents), 1::bigint, 'app: sees only its subject''s consent');
SELECT throws_ok($$INSERT INTO worldvibe.privacy_consents (subject_hash, purpose, policy_version)
                   VALUES (worldvibe.pseudonymize('someone-else'), 'check_ins', 1)$$, '42501', NULL,
                 'app: cannot record a consent for another subject');
SELECT is((SELECT count(*) FROM worldvibe.check_ins), 1::bigint, 'app: sees its one check-in');
SELECT is(worldvibe.withdraw_consent('check_ins'), 1, 'app: withdraws');
SELECT is((SELECT count(*) FROM worldvibe.check_ins), 0::bigint, 'app: its check-in is erased');
RESET ROLE;
SELECT is(pg_temp.check_ins_of('consent-app-1'), 0::bigint, 'erased for everyone, not only hidden from the app');

-- a new policy version
INSERT INTO worldvibe.consent_policy_versions (purpose, version, effective_at, summary)
VALUES ('check_ins', 2, now() - interval '1 minute', 'Version 2 of the check-in terms.'),
       ('check_ins', 3, now() + interval '1 day', 'Version 3, not yet effective.');
SELECT is(worldvibe.current_policy_version('check_ins'), 2, 'the current version is the latest effective one (3 is not yet)');
SELECT throws_ok($$SELECT pg_temp.check_in('seed-user-0005')$$, 'WVC01', NULL, 'a consent to version 1 no longer allows check-ins');
SELECT lives_ok($$SELECT worldvibe.grant_consent('check_ins', p_subject_hash => worldvibe.pseudonymize('seed-user-0005'));
                  SELECT pg_temp.check_in('seed-user-0005')$$, 'after consenting to version 2 it does');
UPDATE worldvibe.privacy_consents SET withdrawn_at = now()
 WHERE subject_hash = worldvibe.pseudonymize('seed-user-0005') AND purpose = 'check_ins' AND policy_version = 1;
SELECT is(pg_temp.check_ins_of('seed-user-0005'), 13::bigint, 'withdrawing an old version while the new one is active erases nothing');

SELECT * FROM finish();
ROLLBACK;
