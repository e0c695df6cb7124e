"""Adopting a database another tool migrated: read yoyo's or Flyway's history table.

A team moves over without re-running anything: each migration that tool recorded as applied is
recorded here as ``baseline``. Flyway's CRC32 checksums are recomputed from our files, so an
edited file is reported instead of silently trusted.
"""

from __future__ import annotations

import zlib

import psycopg
from psycopg import sql

from runner.errors import RunnerError
from runner.sources import Migration, MigrationSet, version_key

DEFAULT_TABLES = {"yoyo": "_yoyo_migration", "flyway": "flyway_schema_history"}


def flyway_checksum(text: str) -> int:
    """Flyway's checksum: CRC32 over the UTF-8 bytes of each line without its line break."""
    crc = 0
    for line in text.splitlines():
        crc = zlib.crc32(line.encode("utf-8"), crc)
    return crc - (1 << 32) if crc >= 1 << 31 else crc


def _table(conn: psycopg.Connection, name: str) -> sql.Composable:
    schema, _, table = name.rpartition(".")
    found = conn.execute("SELECT to_regclass(%s)", (name,)).fetchone()
    if not found or found[0] is None:
        raise RunnerError(f"history table {name!r} not found in this database",
                          hint="name it with --from-table schema.table")
    return sql.Identifier(schema, table) if schema else sql.Identifier(table)


def previous_tool_history(conn: psycopg.Connection, migrations: MigrationSet, tool: str,
                          table: str | None) -> tuple[list[Migration], list[Migration], list[str]]:
    """(versioned, repeatable, warnings) that ``tool`` recorded as applied."""
    if tool not in DEFAULT_TABLES:
        raise RunnerError(f"--from {tool}: expected one of {', '.join(DEFAULT_TABLES)}")
    ident = _table(conn, table or DEFAULT_TABLES[tool])
    warnings: list[str] = []
    chosen: list[Migration] = []
    repeatable: list[Migration] = []
    if tool == "yoyo":
        ids = [r[0] for r in conn.execute(sql.SQL("SELECT migration_id FROM {}").format(ident))]
        by_ident = {m.ident: m for m in migrations.versioned}
        for mid in ids:
            if mid in by_ident:
                chosen.append(by_ident[mid])
            else:
                warnings.append(f"yoyo applied {mid!r}, which is not among the files")
    else:
        rows = conn.execute(sql.SQL(
            "SELECT version, description, checksum FROM {} WHERE success AND type IN ('SQL', 'BASELINE') "
            "ORDER BY installed_rank").format(ident)).fetchall()
        by_key = migrations.by_version()
        repeat_by_desc = {m.description: m for m in migrations.repeatable}
        latest_repeat: dict[str, int | None] = {}
        for version, description, crc in rows:
            if version is None:
                latest_repeat[description] = crc
                continue
            m = by_key.get(version_key(version))
            if m is None:
                warnings.append(f"Flyway applied version {version} ({description}), not among the files")
                continue
            if crc is not None and crc != flyway_checksum(m.script.text):
                warnings.append(f"{m.script.display} changed since Flyway applied it (checksum differs)")
            chosen.append(m)
        for description, crc in latest_repeat.items():
            m = repeat_by_desc.get(description)
            if m is None:
                warnings.append(f"Flyway applied repeatable {description!r}, not among the files")
            elif crc == flyway_checksum(m.script.text):
                repeatable.append(m)
            else:
                warnings.append(f"{m.script.display} changed since Flyway applied it; it will run "
                                "on the next migrate")
    chosen.sort(key=lambda m: m.key)
    return chosen, repeatable, warnings
