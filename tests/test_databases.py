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

from runner import commands
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

# User-visible catalog objects outside system schemas (roles are cluster-wide: not included).
SNAPSHOT = """
SELECT 'schema ' || nspname FROM pg_namespace
 WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND nspname NOT LIKE 'pg_temp%'
   AND nspname NOT LIKE 'pg_toast_temp%'
UNION ALL
SELECT format('relation %s.%s %s', n.nspname, c.relname, c.relkind) FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
UNION ALL
SELECT format('function %s.%s(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
UNION ALL
SELECT format('type %s.%s', n.nspname, t.typname) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND t.typtype IN ('e', 'd', 'c', 'r')
   AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.reltype = t.oid)
UNION ALL
SELECT format('policy %s on %s', polname, polrelid::regclass) FROM pg_policy
UNION ALL
SELECT format('trigger %s on %s', tgname, tgrelid::regclass) FROM pg_trigger WHERE NOT tgisinternal
UNION ALL
SELECT 'extension ' || extname FROM pg_extension
UNION ALL
SELECT format('event trigger %s', evtname) FROM pg_event_trigger
ORDER BY 1
"""

HISTORY = {"relation public.schema_migrations r", "relation public.schema_migrations_pkey i",
           "relation public.schema_migrations_version_key i",
           "relation public.schema_migrations_installed_rank_seq S"}


def snapshot(url: str) -> set[str]:
    with psycopg.connect(url) as conn:
        return {r[0] for r in conn.execute(SNAPSHOT).fetchall()} - HISTORY


def target_for(name: str, url: str) -> Target:
    return resolve(CONFIG, [name], url=url)[0]


@pytest.mark.parametrize("name", DATABASES)
def test_migrate_rollback_everything_and_migrate_again(name: str, db_url: str) -> None:
    empty = snapshot(db_url)
    target = target_for(name, db_url)
    first = commands.migrate(target)
    assert first.steps, f"{name} has no migrations"
    applied = snapshot(db_url)
    assert applied - empty, "migrating created nothing"
    commands.rollback(target, to="0")
    leftovers = snapshot(db_url) - empty
    assert not leftovers, f"rollback --to 0 left objects behind: {sorted(leftovers)}"
    commands.migrate(target)
    assert snapshot(db_url) == applied


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
