"""Fixtures: a throwaway PostgreSQL cluster for the whole session, a fresh database per test.

Set ``RUNNER_TEST_URL`` to a superuser URL (any database) to use an existing server instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from runner.connection import with_dbname
from runner.local import LocalServer

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def admin_url() -> Iterator[str]:
    if os.environ.get("RUNNER_TEST_URL"):
        yield with_dbname(os.environ["RUNNER_TEST_URL"], "postgres")
        return
    base = Path(tempfile.mkdtemp(prefix="runner-tests-"))
    os.chmod(base, 0o755)  # the server may run as another OS user (when the tests run as root)
    server = LocalServer(base / "pg", settings={"fsync": "off", "full_page_writes": "off",
                                                  "synchronous_commit": "off"})
    try:
        server.start()
        yield server.url("postgres")
    finally:
        server.destroy()
        shutil.rmtree(base, ignore_errors=True)


def _create(admin: str, name: str) -> str:
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return with_dbname(admin, name)


def _drop(admin: str, name: str) -> None:
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture
def db_url(admin_url: str) -> Iterator[str]:
    """A fresh, empty database for one test."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    url = _create(admin_url, name)
    yield url
    _drop(admin_url, name)


@pytest.fixture
def migrated_db(admin_url: str) -> Iterator[Callable[..., str]]:
    """Factory: ``migrated_db("pulsex", seed=True)`` -> URL of a fresh database, fully migrated."""
    from runner import commands
    from runner.config import load_config
    from runner.seed import load_seed
    from runner.targets import resolve

    created: list[str] = []

    def make(database: str, *, seed: bool = False) -> str:
        name = f"t_{database}_{uuid.uuid4().hex[:8]}"
        url = _create(admin_url, name)
        created.append(name)
        target = resolve(load_config(ROOT / "pyproject.toml"), [database], url=url)[0]
        commands.migrate(target)
        if seed:
            assert target.seed_path is not None
            load_seed(url, target.seed_path)
        return url

    yield make
    for name in created:
        _drop(admin_url, name)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty database directory (``migrations/`` and ``repeatable/``) to write files into."""
    (tmp_path / "migrations").mkdir()
    (tmp_path / "repeatable").mkdir()
    return tmp_path


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text)
    return path


def runner_cli(*args: str, env: dict[str, str] | None = None, timeout: float = 120,
               cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a subprocess (for exit codes, tracebacks, signals)."""
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", **(env or {})}
    return subprocess.run([sys.executable, "-m", "runner", *args], capture_output=True, text=True,
                          timeout=timeout, env=full_env, cwd=cwd or ROOT)
