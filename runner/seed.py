"""Loading development seed data from ``seed-data/<db>/`` in one transaction.

``<schema>.<table>.csv`` files (with a header row naming the columns) go through COPY, parents
before children by the foreign keys between them; ``.sql`` files run afterwards in name order.
Tables that already hold rows are refused unless ``replace`` is given, in which case the seeded
tables, and the tables whose rows reference them, are emptied first (in the same transaction, so
a failure keeps the old rows); the report names the tables emptied that way.
"""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

from runner.connection import connect
from runner.diagnostics import locate
from runner.errors import MigrationFailed, RunnerError
from runner.execute import ScriptFailure, run_script
from runner.sources import normalise


@dataclass
class SeedReport:
    tables: dict[str, int]  # table -> rows loaded from CSV
    scripts: list[str]
    ms: int
    cascaded: list[str] = field(default_factory=list)  # tables --replace also emptied


def _csv_table(path: Path) -> tuple[str, str]:
    parts = path.name[: -len(".csv")].split(".")
    if len(parts) == 1:
        return "public", parts[0]
    if len(parts) == 2:
        return parts[0], parts[1]
    raise RunnerError(f"{path}: name a CSV file <schema>.<table>.csv")


def _sql_targets(text: str) -> set[tuple[str, str]]:
    """Tables that INSERT/COPY statements in a seed script write to."""
    from pglast import parser

    out = set()
    try:
        raw = parser.parse_sql(text)
    except parser.ParseError:
        return out  # the server reports the syntax error, with a position, when the file runs
    for item in raw:
        rel = getattr(item.stmt, "relation", None)
        if type(item.stmt).__name__ in ("InsertStmt", "CopyStmt") and rel is not None:
            out.add((rel.schemaname or "public", rel.relname))
    return out


def _order(conn: psycopg.Connection, tables: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Parents before children, by the foreign keys among ``tables``."""
    rows = conn.execute(
        """
        SELECT cn.nspname, c.relname, pn.nspname, p.relname
          FROM pg_constraint k
          JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace cn ON cn.oid = c.relnamespace
          JOIN pg_class p ON p.oid = k.confrelid JOIN pg_namespace pn ON pn.oid = p.relnamespace
         WHERE k.contype = 'f' AND k.conrelid <> k.confrelid
        """
    ).fetchall()
    wanted = set(tables)
    parents: dict[tuple[str, str], set[tuple[str, str]]] = {t: set() for t in tables}
    for cs, ct, ps, pt in rows:
        if (cs, ct) in wanted and (ps, pt) in wanted:
            parents[(cs, ct)].add((ps, pt))
    ordered: list[tuple[str, str]] = []
    remaining = sorted(tables)
    while remaining:
        ready = [t for t in remaining if parents[t] <= set(ordered)]
        if not ready:
            cycle = ", ".join(f"{s}.{t}" for s, t in remaining)
            raise RunnerError(f"foreign keys form a cycle among seeded tables: {cycle}",
                              hint="load one side with a .sql seed file that inserts in two steps")
        ordered += ready
        remaining = [t for t in remaining if t not in ready]
    return ordered


def load_seed(conninfo: str, directory: Path, *, replace: bool = False) -> SeedReport:
    if not directory.is_dir():
        raise RunnerError(f"no seed data directory {directory}")
    csvs = sorted(directory.glob("*.csv"))
    scripts = sorted(directory.glob("*.sql"))
    if not csvs and not scripts:
        raise RunnerError(f"{directory} has no .csv or .sql files")
    start = time.perf_counter()
    by_table = {_csv_table(p): p for p in csvs}
    texts = {p: normalise(p.read_bytes()) for p in scripts}
    with connect(conninfo, application_name="runner seed") as conn:
        missing = [f"{s}.{t}" for s, t in by_table
                   if conn.execute("SELECT to_regclass(format('%%I.%%I', %s::text, %s::text))",
                                   (s, t)).fetchone()[0] is None]
        if missing:
            raise RunnerError(f"seed files name tables that do not exist: {', '.join(missing)}",
                              hint="run `runner migrate` first")
        targets = set(by_table)
        for text in texts.values():
            targets |= _sql_targets(text)
        targets = {t for t in targets if conn.execute(
            "SELECT to_regclass(format('%%I.%%I', %s::text, %s::text))", t).fetchone()[0] is not None}
        with conn.transaction():
            nonempty = [f"{s}.{t}" for s, t in sorted(targets) if conn.execute(
                sql.SQL("SELECT EXISTS (SELECT 1 FROM {})").format(sql.Identifier(s, t))).fetchone()[0]]
            if nonempty and not replace:
                raise RunnerError(f"refusing to seed: these tables already hold rows: {', '.join(nonempty)}",
                                  hint="pass --replace to empty them first (in the same transaction)")
            cascaded: list[str] = []
            if nonempty:
                # CASCADE: rows that reference the seeded tables (often written by triggers while
                # seeding) go too; PostgreSQL names each such table in a notice, which we report.
                def note(diag: psycopg.errors.Diagnostic) -> None:
                    if diag.message_primary and diag.message_primary.startswith("truncate cascades to table"):
                        cascaded.append(diag.message_primary.split('"')[1])

                conn.add_notice_handler(note)
                conn.execute(sql.SQL("TRUNCATE {} CASCADE").format(
                    sql.SQL(", ").join(sql.Identifier(s, t) for s, t in sorted(targets))))
                conn.remove_notice_handler(note)
            loaded: dict[str, int] = {}
            for schema, table in _order(conn, list(by_table)):
                path = by_table[(schema, table)]
                with open(path, newline="", encoding="utf-8-sig") as handle:
                    header = next(csv.reader(handle), None)
                if not header:
                    raise RunnerError(f"{path}: empty file (the first row must name the columns)")
                copy = sql.SQL("COPY {} ({}) FROM STDIN WITH (FORMAT csv, HEADER true)").format(
                    sql.Identifier(schema, table), sql.SQL(", ").join(map(sql.Identifier, header)))
                try:
                    with conn.cursor().copy(copy) as cp, open(path, "rb") as data:
                        while chunk := data.read(1 << 16):
                            cp.write(chunk)
                except psycopg.Error as exc:
                    raise RunnerError(f"{path}: {exc.diag.sqlstate}: {str(exc).strip()}") from None
                loaded[f"{schema}.{table}"] = conn.execute(
                    sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(schema, table))).fetchone()[0]
            for path, text in texts.items():
                try:
                    run_script(conn, text)
                except ScriptFailure as failure:
                    raise MigrationFailed(
                        f"seed file {path} failed; nothing was loaded", script=str(path),
                        diagnostic=failure.diagnostic,
                        location=locate(str(path), text, failure.diagnostic, failure.position,
                                        failure.completed),
                    ) from None
    return SeedReport(loaded, [str(p) for p in scripts], int((time.perf_counter() - start) * 1000), cascaded)
