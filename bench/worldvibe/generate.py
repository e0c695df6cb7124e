"""WorldVibe benchmark data: tens of millions of check-ins over the last days, at the speed of bulk SQL.

    .venv/bin/python bench/worldvibe/generate.py URL [--rows 20000000] [--days 30] [--subjects 200000]

URL: a superuser connection to a *scratch* database migrated with the worldvibe migrations (the
data stays there). What it does:

* consents (check_ins, current version) for ``--subjects`` subjects ``bench-user-N``;
* the daily partitions of check_ins from ``--days`` days ago to 7 days ahead;
* ``--rows`` check-ins spread evenly over those days up to now, one INSERT ... SELECT
  generate_series per day, around 250 cities (points within about 1 degree of the centre,
  snapped to the 0.1 degree grid by the generator itself), ten emotions, intensities 1-10;
* the rollups of the whole range (timed: the "initial materialisation" figure), then ANALYZE.

The inserts run with ``session_replication_role = replica`` (superuser only), which skips the
user triggers: the consent check (every subject has consent anyway), the snapping (the
generator snaps) and the invalidation log (the range is refreshed explicitly afterwards). The
CHECK constraints, the generated region_hash and the indexes still apply. It is the bulk-load
path; the ingest benchmark in run.py measures the normal path with every trigger.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass

import psycopg

CITIES = 250


@dataclass
class Generated:
    rows: int
    days: int
    subjects: int
    insert_seconds: float
    refresh_seconds: float
    refreshed_hours: int


def generate(url: str, rows: int, days: int, subjects: int, *, log: bool = True) -> Generated:
    def say(msg: str) -> None:
        if log:
            print(f"  [generate] {msg}", flush=True)

    with psycopg.connect(url, autocommit=True) as conn:
        if conn.execute("SELECT to_regclass('worldvibe.check_ins')").fetchone() == (None,):
            raise SystemExit("the database is not migrated: run `runner migrate --path sql/worldvibe --url URL` first")
        conn.execute("SET statement_timeout = 0")
        conn.execute("SET timezone = 'UTC'")
        say(f"consents of {subjects:,} subjects")
        conn.execute(
            """
            INSERT INTO worldvibe.privacy_consents (subject_hash, purpose, policy_version)
            SELECT worldvibe.pseudonymize('bench-user-' || n), 'check_ins', worldvibe.current_policy_version('check_ins')
              FROM generate_series(1, %s) AS n
            ON CONFLICT DO NOTHING
            """, (subjects,))
        conn.execute("DROP TABLE IF EXISTS pg_temp.bench_subjects")
        conn.execute(
            """
            CREATE TEMP TABLE bench_subjects AS
            SELECT n, worldvibe.pseudonymize('bench-user-' || n) AS subject_hash FROM generate_series(1, %s) AS n
            """, (subjects,))
        conn.execute("ALTER TABLE bench_subjects ADD PRIMARY KEY (n)")
        conn.execute("ANALYZE bench_subjects")
        say(f"partitions from {days} days ago to 7 days ahead")
        conn.execute("SELECT count(*) FROM worldvibe.create_partitions('worldvibe.check_ins', current_date - %s, "
                     "current_date + 7)", (days,))
        per_day = rows // days
        start = time.perf_counter()
        conn.execute("SET session_replication_role = replica")
        for d in range(days, 0, -1):
            # day d ends at now() - (d-1) days, so the newest rows are minutes old
            conn.execute(
                """
                INSERT INTO worldvibe.check_ins
                       (created_at, received_at, subject_hash, emotion, intensity, location, device_type)
                SELECT t.at, t.at, s.subject_hash,
                       (ARRAY['JOY', 'CALM', 'STRESS', 'SADNESS', 'ANTICIPATION',
                              'ANGER', 'FEAR', 'DISGUST', 'SURPRISE', 'TRUST'])[1 + ((g / 7) + c.city) %% 10],
                       1 + g %% 10,
                       public.geography(public.ST_SetSRID(public.ST_MakePoint(
                           round((c.lon + random() * 2 - 1) * 10) / 10, round((c.lat + random() * 2 - 1) * 10) / 10), 4326)),
                       (ARRAY['MOBILE', 'MOBILE', 'MOBILE', 'TABLET', 'DESKTOP', 'OTHER'])[1 + g %% 6]
                  FROM generate_series(1, %(per_day)s) AS g
                  JOIN bench_subjects AS s ON s.n = 1 + ((g::bigint * 7919) %% %(subjects)s)::integer
                 CROSS JOIN LATERAL (SELECT now() - make_interval(days => %(d)s)
                                            + make_interval(secs => 86400.0 * g / %(per_day)s) AS at) AS t
                 CROSS JOIN LATERAL (SELECT (g * 31) %% %(cities)s AS city,
                                            -170 + ((g * 31) %% %(cities)s) * 340.0 / %(cities)s AS lon,
                                            -50 + (((g * 31) %% %(cities)s) * 37) %% 110 AS lat) AS c
                """, {"per_day": per_day, "d": d, "cities": CITIES, "subjects": subjects})
            say(f"day -{d}: {per_day:,} rows ({(days - d + 1) * per_day:,} of {per_day * days:,}, "
                f"{time.perf_counter() - start:.0f}s)")
        conn.execute("RESET session_replication_role")
        inserted = time.perf_counter() - start
        say("refreshing the rollups of the whole range")
        start = time.perf_counter()
        hours = conn.execute("SELECT worldvibe.refresh_rollups(now() - make_interval(days => %s), now())", (days,)).fetchone()
        refreshed = time.perf_counter() - start
        say("ANALYZE")
        conn.execute("ANALYZE worldvibe.check_ins")
        conn.execute("ANALYZE worldvibe.hourly_rollups")
        conn.execute("ANALYZE worldvibe.daily_rollups")
        return Generated(per_day * days, days, subjects, inserted, refreshed, hours[0] if hours else 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url")
    parser.add_argument("--rows", type=int, default=20_000_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--subjects", type=int, default=200_000)
    args = parser.parse_args()
    g = generate(args.url, args.rows, args.days, args.subjects)
    print(f"generated {g.rows:,} check-ins over {g.days} days in {g.insert_seconds:.1f}s "
          f"({g.rows / g.insert_seconds:,.0f} rows/s); rollups of {g.refreshed_hours} hours in {g.refresh_seconds:.1f}s")


if __name__ == "__main__":
    main()
