#!/usr/bin/env python3
"""Equoria benchmark: JSONB searches at scale, with and without the GIN indexes, and the
throughput of the training and show-entry game rules under pgbench.

    python bench/equoria/run.py 'postgresql:///equoria_bench?host=/tmp&port=5432'

The database must already be migrated (``runner migrate``); seed data is optional. The run
ADDS rows and keeps them: 10,000 bench players, 1,000,000 horses (``--horses``) named
"Bench ...", 16 bench shows per pgbench run, their entries and training logs. Use a
throwaway database. ``--skip-generate`` reuses bench horses from an earlier run.

Steps:
  1. generate the horses inside the database with generate_series, in batches;
  2. time the trait and discipline-score searches with the GIN indexes, then again inside a
     transaction that drops both GIN indexes (rolled back afterwards), and print medians and
     ratios together with the plan each search used;
  3. run bench/equoria/training.pgbench.sql and show_entry.pgbench.sql with pgbench at 16
     clients (``--clients``), then check the invariants (one log / entry per transaction,
     no negative balance).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

HERE = Path(__file__).resolve().parent
GIN_INDEXES = ("equoria.idx_horses_discipline_scores", "equoria.idx_horses_epigenetic_modifiers")

SEARCHES: list[tuple[str, str]] = [
    ("trait: positive resilient",
     """SELECT count(*) FROM equoria.horses WHERE epigenetic_modifiers @> '{"positive": ["resilient"]}'"""),
    ("traits: resilient + intelligent, nervous",
     """SELECT count(*) FROM equoria.horses
         WHERE epigenetic_modifiers @> '{"positive": ["resilient", "intelligent"], "negative": ["nervous"]}'"""),
    ("trait: first 50 bold horses",
     """SELECT id FROM equoria.horses WHERE epigenetic_modifiers @> '{"positive": ["bold"]}' ORDER BY id LIMIT 50"""),
    ("score: Racing >= 90",
     """SELECT count(*) FROM equoria.horses WHERE discipline_scores @? '$."Racing" ? (@ >= 90)'"""),
    ("score: Vaulting >= 50",
     """SELECT count(*) FROM equoria.horses WHERE discipline_scores @? '$."Vaulting" ? (@ >= 50)'"""),
    ("score: Dressage = 100 (containment)",
     """SELECT count(*) FROM equoria.horses WHERE discipline_scores @> '{"Dressage": 100}'"""),
]

BREEDS_SQL = """
INSERT INTO equoria.breeds (name, description)
VALUES ('Bench Warmblood', 'Breed used by the Equoria benchmark'), ('Bench Pony', 'Breed used by the Equoria benchmark')
ON CONFLICT (name) DO NOTHING
"""

PLAYERS_SQL = """
INSERT INTO equoria.users (id, name, email, money)
SELECT md5('equoria-bench-player-' || n)::uuid, 'Bench Player ' || n, 'bench-' || n || '@bench.invalid', 1000000000
  FROM generate_series(1, %(players)s::integer) AS n
ON CONFLICT DO NOTHING
"""

# One batch of horses. Per-row randomness must sit in subqueries that reference the outer row
# (g), otherwise PostgreSQL evaluates them once for the whole statement.
HORSES_SQL = """
WITH genetics AS (
  SELECT array_agg(doc) AS docs
    FROM (SELECT jsonb_build_object(
                   'dominant_alleles',
                   jsonb_object_agg(x.gene, CASE WHEN x.r1 >= x.r2 THEN x.a1 ELSE x.a2 END),
                   'recessive_alleles',
                   jsonb_object_agg(x.gene, CASE WHEN x.r1 >= x.r2 THEN x.a2 ELSE x.a1 END),
                   'inheritance_patterns', jsonb_object_agg(x.gene, x.pattern)) AS doc
            FROM (SELECT i, g.name AS gene, g.inheritance_pattern AS pattern,
                         a1.allele AS a1, a1.dominance_rank AS r1, a2.allele AS a2, a2.dominance_rank AS r2
                    FROM generate_series(1, 500) AS i
                   CROSS JOIN equoria.genes g
                   CROSS JOIN LATERAL (SELECT allele, dominance_rank FROM equoria.gene_alleles a
                                        WHERE a.gene = g.name AND i > 0 ORDER BY random() LIMIT 1) AS a1
                   CROSS JOIN LATERAL (SELECT allele, dominance_rank FROM equoria.gene_alleles a
                                        WHERE a.gene = g.name AND i > 0 ORDER BY random() LIMIT 1) AS a2) AS x
           GROUP BY x.i) AS d
), pools AS (
  SELECT (SELECT array_agg(id) FROM equoria.breeds) AS breeds,
         (SELECT array_agg(id) FROM equoria.users WHERE email LIKE 'bench-%%@bench.invalid') AS owners,
         (SELECT docs FROM genetics) AS docs
)
INSERT INTO equoria.horses (name, age, gender, breed_id, owner_id, genetics, discipline_scores,
                            epigenetic_modifiers, bond_score, stress_level, development_stage)
SELECT 'Bench ' || g,
       3 + floor(random() * 18)::int,
       (ARRAY['stallion', 'mare', 'mare', 'gelding'])[1 + floor(random() * 4)::int],
       p.breeds[1 + floor(random() * array_length(p.breeds, 1))::int],
       p.owners[1 + floor(random() * array_length(p.owners, 1))::int],
       p.docs[1 + floor(random() * array_length(p.docs, 1))::int],
       (SELECT coalesce(jsonb_object_agg(d.name, floor(random() * 101)::int), '{}'::jsonb)
          FROM equoria.disciplines d
         WHERE g > 0
           AND random() < CASE WHEN d.name IN ('Racing', 'Dressage', 'Show Jumping', 'Cross Country')
                               THEN 0.35 ELSE 0.15 END),
       (SELECT jsonb_build_object(
                 'positive', coalesce(jsonb_agg(t.name) FILTER (WHERE t.polarity = 'positive' AND t.r < 0.18), '[]'),
                 'negative', coalesce(jsonb_agg(t.name) FILTER (WHERE t.polarity = 'negative' AND t.r < 0.14), '[]'),
                 'hidden',   coalesce(jsonb_agg(t.name) FILTER (WHERE t.r >= 0.80 AND t.r < 0.95), '[]'))
          FROM (SELECT name, polarity, random() AS r FROM equoria.traits WHERE g > 0) AS t),
       40 + floor(random() * 51)::int,
       10 + floor(random() * 51)::int,
       'adult'
  FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) AS g
 CROSS JOIN pools AS p
"""


@dataclass
class Timing:
    label: str
    rows: int
    median_ms: float
    plan: str


def log(message: str) -> None:
    print(message, flush=True)


def scalar(conn: psycopg.Connection, query: str, params: dict[str, object] | None = None) -> object:
    row = conn.execute(query, params).fetchone()
    assert row is not None
    return row[0]


def generate(conn: psycopg.Connection, horses: int, players: int, batch: int) -> None:
    existing = scalar(conn, "SELECT count(*) FROM equoria.horses WHERE name LIKE 'Bench %'")
    assert isinstance(existing, int)
    if existing:
        log(f"  {existing:,} bench horses already present; adding {horses:,} more")
    conn.execute(BREEDS_SQL)
    conn.execute(PLAYERS_SQL, {"players": players})
    start = time.perf_counter()
    done = 0
    while done < horses:
        size = min(batch, horses - done)
        lo = existing + done + 1
        conn.execute(HORSES_SQL, {"lo": lo, "hi": lo + size - 1})
        done += size
        log(f"  {done:>9,} horses  ({time.perf_counter() - start:6.1f} s)")
    log("  VACUUM ANALYZE equoria.horses")
    conn.execute("VACUUM ANALYZE equoria.horses")


def plan_of(conn: psycopg.Connection, query: str) -> str:
    lines = [r[0] for r in conn.execute(f"EXPLAIN {query}").fetchall()]  # query: one of SEARCHES
    nodes = [m.group(1).strip() for line in lines if (m := re.search(r"->\s+(.+?)\s+\(cost", line))]
    scans = [n for n in nodes if "Scan" in n]
    return "; ".join(scans) or lines[0].split("  (cost")[0]


def time_searches(conn: psycopg.Connection, repeat: int) -> list[Timing]:
    timings = []
    for label, query in SEARCHES:
        conn.execute(query).fetchall()  # warm the cache
        samples = []
        rows = 0
        for _ in range(repeat):
            start = time.perf_counter()
            result = conn.execute(query).fetchall()
            samples.append((time.perf_counter() - start) * 1000)
            rows = result[0][0] if "count(*)" in query else len(result)
        timings.append(Timing(label, rows, statistics.median(samples), plan_of(conn, query)))
    return timings


def searches(conn: psycopg.Connection, repeat: int) -> None:
    total = scalar(conn, "SELECT count(*) FROM equoria.horses")
    log(f"\n== JSONB searches over {total:,} horses (median of {repeat} runs, warm cache)")
    for name in GIN_INDEXES:
        size = scalar(conn, "SELECT pg_size_pretty(pg_relation_size(%(n)s::regclass))", {"n": name})
        log(f"  {name}: {size}")
    table_size = scalar(conn, "SELECT pg_size_pretty(pg_table_size('equoria.horses'))")
    log(f"  equoria.horses (heap): {table_size}")
    # 1. the planner's own choice with the GIN indexes present;
    chosen = time_searches(conn, repeat)
    # 2. the GIN indexes forced (sequential scans disabled), to show what they do when the
    #    planner prefers not to use them;
    with conn.transaction(force_rollback=True):
        conn.execute("SET LOCAL enable_seqscan = off")
        forced = time_searches(conn, repeat)
    # 3. the same searches after dropping both GIN indexes (in a transaction, rolled back).
    with conn.transaction(force_rollback=True):
        for name in GIN_INDEXES:
            conn.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(*name.split("."))))
        without = time_searches(conn, repeat)
    log(f"\n  {'search':<40} {'rows':>9} {'planner':>9} {'GIN forced':>10} {'no GIN':>9}"
        f" {'no GIN / planner':>16} {'no GIN / forced':>15}")
    for c, f, w in zip(chosen, forced, without, strict=True):
        assert c.rows == f.rows == w.rows, f"{c.label}: row counts differ ({c.rows}, {f.rows}, {w.rows})"
        log(f"  {c.label:<40} {c.rows:>9,} {c.median_ms:>7.1f}ms {f.median_ms:>8.1f}ms {w.median_ms:>7.1f}ms"
            f" {w.median_ms / c.median_ms:>15.1f}x {w.median_ms / f.median_ms:>14.1f}x")
    # For comparison: a range search answered by a B-tree expression index (not part of the
    # schema; built and dropped inside a rolled-back transaction).
    with conn.transaction(force_rollback=True):
        conn.execute("DROP INDEX equoria.idx_horses_discipline_scores")
        conn.execute("CREATE INDEX bench_racing_score ON equoria.horses (((discipline_scores ->> 'Racing')::numeric))")
        conn.execute("ANALYZE equoria.horses")
        query = "SELECT count(*) FROM equoria.horses WHERE (discipline_scores ->> 'Racing')::numeric >= 90"
        conn.execute(query).fetchall()
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            rows = conn.execute(query).fetchall()[0][0]
            samples.append((time.perf_counter() - start) * 1000)
        log(f"  {'score: Racing >= 90, B-tree expr. index':<40} {rows:>9,} {statistics.median(samples):>7.1f}ms"
            f"  (alternative, not in the schema: {plan_of(conn, query)})")
    log("\n  plans:")
    for c, f, w in zip(chosen, forced, without, strict=True):
        log(f"  {c.label}\n      planner: {c.plan}\n      forced:  {f.plan}\n      no GIN:  {w.plan}")


def prepare_queues(conn: psycopg.Connection, transactions: int, shows: int) -> None:
    conn.execute("DROP SCHEMA IF EXISTS equoria_bench CASCADE")
    conn.execute("CREATE SCHEMA equoria_bench")
    conn.execute(
        """
        CREATE TABLE equoria_bench.train_queue AS
        SELECT row_number() OVER () AS n, s.id AS horse_id, s.owner_id
          FROM (SELECT h.id, h.owner_id FROM equoria.horses h
                 WHERE h.name LIKE 'Bench %%' AND h.age BETWEEN 3 AND 20
                   AND (h.training_cooldown IS NULL OR h.training_cooldown < now())
                   AND NOT EXISTS (SELECT 1 FROM equoria.training_logs l
                                    WHERE l.horse_id = h.id AND l.discipline = 'Dressage'
                                      AND l.trained_at > now() - interval '7 days')
                 ORDER BY random() LIMIT %(n)s) AS s
        """,
        {"n": transactions},
    )
    stamp = time.strftime("%Y%m%d%H%M%S")
    conn.execute(
        """
        INSERT INTO equoria.shows (name, discipline, level_min, level_max, entry_fee, prize, run_date)
        SELECT format('Bench Cup %%s #%%s', %(stamp)s::text, k), 'Dressage', 1, 10, 10, 1000, now() + interval '30 days'
          FROM generate_series(1, %(shows)s) AS k
        """,
        {"stamp": stamp, "shows": shows},
    )
    conn.execute(
        """
        CREATE TABLE equoria_bench.entry_queue AS
        SELECT q.n, q.horse_id, q.owner_id,
               (SELECT array_agg(id ORDER BY id) FROM equoria.shows WHERE name LIKE %(like)s)[1 + q.n %% %(shows)s] AS show_id
          FROM (SELECT row_number() OVER () AS n, s.id AS horse_id, s.owner_id
                  FROM (SELECT id, owner_id FROM equoria.horses
                         WHERE name LIKE 'Bench %%' AND age BETWEEN 3 AND 20
                         ORDER BY random() LIMIT %(n)s) AS s) AS q
        """,
        {"like": f"Bench Cup {stamp} #%", "shows": shows, "n": transactions},
    )
    for table in ("train_queue", "entry_queue"):
        conn.execute(sql.SQL("CREATE UNIQUE INDEX ON {} (n)").format(sql.Identifier("equoria_bench", table)))
        conn.execute(sql.SQL("ANALYZE {}").format(sql.Identifier("equoria_bench", table)))
    conn.execute("CREATE SEQUENCE equoria_bench.train_seq")
    conn.execute("CREATE SEQUENCE equoria_bench.entry_seq")
    conn.execute("GRANT USAGE ON SCHEMA equoria_bench TO equoria_app")
    conn.execute("GRANT SELECT ON ALL TABLES IN SCHEMA equoria_bench TO equoria_app")


def run_pgbench(url: str, script: Path, clients: int, per_client: int) -> tuple[float, float]:
    pgbench = shutil.which("pgbench")
    if pgbench is None:
        raise SystemExit("pgbench is not installed (Debian: postgresql-client)")
    jobs = max(1, min(clients, os.cpu_count() or 1))
    command = [pgbench, "-n", "-c", str(clients), "-j", str(jobs), "-t", str(per_client), "-f", str(script), url]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"pgbench failed on {script.name}")
    tps = re.search(r"tps = ([\d.]+) \(without initial connection time\)", done.stdout)
    latency = re.search(r"latency average = ([\d.]+) ms", done.stdout)
    failed = re.search(r"number of failed transactions: (\d+)", done.stdout)
    if not tps or not latency:
        raise SystemExit(f"could not read pgbench output:\n{done.stdout}")
    if failed and int(failed.group(1)):
        raise SystemExit(f"{failed.group(1)} failed transactions in {script.name}:\n{done.stdout}")
    return float(tps.group(1)), float(latency.group(1))


def throughput(conn: psycopg.Connection, url: str, clients: int, per_client: int, shows: int) -> None:
    transactions = clients * per_client
    log(f"\n== pgbench: {clients} clients x {per_client} transactions")
    prepare_queues(conn, transactions, shows)
    logs_before = scalar(conn, "SELECT count(*) FROM equoria.training_logs")
    entries_before = scalar(conn, "SELECT count(*) FROM equoria.show_entries")
    assert isinstance(logs_before, int) and isinstance(entries_before, int)
    for label, script in (("train_horse", HERE / "training.pgbench.sql"), ("enter_show", HERE / "show_entry.pgbench.sql")):
        tps, latency = run_pgbench(url, script, clients, per_client)
        log(f"  {label:<12} {tps:>9.1f} tps   latency {latency:6.2f} ms")
    logs = scalar(conn, "SELECT count(*) FROM equoria.training_logs")
    entries = scalar(conn, "SELECT count(*) FROM equoria.show_entries")
    negative = scalar(conn, "SELECT count(*) FROM equoria.users WHERE money < 0")
    assert isinstance(logs, int) and isinstance(entries, int)
    log(f"  checks: {logs - logs_before:,} training logs and {entries - entries_before:,} entries written "
        f"for {transactions:,} transactions each; players with negative money: {negative}")
    if logs - logs_before != transactions or entries - entries_before != transactions or negative:
        raise SystemExit("invariant broken: see the counts above")
    conn.execute("DROP SCHEMA equoria_bench CASCADE")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", help="libpq URL of a migrated (throwaway) Equoria database")
    parser.add_argument("--horses", type=int, default=1_000_000, help="horses to generate (default 1,000,000)")
    parser.add_argument("--players", type=int, default=10_000, help="bench players owning them (default 10,000)")
    parser.add_argument("--batch", type=int, default=100_000, help="horses per INSERT statement (default 100,000)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per search (default 5)")
    parser.add_argument("--clients", type=int, default=16, help="pgbench clients (default 16)")
    parser.add_argument("--transactions", type=int, default=500, help="pgbench transactions per client (default 500)")
    parser.add_argument("--shows", type=int, default=16, help="bench shows the entries are spread over (default 16)")
    parser.add_argument("--skip-generate", action="store_true", help="reuse the bench horses already in the database")
    parser.add_argument("--skip-pgbench", action="store_true", help="only generate and time the searches")
    args = parser.parse_args(argv)

    with psycopg.connect(args.url, autocommit=True) as conn:
        if scalar(conn, "SELECT to_regclass('equoria.horses')") is None:
            raise SystemExit("equoria.horses does not exist: migrate the database first")
        if not args.skip_generate:
            log(f"== generating {args.horses:,} horses for {args.players:,} bench players")
            generate(conn, args.horses, args.players, args.batch)
        searches(conn, args.repeat)
        if not args.skip_pgbench:
            throughput(conn, args.url, args.clients, args.transactions, args.shows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
