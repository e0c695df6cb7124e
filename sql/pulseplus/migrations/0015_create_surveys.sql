-- What: pulseplus.survey and pulseplus.survey_response; indexes, row-level security on
--       responses, grants.
-- Why:  the seed's survey group ("survey (and responses)"). One response per user and survey
--       (unique key); a user reads and submits only their own responses, and only while the
--       survey is open (policy). Operators read all responses; for anonymous surveys the
--       reporting layer must not show who answered (the row keeps user_id to stop double
--       answers).

CREATE TABLE pulseplus.survey (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title         text NOT NULL
                CONSTRAINT survey_title_length CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  description   text,
  department_id uuid REFERENCES pulseplus.department (id) ON DELETE CASCADE,
  created_by    uuid REFERENCES pulseplus.sys_user (id) ON DELETE SET NULL,
  questions     jsonb NOT NULL
                CONSTRAINT survey_questions_shape
                CHECK (jsonb_typeof(questions) = 'array' AND jsonb_array_length(questions) BETWEEN 1 AND 100),
  is_anonymous  boolean NOT NULL DEFAULT false,
  opens_at      timestamptz NOT NULL,
  closes_at     timestamptz NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT survey_window CHECK (closes_at > opens_at)
);

CREATE INDEX survey_department_id_idx ON pulseplus.survey (department_id) WHERE department_id IS NOT NULL;
CREATE INDEX survey_created_by_idx ON pulseplus.survey (created_by) WHERE created_by IS NOT NULL;

COMMENT ON TABLE pulseplus.survey IS 'User surveys; open for answers in [opens_at, closes_at).';
COMMENT ON COLUMN pulseplus.survey.department_id IS 'Department surveyed; NULL: the whole organisation.';
COMMENT ON COLUMN pulseplus.survey.questions IS
  'Array of questions, e.g. [{"key": "q1", "text": "...", "type": "scale", "min": 1, "max": 5}].';
COMMENT ON COLUMN pulseplus.survey.is_anonymous IS 'Reports must not reveal who answered (responses still record user_id to prevent double answers).';

CREATE TABLE pulseplus.survey_response (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survey_id    uuid NOT NULL REFERENCES pulseplus.survey (id) ON DELETE CASCADE,
  user_id      uuid NOT NULL REFERENCES pulseplus.sys_user (id) ON DELETE CASCADE,
  answers      jsonb NOT NULL
               CONSTRAINT survey_response_answers_object CHECK (jsonb_typeof(answers) = 'object'),
  submitted_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT survey_response_survey_user_key UNIQUE (survey_id, user_id)
);

CREATE INDEX survey_response_user_id_idx ON pulseplus.survey_response (user_id);

COMMENT ON TABLE pulseplus.survey_response IS 'Answers of one user to one survey (at most one response each).';
COMMENT ON COLUMN pulseplus.survey_response.answers IS 'Object keyed by question key, e.g. {"q1": 4, "q2": "More stand-ups"}.';

ALTER TABLE pulseplus.survey_response ENABLE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.survey_response FORCE ROW LEVEL SECURITY;

CREATE POLICY survey_response_select_own ON pulseplus.survey_response
  FOR SELECT TO pulseplus_app
  USING (user_id = pulseplus.acting_user_id());
CREATE POLICY survey_response_submit_own ON pulseplus.survey_response
  FOR INSERT TO pulseplus_app
  WITH CHECK (user_id = pulseplus.acting_user_id()
              AND EXISTS (SELECT 1 FROM pulseplus.survey s
                           WHERE s.id = survey_id AND now() >= s.opens_at AND now() < s.closes_at));
CREATE POLICY survey_response_all_admin ON pulseplus.survey_response
  FOR ALL TO pulseplus_admin
  USING (true) WITH CHECK (true);

GRANT SELECT ON pulseplus.survey, pulseplus.survey_response TO pulseplus_app, pulseplus_admin;
GRANT INSERT (survey_id, user_id, answers) ON pulseplus.survey_response TO pulseplus_app;
GRANT INSERT, UPDATE, DELETE ON pulseplus.survey, pulseplus.survey_response TO pulseplus_admin;
