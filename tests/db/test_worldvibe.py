"""WorldVibe under concurrency, on a fresh migrated and seeded database per test.

What pgTAP cannot show (one session, one transaction) is tested here with threads, each on its
own connection:

* the rate limiter allows exactly ``max`` calls per key and window however many callers race
  (one INSERT ... ON CONFLICT DO UPDATE statement, no read-then-write);
* consent and erasure cannot miss each other: a withdrawal waits for a check-in being written
  and then erases it; a check-in that comes second waits for the withdrawal and is rejected;
* the incremental rollup refresh stays exact while writers insert (late) check-ins;
* the maintenance procedure runs as the maintenance role, committing step by step.

The application roles are used the way the API and the job use them (``SET ROLE`` on a
superuser connection, then ``worldvibe.act_as_subject`` per transaction).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

import psycopg
import pytest

NO_CONSENT = "WVC01"
LOCK_WAIT_SECONDS = 10


@pytest.fixture
def url(migrated_db: Callable[..., str]) -> str:
    return migrated_db("worldvibe", seed=True)


@contextmanager
def connect(url: str, role: str | None = None, *, autocommit: bool = True) -> Iterator[psycopg.Connection]:
    with psycopg.connect(url, autocommit=autocommit) as conn:
        conn.execute("SET statement_timeout = '60s'")
        if role:
            conn.execute(f"SET ROLE {role}")  # constant role names of this module, never input
        if not autocommit:
            conn.commit()
        yield conn


def scalar(conn: psycopg.Connection, query: str, params: tuple[object, ...] = ()) -> object:
    row = conn.execute(query, params).fetchone()
    assert row is not None
    return row[0]


@dataclass
class Outcome:
    value: object = None
    sqlstate: str | None = None
    error: BaseException | None = None


def run_in_thread(target: Callable[[], object]) -> tuple[threading.Thread, Outcome]:
    outcome = Outcome()

    def body() -> None:
        try:
            outcome.value = target()
        except psycopg.Error as exc:
            outcome.sqlstate = exc.sqlstate
        except Exception as exc:  # reported by the test, not lost in the thread
            outcome.error = exc

    thread = threading.Thread(target=body, daemon=True)
    thread.start()
    return thread, outcome


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
        except Exception as exc:  # reported by the test
            outcomes[i].error = exc

    threads = [threading.Thread(target=body, args=(i,), daemon=True) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
        assert not thread.is_alive(), "a racing call never returned"
    assert [o.error for o in outcomes if o.error] == []
    assert [o.sqlstate for o in outcomes if o.sqlstate] == []
    return outcomes


def wait_until_blocked(admin: psycopg.Connection, pid: int) -> bool:
    """True once backend ``pid`` waits for a heavyweight lock (a row lock, here)."""
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while time.monotonic() < deadline:
        row = admin.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone()
        if row is not None and row[0] == "Lock":
            return True
        time.sleep(0.02)
    return False


def away_from_window_end(admin: psycopg.Connection, window_seconds: int, margin: float = 10.0) -> None:
    """Sleep past the end of the current fixed window if it ends within ``margin`` seconds, so
    that a race runs inside one window."""
    left = float(scalar(admin, "SELECT extract(epoch FROM date_bin(make_interval(secs => %s), clock_timestamp(), "  # type: ignore[arg-type]
                               "'2000-01-01 00:00+00') + make_interval(secs => %s) - clock_timestamp())",
                        (window_seconds, window_seconds)))
    if left < margin:
        time.sleep(left + 0.2)


# -- rate limits -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("threads", "calls_each", "limit"), [(24, 1, 10), (16, 12, 37)])
def test_rate_limit_allows_exactly_max_under_concurrency(url: str, threads: int, calls_each: int, limit: int) -> None:
    with connect(url) as admin:
        away_from_window_end(admin, 3600)
        key = f"checkin:race-{threads}-{calls_each}"

        def calls(_: int) -> list[tuple[bool, int, datetime]]:
            with connect(url, "worldvibe_app") as conn:
                return [conn.execute("SELECT allowed, hits, reset_at FROM worldvibe.check_rate_limit(%s, %s, '1 hour')",
                                     (key, limit)).fetchone() for _ in range(calls_each)]

        results = [r for o in race(threads, calls) for r in o.value]  # type: ignore[attr-defined]
        assert len(results) == threads * calls_each > limit
        assert len({reset for _, _, reset in results}) == 1, "the race crossed a window boundary"
        allowed = [hits for ok, hits, _ in results if ok]
        assert len(allowed) == limit, f"{len(allowed)} of {len(results)} concurrent calls allowed, max is {limit}"
        assert sorted(allowed) == list(range(1, limit + 1)), "every allowed call saw a distinct count"
        assert all(hits == limit for ok, hits, _ in results if not ok)
        stored = scalar(admin, "SELECT hits FROM worldvibe.rate_limits WHERE key_hash = worldvibe.keyed_hash('rate_limit', %s)",
                        (key,))
        assert stored == limit


def test_rate_limit_counts_each_key_separately_under_concurrency(url: str) -> None:
    keys, limit, threads, calls_each = ["ip:a", "ip:b", "ip:c"], 7, 12, 6  # 24 calls per key

    with connect(url) as admin:
        away_from_window_end(admin, 3600)

        def calls(i: int) -> list[tuple[str, bool]]:
            with connect(url, "worldvibe_app") as conn:
                out = []
                for n in range(calls_each):
                    key = keys[(i + n) % len(keys)]
                    row = conn.execute("SELECT allowed FROM worldvibe.check_rate_limit(%s, %s, '1 hour')",
                                       (key, limit)).fetchone()
                    assert row is not None
                    out.append((key, row[0]))
                return out

        results = [r for o in race(threads, calls) for r in o.value]  # type: ignore[attr-defined]
        for key in keys:
            made = [ok for k, ok in results if k == key]
            assert len(made) == threads * calls_each // len(keys)
            assert sum(made) == limit, f"key {key}: {sum(made)} allowed, max is {limit}"


# -- consent and erasure ---------------------------------------------------------------------------

def count_check_ins(admin: psycopg.Connection, user: str) -> object:
    return scalar(admin, "SELECT count(*) FROM worldvibe.check_ins WHERE subject_hash = worldvibe.pseudonymize(%s)", (user,))


def test_withdrawal_waits_for_a_check_in_being_written_and_erases_it(url: str) -> None:
    user = "seed-user-0042"
    with connect(url) as admin, connect(url, "worldvibe_app", autocommit=False) as writer, \
            connect(url, "worldvibe_app", autocommit=False) as withdrawer:
        assert count_check_ins(admin, user) == 12
        writer.execute("SELECT worldvibe.act_as_subject(%s)", (user,))
        writer.execute("SELECT worldvibe.record_check_in('JOY', 6, 2.35, 48.86, '2024-03-12 10:00+00')")  # not committed

        def withdraw() -> object:
            withdrawer.execute("SELECT worldvibe.act_as_subject(%s)", (user,))
            count = scalar(withdrawer, "SELECT worldvibe.withdraw_consent('check_ins')")
            withdrawer.commit()
            return count

        thread, outcome = run_in_thread(withdraw)
        assert wait_until_blocked(admin, withdrawer.info.backend_pid), "the withdrawal did not wait for the check-in"
        writer.commit()
        thread.join(timeout=30)
        assert not thread.is_alive()
        assert outcome.error is None and outcome.sqlstate is None
        assert outcome.value == 1
        assert count_check_ins(admin, user) == 0, "a check-in committed during the withdrawal survived the erasure"


def test_check_in_racing_a_withdrawal_waits_and_is_rejected(url: str) -> None:
    user = "seed-user-0043"
    with connect(url) as admin, connect(url, "worldvibe_app", autocommit=False) as writer, \
            connect(url, "worldvibe_app", autocommit=False) as withdrawer:
        withdrawer.execute("SELECT worldvibe.act_as_subject(%s)", (user,))
        assert scalar(withdrawer, "SELECT worldvibe.withdraw_consent('check_ins')") == 1  # not committed

        def check_in() -> object:
            try:
                writer.execute("SELECT worldvibe.act_as_subject(%s)", (user,))
                writer.execute("SELECT worldvibe.record_check_in('JOY', 6, 2.35, 48.86, '2024-03-12 10:00+00')")
                writer.commit()
                return "stored"
            finally:
                writer.rollback()

        thread, outcome = run_in_thread(check_in)
        assert wait_until_blocked(admin, writer.info.backend_pid), "the check-in did not wait for the withdrawal"
        withdrawer.commit()
        thread.join(timeout=30)
        assert not thread.is_alive()
        assert outcome.error is None
        assert outcome.sqlstate == NO_CONSENT, f"expected {NO_CONSENT}, got {outcome.sqlstate or outcome.value}"
        assert count_check_ins(admin, user) == 0


# -- rollups ---------------------------------------------------------------------------------------

ROLLUP_DIFF = """
    WITH scratch AS (
        SELECT c.bucket, c.region_hash, c.emotion, count(*) AS n, count(DISTINCT c.subject_hash) AS subjects,
               sum(c.intensity) AS intensity
          FROM (SELECT date_bin('1 hour', created_at, '2000-01-01 00:00+00') AS bucket, region_hash, emotion,
                       subject_hash, intensity FROM worldvibe.check_ins) AS c
         GROUP BY GROUPING SETS ((c.bucket, c.region_hash, c.emotion), (c.bucket, c.region_hash),
                                 (c.bucket, c.emotion), (c.bucket))
    ), stored AS (
        SELECT bucket, region_hash, emotion, check_in_count::bigint, subject_count::bigint, intensity_sum
          FROM worldvibe.hourly_rollups
    )
    SELECT count(*) FROM ((SELECT * FROM scratch EXCEPT ALL SELECT * FROM stored)
                          UNION ALL (SELECT * FROM stored EXCEPT ALL SELECT * FROM scratch)) AS d
"""


def test_incremental_refresh_stays_exact_while_writers_insert(url: str) -> None:
    writers, rows_each = 6, 40
    stop = threading.Event()
    refreshes: list[int] = []

    def refresher() -> object:
        with connect(url, "worldvibe_maintenance") as conn:
            while not stop.is_set():
                refreshes.append(int(scalar(conn, "SELECT worldvibe.refresh_invalidated_rollups()")))  # type: ignore[arg-type]
        return None

    def write(i: int) -> int:
        user = f"seed-user-{100 + i:04d}"
        with connect(url, "worldvibe_app") as conn:
            for n in range(rows_each):
                # every third check-in is late (a seed day), the others are "now"
                at = f"2024-03-{5 + (i + n) % 12:02d} {(7 * n) % 24:02d}:{n % 60:02d}+00" if n % 3 == 0 else None
                with conn.transaction():
                    conn.execute("SELECT worldvibe.act_as_subject(%s)", (user,))
                    conn.execute("SELECT worldvibe.record_check_in(%s, %s, %s, %s, %s)",
                                 (["JOY", "CALM", "FEAR"][n % 3], 1 + n % 10, 2.0 + i / 10, 48.0 + n / 100, at))
        return rows_each

    thread, outcome = run_in_thread(refresher)
    try:
        done = race(writers, write)
    finally:
        stop.set()
        thread.join(timeout=60)
    assert outcome.error is None and outcome.sqlstate is None
    assert sum(o.value for o in done) == writers * rows_each  # type: ignore[misc]
    assert refreshes, "the refresher never ran"
    with connect(url) as admin:
        assert isinstance(scalar(admin, "SELECT worldvibe.refresh_invalidated_rollups()"), int)
        assert scalar(admin, "SELECT count(*) FROM worldvibe.rollup_invalidations") == 0
        assert scalar(admin, ROLLUP_DIFF) == 0, "the rollups differ from a from-scratch aggregation"


# -- the maintenance job ---------------------------------------------------------------------------

def test_run_maintenance_as_the_maintenance_role(url: str) -> None:
    with connect(url) as admin:
        admin.execute("INSERT INTO worldvibe.rollup_invalidations (bucket) VALUES ('2024-03-12 10:00+00')")
        admin.execute("SELECT worldvibe.check_rate_limit('old', 1, '1 second')")
        time.sleep(1.1)
        with connect(url, "worldvibe_maintenance") as job:
            summary = scalar(job, "CALL worldvibe.run_maintenance()")
        assert isinstance(summary, dict)
        assert set(summary) == {"partitions_created", "rollup_hours_refreshed", "retention", "rate_limit_windows_purged"}
        assert summary["rollup_hours_refreshed"] == 1
        assert summary["rate_limit_windows_purged"] == 1
        # the 2024 seed days are older than the 90 days kept
        assert len(summary["retention"]["dropped_check_in_partitions"]) == 14
        assert scalar(admin, "SELECT count(*) FROM worldvibe.check_ins") == 0
        assert scalar(admin, "SELECT count(*) FROM worldvibe.daily_rollups") > 0, "retention must keep the rollups"
        assert scalar(admin, "SELECT worldvibe.health() ->> 'status'") == "up"
        with connect(url, "worldvibe_maintenance") as job:
            again = scalar(job, "CALL worldvibe.run_maintenance()")
        assert isinstance(again, dict)
        assert again["partitions_created"] == {"check_ins": 0, "events": 0}, "the job is idempotent"
        assert again["retention"]["dropped_check_in_partitions"] == []
