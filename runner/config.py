"""Project configuration: ``[tool.runner]`` in ``pyproject.toml``, validated all at once.

The runner also works with no configuration at all (``runner migrate --path DIR --url URL``):
:func:`load_config` then returns a :class:`Config` with no databases and default settings.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from runner.errors import ConfigError

_UNITS_MS = {"ms": 1, "s": 1000, "min": 60_000, "h": 3_600_000, "d": 86_400_000}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|min|h|d)?\s*$")
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_$]*$")


def parse_duration(text: str | int | float, *, default_unit: str = "s") -> int:
    """Parse ``10s``, ``500ms``, ``5min``, ``1h`` or a bare number (in ``default_unit``) to ms.

    The units are PostgreSQL's own, so a value reads the same here and in ``SET``.
    """
    if isinstance(text, bool):
        raise ValueError(f"not a duration: {text!r}")
    if isinstance(text, (int, float)):
        return int(text * _UNITS_MS[default_unit])
    m = _DURATION.match(text)
    if not m:
        raise ValueError(f"not a duration: {text!r} (use e.g. 500ms, 10s, 5min, 1h)")
    return int(float(m.group(1)) * _UNITS_MS[m.group(2) or default_unit])


def format_ms(ms: int) -> str:
    """Render milliseconds in the unit PostgreSQL accepts (``SET lock_timeout = '5s'``)."""
    return f"{ms}ms"


@dataclass(frozen=True)
class Settings:
    """Behaviour knobs shared by all databases; each database may override any of them."""

    history_table: str = "public.schema_migrations"
    lock_timeout_ms: int = 5_000
    statement_timeout_ms: int = 0
    lock_wait_ms: int = 300_000
    lock_retries: int = 3
    retry_backoff_ms: int = 1_000
    unsafe_ddl: str = "warning"  # severity of squawk's unsafe-DDL findings in validate

    @property
    def history_schema_table(self) -> tuple[str, str]:
        schema, _, table = self.history_table.rpartition(".")
        return (schema or "public", table)


@dataclass(frozen=True)
class DatabaseConfig:
    """One application database: where its SQL lives and how to reach its server."""

    name: str
    path: Path
    dbname: str
    url: str | None = None
    url_env: str | None = None
    seed_path: Path | None = None
    tests_path: Path | None = None
    user_data_schemas: tuple[str, ...] = ()
    rls_exempt: tuple[str, ...] = ()
    dump_exclude: tuple[str, ...] = ()
    settings: Settings = field(default_factory=Settings)

    def resolved_url(self) -> str | None:
        """The configured URL, or the value of the configured environment variable, or None."""
        if self.url:
            return self.url
        if self.url_env and os.environ.get(self.url_env):
            return os.environ[self.url_env]
        return None


@dataclass(frozen=True)
class Config:
    """The whole project's configuration (possibly empty)."""

    root: Path
    source: Path | None
    settings: Settings
    databases: dict[str, DatabaseConfig]
    local_dir: Path
    backup_dir: Path

    def database(self, name: str) -> DatabaseConfig:
        try:
            return self.databases[name]
        except KeyError:
            known = ", ".join(sorted(self.databases)) or "none"
            where = self.source or "no pyproject.toml with [tool.runner]"
            raise ConfigError(
                f"unknown database {name!r} (configured: {known}; from {where})",
                hint="use --path DIR --url URL to run on a directory that is not configured",
            ) from None


_SETTING_KEYS = {
    "history_table": "history_table",
    "lock_timeout": "lock_timeout_ms",
    "statement_timeout": "statement_timeout_ms",
    "lock_wait": "lock_wait_ms",
    "lock_retries": "lock_retries",
    "retry_backoff": "retry_backoff_ms",
    "unsafe_ddl": "unsafe_ddl",
}
_TOP_KEYS = {"seed_dir", "tests_dir", "local_dir", "backup_dir", "databases", *_SETTING_KEYS}
_DB_KEYS = {"path", "database", "url", "url_env", "seed_path", "tests_path", "user_data_schemas", "rls_exempt",
            "dump_exclude", *_SETTING_KEYS}


def _settings(table: dict[str, Any], base: Settings, prefix: str, problems: list[str]) -> Settings:
    changes: dict[str, Any] = {}
    for key, attr in _SETTING_KEYS.items():
        if key not in table:
            continue
        value = table[key]
        where = f"{prefix}{key}"
        if key == "history_table":
            parts = value.split(".") if isinstance(value, str) else []
            if not (1 <= len(parts) <= 2 and all(_IDENT.match(p) for p in parts)):
                problems.append(f"{where}: expected 'table' or 'schema.table', got {value!r}")
                continue
            changes[attr] = value if len(parts) == 2 else f"public.{value}"
        elif key == "unsafe_ddl":
            if value not in ("warning", "error"):
                problems.append(f"{where}: expected 'warning' or 'error', got {value!r}")
                continue
            changes[attr] = value
        elif key == "lock_retries":
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                problems.append(f"{where}: expected a whole number >= 0, got {value!r}")
                continue
            changes[attr] = value
        else:
            try:
                changes[attr] = parse_duration(value)
            except (ValueError, TypeError) as exc:
                problems.append(f"{where}: {exc}")
    return replace(base, **changes)


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` at or above ``start`` that has a ``[tool.runner]`` table."""
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                return candidate  # reported properly by load_config
            if "runner" in data.get("tool", {}):
                return candidate
    return None


def load_config(path: Path | None = None, *, cwd: Path | None = None) -> Config:
    """Load and validate the configuration; raise one :class:`ConfigError` listing every problem."""
    cwd = cwd or Path.cwd()
    source = path if path is not None else find_pyproject(cwd)
    if source is None:
        return Config(cwd, None, Settings(), {}, cwd / ".pg", cwd / "backups")
    if not source.is_file():
        raise ConfigError(f"configuration file not found: {source}")
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML: {exc}") from None
    root = source.parent.resolve()
    table = data.get("tool", {}).get("runner", {})
    problems: list[str] = []
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: [tool.runner] must be a table")
    for key in sorted(set(table) - _TOP_KEYS):
        problems.append(f"tool.runner.{key}: unknown key (known: {', '.join(sorted(_TOP_KEYS))})")
    settings = _settings(table, Settings(), "tool.runner.", problems)

    def directory(key: str, default: str) -> Path:
        value = table.get(key, default)
        if not isinstance(value, str):
            problems.append(f"tool.runner.{key}: expected a path string, got {value!r}")
            return root / default
        return root / value

    seed_dir = directory("seed_dir", "seed-data")
    tests_dir = directory("tests_dir", "tests/sql")
    local_dir = directory("local_dir", ".pg")
    backup_dir = directory("backup_dir", "backups")
    databases: dict[str, DatabaseConfig] = {}
    declared = table.get("databases", {})
    if not isinstance(declared, dict):
        problems.append("tool.runner.databases: expected a table of databases")
        declared = {}
    for name, entry in declared.items():
        prefix = f"tool.runner.databases.{name}."
        if not isinstance(entry, dict):
            problems.append(f"tool.runner.databases.{name}: expected a table")
            continue
        if not re.match(r"^[a-z_][a-z0-9_]*$", name):
            problems.append(f"tool.runner.databases.{name}: name must be lower-case snake_case")
        for key in sorted(set(entry) - _DB_KEYS):
            problems.append(f"{prefix}{key}: unknown key (known: {', '.join(sorted(_DB_KEYS))})")
        for key in ("path", "database", "url", "url_env", "seed_path", "tests_path"):
            if key in entry and not isinstance(entry[key], str):
                problems.append(f"{prefix}{key}: expected a string, got {entry[key]!r}")
        if isinstance(entry.get("url"), str) and isinstance(entry.get("url_env"), str):
            problems.append(f"{prefix}url: give either url or url_env, not both")
        if isinstance(entry.get("url"), str) and re.search(r"://[^/@]*:[^/@]*@", entry["url"]):
            problems.append(
                f"{prefix}url: contains a password; put the URL in an environment variable "
                "and name it with url_env"
            )
        lists: dict[str, tuple[str, ...]] = {}
        for key in ("user_data_schemas", "rls_exempt", "dump_exclude"):
            value = entry.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problems.append(f"{prefix}{key}: expected a list of strings, got {value!r}")
                value = []
            lists[key] = tuple(value)
        rel = entry.get("path", f"sql/{name}")
        db_path = root / rel if isinstance(rel, str) else root / "sql" / name
        if not db_path.is_dir():
            problems.append(f"{prefix}path: directory not found: {db_path}")
        seed = entry.get("seed_path")
        tests = entry.get("tests_path")
        databases[name] = DatabaseConfig(
            name=name,
            path=db_path,
            dbname=entry["database"] if isinstance(entry.get("database"), str) else name,
            url=entry["url"] if isinstance(entry.get("url"), str) else None,
            url_env=entry["url_env"] if isinstance(entry.get("url_env"), str) else None,
            seed_path=root / seed if isinstance(seed, str) else seed_dir / name,
            tests_path=root / tests if isinstance(tests, str) else tests_dir / name,
            user_data_schemas=lists["user_data_schemas"],
            rls_exempt=lists["rls_exempt"],
            dump_exclude=lists["dump_exclude"],
            settings=_settings(entry, settings, prefix, problems),
        )
    if problems:
        raise ConfigError(
            f"{source}: {len(problems)} configuration problem(s)", details=problems
        )
    return Config(root, source, settings, databases, local_dir, backup_dir)
