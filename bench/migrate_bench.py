"""Benchmark: `runner migrate` against the floor (`psql -X -1 -f` over the concatenated files).

Generates N tiny migrations (a table and an index each, with rollback files), then in the same
run and on the same server times, on fresh databases:

* psql -X -q -1 -v ON_ERROR_STOP=1 -f all.sql   (the floor: one transaction, no bookkeeping)
* psql over the same files wrapped one transaction each (the floor for per-migration atomicity)
* runner migrate --path DIR                     (one transaction per file with its history row)
* runner status --path DIR                      (with all N applied)

and prints the medians and the ratio. Targets: migrate within 1.5x of the floor, status < 0.5 s.

    python bench/migrate_bench.py [--count 500] [--repeat 5] [--url SUPERUSER_URL]

Without --url it starts a throwaway cluster (default settings, fsync on) in a temp directory.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from runner.connection import with_dbname  # noqa: E402
from runner.local import LocalServer  # noqa: E402


def generate(directory: Path, count: int) -> Path:
    mig = directory / "migrations"
    mig.mkdir(parents=True)
    chunks = []
    for n in range(1, count + 1):
        body = (f"-- What: bench table {n}.\ncreate table public.bench_{n} (\n  id bigint primary key,\n"
                f"  label text not null,\n  created_at timestamptz not null default now()\n);\n"
                f"create index bench_{n}_label on public.bench_{n} (label);\n")
        (mig / f"{n:04d}_bench_{n}.sql").write_text(body)
        (mig / f"{n:04d}_bench_{n}.rollback.sql").write_text(f"drop table public.bench_{n};\n")
        chunks.append(body)
    concatenated = directory / "all.sql"
    concatenated.write_text("".join(chunks))
    # The same files, each in its own transaction (what any tool with per-migration atomicity does).
    (directory / "per_file.sql").write_text("".join(f"BEGIN;\n{c}COMMIT;\n" for c in chunks))
    return concatenated


def fresh(admin: str, name: str) -> str:
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return with_dbname(admin, name)


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed:\n{done.stdout}\n{done.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--url", help="superuser URL of an existing server (default: a throwaway cluster)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="runner-bench-"))
    os.chmod(work, 0o755)
    server = None
    try:
        if args.url:
            admin = with_dbname(args.url, "postgres")
        else:
            server = LocalServer(work / "pg")
            server.start()
            admin = server.url("postgres")
        concatenated = generate(work / "project", args.count)
        runner = [sys.executable, "-m", "runner"]
        psql = shutil.which("psql") or "psql"
        floor, per_file, migrate, status = [], [], [], []
        for i in range(args.repeat):
            url = fresh(admin, f"bench_psql_{i}")
            floor.append(timed([psql, "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-f", str(concatenated), url]))
            url = fresh(admin, f"bench_psql_tx_{i}")
            per_file.append(timed([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f",
                                   str(concatenated.with_name("per_file.sql")), url]))
            url = fresh(admin, f"bench_runner_{i}")
            migrate.append(timed([*runner, "migrate", "--path", str(work / "project"), "--url", url]))
            status.append(timed([*runner, "status", "--path", str(work / "project"), "--url", url]))
        f, t, m, s = (statistics.median(x) for x in (floor, per_file, migrate, status))
        ratios = sorted(mi / fl for mi, fl in zip(migrate, floor, strict=True))  # each repeat against its own floor
        spread = lambda xs: f"[{min(xs):.3f} .. {max(xs):.3f}]"  # noqa: E731
        load = os.getloadavg()[0]
        print(f"migrations: {args.count} (table + index each), repeats: {args.repeat}, medians "
              f"[min .. max]; load average {load:.2f} on {os.cpu_count()} CPU(s):")
        print(f"  psql -1 -f (floor)   {f:7.3f} s {spread(floor)}")
        print(f"  psql, a transaction per file {t:7.3f} s {spread(per_file)}   ratio {t / f:5.2f}x"
              "   (the floor with per-migration atomicity)")
        print(f"  runner migrate       {m:7.3f} s {spread(migrate)}   ratio {m / f:5.2f}x   (target <= 1.50x);"
              f" vs per-file psql {m / t:5.2f}x")
        print(f"    per-repeat ratios  {' '.join(f'{r:.2f}x' for r in ratios)}")
        print(f"  runner status        {s:7.3f} s {spread(status)}   (target < 0.50 s, {args.count} applied)")
        print(f"  per migration: floor {1000 * f / args.count:.2f} ms, runner {1000 * m / args.count:.2f} ms")
        print(f"  targets: migrate {'met' if m / f <= 1.5 else 'NOT met'}, status {'met' if s < 0.5 else 'NOT met'}")
    finally:
        if server:
            server.destroy()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
