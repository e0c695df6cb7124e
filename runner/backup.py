"""Backups: pg_dump custom-format files with a manifest, verified by restoring them.

``backup`` dumps from an exported snapshot and counts every table's rows in that same snapshot,
so the manifest describes exactly what the file holds. The manifest records the time, server
version, migration version, SHA-256 and size of the dump, row counts and the catalog snapshot.
``verify`` checks the checksum, restores into a scratch database on the same server and compares
catalog and row counts with the manifest. ``prune`` keeps the newest backup of each of the last
N days and M weeks. ``restore`` refuses a non-empty database unless forced.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from psycopg import conninfo as pg_conninfo
from psycopg import sql

from runner import catalog
from runner.connection import connect, libpq_args, with_dbname
from runner.errors import RunnerError
from runner.local import program
from runner.targets import Target, admin_conninfo

MANIFEST_SUFFIX = ".manifest.json"
Progress = Callable[[str], None]

_TABLES = """
SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1, 2
"""


@dataclass
class Manifest:
    database: str
    dump: str
    created_at: str
    server_version: str
    migration_version: str | None
    sha256: str
    size_bytes: int
    seconds: float
    row_counts: dict[str, int]
    catalog: dict[str, list[str]] = field(repr=False)
    database_size_bytes: int = 0  # pg_database_size at backup time: the baseline health grows from


@dataclass
class VerifyReport:
    manifest: Manifest
    ok: bool
    problems: list[str]
    restore_seconds: float


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _row_counts(conn: psycopg.Connection, exclude: str) -> dict[str, int]:
    """Exact row count of every ordinary table (partitions counted one by one)."""
    counts = {}
    for schema, table in conn.execute(_TABLES).fetchall():
        if f"{schema}.{table}" == exclude:
            continue
        row = conn.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(schema, table))).fetchone()
        counts[f"{schema}.{table}"] = int(row[0]) if row else 0
    return counts


def _migration_version(conn: psycopg.Connection, target: Target) -> str | None:
    versions = [r.version for r in target.history.rows(conn) if r.version and r.success]
    from runner.sources import version_key

    return max(versions, key=version_key) if versions else None


def backup(target: Target, directory: Path, *, progress: Progress | None = None) -> Manifest:
    """Dump ``target`` into ``directory`` with a manifest; return the manifest."""
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC)
    name = f"{target.name}-{stamp:%Y%m%dT%H%M%SZ}"
    dump = directory / f"{name}.dump"
    partial = directory / f".{name}.dump.partial"
    conninfo = target.conninfo()
    start = time.perf_counter()
    with connect(conninfo, application_name="runner backup", autocommit=False) as conn:
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        snapshot_id = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        args, env = libpq_args(conninfo)
        proc = subprocess.Popen(
            [program("pg_dump"), "--format=custom", "--compress=6", "--verbose", f"--snapshot={snapshot_id}",
             f"--file={partial}", f"--dbname={args}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
        # Counting in the exported snapshot sees exactly what pg_dump sees.
        history = target.history.display
        counts = _row_counts(conn, history)
        snap = catalog.snapshot(conn, exclude_tables=(history,))
        version = _migration_version(conn, target)
        server_version = conn.execute("SHOW server_version").fetchone()[0]
        db_size = int(conn.execute("SELECT pg_database_size(current_database())").fetchone()[0])
        errors: list[str] = []
        with proc:
            assert proc.stderr is not None
            for line in proc.stderr:
                line = line.rstrip()
                if progress and "dumping contents of table" in line:
                    progress(line.split("dumping contents of table", 1)[1].strip().strip('"'))
                if "error" in line.lower():
                    errors.append(line)
        code = proc.wait()
        conn.rollback()
    if code != 0:
        partial.unlink(missing_ok=True)
        raise RunnerError(f"pg_dump failed (exit {code})", details=errors[-10:])
    partial.rename(dump)
    manifest = Manifest(
        database=target.name, dump=dump.name, created_at=stamp.isoformat(), server_version=server_version,
        migration_version=version, sha256=_sha256(dump), size_bytes=dump.stat().st_size,
        seconds=round(time.perf_counter() - start, 3), row_counts=counts,
        catalog={k: list(v) for k, v in snap.objects.items()},
        database_size_bytes=db_size,
    )
    (directory / f"{name}{MANIFEST_SUFFIX}").write_text(json.dumps(asdict(manifest), indent=1) + "\n")
    return manifest


def latest_manifest(directory: Path, database: str) -> Manifest | None:
    """The manifest of the newest backup of ``database`` in ``directory``, if any."""
    for _, dump in list_backups(directory, database):
        try:
            return read_manifest(dump)
        except RunnerError:
            continue
    return None


def read_manifest(dump: Path) -> Manifest:
    path = dump.with_name(dump.name.removesuffix(".dump") + MANIFEST_SUFFIX)
    try:
        return Manifest(**json.loads(path.read_text()))
    except FileNotFoundError:
        raise RunnerError(f"no manifest beside {dump} (expected {path.name})") from None
    except (json.JSONDecodeError, TypeError) as exc:
        raise RunnerError(f"{path}: unreadable manifest ({exc})") from None


def _pg_restore(dump: Path, conninfo: str) -> None:
    args, env = libpq_args(conninfo)
    done = subprocess.run([program("pg_restore"), "--exit-on-error", f"--dbname={args}", str(dump)],
                          capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise RunnerError(f"pg_restore of {dump.name} failed (exit {done.returncode})",
                          details=done.stderr.strip().splitlines()[-10:])


def verify(target: Target, dump: Path) -> VerifyReport:
    """Restore ``dump`` into a scratch database and compare it with its manifest."""
    manifest = read_manifest(dump)
    problems: list[str] = []
    actual = _sha256(dump)
    if actual != manifest.sha256:
        return VerifyReport(manifest, False, [f"checksum mismatch: manifest {manifest.sha256[:16]}…, "
                                              f"file {actual[:16]}… (the file is damaged)"], 0.0)
    admin = admin_conninfo(target)
    scratch = f"verify_{target.name}_{uuid.uuid4().hex[:8]}"
    start = time.perf_counter()
    with connect(admin, application_name="runner verify") as conn:
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(scratch)))
    try:
        url = with_dbname(admin, scratch)
        try:
            _pg_restore(dump, url)
        except RunnerError as exc:
            return VerifyReport(manifest, False, [exc.message, *exc.details], time.perf_counter() - start)
        history = target.history.display
        with connect(url, application_name="runner verify") as conn:
            counts = _row_counts(conn, history)
            snap = catalog.snapshot(conn, exclude_tables=(history,))
        expected = catalog.Snapshot({k: tuple(v) for k, v in manifest.catalog.items()})
        problems += [f"catalog {line}" for line in catalog.diff(expected, snap)]
        for table in sorted(set(counts) | set(manifest.row_counts)):
            want, got = manifest.row_counts.get(table), counts.get(table)
            if want != got:
                problems.append(f"rows in {table}: manifest {want}, restored {got}")
    finally:
        with connect(admin, application_name="runner verify") as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(scratch)))
    return VerifyReport(manifest, not problems, problems, round(time.perf_counter() - start, 3))


def list_backups(directory: Path, database: str) -> list[tuple[datetime, Path]]:
    found = []
    for dump in directory.glob(f"{database}-*.dump"):
        stamp = dump.name[len(database) + 1: -len(".dump")]
        try:
            found.append((datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC), dump))
        except ValueError:
            continue
    return sorted(found, reverse=True)


def prune(directory: Path, database: str, *, keep_daily: int, keep_weekly: int,
          dry_run: bool = False) -> tuple[list[Path], list[Path]]:
    """Keep the newest backup of each of the last ``keep_daily`` days and ``keep_weekly`` ISO
    weeks that have backups; delete the rest. Returns (kept, deleted)."""
    if keep_daily < 0 or keep_weekly < 0 or keep_daily + keep_weekly == 0:
        raise RunnerError("keep at least one backup: --keep-daily and --keep-weekly must not both be 0")
    backups = list_backups(directory, database)
    keep: set[Path] = set()
    days: set[object] = set()
    weeks: set[object] = set()
    for stamp, dump in backups:  # newest first
        day, week = stamp.date(), stamp.isocalendar()[:2]
        if day not in days and len(days) < keep_daily:
            days.add(day)
            keep.add(dump)
        if week not in weeks and len(weeks) < keep_weekly:
            weeks.add(week)
            keep.add(dump)
    deleted = [d for _, d in backups if d not in keep]
    if not dry_run:
        for dump in deleted:
            dump.unlink(missing_ok=True)
            dump.with_name(dump.name.removesuffix(".dump") + MANIFEST_SUFFIX).unlink(missing_ok=True)
    return [d for _, d in backups if d in keep], deleted


def restore(target: Target, dump: Path, *, force: bool = False) -> Manifest:
    """Restore ``dump`` into the target database (created if missing)."""
    manifest = read_manifest(dump)
    if _sha256(dump) != manifest.sha256:
        raise RunnerError(f"{dump.name} does not match its manifest checksum; refusing to restore a damaged file")
    admin = admin_conninfo(target)
    dbname = target.dbname if target.is_local else (pg_conninfo.conninfo_to_dict(target.url or "").get("dbname") or "")
    if not dbname or dbname in ("postgres", "template0", "template1"):
        raise RunnerError(f"refusing to restore into {dbname or 'an unnamed database'!r}")
    with connect(admin, application_name="runner restore") as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,)).fetchone()
    if exists:
        with connect(target.conninfo(create=False), application_name="runner restore") as conn:
            snap = catalog.snapshot(conn)
        user_objects = [x for x in snap.objects["relation"] + snap.objects["function"]]
        if user_objects and not force:
            raise RunnerError(f"database {dbname!r} is not empty ({len(user_objects)} relations/functions); "
                              "pass --force to drop and replace it")
    with connect(admin, application_name="runner restore") as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dbname)))
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(dbname)))
    _pg_restore(dump, with_dbname(admin, dbname))
    return manifest
