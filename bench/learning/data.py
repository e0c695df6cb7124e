"""The e-learning benchmark's data: its sizes and names, and the generator that writes them
(see bench.py). instructions.py and bench.py share these constants, so that a benchmarked
learner, lesson or quiz is named the same way everywhere."""

from __future__ import annotations

import string
import sys
import time
from dataclasses import dataclass

import psycopg

ORGS = 50
USERS_PER_ORG = 4000
COURSES_PER_ORG = 100
LESSONS_PER_COURSE = 6
ENROLLMENTS_PER_USER = 3
LEDGER_ROWS_PER_USER = 10
HISTORY_SHARE = 0.9        # learners of an organization with history; the rest are new
HISTORY_LEDGER_ROWS = 9    # 6 lessons + 1 quiz + 2 badges

WORDS = ["sql", "python", "statistics", "leadership", "negotiation", "security", "cloud", "kubernetes",
         "accounting", "marketing", "design", "writing", "excel", "networking", "compliance", "safety",
         "java", "testing", "analytics", "management"]

QUESTIONS = """[{"id": "q1", "type": "single_choice", "prompt": "Pick b", "points": 1,
                 "options": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}]},
                {"id": "q2", "type": "multiple_choice", "prompt": "Pick a and c", "points": 2,
                 "options": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}, {"id": "c", "text": "C"}]},
                {"id": "q3", "type": "true_false", "prompt": "False?", "points": 1},
                {"id": "q4", "type": "short_answer", "prompt": "Say yes", "points": 1}]"""
ANSWER_KEY = '{"q1": "b", "q2": ["a", "c"], "q3": false, "q4": ["yes"]}'
RIGHT = '{"q1": "b", "q2": ["c", "a"], "q3": false, "q4": "Yes"}'
WRONG = '{"q1": "a", "q2": ["a"], "q3": true, "q4": "no"}'


@dataclass(frozen=True)
class Scale:
    orgs: int
    users_per_org: int
    courses_per_org: int

    @property
    def users(self) -> int:
        return self.orgs * self.users_per_org

    @property
    def courses(self) -> int:
        return self.orgs * self.courses_per_org

    @property
    def with_history(self) -> int:
        """Learners k < with_history of each organization have a history, the others are new."""
        return max(1, int(self.users_per_org * HISTORY_SHARE))


def scale_of(factor: float) -> Scale:
    """Organizations and courses stay at full size; the number of learners (and so of
    enrollments and ledger rows) scales."""
    return Scale(ORGS, max(10, round(USERS_PER_ORG * factor)), COURSES_PER_ORG)


# Ids are md5(kind || number)::uuid, so that pgbench scripts can compute them from integers:
# organization o in 1..orgs, user i in 0..users-1 (organization i / users_per_org + 1),
# course c in 0..courses-1 (organization c % orgs + 1), lesson l in 1..6 of course c.
GENERATE = string.Template("""
SET session_replication_role = replica;

INSERT INTO user_management.organizations (id, slug, name, plan)
SELECT md5('bench-org:' || o)::uuid, format('bench-%s', lpad(o::text, 3, '0')), format('Bench Organization %s', o), 'enterprise'
  FROM generate_series(1, $orgs) o;

INSERT INTO user_management.roles (id, organization_id, key, name, is_default)
SELECT md5('bench-role:' || o)::uuid, md5('bench-org:' || o)::uuid, 'learner', 'Learner', true
  FROM generate_series(1, $orgs) o;

INSERT INTO gamification.levels (organization_id, level_number, name, min_points)
SELECT md5('bench-org:' || o)::uuid, l, format('Level %s', l), (l - 1) * (l - 1) * 100
  FROM generate_series(1, $orgs) o, generate_series(1, 8) l;

INSERT INTO gamification.badges (organization_id, key, name, rule, points_reward)
SELECT md5('bench-org:' || o)::uuid, b.key, b.name, b.rule::jsonb, b.reward
  FROM generate_series(1, $orgs) o,
       (VALUES ('first_steps', 'First Steps', '{"metric": "lessons_completed", "threshold": 1}', 5),
               ('ten_lessons', 'Ten Lessons', '{"metric": "lessons_completed", "threshold": 10}', 20),
               ('course_finisher', 'Course Finisher', '{"metric": "courses_completed", "threshold": 1}', 25),
               ('quiz_ace', 'Quiz Ace', '{"metric": "perfect_quizzes", "threshold": 1}', 10),
               ('big_earner', 'Big Earner', '{"metric": "points_total", "threshold": 5000}', 0)) AS b (key, name, rule, reward);

INSERT INTO user_management.users (id, email, display_name)
SELECT md5('bench-user:' || i)::uuid, format('user%s@bench.example', i), format('Bench User %s', i)
  FROM generate_series(0, $users - 1) i;

INSERT INTO user_management.organization_members (organization_id, user_id)
SELECT md5('bench-org:' || (i / $upo + 1))::uuid, md5('bench-user:' || i)::uuid
  FROM generate_series(0, $users - 1) i;

INSERT INTO user_management.member_roles (organization_id, user_id, role_id)
SELECT md5('bench-org:' || (i / $upo + 1))::uuid, md5('bench-user:' || i)::uuid, md5('bench-role:' || (i / $upo + 1))::uuid
  FROM generate_series(0, $users - 1) i;

INSERT INTO course_management.courses
       (id, organization_id, slug, title, summary, description, status, published_at, completion_points)
SELECT md5('bench-course:' || c)::uuid, md5('bench-org:' || (c % $orgs + 1))::uuid, format('course-%s', c),
       format('%s for %s %s', initcap(w[c % 20 + 1]), initcap(w[(c / 20) % 20 + 1]), c),
       format('A practical course on %s and %s.', w[(c * 7) % 20 + 1], w[(c * 3) % 20 + 1]),
       format('Covers %s, %s and %s with exercises.', w[(c * 11) % 20 + 1], w[(c * 13) % 20 + 1], w[(c * 17) % 20 + 1]),
       'published', now() - interval '60 days', 150
  FROM generate_series(0, $courses - 1) c, (SELECT $words AS w) words;

INSERT INTO course_management.modules (id, organization_id, course_id, position, title)
SELECT md5('bench-module:' || c || ':' || m)::uuid, md5('bench-org:' || (c % $orgs + 1))::uuid,
       md5('bench-course:' || c)::uuid, m, format('Module %s', m)
  FROM generate_series(0, $courses - 1) c, generate_series(1, 2) m;

INSERT INTO course_management.lessons (id, organization_id, course_id, module_id, position, title, lesson_type, completion_points)
SELECT md5('bench-lesson:' || c || ':' || l)::uuid, md5('bench-org:' || (c % $orgs + 1))::uuid,
       md5('bench-course:' || c)::uuid, md5('bench-module:' || c || ':' || ((l - 1) / 3 + 1))::uuid,
       (l - 1) % 3 + 1, format('Lesson %s', l), 'reading', 10 + l
  FROM generate_series(0, $courses - 1) c, generate_series(1, $lessons) l;

INSERT INTO assessment.quizzes (id, organization_id, course_id, title, questions, status, points_reward)
SELECT md5('bench-quiz:' || c)::uuid, md5('bench-org:' || (c % $orgs + 1))::uuid, md5('bench-course:' || c)::uuid,
       format('Quiz %s', c), '$questions'::jsonb, 'published', 50
  FROM generate_series(0, $courses - 1) c;

INSERT INTO assessment.quiz_answer_keys (organization_id, quiz_id, answer_key)
SELECT md5('bench-org:' || (c % $orgs + 1))::uuid, md5('bench-quiz:' || c)::uuid, '$answer_key'::jsonb
  FROM generate_series(0, $courses - 1) c;

-- User i (organization o = i / upo + 1, local number k = i % upo) takes the courses
-- c = (o - 1) + orgs * ((k * 7 + e * 31) % courses_per_org), e = 0, 1, 2.
INSERT INTO course_management.enrollments (id, organization_id, course_id, user_id, enrolled_at)
SELECT md5('bench-enrollment:' || i || ':' || e)::uuid, md5('bench-org:' || (i / $upo + 1))::uuid,
       md5('bench-course:' || ((i / $upo) + $orgs * (((i % $upo) * 7 + e * 31) % $cpo)))::uuid,
       md5('bench-user:' || i)::uuid, now() - interval '70 days'
  FROM generate_series(0, $users - 1) i, generate_series(0, 2) e;

-- Learner history: learners k < $hist of each organization ("with history") completed
-- lessons 1 and 2 of each of their courses and passed the quiz of their first course with
-- full marks, which earned them first_steps and quiz_ace; the ledger, enrollments and
-- streaks say so. Learners k >= $hist ("new") have done nothing yet.
INSERT INTO course_management.lesson_progress
       (organization_id, enrollment_id, course_id, user_id, lesson_id, status, started_at, completed_at, time_spent_seconds)
SELECT md5('bench-org:' || (i / $upo + 1))::uuid, md5('bench-enrollment:' || i || ':' || e)::uuid,
       md5('bench-course:' || x.c)::uuid, md5('bench-user:' || i)::uuid, md5('bench-lesson:' || x.c || ':' || l)::uuid,
       'completed', x.t - interval '20 minutes', x.t, 600
  FROM generate_series(0, $users - 1) i, generate_series(0, 2) e, generate_series(1, 2) l,
       LATERAL (SELECT (i / $upo) + $orgs * (((i % $upo) * 7 + e * 31) % $cpo) AS c,
                       now() - ((i * 13 + e * 7 + l) % 40 + 10) * interval '1 day' - l * interval '1 hour' AS t) x
 WHERE i % $upo < $hist;

INSERT INTO assessment.quiz_attempts
       (organization_id, quiz_id, user_id, attempt_number, status, answers, score, max_score, score_percent,
        passed, feedback, started_at, submitted_at, graded_at)
SELECT md5('bench-org:' || (i / $upo + 1))::uuid, md5('bench-quiz:' || ((i / $upo) + $orgs * (((i % $upo) * 7) % $cpo)))::uuid,
       md5('bench-user:' || i)::uuid, 1, 'graded', '$right'::jsonb, 5, 5, 100, true,
       '{"q1": true, "q2": true, "q3": true, "q4": true}', x.t - interval '10 minutes', x.t, x.t
  FROM generate_series(0, $users - 1) i,
       LATERAL (SELECT now() - ((i * 13) % 40 + 9) * interval '1 day' AS t) x
 WHERE i % $upo < $hist;

INSERT INTO gamification.user_badges (organization_id, user_id, badge_id, awarded_at)
SELECT m.organization_id, m.user_id, b.id, now() - interval '9 days'
  FROM user_management.organization_members m
  JOIN user_management.organizations o ON o.id = m.organization_id AND o.slug LIKE 'bench-%'
  JOIN gamification.badges b ON b.organization_id = m.organization_id AND b.key IN ('first_steps', 'quiz_ace')
 WHERE EXISTS (SELECT 1 FROM assessment.quiz_attempts a WHERE a.organization_id = m.organization_id AND a.user_id = m.user_id);

INSERT INTO gamification.points_ledger (organization_id, user_id, points, reason, source_id, awarded_at)
SELECT lp.organization_id, lp.user_id, l.completion_points, 'lesson_completed', lp.lesson_id, lp.completed_at
  FROM course_management.lesson_progress lp
  JOIN course_management.lessons l ON l.id = lp.lesson_id
  JOIN user_management.organizations o ON o.id = lp.organization_id AND o.slug LIKE 'bench-%'
UNION ALL
SELECT a.organization_id, a.user_id, 50, 'quiz_passed', a.quiz_id, a.graded_at
  FROM assessment.quiz_attempts a
  JOIN user_management.organizations o ON o.id = a.organization_id AND o.slug LIKE 'bench-%'
UNION ALL
SELECT ub.organization_id, ub.user_id, b.points_reward, 'badge_earned', b.id, ub.awarded_at
  FROM gamification.user_badges ub
  JOIN gamification.badges b ON b.id = ub.badge_id
  JOIN user_management.organizations o ON o.id = ub.organization_id AND o.slug LIKE 'bench-%';

UPDATE course_management.enrollments e
   SET progress_percent = round(100.0 * p.done / $lessons, 2), last_activity_at = p.last_done
  FROM (SELECT lp.enrollment_id, count(*) AS done, max(lp.completed_at) AS last_done
          FROM course_management.lesson_progress lp
          JOIN user_management.organizations o ON o.id = lp.organization_id AND o.slug LIKE 'bench-%'
         GROUP BY 1) p
 WHERE e.id = p.enrollment_id;

INSERT INTO gamification.streaks (organization_id, user_id, current_days, longest_days, last_activity_on)
SELECT lp.organization_id, lp.user_id, 1, 3, max(lp.completed_at)::date
  FROM course_management.lesson_progress lp
  JOIN user_management.organizations o ON o.id = lp.organization_id AND o.slug LIKE 'bench-%'
 GROUP BY 1, 2;

-- Imported history, to $ledger_per_user ledger rows per learner: manual adjustments spread over
-- the last eight weeks (all of a new learner's rows; one of a learner with history, whose
-- lessons, quiz and badges gave nine).
INSERT INTO gamification.points_ledger (organization_id, user_id, points, reason, note, awarded_at)
SELECT md5('bench-org:' || (i / $upo + 1))::uuid, md5('bench-user:' || i)::uuid,
       1 + (i * 31 + n * 17) % 60, 'manual_adjustment', 'imported history',
       now() - ((i * 13 + n * 7919) % (56 * 24 * 60)) * interval '1 minute'
  FROM generate_series(0, $users - 1) i, generate_series(1, $ledger_per_user) n
 WHERE n <= CASE WHEN i % $upo < $hist THEN $ledger_per_user - $history_rows ELSE $ledger_per_user END;

SET session_replication_role = origin;
""")


def generate(url: str, scale: Scale) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        have = conn.execute("SELECT count(*) FROM user_management.organizations WHERE slug LIKE 'bench-%'").fetchone()
        assert have is not None
        if have[0] == scale.orgs:
            history = conn.execute("SELECT count(*) FROM gamification.user_badges ub JOIN user_management.organizations o"
                                   " ON o.id = ub.organization_id AND o.slug LIKE 'bench-%'").fetchone()
            if not history or not history[0]:
                sys.exit("error: the bench data has no learner history (made by an earlier version of this script);"
                         " use a fresh database")
            print(f"data: {scale.orgs} bench organizations already present, generation skipped")
            return
        if have[0]:
            sys.exit(f"error: {have[0]} bench organizations exist but --scale asks for {scale.orgs}; use a fresh database")
        # Only integers and the constant JSON documents above (no quotes in them) are substituted.
        text = GENERATE.substitute(
            orgs=scale.orgs, users=scale.users, upo=scale.users_per_org, courses=scale.courses,
            cpo=scale.courses_per_org, words="ARRAY[" + ", ".join(f"'{w}'" for w in WORDS) + "]",
            lessons=LESSONS_PER_COURSE, questions=QUESTIONS, answer_key=ANSWER_KEY, right=RIGHT,
            hist=scale.with_history, ledger_per_user=LEDGER_ROWS_PER_USER, history_rows=HISTORY_LEDGER_ROWS)
        start = time.perf_counter()
        with conn.transaction():
            conn.execute("SET LOCAL statement_timeout = 0")
            for statement in text.split(";\n"):
                if statement.strip():
                    conn.execute(statement)  # type: ignore[arg-type]
            rebuilt = conn.execute("SELECT gamification.rebuild_point_balances()").fetchone()
        conn.execute("ANALYZE")
        counts = conn.execute(
            "SELECT (SELECT count(*) FROM user_management.users), (SELECT count(*) FROM course_management.courses),"
            " (SELECT count(*) FROM course_management.enrollments), (SELECT count(*) FROM gamification.points_ledger)"
        ).fetchone()
        assert counts is not None and rebuilt is not None
        print(f"data: generated in {time.perf_counter() - start:.0f}s: {counts[0]:,} users, {counts[1]:,} courses, "
              f"{counts[2]:,} enrollments, {counts[3]:,} ledger rows, {rebuilt[0]:,} balances")
