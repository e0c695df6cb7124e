"""The migration lock: a session-level advisory lock held on its own connection for a whole run.

A crashed or killed runner cannot leave it behind: the server releases a session lock when the
connection goes away. While waiting, the runner reports who holds the lock.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import psycopg

from runner.errors import LockBusy


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for ``pg_advisory_lock`` derived from the history table name."""
    digest = hashlib.sha256(f"runner migration lock:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@dataclass(frozen=True)
class LockHolder:
    pid: int
    application_name: str
    user: str
    client: str | None
    since: datetime | None
    state: str | None

    def __str__(self) -> str:
        since = f" since {self.since:%Y-%m-%d %H:%M:%S %Z}" if self.since else ""
        app = self.application_name or "?"
        return f"backend pid {self.pid} ({app!r}, user {self.user}{since})"


def lock_holder(conn: psycopg.Connection, key: int) -> LockHolder | None:
    """Who holds the advisory lock ``key`` in the current database, if anyone."""
    row = conn.execute(
        """
        SELECT a.pid, a.application_name, a.usename, host(a.client_addr), a.backend_start, a.state
          FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE l.locktype = 'advisory' AND l.granted AND l.database = (
                 SELECT oid FROM pg_database WHERE datname = current_database())
           AND ((l.classid::bigint << 32) | l.objid::bigint) = %s AND l.objsubid = 1
         LIMIT 1
        """,
        (key,),
    ).fetchone()
    return LockHolder(*row) if row else None


class MigrationLock:
    """Hold the advisory lock on ``conn`` (dedicated, autocommit) for the duration of a run."""

    def __init__(self, conn: psycopg.Connection, name: str, *, wait_ms: int,
                 on_wait: Callable[[LockHolder | None], None] | None = None,
                 poll_s: float = 0.25):
        self.conn = conn
        self.key = lock_key(name)
        self.wait_ms = wait_ms
        self.on_wait = on_wait
        self.poll_s = poll_s

    def _try(self) -> bool:
        row = self.conn.execute("SELECT pg_try_advisory_lock(%s)", (self.key,)).fetchone()
        return bool(row and row[0])

    def __enter__(self) -> MigrationLock:
        deadline = time.monotonic() + self.wait_ms / 1000
        reported: int | None = None
        while not self._try():
            holder = lock_holder(self.conn, self.key)
            if self.on_wait and (holder.pid if holder else None) != reported:
                reported = holder.pid if holder else None
                self.on_wait(holder)
            if time.monotonic() >= deadline:
                who = str(holder) if holder else "another session"
                raise LockBusy(
                    f"gave up after {self.wait_ms / 1000:g}s waiting for the migration lock held by {who}",
                    hint="wait for that run to finish, raise --lock-wait, or end it with "
                    f"SELECT pg_terminate_backend({holder.pid if holder else 'pid'})",
                )
            time.sleep(self.poll_s)
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.conn.closed:
            try:
                self.conn.execute("SELECT pg_advisory_unlock(%s)", (self.key,))
            except psycopg.Error:
                pass  # the connection is closing anyway; the server releases the lock
