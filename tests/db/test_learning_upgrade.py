"""Versioned migrations of `learning` applied to a database in use, not only to a fresh one.

On a fresh database the repeatables (functions, triggers, policies) run after every versioned
file; on a database in use they already exist when a new versioned file runs. V046 changes
the type of columns that trigger WHEN clauses and a policy read, so it must drop and re-create
them there: rolling back V046 alone (the runner takes the repeatables down and applies them
again around it) gives exactly that database, with data, and migrating again applies V046 to it.
"""

from __future__ import annotations

from collections.abc import Callable

import psycopg

from runner import commands
from runner.config import load_config
from runner.targets import resolve
from tests.conftest import ROOT

CHAIN_TRIGGERS = """
SELECT array_agg(format('%s.%s', t.tgrelid::regclass, t.tgname) ORDER BY t.tgrelid::regclass::text, t.tgname)
  FROM pg_trigger t
 WHERE NOT t.tgisinternal AND t.tgqual IS NOT NULL
   AND t.tgrelid IN ('course_management.enrollments'::regclass, 'course_management.lesson_progress'::regclass,
                     'assessment.quiz_attempts'::regclass)
"""
EXPECTED_TRIGGERS = [
    "assessment.quiz_attempts.award_on_graded", "assessment.quiz_attempts.award_on_insert",
    "assessment.quiz_attempts.score_on_insert", "assessment.quiz_attempts.score_on_submit",
    "course_management.enrollments.award_completion_on_insert",
    "course_management.enrollments.award_completion_on_update",
    "course_management.lesson_progress.award_completion_on_insert",
    "course_management.lesson_progress.award_completion_on_update",
]
CLIENT_EVENTS_POLICY = """
SELECT pg_get_expr(p.polwithcheck, p.polrelid) FROM pg_policy p
 WHERE p.polrelid = 'analytics.learning_events'::regclass AND p.polname = 'app_insert_client_events'
"""
STATUS_TYPE = """
SELECT format_type(atttypid, atttypmod) FROM pg_attribute
 WHERE attrelid = 'course_management.lesson_progress'::regclass AND attname = 'status'
"""


def one(conn: psycopg.Connection, query: str) -> object:
    row = conn.execute(query).fetchone()
    return row[0] if row else None


def test_v046_on_a_database_in_use_keeps_the_chain_triggers_and_policy(migrated_db: Callable[..., str]) -> None:
    url = migrated_db("learning", seed=True)
    target = resolve(load_config(ROOT / "pyproject.toml"), ["learning"], url=url)[0]
    with psycopg.connect(url, autocommit=True) as conn:
        policy = one(conn, CLIENT_EVENTS_POLICY)
        ledger_rows = one(conn, "SELECT count(*) FROM gamification.points_ledger")
    assert policy and "event_type" in str(policy)

    commands.rollback(target, steps=1)   # U046, with the repeatables taken down and applied again
    with psycopg.connect(url, autocommit=True) as conn:
        assert one(conn, "SELECT max(version) FROM public.schema_migrations WHERE kind = 'versioned'") == "045"
        assert one(conn, STATUS_TYPE) == "text"
        assert one(conn, CHAIN_TRIGGERS) == EXPECTED_TRIGGERS, "the repeatables are back before V046 runs"

    result = commands.migrate(target)
    assert [step.migration.version for step in result.steps] == ["046"], "only V046 runs: the repeatables are current"
    with psycopg.connect(url, autocommit=True) as conn:
        assert one(conn, STATUS_TYPE) == "course_management.lesson_status"
        assert one(conn, CHAIN_TRIGGERS) == EXPECTED_TRIGGERS
        assert one(conn, CLIENT_EVENTS_POLICY) == policy
        assert one(conn, "SELECT count(*) FROM gamification.points_ledger") == ledger_rows
