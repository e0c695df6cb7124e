"""What the e-learning benchmark reads from, and does to, the server around its pgbench runs:
the client tools, the settings and WAL counters it reports, the prewarm, the database's state."""

from __future__ import annotations

import glob
import shutil
import sys

import psycopg


def bindir_tool(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if not found:
        sys.exit(f"error: {name} not found (install the PostgreSQL client tools)")
    return found


# The server settings that move these figures most: write-heavy scripts run into checkpoints
# (with the default max_wal_size = 1GB a checkpoint came every 20 s of lesson completions).
REPORTED_SETTINGS = ("shared_buffers", "max_wal_size", "checkpoint_timeout", "synchronous_commit", "fsync",
                     "full_page_writes", "wal_compression", "jit", "track_wal_io_timing",
                     "shared_preload_libraries", "pg_stat_statements.track")
WAL_COUNTERS = ("wal_bytes", "wal_fpi", "wal_sync", "wal_sync_time")


def wal_counters(url: str) -> dict[str, float]:
    """pg_stat_wal's cumulative counters (wal_sync_time stays 0 unless track_wal_io_timing is on)."""
    with psycopg.connect(url) as conn:
        row = conn.execute(f"SELECT {', '.join(WAL_COUNTERS)} FROM pg_catalog.pg_stat_wal").fetchone()
    assert row is not None
    return {name: float(value) for name, value in zip(WAL_COUNTERS, row, strict=True)}


def prewarm(url: str) -> int:
    """Read every relation of the database into shared buffers (pg_prewarm's 'buffer' mode; what
    does not fit stays in the OS page cache it went through), so that no script pays for the
    disk reads of a server that has just started; returns the blocks read. The extension is
    dropped again when this created it."""
    with psycopg.connect(url, autocommit=True) as conn:
        present = conn.execute("SELECT count(*) FROM pg_catalog.pg_extension WHERE extname = 'pg_prewarm'").fetchone()
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
        row = conn.execute(
            "SELECT coalesce(sum(pg_prewarm(c.oid, 'buffer')), 0) FROM pg_catalog.pg_class c"
            " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relkind IN ('r', 'i', 't', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
        ).fetchone()
        if present == (0,):
            conn.execute("DROP EXTENSION pg_prewarm")
    return int(row[0]) if row else 0


def database_state(url: str) -> str:
    """Size against shared_buffers and the ledger's rows: every write script adds rows, so a
    database used by earlier runs gives slower, not comparable figures."""
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT pg_database_size(current_database()),"
            " (SELECT setting::bigint * 8192 FROM pg_catalog.pg_settings WHERE name = 'shared_buffers'),"
            " (SELECT count(*) FROM gamification.points_ledger)").fetchone()
    assert row is not None
    size, buffers, ledger = row
    state = f"database before the runs: {size / 2**20:,.0f} MB (shared_buffers {buffers / 2**20:,.0f} MB), {ledger:,} ledger rows"
    if size > buffers:
        state += (" - WARNING: the database no longer fits in shared_buffers (earlier runs wrote to it): "
                  "drop and regenerate it for figures comparable with a fresh one")
    return state


def server_settings(url: str) -> str:
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT name, current_setting(name) FROM pg_settings WHERE name = ANY (%s) ORDER BY name",
                            [list(REPORTED_SETTINGS)]).fetchall()
        version = conn.execute("SHOW server_version").fetchone()
    shown = ", ".join(f"{name}={setting}" for name, setting in rows)
    return f"PostgreSQL {version[0] if version else '?'}: {shown}"
