"""The command line as a user meets it: output, JSON, exit codes, no tracebacks, no passwords."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import psycopg
import pytest

from runner.adopt import flyway_checksum
from runner.connection import with_dbname
from tests.conftest import runner_cli, write
from tests.test_migrate import history, q


def cli_ok(*args: str) -> str:
    done = runner_cli(*args)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def two(project: Path) -> None:
    write(project / "migrations", "0001_a.sql", "create table public.a (id int primary key, name text not null);")
    write(project / "migrations", "0001_a.rollback.sql", "drop table public.a;")
    write(project / "migrations", "0002_b.sql",
          "create table public.b (id int primary key, a_id int not null references public.a on delete cascade);")
    write(project / "migrations", "0002_b.rollback.sql", "drop table public.b;")


def test_status_and_history_json(project: Path, db_url: str) -> None:
    two(project)
    cli_ok("migrate", "--path", str(project), "--url", db_url, "--to", "1")
    payload = json.loads(cli_ok("status", "--path", str(project), "--url", db_url, "--json"))
    assert payload[0]["current_version"] == "0001"
    assert [(m["version"], m["state"]) for m in payload[0]["migrations"]] == [("0001", "applied"), ("0002", "pending")]
    assert payload[0]["lock_holder"] is None
    rows = json.loads(cli_ok("history", "--path", str(project), "--url", db_url, "--json"))
    assert [(r["version"], r["kind"], r["success"]) for r in rows] == [("0001", "versioned", True)]
    text = cli_ok("status", "--path", str(project), "--url", db_url)
    assert "pending" in text and "at version 0001" in text


def test_dry_run_verbose_shows_sql_in_order(project: Path, db_url: str) -> None:
    two(project)
    out = cli_ok("migrate", "--path", str(project), "--url", db_url, "--dry-run", "-v")
    assert out.index("0001_a.sql") < out.index("0002_b.sql")
    assert "references public.a on delete cascade" in out
    assert q(db_url, "SELECT to_regclass('public.schema_migrations')") == [(None,)]


def test_migration_error_is_rendered_with_caret_and_no_traceback(project: Path, db_url: str) -> None:
    write(project / "migrations", "0001_bad.sql", "-- What: a typo.\ncreate table public.t (\n  id int,\n  nme txt\n);\n")
    done = runner_cli("migrate", "--path", str(project), "--url", db_url)
    assert done.returncode == 6
    assert "migrations/0001_bad.sql:4:7" in done.stderr
    assert "    4 |   nme txt" in done.stderr
    assert "        |       ^" in done.stderr
    assert "ERROR 42704" in done.stderr and 'type "txt" does not exist' in done.stderr
    assert "Traceback" not in done.stderr


def test_plpgsql_error_maps_to_file_line_and_keeps_context_indented(project: Path, db_url: str) -> None:
    write(project / "migrations", "0001_fn.sql",
          "-- What: a function that fails when called.\n"
          "create function public.f() returns int language plpgsql as $$\nbegin\n  perform 1;\n"
          "  return 1/0;\nend $$;\nselect public.f();\n")
    done = runner_cli("migrate", "--path", str(project), "--url", db_url)
    assert done.returncode == 6
    assert "migrations/0001_fn.sql:5:3" in done.stderr  # "line 4" of the body is line 5 of the file
    assert "22012" in done.stderr
    lines = done.stderr.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("  context: "))
    assert lines[at + 1] == "           PL/pgSQL function f() line 4 at RETURN"


def test_bad_files_are_all_reported_before_anything_runs(project: Path, db_url: str) -> None:
    write(project / "migrations", "0001_a.sql", "\\set x 1\nselect :x;")
    write(project / "migrations", "0002_b.sql", "begin;\ncreate table public.b ();\ncommit;")
    done = runner_cli("migrate", "--path", str(project), "--url", db_url)
    assert done.returncode == 2
    assert "0001_a.sql:1:1: psql meta-command \\set" in done.stderr
    assert "0002_b.sql:1:1: transaction control" in done.stderr
    assert "0002_b.sql:3:1" in done.stderr
    assert q(db_url, "SELECT to_regclass('public.schema_migrations')") == [(None,)]


def test_password_is_never_printed(project: Path, db_url: str) -> None:
    two(project)
    url = "postgresql://someone:Sup3rSecret@127.0.0.1:1/nodb"
    done = runner_cli("migrate", "--path", str(project), "--url", url)
    assert done.returncode == 3
    assert "Sup3rSecret" not in done.stdout + done.stderr
    assert "postgresql://someone:***@127.0.0.1:1/nodb" in done.stderr


def test_config_problems_exit_2_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.runner]\nlock_wait = "never"\n[tool.runner.databases.x]\npath = "nope"\n')
    done = runner_cli("--config", str(tmp_path / "pyproject.toml"), "status")
    assert done.returncode == 2
    assert "tool.runner.lock_wait" in done.stderr and "tool.runner.databases.x.path" in done.stderr
    assert "Traceback" not in done.stderr


def test_new_creates_next_numbered_pair(project: Path) -> None:
    two(project)
    cli_ok("new", "x", "add_index", "--path", str(project))
    assert (project / "migrations" / "0003_add_index.sql").read_text().startswith("-- What: add index.")
    assert (project / "migrations" / "0003_add_index.rollback.sql").exists()
    flyway = project / "fw"
    flyway.mkdir()
    write(flyway, "V7__init.sql", "select 1;")
    cli_ok("new", "x", "more", "--path", str(flyway))
    assert (flyway / "V8__more.sql").exists() and (flyway / "U8__more.sql").exists()
    done = runner_cli("new", "x", "Bad Slug", "--path", str(project))
    assert done.returncode == 1 and "slug" in done.stderr


def test_seed_loads_csv_in_foreign_key_order_and_refuses_twice(project: Path, db_url: str, tmp_path: Path) -> None:
    two(project)
    cli_ok("migrate", "--path", str(project), "--url", db_url)
    seed = tmp_path / "seed"
    seed.mkdir()
    write(seed, "public.b.csv", "id,a_id\n10,1\n11,2\n")  # child sorts first by name
    write(seed, "public.a.csv", "id,name\n1,one\n2,\"two, with comma\"\n")
    write(seed, "extra.sql", "insert into public.a (id, name) values (3, 'three');")
    out = cli_ok("seed", "--path", str(project), "--url", db_url, "--dir", str(seed))
    assert "public.a 2" in out and "public.b 2" in out
    assert q(db_url, "SELECT count(*) FROM public.a") == [(3,)]
    again = runner_cli("seed", "--path", str(project), "--url", db_url, "--dir", str(seed))
    assert again.returncode == 1 and "already hold rows" in again.stderr
    q(db_url, "create table public.notes (a_id int references public.a on delete cascade); insert into public.notes values (1)")
    out = cli_ok("seed", "--path", str(project), "--url", db_url, "--dir", str(seed), "--replace")
    assert q(db_url, "SELECT count(*) FROM public.a") == [(3,)]
    assert "--replace also emptied notes" in out and q(db_url, "SELECT count(*) FROM public.notes") == [(0,)]
    write(seed, "public.b.csv", "id,a_id\n12,99\n")
    bad = runner_cli("seed", "--path", str(project), "--url", db_url, "--dir", str(seed), "--replace")
    assert bad.returncode == 1 and "23503" in bad.stderr
    assert q(db_url, "SELECT count(*) FROM public.b") == [(2,)]  # the old rows survived


def test_baseline_version_records_without_running(project: Path, db_url: str) -> None:
    two(project)
    q(db_url, "create table public.a (id int primary key, name text not null)")
    cli_ok("baseline", "--path", str(project), "--url", db_url, "--version", "1")
    assert history(db_url) == [("0001", "a", "baseline", True)]
    cli_ok("migrate", "--path", str(project), "--url", db_url)
    assert [r[0] for r in history(db_url)] == ["0001", "0002"]
    cli_ok("rollback", "--path", str(project), "--url", db_url, "--to", "0")
    assert q(db_url, "SELECT to_regclass('public.a')") == [(None,)]


def test_baseline_from_yoyo(tmp_path: Path, db_url: str) -> None:
    write(tmp_path, "20240101_01_AbCdE-first.sql", "create table public.first ();")
    write(tmp_path, "20240102_01_FgHiJ-second.sql", "create table public.second ();")
    q(db_url, "create table public.first (); create table _yoyo_migration (migration_hash text, "
              "migration_id text, applied_at_utc timestamp); insert into _yoyo_migration values "
              "('h', '20240101_01_AbCdE-first', now())")
    cli_ok("baseline", "--path", str(tmp_path), "--url", db_url, "--from", "yoyo")
    assert history(db_url) == [("20240101.1", "first", "baseline", True)]
    cli_ok("migrate", "--path", str(tmp_path), "--url", db_url)
    assert q(db_url, "SELECT to_regclass('public.second') IS NOT NULL") == [(True,)]


def test_baseline_from_flyway_checks_checksums(tmp_path: Path, db_url: str) -> None:
    v1 = "create table public.one ();\n"
    write(tmp_path, "V1__one.sql", v1)
    write(tmp_path, "V2__two.sql", "create table public.two ();\n")
    write(tmp_path, "R__view.sql", "create or replace view public.v as select 1 as x;\n")
    q(db_url, "create table public.one (); create table public.two (); create view public.v as select 1 as x;"
              "create table flyway_schema_history (installed_rank int, version text, description text, type text,"
              " script text, checksum int, installed_by text, installed_on timestamp, execution_time int, success bool)")
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("insert into flyway_schema_history values (1, '1', 'one', 'SQL', 'V1__one.sql', %s, 'u', now(), 1, true),"
                     " (2, '2', 'two', 'SQL', 'V2__two.sql', 12345, 'u', now(), 1, true),"
                     " (3, null, 'view', 'SQL', 'R__view.sql', %s, 'u', now(), 1, true)",
                     (flyway_checksum(v1), flyway_checksum("create or replace view public.v as select 1 as x;\n")))
    done = runner_cli("baseline", "--path", str(tmp_path), "--url", db_url, "--from", "flyway")
    assert done.returncode == 0, done.stderr
    assert "V2__two.sql changed since Flyway applied it" in done.stderr
    assert history(db_url) == [("1", "one", "baseline", True), ("2", "two", "baseline", True),
                               (None, "view", "repeatable", True)]
    assert "up to date" in cli_ok("migrate", "--path", str(tmp_path), "--url", db_url)


def test_reset_needs_yes(project: Path, db_url: str) -> None:
    two(project)
    cli_ok("migrate", "--path", str(project), "--url", db_url)
    q(db_url, "insert into public.a values (1, 'x')")
    refused = runner_cli("reset", "--path", str(project), "--url", db_url)
    assert refused.returncode == 1 and "--yes" in refused.stderr
    cli_ok("reset", "--path", str(project), "--url", db_url, "--yes")
    assert q(db_url, "SELECT count(*) FROM public.a") == [(0,)]
    assert [r[0] for r in history(db_url)] == ["0001", "0002"]


def test_rollback_cli_refusal_exit_code(project: Path, db_url: str) -> None:
    write(project / "migrations", "0001_a.sql", "create table public.a ();")
    cli_ok("migrate", "--path", str(project), "--url", db_url)
    done = runner_cli("rollback", "--path", str(project), "--url", db_url, "--steps", "1")
    assert done.returncode == 5 and "has no rollback file" in done.stderr


def test_status_exit_code_on_drift(project: Path, db_url: str) -> None:
    two(project)
    cli_ok("migrate", "--path", str(project), "--url", db_url)
    write(project / "migrations", "0002_b.sql", "create table public.b ();")
    done = runner_cli("status", "--path", str(project), "--url", db_url)
    assert done.returncode == 1 and "changed" in done.stdout


@pytest.fixture
def configured(tmp_path_factory: pytest.TempPathFactory, admin_url: str) -> Path:
    base = Path(tempfile.mkdtemp(prefix="runner-cli-"))
    os.chmod(base, 0o755)
    (base / "sql" / "shop" / "migrations").mkdir(parents=True)
    write(base / "sql" / "shop" / "migrations", "0001_items.sql", "create table public.items (id int);")
    (base / "pyproject.toml").write_text('[tool.runner]\nlock_wait = "10s"\n[tool.runner.databases.shop]\n')
    return base


def test_local_server_lifecycle_and_configured_database(configured: Path) -> None:
    cfg = ("--config", str(configured / "pyproject.toml"))
    try:
        out = cli_ok(*cfg, "migrate")  # starts the local server and creates the database
        assert "shop: applied 1 file(s)" in out
        status = json.loads(cli_ok(*cfg, "local", "status", "--json"))
        assert status["running"] and status["directory"] == str(configured / ".pg")
        url = cli_ok(*cfg, "local", "url", "shop").strip()
        assert url.startswith("postgresql:///shop?host=") and "password" not in url
        assert q(url, "SELECT count(*) FROM schema_migrations") == [(1,)]
        assert q(with_dbname(url, "shop"), "SHOW shared_preload_libraries") == [("pg_stat_statements",)]
        cli_ok(*cfg, "local", "stop")
        assert runner_cli(*cfg, "local", "status").returncode == 1
        assert "up to date" in cli_ok(*cfg, "migrate", "shop")  # starts it again
        refused = runner_cli(*cfg, "local", "destroy")
        assert refused.returncode == 1 and "--yes" in refused.stderr
    finally:
        runner_cli(*cfg, "local", "destroy", "--yes")
    assert not (configured / ".pg").exists()


def test_database_url_and_url_env_are_honoured(project: Path, db_url: str, tmp_path: Path) -> None:
    two(project)
    done = runner_cli("migrate", "--path", str(project), env={"DATABASE_URL": db_url})
    assert done.returncode == 0, done.stderr
    assert [r[0] for r in history(db_url)] == ["0001", "0002"]
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.runner.databases.app]\npath = "{project}"\nurl_env = "APP_URL"\n')
    out = runner_cli("--config", str(tmp_path / "pyproject.toml"), "status", "app", "--json",
                     env={"APP_URL": db_url})
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)[0]["current_version"] == "0002"


def test_status_names_the_lock_holder(project: Path, db_url: str) -> None:
    from runner import commands
    from runner.locking import MigrationLock
    from tests.test_migrate import target

    two(project)
    with psycopg.connect(db_url, autocommit=True, application_name="someone else") as conn:
        with MigrationLock(conn, "public.schema_migrations", wait_ms=0):
            report = commands.status(target(project, db_url))
            assert report.lock_holder is not None
            assert report.lock_holder.pid == conn.info.backend_pid
            assert report.lock_holder.application_name == "someone else"
    assert commands.status(target(project, db_url)).lock_holder is None
