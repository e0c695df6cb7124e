"""Benchmark: `runner backup` and `runner backup --verify` against plain pg_dump, in one run.

    python bench/backup_bench.py URL_OF_A_POPULATED_DATABASE [--repeat 3]

Times, on the same server and data: `pg_dump -Fc` to a file (the floor), `runner backup` (the
same dump from an exported snapshot plus exact row counts and a catalog snapshot for the
manifest), and `runner backup verify` (checksum, restore into a scratch database, compare).
Prints medians, MB/s and the ratios. Use it on a benchmark-scale database, e.g. PulsePlus after
`python bench/pulseplus/run.py URL` has generated its data.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from runner import backup  # noqa: E402
from runner.config import Settings  # noqa: E402
from runner.connection import libpq_args  # noqa: E402
from runner.local import program  # noqa: E402
from runner.targets import Target  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    target = Target(name="bench", path=ROOT, settings=Settings(), url=args.url, dbname="", local_dir=ROOT / ".pg")
    floor, runs, verifies = [], [], []
    size = rows = 0
    with tempfile.TemporaryDirectory(prefix="runner-backup-bench-") as tmp:
        for i in range(args.repeat):
            conn, env = libpq_args(args.url)
            start = time.perf_counter()
            subprocess.run([program("pg_dump"), "-Fc", "--compress=6", f"--file={tmp}/floor{i}.dump",
                            f"--dbname={conn}"], check=True, env=env)
            floor.append(time.perf_counter() - start)
            start = time.perf_counter()
            manifest = backup.backup(target, Path(tmp) / f"run{i}")
            runs.append(time.perf_counter() - start)
            start = time.perf_counter()
            report = backup.verify(target, Path(tmp) / f"run{i}" / manifest.dump)
            verifies.append(time.perf_counter() - start)
            if not report.ok:
                raise SystemExit("verification failed: " + "; ".join(report.problems[:5]))
            size, rows = manifest.size_bytes, sum(manifest.row_counts.values())
    f, b, v = (statistics.median(x) for x in (floor, runs, verifies))
    print(f"database: {rows:,} rows in {len(manifest.row_counts)} tables; dump {size / 1e6:.1f} MB; medians of {args.repeat}:")
    print(f"  pg_dump -Fc (floor)      {f:7.2f} s")
    print(f"  runner backup            {b:7.2f} s   ratio {b / f:4.2f}x   {size / 1e6 / b:6.1f} MB/s")
    print(f"  runner backup verify     {v:7.2f} s   ratio {v / f:4.2f}x   (restore + compare)")


if __name__ == "__main__":
    main()
