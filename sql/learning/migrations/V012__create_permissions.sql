-- What: creates user_management.permissions, the catalog of permission keys, and fills it.
-- Why:  permissions are defined by the application code, not by tenants, so the catalog is
--       global reference data and ships with the schema. Organizations combine these keys
--       into their own roles (V013). The database itself enforces the keys where a learner
--       could otherwise raise their own rights or read answers (see README).

SET LOCAL ROLE learning_owner;

CREATE TABLE user_management.permissions (
  key          text PRIMARY KEY,
  description  text NOT NULL,
  CONSTRAINT permissions_key_format CHECK (key ~ '^[a-z_]+\.[a-z_]+$')
);

COMMENT ON TABLE user_management.permissions IS
  'Global catalog of permission keys (resource.action). Reference data, the same for every organization; no tenant rows.';

INSERT INTO user_management.permissions (key, description) VALUES
  ('organization.manage', 'Edit the organization name and settings'),
  ('members.manage',      'Invite members, change their status, define roles and assign them'),
  ('course.manage',       'Create and edit courses, modules, lessons, learning paths, prerequisites and assignments'),
  ('content.manage',      'Create and edit content items and media'),
  ('quiz.manage',         'Author quizzes and read or set their answer keys'),
  ('assignment.grade',    'Grade assignment submissions'),
  ('gamification.manage', 'Define levels, badges and achievements'),
  ('points.adjust',       'Add manual point adjustments to the ledger'),
  ('forum.moderate',      'Create forums, lock and pin threads'),
  ('analytics.view',      'Read organization-wide analytics');

RESET ROLE;
