"""Rolling back: newest first, history row removed in the same transaction, refusals up front."""

from __future__ import annotations

from pathlib import Path

import pytest

from runner import commands
from runner.errors import MigrationFailed, StateError
from tests.conftest import write
from tests.test_migrate import history, q, target


def three(project: Path) -> None:
    m = project / "migrations"
    for n, name in ((1, "a"), (2, "b"), (3, "c")):
        write(m, f"000{n}_{name}.sql", f"create table public.{name} (id int);")
        write(m, f"000{n}_{name}.rollback.sql", f"drop table public.{name};")


def tables(url: str) -> list[str]:
    return [r[0] for r in q(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                                 "AND tablename <> 'schema_migrations' ORDER BY 1")]


def test_steps_and_to(project: Path, db_url: str) -> None:
    three(project)
    commands.migrate(target(project, db_url))
    result = commands.rollback(target(project, db_url), steps=1)
    assert [s.migration.version for s in result.steps] == ["0003"]
    assert tables(db_url) == ["a", "b"] and [r[0] for r in history(db_url)] == ["0001", "0002"]
    commands.rollback(target(project, db_url), to="1")
    assert tables(db_url) == ["a"]
    commands.rollback(target(project, db_url), to="0")
    assert tables(db_url) == [] and history(db_url) == []
    commands.migrate(target(project, db_url))
    assert tables(db_url) == ["a", "b", "c"]


def test_refuses_before_running_anything_when_a_rollback_file_is_missing(project: Path, db_url: str) -> None:
    three(project)
    write(project / "migrations", "0004_d.sql", "create table public.d ();")
    commands.migrate(target(project, db_url))
    with pytest.raises(StateError, match="nothing was run") as info:
        commands.rollback(target(project, db_url), to="2")
    assert info.value.details == ["migrations/0004_d.sql has no rollback file"]
    assert tables(db_url) == ["a", "b", "c", "d"]


def test_irreversible_migration_cannot_be_crossed(project: Path, db_url: str) -> None:
    write(project / "migrations", "0001_a.sql", "-- runner: irreversible\ncreate table public.a ();")
    commands.migrate(target(project, db_url))
    with pytest.raises(StateError) as info:
        commands.rollback(target(project, db_url), steps=1)
    assert "declared irreversible" in info.value.details[0]


def test_failing_rollback_keeps_the_migration_and_its_row(project: Path, db_url: str) -> None:
    three(project)
    write(project / "migrations", "0003_c.rollback.sql", "drop table public.c;\ndrop table public.nosuch;")
    commands.migrate(target(project, db_url))
    with pytest.raises(MigrationFailed) as info:
        commands.rollback(target(project, db_url), steps=1)
    assert str(info.value.location) == "migrations/0003_c.rollback.sql:2"
    assert info.value.message.startswith("rollback ")
    assert tables(db_url) == ["a", "b", "c"] and len(history(db_url)) == 3


def test_dry_run_lists_without_running(project: Path, db_url: str) -> None:
    three(project)
    commands.migrate(target(project, db_url))
    result = commands.rollback(target(project, db_url), steps=2, dry_run=True)
    assert [m.version for m in result.plan.versioned] == ["0003", "0002"]
    assert tables(db_url) == ["a", "b", "c"]


def test_repeatables_are_taken_down_first_and_reapplied(project: Path, db_url: str) -> None:
    three(project)
    write(project / "repeatable", "v.sql", "create or replace view public.v as select id from public.a;")
    write(project / "repeatable", "v.rollback.sql", "drop view public.v;")
    commands.migrate(target(project, db_url))
    result = commands.rollback(target(project, db_url), steps=1)
    assert [(s.action, s.migration.ident) for s in result.steps] == [
        ("rollback", "v"), ("rollback", "0003_c"), ("apply", "v")]
    assert q(db_url, "SELECT to_regclass('public.v') IS NOT NULL") == [(True,)]
    commands.rollback(target(project, db_url), to="0")
    assert q(db_url, "SELECT to_regclass('public.v')") == [(None,)]
    assert history(db_url) == []


def test_full_rollback_needs_repeatable_rollback_files(project: Path, db_url: str) -> None:
    three(project)
    write(project / "repeatable", "v.sql", "create or replace view public.v as select id from public.a;")
    commands.migrate(target(project, db_url))
    with pytest.raises(StateError) as info:
        commands.rollback(target(project, db_url), to="0")
    assert "repeatable" in info.value.details[0] and "no rollback file" in info.value.details[0]


def test_needs_exactly_one_of_to_or_steps(project: Path, db_url: str) -> None:
    three(project)
    with pytest.raises(StateError, match="exactly one"):
        commands.rollback(target(project, db_url))
    with pytest.raises(StateError, match="no migration has that version"):
        commands.rollback(target(project, db_url), to="9")


def test_repeatable_that_needs_the_rolled_back_schema_waits_for_migrate(project: Path, db_url: str) -> None:
    three(project)
    write(project / "migrations", "0004_col.sql", "alter table public.c add column note text;")
    write(project / "migrations", "0004_col.rollback.sql", "alter table public.c drop column note;")
    write(project / "repeatable", "v.sql", "create or replace view public.v as select note from public.c;")
    write(project / "repeatable", "v.rollback.sql", "drop view public.v;")
    commands.migrate(target(project, db_url))
    result = commands.rollback(target(project, db_url), steps=1)
    assert [s.migration.ident for s in result.steps] == ["v", "0004_col"]
    assert len(result.warnings) == 1 and "repeatable/v.sql could not be re-applied" in result.warnings[0]
    assert "42703" in result.warnings[0]
    status = commands.status(target(project, db_url)).status
    assert [e.migration.ident for e in status.where("pending") if e.migration] == ["0004_col", "v"]
    commands.migrate(target(project, db_url))
    assert q(db_url, "SELECT to_regclass('public.v') IS NOT NULL") == [(True,)]
