"""Applying migrations on a real server: history, atomicity, errors pointing at the file."""

from __future__ import annotations

import dataclasses
import threading
import time
from pathlib import Path

import psycopg
import pytest

from runner import commands
from runner.config import Settings
from runner.errors import MigrationFailed, StateError
from runner.targets import Target
from tests.conftest import write

FAST = Settings(lock_timeout_ms=300, lock_retries=2, retry_backoff_ms=200, lock_wait_ms=5_000)


def target(path: Path, url: str, settings: Settings = FAST) -> Target:
    return Target(name="t", path=path, settings=settings, url=url, dbname="", local_dir=path / ".pg",
                  base=path)


def q(url: str, query: str, params: tuple = ()) -> list[tuple]:
    with psycopg.connect(url, autocommit=True) as conn:
        cur = conn.execute(query, params)
        return cur.fetchall() if cur.description else []


def history(url: str) -> list[tuple]:
    return q(url, "SELECT version, description, kind, success FROM schema_migrations ORDER BY installed_rank")


def test_migrate_applies_in_version_order_and_records_history(project: Path, db_url: str) -> None:
    m = project / "migrations"
    write(m, "10_c.sql", "create table public.c (id int references public.b on delete cascade);")
    write(m, "2_b.sql", "create table public.b (id int primary key);")
    write(m, "1_a.sql", "create schema app;")
    result = commands.migrate(target(project, db_url))
    assert [s.migration.version for s in result.steps] == ["1", "2", "10"]
    rows = q(db_url, "SELECT version, description, kind, script, length(checksum), applied_by = current_user,"
                     " execution_ms >= 0, success FROM schema_migrations ORDER BY installed_rank")
    assert rows == [
        ("1", "a", "versioned", "migrations/1_a.sql", 64, True, True, True),
        ("2", "b", "versioned", "migrations/2_b.sql", 64, True, True, True),
        ("10", "c", "versioned", "migrations/10_c.sql", 64, True, True, True),
    ]
    again = commands.migrate(target(project, db_url))
    assert again.steps == [] and len(history(db_url)) == 3


def test_to_and_dry_run(project: Path, db_url: str) -> None:
    for n in range(1, 4):
        write(project / "migrations", f"000{n}_t{n}.sql", f"create table public.t{n} ();")
    dry = commands.migrate(target(project, db_url), dry_run=True)
    assert [m.version for m in dry.plan.steps] == ["0001", "0002", "0003"]
    assert q(db_url, "SELECT to_regclass('public.schema_migrations')") == [(None,)]
    commands.migrate(target(project, db_url), to="2")
    assert [r[0] for r in history(db_url)] == ["0001", "0002"]
    with pytest.raises(StateError, match="no migration has that version"):
        commands.migrate(target(project, db_url), to="7")


def test_repeatables_run_after_versioned_and_again_when_changed(project: Path, db_url: str) -> None:
    write(project / "migrations", "0001_t.sql", "create table public.t (x int);")
    write(project / "repeatable", "v.sql", "create or replace view public.v as select x from public.t;")
    result = commands.migrate(target(project, db_url))
    assert [s.migration.kind for s in result.steps] == ["versioned", "repeatable"]
    assert commands.migrate(target(project, db_url)).steps == []
    write(project / "repeatable", "v.sql", "create or replace view public.v as select x, 1 as y from public.t;")
    again = commands.migrate(target(project, db_url))
    assert [s.migration.ident for s in again.steps] == ["v"]
    assert q(db_url, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'v'") == [(2,)]
    assert [r[2] for r in history(db_url)] == ["versioned", "repeatable", "repeatable"]


TRICKY = """-- What: every quoting form PostgreSQL has, to prove the file is sent as written.
/* a /* nested */ comment; with semicolons; */
create table public.tricky (s text default 'semi;colon', t text default E'it\\'s; fine');
create function public.plus(a int, b int) returns int language sql immutable
begin atomic
  select a + b;
end;
create function public.body() returns text language plpgsql stable as $fn$
begin
  return $$a;b$$ || ';' || 'c'';d';  -- a $$ inside the body
end
$fn$;
comment on table public.tricky is 'has a ; and a $$';
"""


def test_file_with_dollar_quotes_begin_atomic_and_nested_comments(project: Path, db_url: str) -> None:
    write(project / "migrations", "0001_tricky.sql", TRICKY)
    commands.migrate(target(project, db_url))
    assert q(db_url, "SELECT public.plus(2, 3), public.body()") == [(5, "a;b;c';d")]
    assert q(db_url, "SELECT obj_description('public.tricky'::regclass)") == [("has a ; and a $$",)]


def test_failing_statement_leaves_no_partial_objects_and_no_row(project: Path, db_url: str) -> None:
    write(project / "migrations", "0001_ok.sql", "create table public.ok ();")
    write(project / "migrations", "0002_bad.sql",
          "create table public.partial (id int);\ninsert into public.partial values (1);\n"
          "select *\n  from public.nosuch;\n")
    with pytest.raises(MigrationFailed) as info:
        commands.migrate(target(project, db_url))
    err = info.value
    assert err.diagnostic and err.diagnostic.sqlstate == "42P01"
    assert str(err.location) == "migrations/0002_bad.sql:4:8"
    assert "rolled back" in str(err)
    assert q(db_url, "SELECT to_regclass('public.partial')") == [(None,)]
    assert history(db_url) == [("0001", "ok", "versioned", True)]


def test_error_in_do_block_maps_to_file_line(project: Path, db_url: str) -> None:
    write(project / "migrations", "0001_do.sql",
          "-- What: two DO blocks; the second fails.\nDO $$ BEGIN PERFORM 1; END $$;\n"
          "DO $$\nDECLARE\n  n int := 0;\nBEGIN\n  n := 10 / n;\nEND\n$$;\n")
    with pytest.raises(MigrationFailed) as info:
        commands.migrate(target(project, db_url))
    assert info.value.diagnostic.sqlstate == "22012"
    assert str(info.value.location) == "migrations/0001_do.sql:7:3"
    assert info.value.location.text == "  n := 10 / n;"


def test_error_inside_function_called_by_migration_maps_to_body_line(project: Path, db_url: str) -> None:
    write(project / "migrations", "0001_fn.sql",
          "create function public.boom() returns int language plpgsql as $$\nbegin\n"
          "  raise exception 'no' using errcode = 'P0099';\nend $$;\nselect public.boom();\n")
    with pytest.raises(MigrationFailed) as info:
        commands.migrate(target(project, db_url))
    assert info.value.diagnostic.sqlstate == "P0099"
    assert info.value.location.line == 3


def test_runtime_error_without_position_points_at_the_statement(project: Path, db_url: str) -> None:
    write(project / "migrations", "0001_fk.sql",
          "create table public.p (id int primary key);\n\n"
          "create table public.c (p int references public.p on delete restrict);\n"
          "insert into public.c\n  values (42);\n")
    with pytest.raises(MigrationFailed) as info:
        commands.migrate(target(project, db_url))
    assert info.value.diagnostic.sqlstate == "23503"
    assert info.value.location.line == 4
    assert "Key (p)=(42)" in (info.value.diagnostic.detail or "")


def test_create_index_concurrently_in_a_transaction_gets_a_hint(project: Path, db_url: str) -> None:
    write(project / "migrations", "0001_t.sql", "create table public.t (x int);\ncreate index concurrently i on public.t (x);")
    with pytest.raises(MigrationFailed) as info:
        commands.migrate(target(project, db_url))
    assert info.value.diagnostic.sqlstate == "25001"
    assert "no-transaction" in (info.value.hint or "")


def test_no_transaction_migration_runs_statement_by_statement(project: Path, db_url: str) -> None:
    write(project / "migrations", "0001_t.sql", "create table public.t (x int);")
    write(project / "migrations", "0002_idx.sql",
          "-- runner: no-transaction\ncreate index concurrently t_x on public.t (x);\n"
          "create index concurrently t_x2 on public.t ((x * 2));\n")
    commands.migrate(target(project, db_url))
    assert q(db_url, "SELECT count(*) FROM pg_index WHERE indrelid = 'public.t'::regclass AND indisvalid") == [(2,)]
    assert history(db_url)[-1] == ("0002", "idx", "versioned", True)


def test_failed_no_transaction_migration_is_recorded_and_blocks_until_repair(project: Path, db_url: str) -> None:
    write(project / "migrations", "0001_t.sql", "create table public.t (x int);\ninsert into public.t values (1), (1);")
    write(project / "migrations", "0002_idx.sql",
          "-- runner: no-transaction\ncreate index concurrently t_ok on public.t (x);\n"
          "create unique index concurrently t_x on public.t (x);\n")
    with pytest.raises(MigrationFailed) as info:
        commands.migrate(target(project, db_url))
    assert info.value.recorded_failed and str(info.value.location) == "migrations/0002_idx.sql:3"
    assert history(db_url)[-1] == ("0002", "idx", "versioned", False)
    with pytest.raises(StateError, match="refusing to migrate") as refused:
        commands.migrate(target(project, db_url))
    assert any("failed: migrations/0002_idx.sql" in d for d in refused.value.details)
    report = commands.repair(target(project, db_url))
    assert report.cleared_failed == ["migrations/0002_idx.sql"]
    assert any(i.startswith("t_x ") for i in report.invalid_indexes)
    assert history(db_url) == [("0001", "t", "versioned", True)]
    # The DBA cleans up and fixes the file; the next run succeeds.
    q(db_url, "DROP INDEX public.t_x; DROP INDEX public.t_ok; DELETE FROM public.t")
    commands.migrate(target(project, db_url))
    assert history(db_url)[-1] == ("0002", "idx", "versioned", True)


def test_drift_is_refused_until_accepted(project: Path, db_url: str) -> None:
    write(project / "migrations", "0001_t.sql", "create table public.t (x int);")
    commands.migrate(target(project, db_url))
    write(project / "migrations", "0001_t.sql", "create table public.t (x bigint);")
    write(project / "migrations", "0002_u.sql", "create table public.u ();")
    with pytest.raises(StateError) as info:
        commands.migrate(target(project, db_url))
    assert any("changed since applied: migrations/0001_t.sql" in d for d in info.value.details)
    assert "--accept-checksums" in (info.value.hint or "")
    # Only line endings and a BOM changed: not drift.
    (project / "migrations" / "0001_t.sql").write_bytes(b"\xef\xbb\xbfcreate table public.t (x int);")
    assert commands.status(target(project, db_url)).status.where("changed") == []
    write(project / "migrations", "0001_t.sql", "create table public.t (x bigint);")
    assert commands.repair(target(project, db_url), accept_checksums=True).accepted == ["migrations/0001_t.sql"]
    assert [s.migration.version for s in commands.migrate(target(project, db_url)).steps] == ["0002"]


def test_out_of_order_is_refused_unless_allowed(project: Path, db_url: str) -> None:
    write(project / "migrations", "0002_b.sql", "create table public.b ();")
    commands.migrate(target(project, db_url))
    write(project / "migrations", "0001_a.sql", "create table public.a ();")
    with pytest.raises(StateError) as info:
        commands.migrate(target(project, db_url))
    assert any("older than the newest applied" in d and "0001_a.sql" in d for d in info.value.details)
    assert [s.migration.version for s in commands.migrate(target(project, db_url), out_of_order=True).steps] == ["0001"]


def test_missing_applied_file_is_refused(project: Path, db_url: str) -> None:
    write(project / "migrations", "0001_a.sql", "create table public.a ();")
    commands.migrate(target(project, db_url))
    (project / "migrations" / "0001_a.sql").unlink()
    write(project / "migrations", "0002_b.sql", "create table public.b ();")
    with pytest.raises(StateError, match="refusing") as info:
        commands.migrate(target(project, db_url))
    assert any("applied but not on disk: 0001" in d for d in info.value.details)
    assert len(commands.migrate(target(project, db_url), ignore_missing=True).steps) == 1


def hold_lock(url: str, table: str, seconds: float, ready: threading.Event) -> None:
    with psycopg.connect(url) as conn:
        conn.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
        ready.set()
        time.sleep(seconds)


def test_lock_timeout_is_retried_with_backoff(project: Path, db_url: str) -> None:
    write(project / "migrations", "0001_t.sql", "create table public.t (x int);")
    commands.migrate(target(project, db_url))
    write(project / "migrations", "0002_alter.sql", "alter table public.t add column y int;")
    ready = threading.Event()
    holder = threading.Thread(target=hold_lock, args=(db_url, "public.t", 0.9, ready))
    holder.start()
    ready.wait()
    retries: list[tuple[int, str]] = []

    class Spy(commands.Reporter):
        def retry(self, migration, attempt, reason, delay_ms, blockers):  # type: ignore[override]
            retries.append((attempt, reason))

    settings = dataclasses.replace(FAST, lock_retries=4, retry_backoff_ms=200)
    result = commands.migrate(target(project, db_url, settings), reporter=Spy())
    holder.join()
    assert retries and retries[0] == (1, "lock timeout")
    assert result.steps[0].attempts == len(retries) + 1
    assert history(db_url)[-1] == ("0002", "alter", "versioned", True)


def test_lock_timeout_gives_up_naming_the_blocker(project: Path, db_url: str) -> None:
    write(project / "migrations", "0001_t.sql", "create table public.t (x int);")
    commands.migrate(target(project, db_url))
    write(project / "migrations", "0002_alter.sql", "alter table public.t add column y int;")
    ready = threading.Event()
    holder = threading.Thread(target=hold_lock, args=(db_url, "public.t", 4, ready))
    holder.start()
    ready.wait()
    try:
        with pytest.raises(MigrationFailed) as info:
            commands.migrate(target(project, db_url))
    finally:
        holder.join()
    text = str(info.value)
    assert info.value.diagnostic.sqlstate == "55P03"
    assert "gave up after 3 attempts" in text
    assert "LOCK TABLE public.t IN ACCESS EXCLUSIVE MODE" in text and "blocked by" in text
    assert [r[0] for r in history(db_url)] == ["0001"]


def test_missing_extension_is_refused_before_anything_runs(project: Path, db_url: str) -> None:
    write(project / "migrations", "0001_t.sql", "create table public.t ();")
    write(project / "migrations", "0002_ext.sql", 'create extension if not exists "no_such_ext";')
    with pytest.raises(StateError, match="lacks extensions") as info:
        commands.migrate(target(project, db_url))
    assert "no_such_ext (needed by migrations/0002_ext.sql)" in info.value.details[0]
    assert q(db_url, "SELECT to_regclass('public.t')") == [(None,)]


def test_deferred_constraint_failing_at_commit_keeps_nothing(project: Path, db_url: str) -> None:
    write(project / "migrations", "0001_defer.sql",
          "create table public.p (id int primary key);\n"
          "create table public.c (p int references public.p deferrable initially deferred);\n"
          "insert into public.c values (7);\n")
    with pytest.raises(MigrationFailed, match="failed at commit") as info:
        commands.migrate(target(project, db_url))
    assert info.value.diagnostic.sqlstate == "23503"
    assert q(db_url, "SELECT to_regclass('public.c')") == [(None,)]
    assert q(db_url, "SELECT count(*) FROM schema_migrations") == [(0,)]


def test_one_round_trip_per_file_keeps_the_file_boundaries(project: Path, db_url: str) -> None:
    """The file goes in one query string with BEGIN, the history row and COMMIT: a file ending
    in a comment or without a semicolon still applies, execution_ms is the server's time for the
    file, and an error's position and statement count refer to the file alone."""
    m = project / "migrations"
    write(m, "0001_tail.sql", "create table public.a (id int);\nselect pg_sleep(0.3) -- no semicolon, no newline")
    write(m, "0002_dash.sql", "create table public.b (id int); -- the end")
    commands.migrate(target(project, db_url))
    rows = q(db_url, "SELECT version, execution_ms FROM schema_migrations ORDER BY installed_rank")
    assert [r[0] for r in rows] == ["0001", "0002"]
    assert 300 <= rows[0][1] < 5_000, rows  # pg_sleep(0.3) counted, measured by the server
    write(m, "0003_bad.sql", "create table public.c (id int);\ncreate table public.d (id int);\n"
                             "select * from public.missing;\n")
    with pytest.raises(MigrationFailed) as info:
        commands.migrate(target(project, db_url))
    assert str(info.value.location) == "migrations/0003_bad.sql:3:15"
    assert info.value.diagnostic.sqlstate == "42P01"
    assert q(db_url, "SELECT to_regclass('public.c'), count(*) FROM schema_migrations GROUP BY 1") == [(None, 2)]


def test_a_failing_history_row_is_reported_at_commit_and_keeps_nothing(project: Path, db_url: str) -> None:
    write(project / "migrations", "0001_a.sql", "create table public.a (id int);")
    commands.migrate(target(project, db_url))
    # A file that takes away what the runner needs to record it: the history statement fails
    # after the file ran, and the whole transaction goes.
    write(project / "migrations", "0002_revoke.sql",
          "create table public.b (id int);\nalter table public.schema_migrations rename to gone;\n")
    with pytest.raises(MigrationFailed, match="failed at commit") as info:
        commands.migrate(target(project, db_url))
    assert info.value.diagnostic.sqlstate == "42P01"
    assert q(db_url, "SELECT to_regclass('public.b'), to_regclass('public.schema_migrations') IS NOT NULL") \
        == [(None, True)]
    assert history(db_url) == [("0001", "a", "versioned", True)]
