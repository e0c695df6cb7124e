"""Every configured database passes what `runner validate` checks, inside `make test`.

Offline checks, the step-by-step round trip (each rollback restores the catalog seen before its
migration), `rollback --to 0` and migrate again through the commands, the committed schema.sql,
and each pgTAP file in ``tests/sql/<db>/`` against a migrated, seeded database.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from runner import catalog, commands, pgtap
from runner.config import load_config
from runner.connection import with_dbname
from runner.findings import ERROR
from runner.lint import lint
from runner.seed import load_seed
from runner.targets import Target, resolve
from runner.validate import round_trip, schema_file_check
from tests.conftest import ROOT

CONFIG = load_config(ROOT / "pyproject.toml")
DATABASES = sorted(CONFIG.databases)
PGTAP_FILES = [
    pytest.param(name, path, id=f"{name}/{path.name}")
    for name in DATABASES
    for path in sorted((CONFIG.databases[name].tests_path or Path("/nonexistent")).glob("*.sql"))
]


def snapshot(url: str) -> catalog.Snapshot:
    with psycopg.connect(url) as conn:
        return catalog.snapshot(conn, exclude_tables=("public.schema_migrations",))


def target_for(name: str, url: str) -> Target:
    return resolve(CONFIG, [name], url=url)[0]


@pytest.mark.parametrize("name", DATABASES)
def test_offline_checks(name: str) -> None:
    db = CONFIG.databases[name]
    _, findings = lint(db.path, base=ROOT, user_data_schemas=db.user_data_schemas, rls_exempt=db.rls_exempt,
                       unsafe_ddl=db.settings.unsafe_ddl)
    errors = [str(f) for f in findings if f.severity == ERROR]
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("name", DATABASES)
def test_each_rollback_restores_the_catalog_before_its_migration(name: str, db_url: str) -> None:
    target = target_for(name, db_url)
    findings, produced = round_trip(db_url, target, commands.load(target))
    assert produced is not None and not findings, "\n".join(str(f) for f in findings)


@pytest.mark.parametrize("name", DATABASES)
def test_migrate_rollback_everything_and_migrate_again(name: str, db_url: str) -> None:
    empty = snapshot(db_url)
    target = target_for(name, db_url)
    assert commands.migrate(target).steps, f"{name} has no migrations"
    applied = snapshot(db_url)
    assert applied.count() > empty.count(), "migrating created nothing"
    commands.rollback(target, to="0")
    leftovers = catalog.diff(empty, snapshot(db_url))
    assert not leftovers, "rollback --to 0 left the catalog different:\n" + "\n".join(leftovers[:40])
    commands.migrate(target)
    again = catalog.diff(applied, snapshot(db_url))
    assert not again, "migrating again built something else:\n" + "\n".join(again[:40])
    stale = schema_file_check(db_url, target)
    assert not stale, str(stale[0])


@pytest.fixture(scope="session")
def pgtap_database(admin_url: str) -> Iterator[Callable[[str], str]]:
    """One migrated, seeded database per application database, with pgTAP installed."""
    made: dict[str, str] = {}

    def get(name: str) -> str:
        if name not in made:
            dbname = f"tap_{name}_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))
            url = with_dbname(admin_url, dbname)
            made[name] = url
            target = target_for(name, url)
            commands.migrate(target)
            if target.seed_path and target.seed_path.is_dir():
                load_seed(url, target.seed_path)
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute("CREATE EXTENSION IF NOT EXISTS pgtap")
        return made[name]

    yield get
    with psycopg.connect(admin_url, autocommit=True) as conn:
        for url in made.values():
            dbname = psycopg.conninfo.conninfo_to_dict(url)["dbname"]
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dbname)))


@pytest.mark.parametrize(("name", "path"), PGTAP_FILES)
def test_pgtap(name: str, path: Path, pgtap_database: Callable[[str], str]) -> None:
    result = pgtap.run_file(pgtap_database(name), path, display=str(path.relative_to(ROOT)))
    details = "\n".join(f"#{f.number} {f.description}\n  " + "\n  ".join(f.diagnostics) for f in result.failures)
    assert result.ok, f"{result.summary()}\n{details}\n{result.output[-2000:]}"
