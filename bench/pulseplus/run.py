#!/usr/bin/env python3
"""PulsePlus benchmark: purchase throughput under contention (one hot item, many items) and
the leaderboard top 100, with pgbench; prints TPS and latency percentiles (p50, p95, p99).

    python bench/pulseplus/run.py 'postgresql:///pulseplus_bench?host=/tmp&port=5432'

The database must already be migrated (``runner migrate``); seed data is optional. The run
ADDS a "bench" game and keeps it (bench/pulseplus/generate.sql: ``--users`` users and
competitors with plenty of money, ``--items`` items plus one hot item, a competition whose
leaderboard holds every competitor) and the purchases pgbench makes. Use a throwaway
database. A second run reuses the generated data.

Steps:
  1. generate the bench data (unless already there);
  2. show the plan of the top-100 query (it should read the ranking index in order and stop);
  3. pgbench each script for ``--seconds`` at ``--clients`` clients, logging every
     transaction, and compute the percentiles from the log;
  4. check the invariants: stock + units sold = initial stock for every bench item, no
     negative balance, every bench balance equal to its ledger.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import psycopg

HERE = Path(__file__).resolve().parent
INITIAL_STOCK = 1_000_000_000
SCRIPTS = (
    ("purchase, one hot item", "purchase_hot.pgbench.sql"),
    ("purchase, many items", "purchase_many.pgbench.sql"),
    ("leaderboard top 100", "leaderboard_top100.pgbench.sql"),
)


@dataclass
class Result:
    name: str
    transactions: int
    failed: int
    tps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float


def program(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    sys.exit(f"error: {name} not found (install the PostgreSQL client programs)")


def generate(url: str, users: int, items: int) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        if conn.execute("SELECT to_regclass('pulseplus.game') IS NULL").fetchone() == (True,):
            sys.exit("error: the database is not migrated (no pulseplus.game); run `runner migrate` first")
        row = conn.execute("SELECT count(*) FROM pulseplus.competitor WHERE game_id = md5('bench:game')::uuid").fetchone()
        if row and row[0]:
            print(f"bench data already there ({row[0]:,} competitors): not generated again")
            return
    env = {**os.environ, "PGOPTIONS": f"-c pulseplus_bench.users={users} -c pulseplus_bench.items={items}"}
    print(f"generating {users:,} users and competitors, {items:,} items ...", flush=True)
    done = subprocess.run([program("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", str(HERE / "generate.sql"), url],
                          env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"error: generate.sql failed:\n{done.stderr}")


def scale(url: str) -> tuple[int, int]:
    with psycopg.connect(url) as conn:
        row = conn.execute(
            """SELECT (SELECT count(*) FROM pulseplus.competitor WHERE game_id = md5('bench:game')::uuid),
                      (SELECT count(*) - 1 FROM pulseplus.shop_item WHERE shop_id = md5('bench:shop')::uuid)""").fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


def show_plan(url: str) -> None:
    with psycopg.connect(url) as conn:
        conn.execute("SET ROLE pulseplus_app")
        plan = conn.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) "
                            "SELECT * FROM pulseplus.competition_leaderboard(md5('bench:competition')::uuid, 100)").fetchall()
    print("plan of the top-100 query:")
    for (line,) in plan:
        print("   ", line)


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, round(p / 100 * len(sorted_values)) - 1))
    return sorted_values[k]


def run_pgbench(url: str, name: str, script: str, *, clients: int, jobs: int, seconds: int,
                competitors: int, items: int, workdir: Path) -> Result:
    prefix = workdir / script.split(".")[0]
    cmd = [program("pgbench"), "-n", "-c", str(clients), "-j", str(jobs), "-T", str(seconds),
           "-D", f"competitors={competitors}", "-D", f"items={items}",
           "-l", f"--log-prefix={prefix}", "-f", str(HERE / script), url]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"error: pgbench {script} failed:\n{done.stdout}\n{done.stderr}")
    tps = re.search(r"^tps = ([\d.]+)", done.stdout, re.MULTILINE)
    processed = re.search(r"number of transactions actually processed: (\d+)", done.stdout)
    failed = re.search(r"number of failed transactions: (\d+)", done.stdout)
    latencies: list[float] = []
    for log in workdir.glob(f"{prefix.name}.*"):
        for line in log.read_text().splitlines():
            fields = line.split()
            if len(fields) >= 3 and fields[2].isdigit():
                latencies.append(int(fields[2]) / 1000.0)
        log.unlink()
    latencies.sort()
    return Result(name, int(processed.group(1)) if processed else len(latencies), int(failed.group(1)) if failed else 0,
                  float(tps.group(1)) if tps else float("nan"), statistics.median(latencies) if latencies else float("nan"),
                  percentile(latencies, 95), percentile(latencies, 99))


def check(url: str) -> list[str]:
    problems = []
    with psycopg.connect(url) as conn:
        oversold = conn.execute(
            """SELECT count(*) FROM pulseplus.shop_item i
                WHERE i.shop_id = md5('bench:shop')::uuid
                  AND i.stock + (SELECT coalesce(sum(p.quantity), 0) FROM pulseplus.purchase p WHERE p.shop_item_id = i.id)
                      <> %s""", (INITIAL_STOCK,)).fetchone()
        negative = conn.execute("SELECT count(*) FROM pulseplus.currency_balance WHERE balance < 0").fetchone()
        mismatched = conn.execute(
            """SELECT count(*) FROM pulseplus.currency_balance b
                WHERE b.game_id = md5('bench:game')::uuid
                  AND b.balance <> (SELECT sum(t.amount) FROM pulseplus.currency_transaction t
                                     WHERE t.competitor_id = b.competitor_id AND t.currency_id = b.currency_id)""").fetchone()
    if oversold and oversold[0]:
        problems.append(f"{oversold[0]} item(s) where stock + units sold differs from the initial stock")
    if negative and negative[0]:
        problems.append(f"{negative[0]} negative balance(s)")
    if mismatched and mismatched[0]:
        problems.append(f"{mismatched[0]} balance(s) differ from their ledger")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", help="a migrated PulsePlus database (superuser; a throwaway one)")
    parser.add_argument("--users", type=int, default=10_000, help="bench users = competitors = leaderboard rows")
    parser.add_argument("--items", type=int, default=1_000, help="bench items besides the hot one")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--jobs", type=int, default=2, help="pgbench threads")
    parser.add_argument("--seconds", type=int, default=30, help="duration of each pgbench run")
    args = parser.parse_args()

    generate(args.url, args.users, args.items)
    competitors, items = scale(args.url)
    show_plan(args.url)
    results = []
    with tempfile.TemporaryDirectory(prefix="pulseplus-bench-") as tmp:
        for name, script in SCRIPTS:
            print(f"pgbench {script}: {args.clients} clients, {args.seconds} s ...", flush=True)
            results.append(run_pgbench(args.url, name, script, clients=args.clients, jobs=args.jobs,
                                       seconds=args.seconds, competitors=competitors, items=items, workdir=Path(tmp)))

    print(f"\nPulsePlus benchmark: {competitors:,} competitors, {items:,} items + 1 hot item, "
          f"{args.clients} clients, {args.seconds} s per script")
    print(f"{'script':<26} {'transactions':>12} {'failed':>7} {'tps':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for r in results:
        print(f"{r.name:<26} {r.transactions:>12,} {r.failed:>7} {r.tps:>9.1f} "
              f"{r.p50_ms:>8.2f} {r.p95_ms:>8.2f} {r.p99_ms:>8.2f}")
    hot, many = results[0], results[1]
    if hot.tps and many.tps:
        print(f"hot item / many items throughput: {hot.tps / many.tps:.2f}x")
    problems = check(args.url)
    print("invariants: " + ("OK (nothing oversold, no negative balance, balances equal their ledger)"
                            if not problems else "; ".join(problems)))
    if problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
