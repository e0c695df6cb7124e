"""PulseX behaviour that pgTAP cannot show, because it needs several transactions or connections.

Each test gets a fresh migrated and seeded database (``migrated_db("pulsex", seed=True)``) and acts
as the application does: a connection that did ``SET ROLE pulsex_app`` (standing in for a login role
that is a member of it) and that sets the row-level-security context in every transaction with
``pulsex.set_app_context()``. One server connection serving consecutive transactions of different
clients is exactly what PgBouncer does in transaction pooling mode, so the context must end with
the transaction that set it.
"""

from __future__ import annotations

import secrets
import shutil
import subprocess
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import psycopg
import pytest
from psycopg import sql

USER_A = uuid.UUID("00000000-0000-4000-8000-000000000002")  # seed: Ada Lovelace
USER_B = uuid.UUID("00000000-0000-4000-8000-000000000003")  # seed: Alan Turing


@pytest.fixture
def db(migrated_db: Callable[..., str]) -> str:
    return migrated_db("pulsex", seed=True)


@contextmanager
def connection_as(url: str, role: str, *, autocommit: bool = False) -> Iterator[psycopg.Connection]:
    with psycopg.connect(url, autocommit=autocommit) as conn:
        conn.execute(f"SET ROLE {role}")  # role names are the constants of this module, never input
        if not autocommit:
            conn.commit()
        yield conn


def owners(conn: psycopg.Connection) -> set[uuid.UUID]:
    """The users whose saved cards the connection can see."""
    return {row[0] for row in conn.execute("SELECT DISTINCT user_id FROM pulsex.saved_cards")}


def test_context_ends_with_the_transaction_that_set_it(db: str) -> None:
    with connection_as(db, "pulsex_app") as conn:
        with conn.transaction():
            conn.execute("SELECT pulsex.set_app_context(%s)", (USER_A,))
            assert owners(conn) == {USER_A}
        # The next transaction on the same server connection belongs to another client.
        with conn.transaction():
            assert conn.execute("SELECT pulsex.app_user_id(), pulsex.app_is_admin()").fetchone() == (None, False)
            assert owners(conn) == set()
        with conn.transaction():
            conn.execute("SELECT pulsex.set_app_context(%s)", (USER_B,))
            assert owners(conn) == {USER_B}


def test_admin_override_ends_with_the_transaction_too(db: str) -> None:
    with connection_as(db, "pulsex_app") as conn:
        with conn.transaction():
            conn.execute("SELECT pulsex.set_app_context(NULL, true)")
            assert {USER_A, USER_B} <= owners(conn)
        with conn.transaction():
            assert owners(conn) == set()


def test_context_of_a_failed_transaction_does_not_survive_it(db: str) -> None:
    with connection_as(db, "pulsex_app") as conn:
        with pytest.raises(psycopg.errors.DivisionByZero), conn.transaction():
            conn.execute("SELECT pulsex.set_app_context(%s)", (USER_A,))
            conn.execute("SELECT 1 / 0")
        with conn.transaction():
            assert owners(conn) == set()


def test_one_round_trip_multi_statement_query_keeps_the_context(db: str) -> None:
    """The benchmark's pattern: context and query in one simple-protocol message (one implicit
    transaction), and nothing left afterwards in autocommit mode."""
    with connection_as(db, "pulsex_app", autocommit=True) as conn:
        cur = conn.execute(
            f"SELECT pulsex.set_app_context('{USER_A}'); SELECT count(DISTINCT user_id) FROM pulsex.saved_cards"
        )
        assert cur.nextset()
        assert cur.fetchone() == (1,)
        assert owners(conn) == set()
        # A context set by a statement of its own in autocommit mode lasts that statement only.
        conn.execute("SELECT pulsex.set_app_context(%s)", (USER_A,))
        assert owners(conn) == set()


def test_fetch_briefing_context_ends_with_its_transaction(db: str) -> None:
    """fetch_briefing() sets the context like set_app_context(): for the rest of the transaction,
    never beyond it, also when the server connection is reused (as PgBouncer does) and the plan
    of its query is cached."""
    with connection_as(db, "pulsex_app") as conn:
        for user in (USER_A, USER_B, USER_A):
            with conn.transaction():
                rows = conn.execute("SELECT cards FROM pulsex.fetch_briefing(%s, '2026-10-05')", (user,)).fetchall()
                assert len(rows) == 1
                assert owners(conn) == {user}
            with conn.transaction():
                assert conn.execute("SELECT pulsex.app_user_id(), pulsex.app_is_admin()").fetchone() == (None, False)
                assert owners(conn) == set()
    with connection_as(db, "pulsex_app", autocommit=True) as conn:
        # one autocommit statement: the context lasts that statement only
        assert len(conn.execute("SELECT * FROM pulsex.fetch_briefing(%s, '2026-10-05')", (USER_A,)).fetchall()) == 1
        assert owners(conn) == set()


def test_concurrent_connections_keep_their_own_context(db: str) -> None:
    with connection_as(db, "pulsex_app") as first, connection_as(db, "pulsex_app") as second:
        first.execute("SELECT pulsex.set_app_context(%s)", (USER_A,))
        second.execute("SELECT pulsex.set_app_context(%s)", (USER_B,))
        # both transactions are open at once and interleave
        assert owners(first) == {USER_A}
        assert owners(second) == {USER_B}
        first.execute("UPDATE pulsex.saved_cards SET notes = 'first' WHERE true")
        second.execute("UPDATE pulsex.saved_cards SET notes = 'second' WHERE true")
        first.commit()
        second.commit()
    with psycopg.connect(db) as admin:
        notes = dict(admin.execute(
            "SELECT user_id, min(notes) FROM pulsex.saved_cards WHERE user_id IN (%s, %s) GROUP BY user_id",
            (USER_A, USER_B),
        ).fetchall())
        others = admin.execute(
            "SELECT count(*) FROM pulsex.saved_cards WHERE notes IN ('first', 'second') AND user_id NOT IN (%s, %s)",
            (USER_A, USER_B),
        ).fetchone()
    assert notes == {USER_A: "first", USER_B: "second"}
    assert others == (0,)


def test_refresh_user_stats_does_not_block_readers(db: str) -> None:
    with psycopg.connect(db) as reader, psycopg.connect(db) as job:
        reader.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ  # one snapshot for the transaction
        reader.execute("SET ROLE pulsex_analytics")
        before = reader.execute("SELECT count(*) FROM pulsex.user_activity_summary").fetchone()
        # the reader's transaction stays open, holding its lock on the view
        job.execute("SET lock_timeout = '3s'")
        refreshed = job.execute("SELECT pulsex.refresh_user_stats()").fetchone()
        job.commit()
        assert refreshed == (40,)
        # the view was built empty by the migration, before the seed; the reader's snapshot still says so
        assert before == (0,)
        assert reader.execute("SELECT count(*) FROM pulsex.user_activity_summary").fetchone() == (0,)
        reader.commit()
        assert reader.execute("SELECT count(*) FROM pulsex.user_activity_summary").fetchone() == (40,)


def test_long_running_statement_of_another_session_is_reported(db: str) -> None:
    with psycopg.connect(db, autocommit=True) as sleeper:
        sleeper_pid = sleeper.info.backend_pid
        thread = threading.Thread(target=lambda: sleeper.execute("SELECT pg_sleep(3)"))
        thread.start()
        try:
            with connection_as(db, "pulsex_readonly", autocommit=True) as monitor:
                found = None
                deadline = time.monotonic() + 2.5
                while time.monotonic() < deadline and found is None:
                    found = monitor.execute(
                        "SELECT query FROM pulsex.get_long_running_queries(interval '1 second') WHERE pid = %s",
                        (sleeper_pid,),
                    ).fetchone()
                    time.sleep(0.1)
                longest = monitor.execute(
                    "SELECT value FROM pulsex.database_health WHERE metric = 'longest_running_statement'"
                ).fetchone()
        finally:
            thread.join()
    assert found == ("SELECT pg_sleep(3)",), "the monitoring role sees the other session's statement"
    assert longest is not None and longest[0] >= 1


def test_backup_role_can_dump_the_schema_with_pg_dump(db: str) -> None:
    """pulsex_backup is meant for exports: a login member of it runs pg_dump of the whole schema
    (RLS-forced tables, partitions, identity sequences) and gets every row. BYPASSRLS is a role
    attribute, not inherited through membership, hence --role (pg_dump then does SET ROLE)."""
    pg_dump = shutil.which("pg_dump")
    assert pg_dump, "pg_dump (PostgreSQL client) is needed"
    role, password = f"backup_{uuid.uuid4().hex[:8]}", secrets.token_hex(16)
    with psycopg.connect(db, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE pulsex_backup").format(
            sql.Identifier(role), sql.Literal(password)))
        expected = admin.execute("SELECT count(*) FROM pulsex.briefings").fetchone()
        params = {**psycopg.conninfo.conninfo_to_dict(db), "user": role, "password": password}
        conninfo = psycopg.conninfo.make_conninfo(**params)

        def dump(*options: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run([pg_dump, "--role=pulsex_backup", "--schema=pulsex", *options, "-d", conninfo],
                                  capture_output=True, text=True, timeout=120)

        try:
            full = dump()
            done = dump("--data-only", "--table=pulsex.briefings*")
        finally:
            admin.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))
    assert full.returncode == 0, full.stderr
    assert done.returncode == 0, done.stderr
    # COPY blocks of the briefing partitions: one line per row between "COPY ..." and "\."
    rows, inside = 0, False
    for line in done.stdout.splitlines():
        if line.startswith("COPY pulsex.briefings_p"):
            inside = True
        elif line == "\\.":
            inside = False
        elif inside:
            rows += 1
    assert expected == (rows,)
