"""Which database a command acts on, and how to reach it.

A configured database uses its ``url``, else the environment variable named by ``url_env``,
else the project-local server (started and the database created on first use). With no
configuration, ``--path DIR`` names the files and ``--url``, ``DATABASE_URL`` or the libpq ``PG*``
variables name the server (falling back to the local server).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from psycopg import sql

from runner.config import Config, Settings
from runner.connection import connect, redact, with_dbname
from runner.errors import ConfigError
from runner.history import History
from runner.local import LocalServer


@dataclass
class Target:
    name: str
    path: Path
    settings: Settings
    url: str | None  # None: the local server
    dbname: str
    local_dir: Path
    seed_path: Path | None = None
    tests_path: Path | None = None
    base: Path | None = None  # what file paths are shown relative to
    user_data_schemas: tuple[str, ...] = ()
    rls_exempt: tuple[str, ...] = ()
    dump_exclude: tuple[str, ...] = ()  # pg_dump table patterns left out of schema.sql

    _conninfo: str | None = None

    @property
    def history(self) -> History:
        """This database's history table (``schema_migrations`` unless configured)."""
        return History(*self.settings.history_schema_table)

    @property
    def is_local(self) -> bool:
        return self.url is None

    @property
    def display(self) -> str:
        return f"local server ({self.local_dir}), database {self.dbname}" if self.is_local else redact(self.url or "")

    def conninfo(self, *, create: bool = True) -> str:
        """A connection string for this database; for the local server, start it and create the db."""
        if self._conninfo is not None:
            return self._conninfo
        if self.url is not None:
            self._conninfo = self.url
            return self.url
        server = LocalServer(self.local_dir)
        server.start()
        if create:
            ensure_database(server.url("postgres"), self.dbname)
        self._conninfo = server.url(self.dbname)
        return self._conninfo


def ensure_database(admin_conninfo: str, dbname: str) -> bool:
    """Create ``dbname`` if it does not exist; True if it was created."""
    with connect(admin_conninfo, application_name="runner (create database)") as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,)).fetchone():
            return False
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))
        return True


def _env_url() -> str | None:
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    if any(os.environ.get(k) for k in ("PGHOST", "PGDATABASE", "PGSERVICE")):
        return ""  # libpq reads the PG* variables itself
    return None


def resolve(config: Config, names: list[str] | None = None, *, path: Path | None = None,
            url: str | None = None) -> list[Target]:
    """The targets for a command: named databases, all configured ones, or an ad-hoc ``--path``."""
    if path is not None:
        if names:
            raise ConfigError("give either database names or --path, not both")
        path = path.resolve()
        chosen = url if url is not None else _env_url()
        dbname = path.name if chosen is None else ""
        return [Target(name=path.name, path=path, settings=config.settings, url=chosen,
                       dbname=dbname or path.name, local_dir=config.local_dir, base=Path.cwd())]
    if not names:
        if not config.databases and config.source is not None:
            return []  # a project that declares no databases (yet): nothing to do
        if not config.databases:
            raise ConfigError(
                "no databases configured and no --path given",
                hint="declare databases under [tool.runner.databases] in pyproject.toml, or run "
                "`runner migrate --path DIR --url URL`",
            )
        names = list(config.databases)
    if url is not None and len(names) != 1:
        raise ConfigError("--url applies to exactly one database; name it")
    targets = []
    for name in names:
        db = config.database(name)
        chosen = url if url is not None else db.resolved_url()
        targets.append(Target(name=name, path=db.path, settings=db.settings, url=chosen,
                              dbname=db.dbname, local_dir=config.local_dir,
                              seed_path=db.seed_path, tests_path=db.tests_path, base=config.root,
                              user_data_schemas=db.user_data_schemas, rls_exempt=db.rls_exempt,
                              dump_exclude=db.dump_exclude))
    return targets


def admin_conninfo(target: Target) -> str:
    """A connection to the maintenance database of the target's server (for CREATE/DROP DATABASE)."""
    if target.is_local:
        server = LocalServer(target.local_dir)
        server.start()
        return server.url("postgres")
    return with_dbname(target.url or "", "postgres")
