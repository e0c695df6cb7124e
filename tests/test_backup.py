"""Backups on a real server: dump + manifest, verify by restoring, a damaged file caught, prune, restore."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from runner import backup
from runner.errors import RunnerError
from tests.conftest import runner_cli, write
from tests.test_cli import cli_ok, two
from tests.test_migrate import q, target


@pytest.fixture
def populated(project: Path, db_url: str) -> tuple[Path, str]:
    two(project)
    cli_ok("migrate", "--path", str(project), "--url", db_url)
    q(db_url, "insert into public.a select g, 'n' || g from generate_series(1, 500) g;"
              "insert into public.b select g, g from generate_series(1, 200) g;"
              "create index a_name on public.a (name); grant select on public.a to public;"
              "do $$ begin if not exists (select from pg_roles where rolname = 'bk_owner') then "
              "create role bk_owner nologin; end if; end $$;"
              "create function public.f() returns int language sql stable as 'select 1';"
              "alter function public.f() owner to bk_owner; revoke all on function public.f() from public;"
              "grant execute on function public.f() to bk_owner;")
    return project, db_url


def test_backup_writes_dump_and_manifest_and_verifies(populated: tuple[Path, str], tmp_path: Path) -> None:
    project, url = populated
    out = cli_ok("backup", "--path", str(project), "--url", url, "--dir", str(tmp_path / "bk"), "--verify")
    assert "verified" in out and "catalog and row counts match" in out
    dumps = list((tmp_path / "bk").glob("*.dump"))
    assert len(dumps) == 1
    manifest = json.loads(dumps[0].with_name(dumps[0].name.replace(".dump", ".manifest.json")).read_text())
    assert manifest["row_counts"] == {"public.a": 500, "public.b": 200}
    assert manifest["migration_version"] == "0002" and len(manifest["sha256"]) == 64
    assert any("a_name" in i for i in manifest["catalog"]["index"])
    # Ownership survives (a function owned by another role keeps its owner-granted ACL).
    assert any("bk_owner=X/bk_owner" in f for f in manifest["catalog"]["function"])


def test_damaged_dump_is_caught_by_verify(populated: tuple[Path, str], tmp_path: Path) -> None:
    project, url = populated
    manifest = backup.backup(target(project, url), tmp_path)
    dump = tmp_path / manifest.dump
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    report = backup.verify(target(project, url), dump)
    assert not report.ok and "checksum mismatch" in report.problems[0]
    done = runner_cli("backup", "verify", "x", str(dump), "--path", str(project), "--url", url)
    assert done.returncode == 7 and "verification failed" in done.stderr


def test_verify_notices_a_manifest_that_does_not_match(populated: tuple[Path, str], tmp_path: Path) -> None:
    project, url = populated
    manifest = backup.backup(target(project, url), tmp_path)
    path = tmp_path / manifest.dump.replace(".dump", ".manifest.json")
    data = json.loads(path.read_text())
    data["row_counts"]["public.a"] = 499
    data["catalog"]["index"] = [i for i in data["catalog"]["index"] if "a_name" not in i]
    path.write_text(json.dumps(data))
    report = backup.verify(target(project, url), tmp_path / manifest.dump)
    assert not report.ok
    assert "rows in public.a: manifest 499, restored 500" in report.problems
    assert any(p.startswith("catalog + index: CREATE INDEX a_name") for p in report.problems)


def test_restore_refuses_non_empty_database_without_force(populated: tuple[Path, str], tmp_path: Path,
                                                          admin_url: str) -> None:
    project, url = populated
    manifest = backup.backup(target(project, url), tmp_path)
    q(url, "delete from public.b")
    with pytest.raises(RunnerError, match="not empty"):
        backup.restore(target(project, url), tmp_path / manifest.dump)
    backup.restore(target(project, url), tmp_path / manifest.dump, force=True)
    assert q(url, "SELECT count(*) FROM public.b") == [(200,)]
    assert q(url, "SELECT count(*) FROM schema_migrations") == [(2,)]


def test_prune_keeps_newest_per_day_and_week(tmp_path: Path) -> None:
    now = datetime(2026, 11, 22, 12, tzinfo=UTC)
    for hours in (0, 2, 24, 48, 24 * 8, 24 * 15, 24 * 40):
        stamp = now - timedelta(hours=hours)
        write(tmp_path, f"db-{stamp:%Y%m%dT%H%M%SZ}.dump", "x")
        write(tmp_path, f"db-{stamp:%Y%m%dT%H%M%SZ}.manifest.json", "{}")
    kept, deleted = backup.prune(tmp_path, "db", keep_daily=2, keep_weekly=3)
    assert [p.name for p in kept] == ["db-20261122T120000Z.dump", "db-20261121T120000Z.dump",
                                      "db-20261114T120000Z.dump", "db-20261107T120000Z.dump"]
    assert len(deleted) == 3 and not any((tmp_path / p.name).exists() for p in deleted)
    assert len(list(tmp_path.glob("*.manifest.json"))) == 4
    with pytest.raises(RunnerError):
        backup.prune(tmp_path, "db", keep_daily=0, keep_weekly=0)


def test_health_json_and_prometheus(populated: tuple[Path, str], tmp_path: Path) -> None:
    project, url = populated
    data = json.loads(cli_ok("health", "--path", str(project), "--url", url, "--json", "--dir", str(tmp_path)))
    assert data["max_connections"] >= 10 and data["size_bytes"] > 0
    assert data["growth_bytes"] is None  # no backup yet
    cli_ok("backup", "--path", str(project), "--url", url, "--dir", str(tmp_path))
    q(url, "insert into public.a select g, repeat('x', 500) from generate_series(1000, 20000) g")
    data = json.loads(cli_ok("health", "--path", str(project), "--url", url, "--json", "--dir", str(tmp_path)))
    assert data["growth_bytes"] > 1_000_000 and data["growth_since"]
    assert data["slowest"] is None  # pg_stat_statements not created in this database
    q(url, "create extension pg_stat_statements")
    data = json.loads(cli_ok("health", "--path", str(project), "--url", url, "--json"))
    assert isinstance(data["slowest"], list)
    text = cli_ok("health", "--path", str(project), "--url", url, "--prometheus")
    assert "# TYPE pg_connections_total gauge" in text and "pg_connections_waiting{database=" in text
    assert "pg_statement_mean_duration_seconds" in text
    human = cli_ok("health", "--path", str(project), "--url", url)
    assert "connections" in human and "cache hits" in human
