"""Health and metrics of one database: what a DBA checks first when something is slow.

Everything comes from the statistics views (``pg_stat_activity``, ``pg_stat_database``,
``pg_stat_user_tables``, ``pg_locks``) and, when the extension is installed in the database,
``pg_stat_statements``. Nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import psycopg
from psycopg.rows import dict_row


@dataclass
class Health:
    database: str
    server_version: str
    max_connections: int
    connections: dict[str, int]  # by state, client backends of the whole server
    waiting: int  # sessions waiting on a lock
    blocked: list[dict]  # who waits for whom
    cache_hit_ratio: float | None
    size_bytes: int
    xid_age: int  # age(datfrozenxid): wraparound distance
    long_running: list[dict]
    dead_tuples: list[dict]
    slowest: list[dict] | None  # None: pg_stat_statements not installed in this database
    problems: list[str] = field(default_factory=list)
    growth_bytes: int | None = None  # since the baseline (the newest backup), when there is one
    growth_since: str | None = None

    @property
    def total_connections(self) -> int:
        return sum(self.connections.values())


def collect(conn: psycopg.Connection, *, long_running_s: float = 60, top: int = 10,
            baseline: tuple[str, int] | None = None) -> Health:
    """``baseline``: (when, size in bytes) to report growth from, e.g. the newest backup."""
    q = conn.cursor(row_factory=dict_row)
    one = lambda query, params=None: conn.execute(query, params).fetchone()[0]  # noqa: E731
    states = {r["state"]: r["n"] for r in q.execute(
        "SELECT coalesce(state, 'unknown') AS state, count(*) AS n FROM pg_stat_activity "
        "WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() GROUP BY 1").fetchall()}
    blocked = q.execute(
        """SELECT a.pid, a.usename AS user, a.application_name, a.wait_event_type, pg_blocking_pids(a.pid) AS blocked_by,
                  round(extract(epoch FROM now() - a.query_start)::numeric, 1)::float AS seconds,
                  left(regexp_replace(a.query, '\\s+', ' ', 'g'), 200) AS query
             FROM pg_stat_activity a WHERE cardinality(pg_blocking_pids(a.pid)) > 0 ORDER BY a.query_start""").fetchall()
    db = q.execute(
        """SELECT datname, blks_hit, blks_read, pg_database_size(datname) AS size, age(d.datfrozenxid) AS xid_age
             FROM pg_stat_database s JOIN pg_database d USING (datname) WHERE datname = current_database()""").fetchone()
    hits, reads = (db["blks_hit"] or 0, db["blks_read"] or 0) if db else (0, 0)
    long_running = q.execute(
        """SELECT pid, usename AS user, application_name, state,
                  round(extract(epoch FROM now() - coalesce(xact_start, query_start))::numeric, 1)::float AS seconds,
                  left(regexp_replace(query, '\\s+', ' ', 'g'), 200) AS query
             FROM pg_stat_activity
            WHERE backend_type = 'client backend' AND state <> 'idle' AND pid <> pg_backend_pid()
              AND now() - coalesce(xact_start, query_start) > make_interval(secs => %s)
            ORDER BY seconds DESC LIMIT %s""", (long_running_s, top)).fetchall()
    dead = q.execute(
        """SELECT format('%%I.%%I', s.schemaname, s.relname) AS "table", s.n_live_tup AS live,
                  s.n_dead_tup AS dead, greatest(s.last_vacuum, s.last_autovacuum) AS last_vacuum,
                  age(c.relfrozenxid) AS xid_age
             FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
            WHERE s.n_dead_tup > 0 ORDER BY s.n_dead_tup DESC LIMIT %s""", (top,)).fetchall()
    slowest = None
    if one("SELECT count(*) FROM pg_extension WHERE extname = 'pg_stat_statements'"):
        try:
            slowest = q.execute(
                """SELECT calls, round(mean_exec_time::numeric, 3)::float AS mean_ms,
                          round(total_exec_time::numeric, 1)::float AS total_ms,
                          left(regexp_replace(query, '\\s+', ' ', 'g'), 200) AS query
                     FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                    ORDER BY mean_exec_time DESC LIMIT %s""", (top,)).fetchall()
        except psycopg.Error:  # installed but not preloaded
            conn.rollback()
            slowest = None
    health = Health(
        database=one("SELECT current_database()"),
        server_version=one("SHOW server_version"),
        max_connections=int(one("SHOW max_connections")),
        connections=states,
        waiting=int(one("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")),
        blocked=blocked,
        cache_hit_ratio=round(hits / (hits + reads), 4) if hits + reads else None,
        size_bytes=int(db["size"]) if db else 0,
        xid_age=int(db["xid_age"]) if db else 0,
        long_running=long_running,
        dead_tuples=dead,
        slowest=slowest,
    )
    if baseline and baseline[1]:
        health.growth_since, health.growth_bytes = baseline[0], health.size_bytes - baseline[1]
    if health.total_connections > 0.8 * health.max_connections:
        health.problems.append(f"{health.total_connections} of {health.max_connections} connections in use")
    if health.cache_hit_ratio is not None and health.cache_hit_ratio < 0.9 and hits + reads > 10_000:
        health.problems.append(f"cache hit ratio {health.cache_hit_ratio:.1%} (below 90%)")
    if health.xid_age > 1_000_000_000:
        health.problems.append(f"transaction ID age {health.xid_age:,}: vacuum freeze is overdue")
    if blocked:
        health.problems.append(f"{len(blocked)} session(s) blocked by locks")
    if long_running:
        health.problems.append(f"{len(long_running)} statement(s) running longer than {long_running_s:g}s")
    return health


def prometheus(h: Health) -> str:
    """Text exposition format: connections (total, active, idle, waiting) and statement durations."""
    label = f'database="{h.database}"'
    lines = [
        "# HELP pg_connections_total Client connections to the server.",
        "# TYPE pg_connections_total gauge",
        f"pg_connections_total{{{label}}} {h.total_connections}",
        "# HELP pg_connections_active Connections running a statement.",
        "# TYPE pg_connections_active gauge",
        f"pg_connections_active{{{label}}} {h.connections.get('active', 0)}",
        "# HELP pg_connections_idle Idle connections (including idle in transaction).",
        "# TYPE pg_connections_idle gauge",
        f"pg_connections_idle{{{label}}} {sum(v for k, v in h.connections.items() if k.startswith('idle'))}",
        "# HELP pg_connections_waiting Sessions waiting for a lock.",
        "# TYPE pg_connections_waiting gauge",
        f"pg_connections_waiting{{{label}}} {h.waiting}",
        "# HELP pg_connections_max max_connections of the server.",
        "# TYPE pg_connections_max gauge",
        f"pg_connections_max{{{label}}} {h.max_connections}",
        "# HELP pg_database_size_bytes Size of the database.",
        "# TYPE pg_database_size_bytes gauge",
        f"pg_database_size_bytes{{{label}}} {h.size_bytes}",
    ]
    if h.cache_hit_ratio is not None:
        lines += ["# HELP pg_cache_hit_ratio Share of block reads served from shared buffers.",
                  "# TYPE pg_cache_hit_ratio gauge", f"pg_cache_hit_ratio{{{label}}} {h.cache_hit_ratio}"]
    if h.slowest is not None:
        lines += ["# HELP pg_statement_mean_duration_seconds Mean execution time of the slowest statements.",
                  "# TYPE pg_statement_mean_duration_seconds gauge"]
        for rank, s in enumerate(h.slowest, start=1):
            lines.append(f'pg_statement_mean_duration_seconds{{{label},rank="{rank}"}} {s["mean_ms"] / 1000:.6f}')
    return "\n".join(lines) + "\n"
