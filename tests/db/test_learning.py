"""E-learning gamification under concurrency, through the real application role.

Each test gets a fresh migrated and seeded database (``migrated_db("learning", seed=True)``),
creates its own learner in Northwind (seed organization 1) as the superuser, then acts from
several connections as ``learning_app`` with the tenant context the API sets in every
transaction (``user_management.set_tenant_context(organization, user)``). Two kinds of test:

* a forced interleaving: connection A completes a lesson and keeps its transaction open,
  B completes the same lesson and is shown (``pg_stat_activity``) to wait for A; after A
  commits, B's call succeeds and nothing more is awarded;
* races: N threads released together by a barrier, each in its own connection, then the
  final state is checked (points once, balance = ledger, course completed exactly once).

Northwind's "SQL Fundamentals" (seed-data/learning/02_courses.sql): required lessons worth
10, 10, 15 and 20 points, course completion 150 points; badges first_steps (+5) and
course_finisher (+25) apply to a new learner.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg
import pytest

NORTHWIND = uuid.UUID("0a000000-0000-4000-8000-000000000001")
SQL_FUNDAMENTALS = uuid.UUID("0d000001-0000-4000-8000-000000000001")
BASICS_QUIZ = uuid.UUID("3a000001-0000-4000-8000-000000000001")
FIRST_LESSON = uuid.UUID("0f000001-0000-4000-8000-000000000111")
REQUIRED_LESSONS = {
    uuid.UUID("0f000001-0000-4000-8000-000000000111"): 10,
    uuid.UUID("0f000001-0000-4000-8000-000000000112"): 10,
    uuid.UUID("0f000001-0000-4000-8000-000000000121"): 15,
    uuid.UUID("0f000001-0000-4000-8000-000000000122"): 20,
}
COURSE_POINTS = 150
FIRST_STEPS_REWARD = 5
COURSE_FINISHER_REWARD = 25
QUIZ_POINTS = 50
QUIZ_ACE_REWARD = 10
PERFECT_ANSWERS = '{"q1": "b", "q2": ["a", "c"], "q3": false, "q4": "distinct"}'

LOCK_WAIT_SECONDS = 10


@dataclass
class World:
    """A seeded database, a superuser connection, and helpers to add learners."""

    url: str
    admin: psycopg.Connection

    def learner(self) -> uuid.UUID:
        """A new Northwind member (learner role) enrolled in SQL Fundamentals."""
        user_id = uuid.uuid4()
        self.admin.execute(
            "INSERT INTO user_management.users (id, email, display_name) VALUES (%s, %s, 'Race Tester')",
            (user_id, f"{user_id.hex}@northwind.example"),
        )
        self.admin.execute(
            "INSERT INTO user_management.organization_members (organization_id, user_id) VALUES (%s, %s)",
            (NORTHWIND, user_id),
        )
        self.admin.execute(
            "INSERT INTO user_management.member_roles (organization_id, user_id, role_id)"
            " SELECT %s, %s, id FROM user_management.roles WHERE organization_id = %s AND key = 'learner'",
            (NORTHWIND, user_id, NORTHWIND),
        )
        self.admin.execute(
            "INSERT INTO course_management.enrollments (organization_id, course_id, user_id) VALUES (%s, %s, %s)",
            (NORTHWIND, SQL_FUNDAMENTALS, user_id),
        )
        return user_id

    def scalar(self, query: str, params: tuple[object, ...] = ()) -> object:
        row = self.admin.execute(query, params).fetchone()
        assert row is not None
        return row[0]

    def ledger_rows(self, user_id: uuid.UUID, reason: str, source: uuid.UUID | None = None) -> int:
        value = self.scalar(
            "SELECT count(*) FROM gamification.points_ledger"
            " WHERE user_id = %s AND reason = %s AND (%s::uuid IS NULL OR source_id = %s::uuid)",
            (user_id, reason, source, source),
        )
        assert isinstance(value, int)
        return value

    def balance(self, user_id: uuid.UUID) -> int:
        value = self.scalar(
            "SELECT coalesce((SELECT total_points FROM gamification.point_balances"
            " WHERE organization_id = %s AND user_id = %s), 0)",
            (NORTHWIND, user_id),
        )
        assert isinstance(value, int)
        return value

    def ledger_sum(self, user_id: uuid.UUID) -> int:
        value = self.scalar(
            "SELECT coalesce(sum(points), 0) FROM gamification.points_ledger WHERE user_id = %s", (user_id,)
        )
        return int(value)  # type: ignore[call-overload]


@pytest.fixture
def world(migrated_db: Callable[..., str]) -> Iterator[World]:
    url = migrated_db("learning", seed=True)
    with psycopg.connect(url, autocommit=True) as admin:
        yield World(url, admin)


@contextmanager
def app_session(url: str) -> Iterator[psycopg.Connection]:
    """A connection acting as the application role; each call runs in its own transaction."""
    with psycopg.connect(url) as conn:
        conn.execute("SET statement_timeout = '30s'")
        conn.execute("SET ROLE learning_app")
        conn.commit()
        yield conn


def act(conn: psycopg.Connection, user_id: uuid.UUID, query: str, params: tuple[object, ...] = ()) -> object:
    """Set the tenant context (transaction-local, as the API does) and run one call."""
    conn.execute("SELECT user_management.set_tenant_context(%s, %s)", (NORTHWIND, user_id))
    row = conn.execute(query, params).fetchone()
    assert row is not None
    return row[0]


def wait_until_blocked(admin: psycopg.Connection, pid: int) -> bool:
    """True once backend ``pid`` waits for a heavyweight lock (row, transaction or advisory)."""
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while time.monotonic() < deadline:
        row = admin.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone()
        if row is not None and row[0] == "Lock":
            return True
        time.sleep(0.02)
    return False


@dataclass
class Outcome:
    value: object = None
    sqlstate: str | None = None
    error: BaseException | None = None


def race(count: int, call: Callable[[int], object]) -> list[Outcome]:
    """Run ``call(i)`` for i in range(count) in threads released together by a barrier."""
    barrier = threading.Barrier(count)
    outcomes = [Outcome() for _ in range(count)]

    def body(i: int) -> None:
        try:
            barrier.wait(timeout=LOCK_WAIT_SECONDS)
            outcomes[i].value = call(i)
        except psycopg.Error as exc:
            outcomes[i].sqlstate = exc.sqlstate
        except Exception as exc:  # reported by the test, not lost in the thread
            outcomes[i].error = exc

    threads = [threading.Thread(target=body, args=(i,), daemon=True) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
        assert not thread.is_alive(), "a racing call never returned"
    assert [o.error for o in outcomes if o.error] == []
    return outcomes


def complete_in_own_session(url: str, user_id: uuid.UUID, lesson: uuid.UUID) -> object:
    with app_session(url) as conn:
        value = act(conn, user_id, "SELECT course_management.complete_lesson(%s)", (lesson,))
        conn.commit()
        return value


def test_second_completion_waits_for_the_first_and_awards_nothing(world: World) -> None:
    learner = world.learner()
    with app_session(world.url) as a, app_session(world.url) as b:
        first = act(a, learner, "SELECT course_management.complete_lesson(%s)", (FIRST_LESSON,))
        assert world.ledger_rows(learner, "lesson_completed") == 0, "A's award is not visible before it commits"

        outcome = Outcome()

        def second() -> None:
            try:
                outcome.value = act(b, learner, "SELECT course_management.complete_lesson(%s)", (FIRST_LESSON,))
                b.commit()
            except psycopg.Error as exc:
                outcome.sqlstate = exc.sqlstate
                b.rollback()
            except Exception as exc:  # reported below
                outcome.error = exc

        thread = threading.Thread(target=second, daemon=True)
        thread.start()
        assert wait_until_blocked(world.admin, b.info.backend_pid), "the second completion did not wait for the first"
        a.commit()
        thread.join(timeout=30)
        assert not thread.is_alive()

    assert outcome.error is None and outcome.sqlstate is None, outcome
    assert outcome.value == first, "both calls report the same progress row"
    assert world.ledger_rows(learner, "lesson_completed", FIRST_LESSON) == 1
    assert world.ledger_rows(learner, "badge_earned") == 1
    assert world.balance(learner) == REQUIRED_LESSONS[FIRST_LESSON] + FIRST_STEPS_REWARD


@pytest.mark.parametrize("sessions", [2, 8])
def test_sessions_completing_the_same_lesson_at_once_award_points_once(world: World, sessions: int) -> None:
    learner = world.learner()
    outcomes = race(sessions, lambda _: complete_in_own_session(world.url, learner, FIRST_LESSON))

    assert [o.sqlstate for o in outcomes] == [None] * sessions, "every session's call succeeds"
    assert len({o.value for o in outcomes}) == 1, "all sessions report the same progress row"
    assert world.ledger_rows(learner, "lesson_completed", FIRST_LESSON) == 1, "the lesson's points are awarded once"
    assert world.ledger_rows(learner, "badge_earned") == 1, "first_steps is awarded once"
    assert world.balance(learner) == REQUIRED_LESSONS[FIRST_LESSON] + FIRST_STEPS_REWARD
    assert world.balance(learner) == world.ledger_sum(learner)
    events = world.scalar(
        "SELECT count(*) FROM analytics.learning_events WHERE user_id = %s AND event_type = 'lesson_completed'",
        (learner,),
    )
    assert events == 1, "the completion is logged once"


def test_completing_every_lesson_at_once_completes_the_course_exactly_once(world: World) -> None:
    learner = world.learner()
    lessons = list(REQUIRED_LESSONS)
    outcomes = race(len(lessons), lambda i: complete_in_own_session(world.url, learner, lessons[i]))

    assert [o.sqlstate for o in outcomes] == [None] * len(lessons)
    progress, status = world.admin.execute(
        "SELECT progress_percent, status FROM course_management.enrollments WHERE user_id = %s AND course_id = %s",
        (learner, SQL_FUNDAMENTALS),
    ).fetchone() or (None, None)
    assert (progress, status) == (100, "completed"), "no completion was lost between the concurrent chains"
    assert world.ledger_rows(learner, "course_completed", SQL_FUNDAMENTALS) == 1
    assert world.ledger_rows(learner, "lesson_completed") == len(lessons)
    expected = sum(REQUIRED_LESSONS.values()) + COURSE_POINTS + FIRST_STEPS_REWARD + COURSE_FINISHER_REWARD
    assert world.balance(learner) == expected
    assert world.balance(learner) == world.ledger_sum(learner)


def test_passing_attempts_submitted_at_once_award_the_quiz_once(world: World) -> None:
    learner = world.learner()
    with app_session(world.url) as conn:  # two open attempts, created one after the other
        attempts = [
            act(conn, learner,
                "INSERT INTO assessment.quiz_attempts (organization_id, quiz_id, user_id, answers)"
                " VALUES (%s, %s, %s, %s) RETURNING id",
                (NORTHWIND, BASICS_QUIZ, learner, PERFECT_ANSWERS))
            for _ in range(2)
        ]
        conn.commit()

    def submit(i: int) -> object:
        with app_session(world.url) as session:
            value = act(session, learner,
                        "UPDATE assessment.quiz_attempts SET status = 'submitted' WHERE id = %s RETURNING status",
                        (attempts[i],))
            session.commit()
            return value

    outcomes = race(2, submit)
    assert [o.sqlstate for o in outcomes] == [None, None]
    graded = world.scalar(
        "SELECT count(*) FROM assessment.quiz_attempts WHERE user_id = %s AND status = 'graded' AND passed",
        (learner,),
    )
    assert graded == 2, "both attempts are graded, and both pass"
    assert world.ledger_rows(learner, "quiz_passed", BASICS_QUIZ) == 1, "the quiz's points are awarded once"
    assert world.balance(learner) == QUIZ_POINTS + QUIZ_ACE_REWARD
    assert world.balance(learner) == world.ledger_sum(learner)
