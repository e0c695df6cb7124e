-- Seed: 300 users spread over the 8 departments (deterministic: ids are md5 of a fixed key,
-- names come from fixed lists by arithmetic on the user number), 5 user groups and their
-- members. User 1 is the organisation admin, every 25th user a manager.
-- Ids: sys_user n = md5('pulseplus:user:' || n)::uuid.

INSERT INTO pulseplus.sys_user (id, email, first_name, last_name, display_name, job_title, department_id,
                                role, is_active, last_login_at, created_at, updated_at)
SELECT md5('pulseplus:user:' || n)::uuid,
       lower(first_name || '.' || replace(last_name, ' ', '') || '.' || n) || '@pulseplus.example',
       first_name,
       last_name,
       first_name || ' ' || left(last_name, 1) || '.',
       CASE WHEN n = 1 THEN 'People Operations Lead'
            WHEN n % 25 = 0 THEN 'Team Lead, ' || d.name
            ELSE (ARRAY['Specialist', 'Associate', 'Senior Associate', 'Analyst', 'Engineer', 'Coordinator'])[n % 6 + 1]
                 || ', ' || d.name END,
       d.id,
       CASE WHEN n = 1 THEN 'admin' WHEN n % 25 = 0 THEN 'manager' ELSE 'employee' END,
       n % 97 <> 0,
       timestamptz '2026-01-05 09:00:00+00' + make_interval(hours => n * 7),
       timestamptz '2024-03-01 08:00:00+00' + make_interval(days => n * 2),
       timestamptz '2024-03-01 08:00:00+00' + make_interval(days => n * 2)
  FROM generate_series(1, 300) AS n
  CROSS JOIN LATERAL (
    SELECT (ARRAY['Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Radia',
                  'Edsger', 'Frances', 'Donald', 'Hedy', 'Tim', 'Shafi', 'Niklaus', 'Annie', 'Bjarne', 'Joan',
                  'Guido', 'Sophie', 'James', 'Carol', 'John', 'Mary', 'Yukihiro', 'Lynn', 'Brian', 'Elena',
                  'Rasmus', 'Anita', 'Larry', 'Evelyn', 'Ward', 'Hannah', 'Leslie', 'Jean', 'Ivan', 'Adele'])[(n - 1) % 40 + 1]
             AS first_name,
           (ARRAY['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson',
                  'Perlman', 'Dijkstra', 'Allen', 'Knuth', 'Lamarr', 'Berners-Lee', 'Goldwasser', 'Wirth', 'Easley',
                  'Stroustrup', 'Clarke', 'van Rossum', 'Wilson', 'Gosling', 'Shaw', 'Backus', 'Keller', 'Matsumoto',
                  'Conway', 'Kernighan', 'Ostrova', 'Lerdorf', 'Borg', 'Wall', 'Boyd', 'Cunningham', 'Fry', 'Lamport',
                  'Sammet', 'Sutherland', 'Goldberg'])[((n - 1) / 40 * 7 + (n - 1) % 40 * 3) % 40 + 1]
             AS last_name) AS names
  JOIN (SELECT id, name, row_number() OVER (ORDER BY code) - 1 AS slot FROM pulseplus.department) AS d
    ON d.slot = n % 8;

INSERT INTO pulseplus.sys_user_group (id, name, description)
VALUES (md5('pulseplus:group:1')::uuid, 'Wellbeing champions', 'Volunteers who run the step challenge in their office'),
       (md5('pulseplus:group:2')::uuid, 'Engineering guild', 'Cross-team engineering practices'),
       (md5('pulseplus:group:3')::uuid, 'New starters 2026', 'Everyone who joined this year'),
       (md5('pulseplus:group:4')::uuid, 'Mentors', 'People who mentor new starters'),
       (md5('pulseplus:group:5')::uuid, 'Sales kick-off crew', 'Organisers of the sales kick-off');

-- group g takes every user n with n % (g + 4) = 0: 20 to 60 members each, overlapping
INSERT INTO pulseplus.sys_user_group_member (group_id, user_id, joined_at)
SELECT md5('pulseplus:group:' || g)::uuid, md5('pulseplus:user:' || n)::uuid,
       timestamptz '2025-01-06 09:00:00+00' + make_interval(days => n + g)
  FROM generate_series(1, 5) AS g
  CROSS JOIN generate_series(1, 300) AS n
 WHERE n % (g + 4) = 0;
