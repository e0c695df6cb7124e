"""`runner validate` catches what it claims: each failure class shown to be caught."""

from __future__ import annotations

import dataclasses
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import psycopg
import pytest

from runner import report as machine
from runner.findings import ERROR, WARNING
from runner.lint import lint
from runner.pgtap import parse
from runner.targets import Target
from runner.validate import dump, validate
from tests.conftest import runner_cli, write
from tests.test_migrate import FAST


def target(path: Path, url: str, **kw: object) -> Target:
    t = Target(name="shop", path=path, settings=FAST, url=url, dbname="", local_dir=path / ".pg", base=path,
               tests_path=path / "tap", seed_path=path / "seed")
    return dataclasses.replace(t, **kw)  # type: ignore[arg-type]


def good_project(project: Path) -> None:
    m = project / "migrations"
    write(m, "0001_schema.sql", "-- What: schema.\ncreate schema shop;\n")
    write(m, "0001_schema.rollback.sql", "drop schema shop;\n")
    write(m, "0002_items.sql", "-- What: items.\ncreate table shop.items (\n  id bigint primary key,\n  name text not null\n);\n"
          "create index items_name on shop.items (name);\ncomment on table shop.items is 'things';\n"
          "grant select on shop.items to public;\n")
    write(m, "0002_items.rollback.sql", "drop table shop.items;\n")
    write(project / "repeatable", "v.sql", "create or replace view shop.v as select id from shop.items;\n")
    write(project / "repeatable", "v.rollback.sql", "drop view shop.v;\n")


def errors(report, check: str) -> list:  # type: ignore[no-untyped-def]
    return [f for c in report.checks for f in c.findings if f.check == check and f.severity == ERROR]


def test_a_sound_project_passes_and_dump_is_what_validate_expects(project: Path, db_url: str) -> None:
    good_project(project)
    dump(target(project, db_url))
    report = validate(target(project, db_url))
    assert report.ok, [str(f) for c in report.checks for f in c.findings]
    assert [c.name for c in report.checks] == ["offline checks", "round trip", "schema.sql"]
    assert "CREATE INDEX items_name ON shop.items" in (project / "schema.sql").read_text()


@pytest.mark.parametrize("forgotten", ["index", "grant", "trigger"])
def test_round_trip_names_the_rollback_that_forgets_something(project: Path, db_url: str, forgotten: str) -> None:
    good_project(project)
    m = project / "migrations"
    write(m, "0003_more.sql", "create index items_lower on shop.items (lower(name));\n"
          "grant update on shop.items to public;\n"
          "create function shop.tg() returns trigger language plpgsql as $$ begin return new; end $$;\n"
          "create trigger t before insert on shop.items for each row execute function shop.tg();\n")
    full = {"index": "drop index shop.items_lower;\n", "grant": "revoke update on shop.items from public;\n",
            "trigger": "drop trigger t on shop.items;\ndrop function shop.tg();\n"}
    write(m, "0003_more.rollback.sql", "".join(v for k, v in full.items() if k != forgotten))
    report = validate(target(project, db_url), schema_file=False)
    found = errors(report, "round-trip")
    assert len(found) == 1 and found[0].file == "migrations/0003_more.rollback.sql"
    assert "does not undo migrations/0003_more.sql" in found[0].message
    expected = {"index": "+ index: CREATE INDEX items_lower", "grant": "=rw/",
                "trigger": "+ trigger: CREATE TRIGGER t"}[forgotten]
    assert expected in found[0].message


def test_stale_schema_file_fails(project: Path, db_url: str) -> None:
    good_project(project)
    dump(target(project, db_url))
    write(project / "migrations", "0003_col.sql", "alter table shop.items add column price numeric;\n")
    write(project / "migrations", "0003_col.rollback.sql", "alter table shop.items drop column price;\n")
    found = errors(validate(target(project, db_url)), "schema-file")
    assert len(found) == 1 and "run `runner dump shop`" in found[0].message
    assert "+    price numeric" in found[0].message


def test_syntax_error_is_caught_offline_with_its_line(project: Path) -> None:
    good_project(project)
    write(project / "migrations", "0002_items.rollback.sql", "-- undo\n\ndrop tabel shop.items;\n")
    _, findings = lint(project, base=project)
    syntax = [f for f in findings if f.check == "syntax"]
    assert [(f.file, f.line, f.column) for f in syntax] == [("migrations/0002_items.rollback.sql", 3, 6)]


def test_security_definer_without_search_path_is_caught(project: Path) -> None:
    good_project(project)
    write(project / "repeatable", "f.sql",
          "create or replace function shop.pinned() returns int language sql security definer\n"
          "  set search_path = pg_catalog, pg_temp as 'select 1';\n\n"
          "create or replace function shop.open() returns int language sql security definer as 'select 1';\n")
    write(project / "repeatable", "f.rollback.sql", "drop function shop.pinned(); drop function shop.open();\n")
    _, findings = lint(project, base=project)
    found = [f for f in findings if f.check == "security-definer"]
    assert [(f.file, f.line) for f in found] == [("repeatable/f.sql", 4)] and "shop.open" in found[0].message


def test_missing_rollback_and_rls_are_caught(project: Path) -> None:
    good_project(project)
    write(project / "migrations", "0003_users.sql", "create table shop.users (id bigint primary key);\n")
    write(project / "migrations", "0004_notes.sql", "-- runner: irreversible\ncreate table shop.notes (id int);\n"
          "alter table shop.notes enable row level security;\n")
    _, findings = lint(project, base=project, user_data_schemas=("shop",), rls_exempt=("shop.items",))
    assert [(f.check, f.file) for f in findings if f.severity == ERROR] == [
        ("rollback-missing", "migrations/0003_users.sql"), ("rls", "migrations/0003_users.sql")]


def test_unsafe_ddl_is_a_warning_unless_configured_as_error(project: Path) -> None:
    good_project(project)
    write(project / "migrations", "0003_idx.sql", "create index items_id2 on shop.items (id);\n"
          "alter table shop.items add column sku text not null;\n")
    write(project / "migrations", "0003_idx.rollback.sql", "drop index shop.items_id2;\n")
    _, findings = lint(project, base=project)
    unsafe = [f for f in findings if f.check == "unsafe-ddl"]
    assert {f.severity for f in unsafe} == {WARNING}
    assert any("require-concurrent-index-creation" in f.message and f.line == 1 for f in unsafe)
    assert any("adding-required-field" in f.message and f.line == 2 for f in unsafe)
    assert not any(f.file == "migrations/0002_items.sql" for f in unsafe)  # table created in the same file
    _, strict = lint(project, base=project, unsafe_ddl=ERROR)
    assert {f.severity for f in strict if f.check == "unsafe-ddl"} == {ERROR}


def test_drift_against_a_live_database(project: Path, db_url: str, admin_url: str) -> None:
    good_project(project)
    dump(target(project, db_url))
    runner_cli("migrate", "--path", str(project), "--url", db_url)
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("create index hotfix on shop.items (id, name); drop view shop.v")
    report = validate(target(project, db_url), against=db_url)
    found = errors(report, "drift")
    text = "\n".join(f.message for f in found)
    assert "+ index: CREATE INDEX hotfix" in text and "- view: shop.v" in text
    assert "missing: R v" in text or "v" in text


def test_pgtap_failures_are_reported_with_description(project: Path, db_url: str) -> None:
    good_project(project)
    dump(target(project, db_url))
    (project / "seed").mkdir()
    (project / "tap").mkdir()
    write(project / "seed", "shop.items.csv", "id,name\n1,a\n2,b\n")
    write(project / "tap", "01_items.sql", "BEGIN;\nSELECT plan(2);\nSELECT is((SELECT count(*) FROM shop.items), 2::bigint, "
          "'two seeded items');\nSELECT has_index('shop', 'items', 'items_nope', 'the nope index');\n"
          "SELECT * FROM finish();\nROLLBACK;\n")
    report = validate(target(project, db_url))
    found = errors(report, "pgtap")
    assert len(found) == 1 and "1/2 passed" in found[0].message and "#2 the nope index" in found[0].message
    xml = ET.fromstring(machine.junit([report]))
    assert xml.find("testsuite").get("failures") == "1"
    annotations = machine.github([report])
    assert "::error file=tap/01_items.sql,title=shop%3A pgtap::" in annotations
    assert json.loads(json.dumps(machine.as_json([report])))[0]["ok"] is False


def test_tap_parser_counts_plan_and_failures() -> None:
    out = "1..3\nok 1 - a\nnot ok 2 - b\n# Failed test 2: \"b\"\n#   have: 1\nok 3\n"
    result = parse("x.sql", out)
    assert (result.planned, result.passed, result.ok) == (3, 2, False)
    assert result.failures[0].description == "b" and result.failures[0].diagnostics[1] == "have: 1"
    assert not parse("x.sql", "1..2\nok 1\n").ok
    assert parse("x.sql", "1..1\nok 1\n").ok


def test_validate_cli_exit_code_and_junit(project: Path, db_url: str, tmp_path: Path) -> None:
    good_project(project)
    done = runner_cli("validate", "--path", str(project), "--url", db_url, "--junit", str(tmp_path / "j.xml"))
    assert done.returncode == 1 and "schema.sql is missing" in done.stdout
    assert ET.parse(tmp_path / "j.xml").getroot().find("testsuite").get("failures") == "1"
    runner_cli("dump", "--path", str(project), "--url", db_url)
    ok = runner_cli("validate", "--path", str(project), "--url", db_url, "--github")
    assert ok.returncode == 0, ok.stdout + ok.stderr


def test_dump_and_validate_exclude_patterns_without_configuration(project: Path, db_url: str) -> None:
    good_project(project)
    write(project / "migrations", "0009_today.sql",
          "-- What: a table named after a date, as a time partition would be.\n"
          "create table shop.items_p20261206 (id int);\n")
    write(project / "migrations", "0009_today.rollback.sql", "drop table shop.items_p20261206;\n")
    done = runner_cli("dump", "--path", str(project), "--url", db_url, "--exclude", "shop.items_p*")
    assert done.returncode == 0, done.stdout + done.stderr
    text = (project / "schema.sql").read_text()
    assert "CREATE TABLE shop.items (" in text and "items_p20261206" not in text
    same = runner_cli("validate", "--path", str(project), "--url", db_url, "--no-tests", "--exclude", "shop.items_p*")
    assert same.returncode == 0, same.stdout + same.stderr
    without = runner_cli("validate", "--path", str(project), "--url", db_url, "--no-tests")
    assert without.returncode == 1 and "schema.sql differs" in without.stdout


def test_a_round_trip_stopped_by_a_missing_rollback_still_checks_the_whole_schema(project: Path, db_url: str) -> None:
    good_project(project)
    write(project / "migrations", "0003_more.sql", "-- What: more.\ncreate table shop.more (id int);\n")
    write(project / "migrations", "0004_last.sql", "-- What: last, no rollback.\ncreate table shop.last (id int);\n")
    write(project / "migrations", "0004_last.rollback.sql", "drop table shop.last;\n")
    dump(target(project, db_url))
    report = validate(target(project, db_url))
    # Only the missing rollback of 0003 is reported: schema.sql (with the view and both tables)
    # is compared against the fully migrated database, not the half rolled back one.
    assert [f.message for f in errors(report, "round-trip")] == [
        "round trip stops at migrations/0003_more.sql: it has no rollback file"]
    assert errors(report, "schema-file") == []


def test_after_a_rollback_that_forgets_something_the_checks_see_the_whole_schema(project: Path, db_url: str) -> None:
    good_project(project)
    write(project / "migrations", "0003_more.sql", "-- What: more.\ncreate table shop.more (id int);\n"
          "grant select on shop.more to public;\n")
    write(project / "migrations", "0003_more.rollback.sql", "revoke select on shop.more from public;\n"
          "drop table shop.more;\n")
    write(project / "migrations", "0004_last.sql", "-- What: last.\ncreate table shop.last (id int);\n"
          "grant select on shop.last to public;\n")
    write(project / "migrations", "0004_last.rollback.sql", "drop table shop.last;\n")  # forgets nothing
    dump(target(project, db_url))
    write(project / "migrations", "0004_last.rollback.sql", "revoke select on shop.last from public;\n")  # forgets the table
    report = validate(target(project, db_url))
    # 0004's rollback leaves the table: re-applying 0004 fails, so schema.sql is not compared
    # with a half rolled back database, and a warning says why.
    assert [f.message.splitlines()[0] for f in errors(report, "round-trip")] == [
        "does not undo migrations/0004_last.sql (- what was there before it, + what its rollback leaves):"]
    warnings = [f.message for c in report.checks for f in c.findings if f.severity == WARNING]
    assert any("schema.sql and pgTAP checks were skipped: migrations/0004_last.sql failed when applied again"
               in w and "42P07" in w for w in warnings), warnings
    assert [c.name for c in report.checks] == ["offline checks", "round trip"]
    # A rollback that forgets only a grant: 0003 applies again, and schema.sql is compared
    # with the whole schema (0004 and the view back in place: it matches, no schema-file finding).
    write(project / "migrations", "0004_last.rollback.sql", "drop table shop.last;\n")
    write(project / "migrations", "0003_more.sql", "-- What: more.\ncreate table shop.more (id int);\n"
          "grant update on shop.items to public;\n")
    write(project / "migrations", "0003_more.rollback.sql", "revoke delete on shop.items from public;\n"
          "drop table shop.more;\n")
    dump(target(project, db_url))
    report = validate(target(project, db_url))
    assert [f.message.splitlines()[0] for f in errors(report, "round-trip")] == [
        "does not undo migrations/0003_more.sql (- what was there before it, + what its rollback leaves):"]
    assert errors(report, "schema-file") == [], [str(f) for c in report.checks for f in c.findings]
    assert [c.name for c in report.checks] == ["offline checks", "round trip", "schema.sql"]
