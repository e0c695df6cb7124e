"""Running migrations: one transaction per file together with its history row.

Transactional files run with ``SET LOCAL lock_timeout`` so DDL never queues behind live traffic;
on a lock timeout or deadlock the whole file is retried with backoff a bounded number of times.
``no-transaction`` files are split with PostgreSQL's parser and run statement by statement in
autocommit; they are recorded as failed *before* they start, so a crash or an error leaves a
visible ``failed`` row that ``runner repair`` must clear.

Commits inside a run use ``synchronous_commit = off``; the run ends with one synchronous commit,
which flushes the WAL of every earlier commit too. A server crash mid-run can therefore lose only
the last few migrations *together with* their history rows (they run again next time), never one
without the other.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType

import psycopg
from psycopg import sql

from runner.config import Settings, format_ms
from runner.connection import connect, describe
from runner.diagnostics import HINTS, locate
from runner.errors import MigrationFailed, RunnerError
from runner.execute import ScriptFailure, run_script
from runner.history import History
from runner.locking import LockHolder, MigrationLock
from runner.sources import Migration, Script
from runner.sqltext import split

RETRYABLE = {"55P03": "lock timeout", "40P01": "deadlock"}
# A transactional migration goes as: the prefix (BEGIN and three SET LOCALs), the file, a SELECT
# of this one column (to tell a failure in the file from one after it), the history statement,
# COMMIT.
_MARKER = "runner_script_done"
_PREFIX_STATEMENTS = 4
# execution_ms computed by the server: every statement of one query string shares its
# statement_timestamp() (the time the string arrived), so this is the time from BEGIN to here.
SERVER_MS = sql.SQL("(extract(epoch FROM clock_timestamp() - statement_timestamp()) * 1000)::integer")


class Reporter:
    """Progress callbacks; the core calls them, the CLI renders them. All optional."""

    def lock_wait(self, holder: LockHolder | None) -> None: ...
    def begin(self, action: str, migration: Migration, index: int, total: int) -> None: ...
    def end(self, action: str, migration: Migration, ms: int) -> None: ...
    def retry(self, migration: Migration, attempt: int, reason: str, delay_ms: int,
              blockers: list[str]) -> None: ...
    def notice(self, message: str) -> None: ...


@dataclass
class Step:
    """One thing a run did: applied or rolled back a file, and how long it took."""

    action: str  # "apply" | "rollback"
    migration: Migration
    ms: int
    attempts: int = 1


class BlockerWatcher:
    """While a statement runs, look (on the lock connection) at who blocks it.

    One thread per run, armed for each attempt: it starts looking only ``after_ms`` into the
    attempt, so fast migrations pay two condition-variable calls and nothing else (a thread per
    migration cost more than the migration's own round trips). What it saw is what the error
    names when the lock timeout finally fires.
    """

    QUERY = r"""
        SELECT format('pid %%s (%%s, %%s, %%s for %%s): %%s', pid, coalesce(nullif(application_name, ''), '?'),
                      usename, state, date_trunc('second', now() - coalesce(xact_start, query_start)),
                      left(regexp_replace(query, '\s+', ' ', 'g'), 200))
          FROM pg_stat_activity WHERE pid = ANY (pg_blocking_pids(%s)) ORDER BY pid
    """

    def __init__(self, conn: psycopg.Connection, pid: int):
        self.conn, self.pid = conn, pid
        self.blockers: list[str] = []
        self._cv = threading.Condition()
        self._armed_until: float | None = None  # monotonic time to start looking, None: idle
        self._stopped = False
        self._thread: threading.Thread | None = None

    def arm(self, after_ms: int) -> None:
        with self._cv:
            self.blockers = []
            self._armed_until = time.monotonic() + max(after_ms, 50) / 1000
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, daemon=True, name="runner-blockers")
                self._thread.start()
            self._cv.notify()

    def disarm(self) -> list[str]:
        with self._cv:
            self._armed_until = None
            return list(self.blockers)

    def stop(self) -> None:
        with self._cv:
            self._stopped = True
            self._cv.notify()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        while True:
            with self._cv:
                while not self._stopped and (self._armed_until is None or time.monotonic() < self._armed_until):
                    self._cv.wait(None if self._armed_until is None else self._armed_until - time.monotonic())
                if self._stopped:
                    return
            try:
                found = [r[0] for r in self.conn.execute(self.QUERY, (self.pid,)).fetchall()]
            except psycopg.Error:
                return
            with self._cv:
                if found and self._armed_until is not None:
                    self.blockers = found
                if self._armed_until is not None:
                    self._cv.wait(0.25)


@dataclass
class Session:
    """A run against one database: the lock connection, the work connection, the history table."""

    conninfo: str
    settings: Settings
    reporter: Reporter = field(default_factory=Reporter)
    command: str = "migrate"
    lock_wait_ms: int | None = None

    def __post_init__(self) -> None:
        schema, table = self.settings.history_schema_table
        self.history = History(schema, table)
        self._async_commits = False

    def __enter__(self) -> Session:
        app = f"runner {self.command}"
        self.lock_conn = connect(self.conninfo, application_name=f"{app} (lock)")
        try:
            self.lock = MigrationLock(
                self.lock_conn, self.history.display,
                wait_ms=self.settings.lock_wait_ms if self.lock_wait_ms is None else self.lock_wait_ms,
                on_wait=self.reporter.lock_wait,
            ).__enter__()
            self.conn = connect(self.conninfo, application_name=app)
            self.conn.add_notice_handler(self._notice)
            if self.conn.info.server_version >= 140000:
                # A killed runner's backend notices the dead socket and rolls back promptly,
                # even in the middle of a long statement.
                self.conn.execute("SET client_connection_check_interval = '1s'")
            self.history.ensure(self.conn)
            self.watcher = BlockerWatcher(self.lock_conn, self.conn.info.backend_pid)
        except BaseException:
            if getattr(self, "conn", None) is not None:
                self.conn.close()
            self.lock_conn.close()
            raise
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            if self._async_commits and not self.conn.closed:
                with self.conn.transaction():  # one synchronous commit flushes all earlier ones
                    self.conn.execute("SELECT txid_current()")
        except psycopg.Error:
            pass
        finally:
            self.watcher.stop()
            self.conn.close()
            self.lock.__exit__(None, None, None)
            self.lock_conn.close()

    def _notice(self, diag: psycopg.errors.Diagnostic) -> None:
        self.reporter.notice(f"{diag.severity}: {diag.message_primary}")

    # -- running scripts ----------------------------------------------------------------------
    def _timeouts(self, script: Script) -> tuple[int, int]:
        d = script.directives
        lock = d.lock_timeout_ms if d.lock_timeout_ms is not None else self.settings.lock_timeout_ms
        stmt = d.statement_timeout_ms if d.statement_timeout_ms is not None else self.settings.statement_timeout_ms
        return lock, stmt

    def _failure(self, migration: Migration, script: Script, failure: ScriptFailure, *,
                 base_offset: int = 0, attempts: int = 1, blockers: list[str] | None = None,
                 recorded_failed: bool = False, action: str = "apply") -> MigrationFailed:
        diag = failure.diagnostic
        location = locate(script.display, script.text, diag, failure.position, failure.completed,
                          base_offset)
        notes = []
        if attempts > 1:
            notes.append(f"gave up after {attempts} attempts")
        if blockers:
            notes.append("blocked by:")
            notes += ["  " + b for b in blockers]
        if recorded_failed:
            notes.append("recorded as FAILED in the history table: statements before this one "
                         "were committed; fix the file, clean up, then run `runner repair`")
        else:
            notes.append("rolled back: nothing of this file was kept and no history row was written")
        verb = "migration" if action == "apply" else "rollback"
        return MigrationFailed(
            f"{verb} {script.display} failed",
            script=script.display, diagnostic=diag, location=location,
            hint=HINTS.get(diag.sqlstate), recorded_failed=recorded_failed, notes=notes,
        )

    def _lost(self, script: Script, exc: psycopg.Error) -> RunnerError:
        return RunnerError(
            f"connection to {describe(self.conninfo)} lost while running {script.display}: "
            f"{str(exc).strip().splitlines()[0] if str(exc).strip() else 'no reason given'}",
            hint="the server rolls back an interrupted transaction; run `runner status` to see "
            "what is recorded",
        )

    def transactional(self, migration: Migration, script: Script, record: sql.Composable,
                      action: str = "apply") -> Step:
        """Run ``script`` and the history statement ``record`` in one transaction, retrying lock
        timeouts. One round trip: BEGIN with the SET LOCALs, the script as written, a marker,
        the history statement and COMMIT go as one simple-protocol query. The server parses the
        whole string before running any of it and skips everything after a failing statement,
        so a syntax error runs nothing and a failure never reaches COMMIT."""
        lock_ms, stmt_ms = self._timeouts(script)
        attempts = self.settings.lock_retries + 1
        prefix = (f"BEGIN; SET LOCAL lock_timeout = '{lock_ms}ms'; SET LOCAL statement_timeout = '{stmt_ms}ms'; "
                  "SET LOCAL synchronous_commit = off;\n")
        # "\n;" ends a last statement without a semicolon, or a trailing "--" comment.
        text = (f"{prefix}{script.text}\n;\nSELECT 1 AS {_MARKER};\n"
                f"{record.as_string(self.conn)};\nCOMMIT")
        for attempt in range(1, attempts + 1):
            start = time.perf_counter()
            blockers: list[str] = []
            try:
                self.watcher.arm(lock_ms // 2)
                try:
                    run_script(self.conn, text, marker=_MARKER)
                finally:
                    blockers = self.watcher.disarm()
            except ScriptFailure as failure:
                self._rollback()
                if failure.after_marker:  # the history statement, or COMMIT (deferred constraints)
                    d = failure.diagnostic
                    raise MigrationFailed(
                        f"{'migration' if action == 'apply' else 'rollback'} {script.display} failed at commit",
                        script=script.display, diagnostic=d, hint=HINTS.get(d.sqlstate),
                        notes=["rolled back: nothing of this file was kept and no history row was written"],
                    ) from None
                # Positions and statement counts as if the script had been sent alone.
                inner = ScriptFailure(
                    failure.diagnostic,
                    failure.position - len(prefix) if failure.position and failure.position > len(prefix) else None,
                    max(failure.completed - _PREFIX_STATEMENTS, 0))
                reason = RETRYABLE.get(failure.diagnostic.sqlstate)
                if reason and attempt < attempts:
                    delay = self.settings.retry_backoff_ms * 2 ** (attempt - 1)
                    self.reporter.retry(migration, attempt, reason, delay, blockers)
                    time.sleep(delay / 1000)
                    continue
                raise self._failure(migration, script, inner, attempts=attempt,
                                    blockers=blockers, action=action) from None
            except psycopg.OperationalError as exc:
                raise self._lost(script, exc) from None
            except BaseException:
                self._rollback()
                raise
            self._async_commits = True
            return Step(action, migration, int((time.perf_counter() - start) * 1000), attempt)
        raise AssertionError("unreachable")

    def _rollback(self) -> None:
        if not self.conn.closed and self.conn.pgconn.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            try:
                self.conn.execute("ROLLBACK")
            except psycopg.Error:
                pass

    def statement_by_statement(self, migration: Migration, script: Script, *, action: str,
                               on_failure: Callable[[], None]) -> int:
        """Run a no-transaction script one statement at a time in autocommit; return ms."""
        lock_ms, stmt_ms = self._timeouts(script)
        start = time.perf_counter()
        try:
            self.conn.execute(
                "SELECT set_config('lock_timeout', %s, false), set_config('statement_timeout', %s, false)",
                (format_ms(lock_ms), format_ms(stmt_ms)),
            )
            for stmt in split(script.text):
                try:
                    run_script(self.conn, stmt.text)
                except ScriptFailure as failure:
                    on_failure()
                    raise self._failure(migration, script, failure, base_offset=stmt.start,
                                        recorded_failed=True, action=action) from None
            self.conn.execute("RESET lock_timeout; RESET statement_timeout")
        except psycopg.OperationalError as exc:
            raise self._lost(script, exc) from None
        return int((time.perf_counter() - start) * 1000)

    # -- the operations -----------------------------------------------------------------------
    def apply(self, migration: Migration, kind: str | None = None) -> Step:
        script = migration.script
        row = dict(version=migration.version, description=migration.description,
                   kind=kind or migration.kind, script=script.display, checksum=script.checksum)
        if script.directives.transactional:
            return self.transactional(
                migration, script, self.history.insert_sql(execution_ms=SERVER_MS, success=True, **row))
        rank = self.history.insert(self.conn, execution_ms=0, success=False, **row)
        ms = self.statement_by_statement(migration, script, action="apply", on_failure=lambda: None)
        self.history.mark_succeeded(self.conn, rank, ms)
        return Step("apply", migration, ms)

    def rollback(self, migration: Migration) -> Step:
        script = migration.rollback
        assert script is not None
        if migration.kind == "repeatable":
            forget = self.history.delete_repeatable_sql(migration.description)
        else:
            forget = self.history.delete_version_sql(migration.version or "")
        if script.directives.transactional:
            return self.transactional(migration, script, forget, action="rollback")

        def mark_failed() -> None:
            self.history.mark_failed(self.conn, migration.version)

        ms = self.statement_by_statement(migration, script, action="rollback", on_failure=mark_failed)
        self.conn.execute(forget)
        return Step("rollback", migration, ms)
