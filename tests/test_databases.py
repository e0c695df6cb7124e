"""Every configured database: migrate, roll back to nothing, migrate again; then its pgTAP suite.

pgTAP files live in ``tests/sql/<db>/*.sql`` and run with psql (``-At``) against a database that
has every migration applied and the seed data loaded; each file plans its tests and rolls back.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from runner import catalog, commands
from runner.apply import Session
from runner.catalog import Snapshot
from runner.config import load_config
from runner.connection import with_dbname
from runner.seed import load_seed
from runner.targets import Target, resolve
from tests.conftest import ROOT

CONFIG = load_config(ROOT / "pyproject.toml")
DATABASES = sorted(CONFIG.databases)
PGTAP_FILES = [
    pytest.param(name, path, id=f"{name}/{path.name}")
    for name in DATABASES
    for path in sorted((CONFIG.databases[name].tests_path or Path("/nonexistent")).glob("*.sql"))
]

def snapshot(url: str) -> Snapshot:
    with psycopg.connect(url) as conn:
        return catalog.snapshot(conn, exclude_tables=("public.schema_migrations",))


def target_for(name: str, url: str) -> Target:
    return resolve(CONFIG, [name], url=url)[0]


@pytest.mark.parametrize("name", DATABASES)
def test_each_rollback_restores_the_catalog_before_its_migration(name: str, db_url: str) -> None:
    """Apply versioned migrations one by one, then undo them one by one: each rollback must
    bring back exactly the catalog seen before its migration (indexes, grants, comments, …)."""
    target = target_for(name, db_url)
    migrations = commands.load(target)
    before: list[Snapshot] = []
    with Session(db_url, target.settings, command="round trip") as session:
        for m in migrations.versioned:
            before.append(snapshot(db_url))
            session.apply(m)
        for m, expected in reversed(list(zip(migrations.versioned, before, strict=True))):
            if m.rollback is None:
                break
            session.rollback(m)
            wrong = catalog.diff(expected, snapshot(db_url))
            assert not wrong, f"{m.rollback.display} does not undo {m.script.display}:\n" + "\n".join(wrong[:40])


@pytest.mark.parametrize("name", DATABASES)
def test_migrate_rollback_everything_and_migrate_again(name: str, db_url: str) -> None:
    empty = snapshot(db_url)
    target = target_for(name, db_url)
    first = commands.migrate(target)
    assert first.steps, f"{name} has no migrations"
    applied = snapshot(db_url)
    assert applied.count() > empty.count(), "migrating created nothing"
    commands.rollback(target, to="0")
    leftovers = catalog.diff(empty, snapshot(db_url))
    assert not leftovers, "rollback --to 0 left the catalog different:\n" + "\n".join(leftovers[:40])
    commands.migrate(target)
    again = catalog.diff(applied, snapshot(db_url))
    assert not again, "migrating again built something else:\n" + "\n".join(again[:40])


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
    url = pgtap_database(name)
    psql = shutil.which("psql")
    assert psql, "psql (PostgreSQL client) is needed to run pgTAP files"
    done = subprocess.run([psql, "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", url, "-f", str(path)],
                          capture_output=True, text=True, timeout=600)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    plan = re.search(r"^1\.\.(\d+)$", done.stdout, re.MULTILINE)
    assert plan, f"no plan in output:\n{output}"
    oks = re.findall(r"^ok \d+", done.stdout, re.MULTILINE)
    failures = re.findall(r"^not ok \d+.*(?:\n#.*)*", done.stdout, re.MULTILINE)
    assert not failures, "\n".join(failures)
    assert len(oks) == int(plan.group(1)), f"planned {plan.group(1)}, passed {len(oks)}:\n{output}"
