"""WorldVibe benchmark: ingest throughput against a plain table, dashboard and map p95, rollup refresh.

    .venv/bin/python bench/worldvibe/run.py URL [--rows 20000000 --days 30 --subjects 200000]
                                               [--skip-generate] [--clients 16] [--duration 20]
                                               [--copy-clients 4] [--copy-batch 10000] [--query-runs 200]

URL: a superuser connection to a *scratch* database migrated with the worldvibe migrations (the
generated data stays; the reference table is dropped at the end). Not part of CI.

Measured, in this order (so that the ingest does not disturb the query figures):

1. generate.py: ``--rows`` check-ins over ``--days`` days (bulk path), and the rollups of them;
2. query latency (p50/p95/p99 over ``--query-runs`` runs, as worldvibe_analytics):
     dashboard  SELECT * FROM worldvibe.v_dashboard_last_24h
     map        SELECT * FROM worldvibe.v_region_map WHERE day = <yesterday>
   and, for comparison, what they replace: the same last-24-hours aggregation computed from the
   raw check-ins (the seed's time_bucket query, with the k-anonymity filter), as superuser;
3. rollup refresh of one hour of data (refresh_rollups over one hour of yesterday, which also
   recomputes that day's daily rollups), median of 5;
4. ingest throughput, each for ``--duration`` seconds, into worldvibe.check_ins (partitioned,
   indexed, RLS, consent/snapping/invalidation triggers) and into a plain table with the same
   columns and no partitioning, index, constraint or trigger (the reference, same run):
     single-row INSERTs, one per transaction, from ``--clients`` connections as worldvibe_app
     (each client acts for its own consenting subject);
     COPY batches of ``--copy-batch`` rows from ``--copy-clients`` connections, as superuser
     (COPY FROM is refused on a table with row-level security for any other role: a bulk
     importer runs as a trusted role, the app uses multi-row INSERTs).
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import threading
import time
from collections.abc import Callable

import psycopg
from generate import generate

PLAIN = """
CREATE SCHEMA IF NOT EXISTS worldvibe_bench;
DROP TABLE IF EXISTS worldvibe_bench.plain_check_ins;
CREATE TABLE worldvibe_bench.plain_check_ins (
    id           bigint GENERATED ALWAYS AS IDENTITY,
    created_at   timestamptz NOT NULL DEFAULT now(),
    received_at  timestamptz NOT NULL DEFAULT now(),
    subject_hash text NOT NULL,
    emotion      text NOT NULL,
    intensity    smallint NOT NULL,
    location     public.geography(Point, 4326) NOT NULL,
    device_type  text NOT NULL DEFAULT 'OTHER'
);
GRANT USAGE ON SCHEMA worldvibe_bench TO worldvibe_app;
GRANT INSERT ON worldvibe_bench.plain_check_ins TO worldvibe_app;
"""
TARGETS = {"partitioned": "worldvibe.check_ins", "plain": "worldvibe_bench.plain_check_ins"}
EMOTIONS = ["JOY", "CALM", "STRESS", "SADNESS", "ANTICIPATION", "ANGER", "FEAR", "DISGUST", "SURPRISE", "TRUST"]
RAW_DASHBOARD = """
SELECT worldvibe.time_bucket('1 hour', created_at) AS bucket, emotion, count(*) AS check_ins,
       round(avg(intensity), 2) AS avg_intensity
  FROM worldvibe.check_ins
 WHERE created_at >= date_bin('1 hour', now(), '2000-01-01 00:00+00') - interval '23 hours'
 GROUP BY 1, 2
HAVING count(DISTINCT subject_hash) >= (SELECT k_anonymity FROM worldvibe.settings)
"""


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    q = statistics.quantiles(ordered, n=100, method="inclusive") if len(ordered) > 1 else ordered * 99
    return {"p50": q[49], "p95": q[94], "p99": q[98], "n": len(ordered)}


def time_query(url: str, sql: str, runs: int, role: str | None) -> tuple[dict[str, float], int]:
    with psycopg.connect(url, autocommit=True) as conn:
        if role:
            conn.execute(f"SET ROLE {role}")  # constant names of this script
        rows = len(conn.execute(sql).fetchall())  # warm-up (and plan cache)
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            conn.execute(sql).fetchall()
            samples.append((time.perf_counter() - start) * 1000)
    return percentiles(samples), rows


def parallel(clients: int, seconds: float, work: Callable[[int, threading.Event], int]) -> float:
    """Run ``work(i, stop)`` in ``clients`` threads for ``seconds``; return units done per second."""
    stop = threading.Event()
    counts = [0] * clients
    errors: list[BaseException] = []
    barrier = threading.Barrier(clients + 1)

    def body(i: int) -> None:
        try:
            barrier.wait()
            counts[i] = work(i, stop)
        except BaseException as exc:  # reported below
            errors.append(exc)
            stop.set()

    threads = [threading.Thread(target=body, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    barrier.wait()
    start = time.perf_counter()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise errors[0]
    return sum(counts) / elapsed


def single_row_ingest(url: str, table: str, clients: int, seconds: float) -> float:
    sql = (f"INSERT INTO {table} (subject_hash, emotion, intensity, location) "  # table: a constant of TARGETS
           "VALUES (%s, %s, %s, public.geography(public.ST_SetSRID(public.ST_MakePoint(%s, %s), 4326)))")

    def work(i: int, stop: threading.Event) -> int:
        rnd = random.Random(i)
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("SET ROLE worldvibe_app")
            subject = conn.execute("SELECT worldvibe.pseudonymize(%s)", (f"bench-user-{i + 1}",)).fetchone()[0]
            conn.execute("SELECT set_config('worldvibe.subject_hash', %s, false)", (subject,))  # acts for its subject
            done = 0
            while not stop.is_set():
                conn.execute(sql, (subject, rnd.choice(EMOTIONS), rnd.randint(1, 10),
                                   rnd.uniform(-10, 30), rnd.uniform(35, 60)), prepare=True)
                done += 1
            return done

    return parallel(clients, seconds, work)


def copy_batch(i: int, size: int, subjects: list[str]) -> bytes:
    rnd = random.Random(1000 + i)
    out = io.StringIO()
    for _ in range(size):
        lon, lat = round(rnd.uniform(-10, 30), 1), round(rnd.uniform(35, 60), 1)
        out.write(f"{rnd.choice(subjects)}\t{rnd.choice(EMOTIONS)}\t{rnd.randint(1, 10)}\tSRID=4326;POINT({lon} {lat})\n")
    return out.getvalue().encode()


def copy_ingest(url: str, table: str, clients: int, seconds: float, batch: int) -> float:
    with psycopg.connect(url) as conn:
        subjects = [r[0] for r in conn.execute(
            "SELECT worldvibe.pseudonymize('bench-user-' || n) FROM generate_series(1, 1000) AS n").fetchall()]
    batches = [copy_batch(i, batch, subjects) for i in range(clients)]

    def work(i: int, stop: threading.Event) -> int:
        with psycopg.connect(url, autocommit=True) as conn:
            done = 0
            while not stop.is_set():
                with conn.cursor().copy(f"COPY {table} (subject_hash, emotion, intensity, location) FROM STDIN") as cp:
                    cp.write(batches[i])
                done += batch
            return done

    return parallel(clients, seconds, work)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url")
    parser.add_argument("--rows", type=int, default=20_000_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--subjects", type=int, default=200_000)
    parser.add_argument("--skip-generate", action="store_true", help="reuse data generated by an earlier run")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--copy-clients", type=int, default=4)
    parser.add_argument("--copy-batch", type=int, default=10_000)
    parser.add_argument("--query-runs", type=int, default=200)
    args = parser.parse_args()
    url = args.url

    print("WorldVibe benchmark")
    if not args.skip_generate:
        g = generate(url, args.rows, args.days, args.subjects)
        print(f"data: {g.rows:,} check-ins over {g.days} days, {g.subjects:,} subjects; bulk insert "
              f"{g.rows / g.insert_seconds:,.0f} rows/s; rollups of {g.refreshed_hours} hours in {g.refresh_seconds:.1f}s")
    with psycopg.connect(url, autocommit=True) as conn:
        total, ahead = conn.execute("SELECT count(*), (SELECT count(*) FROM worldvibe.check_ins WHERE created_at >= now() - "
                                    "interval '24 hours') FROM worldvibe.check_ins").fetchone()
        yesterday = conn.execute("SELECT (now() AT TIME ZONE 'UTC')::date - 1").fetchone()[0]
        print(f"check-ins stored: {total:,} ({ahead:,} in the last 24 hours)")

    print("\nqueries (ms)                          p50      p95      p99   rows")
    dash, dash_rows = time_query(url, "SELECT * FROM worldvibe.v_dashboard_last_24h", args.query_runs, "worldvibe_analytics")
    map_sql = f"SELECT * FROM worldvibe.v_region_map WHERE day = '{yesterday}'"
    mapq, map_rows = time_query(url, map_sql, args.query_runs, "worldvibe_analytics")
    raw, raw_rows = time_query(url, RAW_DASHBOARD, max(5, args.query_runs // 20), None)
    for name, p, rows in (("dashboard, last 24 h (rollups)", dash, dash_rows), ("k-anonymous map, one day", mapq, map_rows),
                          ("last 24 h from raw rows (reference)", raw, raw_rows)):
        print(f"  {name:<36}{p['p50']:7.2f}  {p['p95']:7.2f}  {p['p99']:7.2f}  {rows:5d}")
    print(f"  raw / rollup dashboard p95: {raw['p95'] / dash['p95']:.1f}x")

    with psycopg.connect(url, autocommit=True) as conn:
        hour = conn.execute("SELECT date_bin('1 hour', now(), '2000-01-01 00:00+00') - interval '1 day'").fetchone()[0]
        in_hour = conn.execute("SELECT count(*) FROM worldvibe.check_ins WHERE created_at >= %s AND created_at < %s + "
                               "interval '1 hour'", (hour, hour)).fetchone()[0]
        in_day = conn.execute("SELECT count(*) FROM worldvibe.check_ins WHERE created_at >= date_trunc('day', %s::timestamptz, "
                              "'UTC') AND created_at < date_trunc('day', %s::timestamptz, 'UTC') + interval '1 day'",
                              (hour, hour)).fetchone()[0]
        samples = []
        for _ in range(5):
            start = time.perf_counter()
            conn.execute("SELECT worldvibe.refresh_rollups(%s, %s + interval '1 hour')", (hour, hour))
            samples.append((time.perf_counter() - start) * 1000)
        print(f"\nrollup refresh of one hour ({in_hour:,} check-ins; recomputes its day, {in_day:,} check-ins): "
              f"median {statistics.median(samples):.0f} ms, min {min(samples):.0f} ms")

        conn.execute(PLAIN)
    try:
        print("\ningest (rows/s)                   partitioned        plain   ratio")
        single = {name: single_row_ingest(url, table, args.clients, args.duration) for name, table in TARGETS.items()}
        print(f"  single-row INSERT, {args.clients} clients  {single['partitioned']:11,.0f}  {single['plain']:11,.0f}"
              f"   {single['partitioned'] / single['plain']:.2f}")
        copies = {name: copy_ingest(url, table, args.copy_clients, args.duration, args.copy_batch)
                  for name, table in TARGETS.items()}
        print(f"  COPY x{args.copy_batch:,}, {args.copy_clients} clients     {copies['partitioned']:11,.0f}  "
              f"{copies['plain']:11,.0f}   {copies['partitioned'] / copies['plain']:.2f}")
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("DROP SCHEMA worldvibe_bench CASCADE")
            pending = conn.execute("SELECT count(DISTINCT bucket) FROM worldvibe.rollup_invalidations").fetchone()[0]
    print(f"\n(the ingest left {pending} invalidated hour(s) for the next refresh)")


if __name__ == "__main__":
    main()
