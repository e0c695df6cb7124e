"""E-learning benchmark: generate data at scale, then pgbench the hot paths.

    .venv/bin/python bench/learning/bench.py URL [--scale 1.0] [--clients 16] [--duration 30] [--rounds 1]

URL names a superuser connection to a database migrated with sql/learning (seeded or not).
At --scale 1 the generator adds 50 organizations, 200,000 users (4,000 per organization,
each enrolled in 3 of their organization's 100 courses), 5,000 courses (6 lessons and one
quiz each) and 2,000,000 points-ledger rows spread over the last eight weeks, then rebuilds
balances and weekly points. Nine learners in ten have a history that the ledger, enrollments,
streaks and badges agree on: lessons 1-2 of each of their courses, the quiz of their first
course passed with full marks, the first_steps and quiz_ace badges (9 of their 10 ledger
rows; the tenth is an imported manual adjustment). The tenth learner is new: ten imported
adjustments and nothing done. Bulk loading runs with session_replication_role = replica (no
triggers, no foreign-key checks: the data is consistent by construction), so it is fast;
the benchmark itself goes through every trigger. Generation is skipped when the data of
that scale is already there.

Each pgbench transaction runs as the application role with the tenant context of a random
learner (SET LOCAL ROLE learning_app; user_management.set_tenant_context(...)), as the API
would, in one round trip: BEGIN, the context, the call and COMMIT go as one simple-protocol
query (pgbench's backslash-semicolon), as a driver's pipeline would send them; sent one by
one they cost four more round trips, about 0.45 ms of a 1.2 ms leaderboard call with one
client. Ids are written
md5('bench-user:' || '<n>'), a constant folded at plan time (md5('bench-user:' || <n>) goes
through the textanycat SQL function: planning the benchmark's own expression). Scripts:

  search        content_management.search(<word>, '{course}', 20)     target p95 < 10 ms
  leaderboard   gamification.top_learners(50): all-time top 50         target p95 < 10 ms
  weekly        gamification.top_learners_of_week(<last week>, 50)     target p95 < 10 ms
  quiz          submit a quiz attempt (grading + points + badges)     target p95 < 20 ms
                by a learner with history (half right, half wrong)
  lesson        course_management.complete_lesson (the whole chain)   target p95 < 20 ms
                of a lesson 3-6, by a learner with history: the typical completion
  lesson_first  the same by a new learner: mostly the learner's first  target p95 < 20 ms
                completion, which also earns first_steps (badge, event, points): the
                worst case, on the first run over fresh data (later runs give the new
                learners history of their own)

Before the scripts, every relation is read into shared buffers (pg_prewarm), so that a server
just started does not give disk-read figures; each script starts from a CHECKPOINT.
Printed per script: TPS, p50/p95/p99 latency from pgbench's per-transaction log, the p95
target and the ratio p95/target (below 1.00 meets the target), and failed transactions; then,
for the scripts that write, WAL per transaction (bytes, full-page images) from pg_stat_wal,
transactions per WAL flush, milliseconds per flush and the share of the run a flush was in
progress (these two need track_wal_io_timing = on): every commit waits for its flush, and
flushes are serial. The database's size against shared_buffers is printed too: every write
script adds rows, and a database that no longer fits gives slower figures (drop it to generate
it again).
The targets are absolute milliseconds, so the same run also measures the machine: `SELECT 1`
transactions at the same client count (the floor of any transaction here), printed with each
script's TPS as a share of it. The same 2-vCPU machine type has measured 61,000 to 96,000
floor TPS on different days; compare runs by that share, not by raw TPS.
Needs pgbench (PostgreSQL client tools) on PATH or in /usr/lib/postgresql/*/bin.
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import shutil
import statistics
import string
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

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


def bindir_tool(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if not found:
        sys.exit(f"error: {name} not found (install the PostgreSQL client tools)")
    return found


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


def scripts(scale: Scale) -> dict[str, tuple[str, float]]:
    """pgbench scripts and their p95 targets in ms."""
    def context(first: int, last: int) -> str:
        """Tenant context of a random learner k in first..last of a random organization."""
        return f"""\\set org random(1, {scale.orgs})
\\set k random({first}, {last})
\\set e random(0, 2)
\\set u (:org - 1) * {scale.users_per_org} + :k
\\set c (:org - 1) + {scale.orgs} * ((:k * 7 + :e * 31) % {scale.courses_per_org})
BEGIN \\; SET LOCAL ROLE learning_app \\;
SELECT user_management.set_tenant_context(md5('bench-org:' || ':org')::uuid, md5('bench-user:' || ':u')::uuid) \\;
"""
    anyone = context(0, scale.users_per_org - 1)
    with_history = context(0, scale.with_history - 1)
    new = context(scale.with_history, scale.users_per_org - 1)
    words = "ARRAY[" + ", ".join(f"'{w}'" for w in WORDS) + "]"
    complete = """SELECT course_management.complete_lesson(md5('bench-lesson:' || ':c' || ':' || ':l')::uuid, 120) \\;
COMMIT;
"""
    return {
        "search": (anyone + f"""\\set w random(1, {len(WORDS)})
SELECT kind, id, title, snippet, rank FROM content_management.search(({words})[:w], ARRAY['course'], 20) \\;
COMMIT;
""", 10.0),
        "leaderboard": (anyone + """SELECT rank, display_name, total_points, level_name FROM gamification.top_learners(50) \\;
COMMIT;
""", 10.0),
        # Last week's board: a full week of the generated ledger (this week's depends on the day
        # and on what the other scripts have awarded since Monday).
        "weekly": (anyone + """SELECT rank, display_name, points FROM gamification.top_learners_of_week(
  (date_trunc('week', now() AT TIME ZONE 'UTC') - interval '1 week')::date, 50) \\;
COMMIT;
""", 10.0),
        "quiz": (with_history + f"""\\set right random(0, 1)
INSERT INTO assessment.quiz_attempts (organization_id, quiz_id, user_id, answers, status)
VALUES (md5('bench-org:' || ':org')::uuid, md5('bench-quiz:' || ':c')::uuid, md5('bench-user:' || ':u')::uuid,
        (CASE :right WHEN 1 THEN '{RIGHT}' ELSE '{WRONG}' END)::jsonb, 'submitted') \\;
COMMIT;
""", 20.0),
        # A lesson the learner has not done yet (lessons 1-2 of each course are in the history).
        "lesson": (with_history + f"\\set l random(3, {LESSONS_PER_COURSE})\n" + complete, 20.0),
        # A new learner's first lessons: the first earns first_steps and its points.
        "lesson_first": (new + f"\\set l random(1, {LESSONS_PER_COURSE})\n" + complete, 20.0),
    }


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values)) - 1))
    return sorted_values[index]


def run_pgbench(url: str, name: str, script: str, clients: int, duration: int, workdir: Path) -> dict[str, float]:
    path = workdir / f"{name}.sql"
    path.write_text(script)
    prefix = workdir / f"log_{name}"
    command = [bindir_tool("pgbench"), "-n", "-c", str(clients), "-j", str(min(clients, 4)), "-T", str(duration),
               "-f", str(path), "-l", "--log-prefix", str(prefix), url]
    done = subprocess.run(command, capture_output=True, text=True, cwd=workdir)
    output = done.stdout + done.stderr
    if done.returncode not in (0, 2):  # 2: some clients aborted; reported below
        sys.exit(f"pgbench {name} failed:\n{output}")
    latencies: list[float] = []
    failed = 0
    for log in glob.glob(f"{prefix}*"):
        with open(log) as handle:
            for line in handle:
                fields = line.split()
                if len(fields) >= 3:
                    if fields[2] == "failed" or fields[2] == "skipped":
                        failed += 1
                    else:
                        latencies.append(int(fields[2]) / 1000.0)
        os.unlink(log)
    latencies.sort()
    tps = re.search(r"tps = ([0-9.]+) \((?:without initial connection time|excluding connections establishing)\)", output)
    aborted = re.findall(r"client \d+ aborted", output)
    return {"tps": float(tps.group(1)) if tps else float("nan"), "n": len(latencies),
            "p50": percentile(latencies, 0.50), "p95": percentile(latencies, 0.95), "p99": percentile(latencies, 0.99),
            "mean": statistics.fmean(latencies) if latencies else float("nan"),
            "failed": failed + len(aborted)}


# The server settings that move these figures most: write-heavy scripts run into checkpoints
# (with the default max_wal_size = 1GB a checkpoint came every 20 s of lesson completions).
REPORTED_SETTINGS = ("shared_buffers", "max_wal_size", "checkpoint_timeout", "synchronous_commit", "fsync",
                     "full_page_writes", "wal_compression", "jit", "track_wal_io_timing",
                     "shared_preload_libraries", "pg_stat_statements.track")
WAL_COUNTERS = ("wal_bytes", "wal_fpi", "wal_sync", "wal_sync_time")


def wal_counters(url: str) -> dict[str, float]:
    """pg_stat_wal's cumulative counters (wal_sync_time stays 0 unless track_wal_io_timing is on)."""
    with psycopg.connect(url) as conn:
        row = conn.execute(f"SELECT {', '.join(WAL_COUNTERS)} FROM pg_catalog.pg_stat_wal").fetchone()
    assert row is not None
    return {name: float(value) for name, value in zip(WAL_COUNTERS, row, strict=True)}


def prewarm(url: str) -> int:
    """Read every relation of the database into shared buffers (pg_prewarm's 'buffer' mode; what
    does not fit stays in the OS page cache it went through), so that no script pays for the
    disk reads of a server that has just started; returns the blocks read. The extension is
    dropped again when this created it."""
    with psycopg.connect(url, autocommit=True) as conn:
        present = conn.execute("SELECT count(*) FROM pg_catalog.pg_extension WHERE extname = 'pg_prewarm'").fetchone()
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
        row = conn.execute(
            "SELECT coalesce(sum(pg_prewarm(c.oid, 'buffer')), 0) FROM pg_catalog.pg_class c"
            " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relkind IN ('r', 'i', 't', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
        ).fetchone()
        if present == (0,):
            conn.execute("DROP EXTENSION pg_prewarm")
    return int(row[0]) if row else 0


def database_state(url: str) -> str:
    """Size against shared_buffers and the ledger's rows: every write script adds rows, so a
    database used by earlier runs gives slower, not comparable figures."""
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT pg_database_size(current_database()),"
            " (SELECT setting::bigint * 8192 FROM pg_catalog.pg_settings WHERE name = 'shared_buffers'),"
            " (SELECT count(*) FROM gamification.points_ledger)").fetchone()
    assert row is not None
    size, buffers, ledger = row
    state = f"database before the runs: {size / 2**20:,.0f} MB (shared_buffers {buffers / 2**20:,.0f} MB), {ledger:,} ledger rows"
    if size > buffers:
        state += (" - WARNING: the database no longer fits in shared_buffers (earlier runs wrote to it): "
                  "drop and regenerate it for figures comparable with a fresh one")
    return state


def server_settings(url: str) -> str:
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT name, current_setting(name) FROM pg_settings WHERE name = ANY (%s) ORDER BY name",
                            [list(REPORTED_SETTINGS)]).fetchall()
        version = conn.execute("SHOW server_version").fetchone()
    shown = ", ".join(f"{name}={setting}" for name, setting in rows)
    return f"PostgreSQL {version[0] if version else '?'}: {shown}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", help="superuser URL of a database migrated with sql/learning")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 50 organizations, 200,000 users, 2M ledger rows")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--duration", type=int, default=30, help="seconds per script")
    parser.add_argument("--only", nargs="*", help="run only these scripts")
    parser.add_argument("--skip-generate", action="store_true")
    parser.add_argument("--rounds", type=int, default=1,
                        help="run the floor and every script this many times, interleaved; print medians")
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error("--rounds must be 1 or more")

    scale = scale_of(args.scale)
    print(f"scale {args.scale}: {scale.orgs} organizations, {scale.users:,} users, {scale.courses:,} courses, "
          f"{scale.users * LEDGER_ROWS_PER_USER:,} generated ledger rows; {args.clients} clients, {args.duration}s per script")
    if not args.skip_generate:
        generate(args.url, scale)

    chosen = {name: st for name, st in scripts(scale).items() if not args.only or name in args.only}
    state = database_state(args.url)
    start = time.perf_counter()
    blocks = prewarm(args.url)
    print(f"prewarm: {blocks * 8 / 1024:,.0f} MB read into shared buffers in {time.perf_counter() - start:.1f}s")
    rounds: list[tuple[dict[str, float], dict[str, dict[str, float]]]] = []
    with tempfile.TemporaryDirectory(prefix="learning-bench-") as tmp:
        for _ in range(args.rounds):
            # Rounds interleave the scripts, so that the machine's swings (other tenants) reach
            # every script alike; the floor is measured again in each round.
            floor = run_pgbench(args.url, "floor", "SELECT 1;\n", args.clients, min(args.duration, 10), Path(tmp))
            results = {}
            for name, (script, _target) in chosen.items():
                # Each script starts from a checkpoint, not inside one the previous script's WAL began.
                with psycopg.connect(args.url, autocommit=True) as conn:
                    conn.execute("CHECKPOINT")
                before = wal_counters(args.url)
                results[name] = run_pgbench(args.url, name, script, args.clients, args.duration, Path(tmp))
                after = wal_counters(args.url)
                results[name].update({key: after[key] - before[key] for key in WAL_COUNTERS})
            rounds.append((floor, results))

    floors = [f["tps"] for f, _ in rounds]
    print()
    print(f"server: {server_settings(args.url)}")
    print(state)
    print(f"machine: SELECT 1 at {args.clients} clients: {statistics.median(floors):,.0f} TPS (the floor; 'of floor' = "
          f"TPS / the floor of the same round)" + (f", {min(floors):,.0f}-{max(floors):,.0f} over {len(rounds)} rounds"
                                                   if len(rounds) > 1 else ""))
    if len(rounds) > 1:
        print(f"each figure: the median of {len(rounds)} rounds; p95/target also as its range over the rounds")
    print(f"{'script':<12} {'TPS':>9} {'of floor':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'target':>8} "
          f"{'p95/target':>11} {'range':>11} {'failed':>7}")
    for name, (_script, target) in chosen.items():
        runs = [(r[name], f["tps"]) for f, r in rounds]
        med = {key: statistics.median(r[key] for r, _ in runs) for key in ("tps", "p50", "p95", "p99")}
        share = statistics.median(r["tps"] / f for r, f in runs)
        ratios = [r["p95"] / target for r, _ in runs]
        failed = sum(int(r["failed"]) for r, _ in runs)
        ratio = med["p95"] / target
        verdict = "ok" if ratio < 1 and not failed else "MISSED"
        spread = f"{min(ratios):.2f}-{max(ratios):.2f}" if len(runs) > 1 else ""
        print(f"{name:<12} {med['tps']:>9.1f} {share:>9.4f} {med['p50']:>8.2f} {med['p95']:>8.2f} "
              f"{med['p99']:>8.2f} {target:>8.1f} {ratio:>11.2f} {spread:>11} {failed:>7}  {verdict}")
    # Where a write script's time goes: every commit waits for its WAL to be flushed, and the
    # flushes are serial. Sync ms per flush is wall time, so it also holds the time the flushing
    # backend waits for a CPU; the share is of the script's duration.
    print()
    print(f"{'WAL':<12} {'bytes/txn':>10} {'FPI/txn':>8} {'txn/flush':>10} {'ms/flush':>9} {'sync share':>11}")
    for name in chosen:
        runs = [r[name] for _, r in rounds if r[name]["n"] and r[name]["wal_sync"]]
        per = {key: statistics.median(r[key] / r["n"] for r in runs) if runs else 0.0 for key in ("wal_bytes", "wal_fpi")}
        if per["wal_bytes"] < 1:
            print(f"{name:<12} {'(read-only: no WAL, no flush at commit)':>50}")
            continue
        per_flush = statistics.median(r["n"] / r["wal_sync"] for r in runs)
        sync_ms = statistics.median(r["wal_sync_time"] / r["wal_sync"] for r in runs)
        share = statistics.median(r["wal_sync_time"] / (1000.0 * args.duration) for r in runs)
        timed = sync_ms > 0
        print(f"{name:<12} {per['wal_bytes']:>10,.0f} {per['wal_fpi']:>8.2f} {per_flush:>10.1f} "
              f"{f'{sync_ms:.2f}' if timed else '-':>9} {f'{share:.2f}' if timed else '-':>11}")


if __name__ == "__main__":
    main()
