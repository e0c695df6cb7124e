"""The history table (``schema_migrations`` by default): one row per applied file.

``SELECT * FROM schema_migrations ORDER BY applied_at DESC`` is what DBAs run, so the columns
read left to right as a sentence: which version, what it does, what kind, from which file, with
which checksum, when, by whom, how long, and whether it succeeded. A versioned row is deleted in
the same transaction as its rollback script; a repeatable file gets a new row each time it is
re-applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import psycopg
from psycopg import sql
from psycopg.rows import class_row

KINDS = ("versioned", "repeatable", "baseline")


@dataclass
class HistoryRow:
    installed_rank: int
    version: str | None
    description: str
    kind: str
    script: str
    checksum: str
    applied_at: datetime
    applied_by: str
    execution_ms: int
    success: bool


class History:
    """Reads and writes one database's history table (identifiers quoted, never formatted in)."""

    def __init__(self, schema: str, table: str):
        self.schema = schema
        self.table = table
        self.ident = sql.Identifier(schema, table)

    @property
    def display(self) -> str:
        return f"{self.schema}.{self.table}"

    def exists(self, conn: psycopg.Connection) -> bool:
        row = conn.execute(
            "SELECT to_regclass(format('%%I.%%I', %s::text, %s::text)) IS NOT NULL",
            (self.schema, self.table),
        ).fetchone()
        return bool(row and row[0])

    def ensure(self, conn: psycopg.Connection) -> None:
        """Create the schema and table if missing (call while holding the migration lock)."""
        if self.exists(conn):
            return
        found = conn.execute("SELECT to_regnamespace(%s) IS NOT NULL", (f'"{self.schema}"',)).fetchone()
        if not (found and found[0]):  # CREATE SCHEMA IF NOT EXISTS needs CREATE even when it exists
            conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(self.schema)))
        ddl = sql.SQL(
            """
            CREATE TABLE IF NOT EXISTS {table} (
                installed_rank integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                version        text,
                description    text        NOT NULL,
                kind           text        NOT NULL CHECK (kind IN ('versioned', 'repeatable', 'baseline')),
                script         text        NOT NULL,
                checksum       text        NOT NULL,
                applied_at     timestamptz NOT NULL DEFAULT now(),
                applied_by     text        NOT NULL DEFAULT current_user,
                execution_ms   integer     NOT NULL DEFAULT 0,
                success        boolean     NOT NULL,
                CHECK ((kind = 'repeatable') = (version IS NULL))
            );
            CREATE UNIQUE INDEX IF NOT EXISTS {uniq} ON {table} (version) WHERE version IS NOT NULL;
            COMMENT ON TABLE {table} IS
                'Migration history kept by runner: one row per applied file; see runner history';
            """
        ).format(
            table=self.ident,
            uniq=sql.Identifier(f"{self.table}_version_key"),
        )
        with conn.transaction():
            conn.execute(ddl)

    def rows(self, conn: psycopg.Connection) -> list[HistoryRow]:
        if not self.exists(conn):
            return []
        with conn.cursor(row_factory=class_row(HistoryRow)) as cur:
            cur.execute(
                sql.SQL(
                    "SELECT installed_rank, version, description, kind, script, checksum, "
                    "applied_at, applied_by, execution_ms, success FROM {} ORDER BY installed_rank"
                ).format(self.ident)
            )
            return cur.fetchall()

    def insert_sql(self, *, version: str | None, description: str, kind: str, script: str, checksum: str,
                   execution_ms: int | sql.Composable, success: bool) -> sql.Composed:
        """The INSERT of a history row as one statement with literal values (sent in the same
        query string as the migration and COMMIT); ``execution_ms`` may be an SQL expression."""
        values = (version, description, kind, script, checksum, execution_ms, success)
        return sql.SQL(
            "INSERT INTO {} (version, description, kind, script, checksum, execution_ms, success) VALUES ({})"
        ).format(self.ident, sql.SQL(", ").join(
            v if isinstance(v, sql.Composable) else sql.Literal(v) for v in values))

    def delete_version_sql(self, version: str) -> sql.Composed:
        return sql.SQL("DELETE FROM {} WHERE version = {}").format(self.ident, sql.Literal(version))

    def delete_repeatable_sql(self, description: str) -> sql.Composed:
        return sql.SQL("DELETE FROM {} WHERE kind = 'repeatable' AND description = {}").format(
            self.ident, sql.Literal(description))

    def insert(self, conn: psycopg.Connection, *, version: str | None, description: str,
               kind: str, script: str, checksum: str, execution_ms: int, success: bool) -> int:
        row = conn.execute(
            sql.SQL(
                "INSERT INTO {} (version, description, kind, script, checksum, execution_ms, success) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING installed_rank"
            ).format(self.ident),
            (version, description, kind, script, checksum, execution_ms, success),
        ).fetchone()
        assert row is not None
        return int(row[0])

    def mark_succeeded(self, conn: psycopg.Connection, rank: int, execution_ms: int) -> None:
        conn.execute(
            sql.SQL("UPDATE {} SET success = true, execution_ms = %s WHERE installed_rank = %s")
            .format(self.ident),
            (execution_ms, rank),
        )

    def mark_failed(self, conn: psycopg.Connection, version: str | None) -> None:
        conn.execute(
            sql.SQL("UPDATE {} SET success = false WHERE version = %s").format(self.ident), (version,)
        )

    def delete_failed(self, conn: psycopg.Connection) -> list[str]:
        cur = conn.execute(
            sql.SQL("DELETE FROM {} WHERE NOT success RETURNING script").format(self.ident)
        )
        return [r[0] for r in cur.fetchall()]

    def update_checksum(self, conn: psycopg.Connection, rank: int, checksum: str) -> None:
        conn.execute(
            sql.SQL("UPDATE {} SET checksum = %s WHERE installed_rank = %s").format(self.ident),
            (checksum, rank),
        )
