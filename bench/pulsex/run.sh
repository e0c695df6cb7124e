#!/usr/bin/env bash
# PulseX benchmark: pgbench custom scripts as the application role (pulsex_app, RLS on),
# against pgbench's built-in select-only workload (-S) on the same server in the same run.
#
#   bench/pulsex/run.sh 'postgresql://postgres@localhost/pulsex_bench'
#
# The URL must reach a migrated pulsex database as a superuser (the generator skips triggers,
# and a LOGIN role is created for the run). Use a scratch database: the generated data stays.
# Settings (environment):
#   USERS=100000        accounts generated (ids md5('pulsex-bench-' || n)::uuid)
#   DAYS=92             days of briefings per account, ending today (about 3 months)
#   DURATION=30         seconds per measurement
#   CLIENTS="16 64"     direct client counts
#   THREADS=2           pgbench threads (-j)
#   POOLED_CLIENTS=2000 client connections through PgBouncer (transaction pooling), if installed
#   POOL_SIZE=20        PgBouncer server connections per database/user pair
#   REF_SCALE=10        pgbench -i scale of the -S reference (schema pulsex_pgbench_ref, dropped after)
# Server settings are the caller's: the figures in RESULTS.md were measured on a cluster with
# shared_buffers = 2GB (the default 128MB is far below the 6 GB of data), max_wal_size = 8GB,
# checkpoint_timeout = 30min, pg_stat_statements preloaded, everything else at its default; the
# -S reference runs on the same server in the same run, so it gets the same settings.
# User ids are written md5('pulsex-bench-:n')::uuid (pgbench puts the number into the literal):
# md5 of a constant is folded once at plan time, while md5('pulsex-bench-' || :n) costs about
# 20 us of planning per occurrence (text || integer goes through the textanycat SQL function),
# a cost of the benchmark, not of the application, which sends the uuid itself.
# Prints tps, average and p50/p95/p99 latency (from per-transaction logs) per workload and client
# count, the ratio to -S at the same client count, and the two targets of the issue: briefing
# fetch p95 under 5 ms at 16 clients, and its throughput at least half of -S.
set -euo pipefail

URL=${1:?usage: $0 POSTGRES_URL}
USERS=${USERS:-100000}
DAYS=${DAYS:-92}
DURATION=${DURATION:-30}
CLIENTS=${CLIENTS:-"16 64"}
THREADS=${THREADS:-2}
POOLED_CLIENTS=${POOLED_CLIENTS:-2000}
POOL_SIZE=${POOL_SIZE:-20}
REF_SCALE=${REF_SCALE:-10}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d /tmp/pulsex-bench.XXXXXX)
chmod 755 "$WORK"
BENCH_ROLE=pulsex_bench
BENCH_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
PGBOUNCER_PID=""

psql_url() { psql -X -q -v ON_ERROR_STOP=1 "$URL" "$@"; }

cleanup() {
    set +e
    if [ -n "$PGBOUNCER_PID" ]; then kill "$PGBOUNCER_PID" 2>/dev/null; sleep 1; fi
    psql_url -c "DROP SCHEMA IF EXISTS pulsex_pgbench_ref CASCADE" >/dev/null 2>&1
    psql_url -c "DROP ROLE IF EXISTS $BENCH_ROLE" >/dev/null 2>&1
    rm -rf "$WORK"
}
trap cleanup EXIT

# --- where the server is, to connect as the benchmark role -------------------------------------
read -r DBNAME PORT SERVER_ADDR SOCKET_DIR TODAY <<<"$(psql_url -At -F ' ' -c "
    SELECT current_database(), current_setting('port'), coalesce(host(inet_server_addr()), '-'),
           split_part(current_setting('unix_socket_directories'), ',', 1), current_date")"
if [ "$SERVER_ADDR" = "-" ]; then HOST=$SOCKET_DIR; else HOST=$SERVER_ADDR; fi
BENCH_CONN="host=$HOST port=$PORT dbname=$DBNAME user=$BENCH_ROLE password=$BENCH_PASSWORD connect_timeout=10"

echo "== PulseX benchmark on database $DBNAME (host $HOST port $PORT)"
echo "   $USERS users, $DAYS days of briefings, ${DURATION}s per run, clients: $CLIENTS, threads: $THREADS"
psql_url -At -c "SELECT 'server: ' || version()"
echo "   machine: $(nproc) CPU(s), $(free -g 2>/dev/null | awk '/Mem:/ {print $2 " GB RAM"}')"

# --- data --------------------------------------------------------------------------------------
echo "== generating data (inside the database)"
start=$(date +%s)
psql_url -v users="$USERS" -v days="$DAYS" -f "$HERE/generate.sql"
echo "   generation took $(( $(date +%s) - start ))s"
psql_url -At -c "SELECT format('   briefings: %s rows, %s; database %s',
                          (SELECT count(*) FROM pulsex.briefings),
                          pg_size_pretty((SELECT sum(pg_total_relation_size(inhrelid)) FROM pg_inherits
                                           WHERE inhparent = 'pulsex.briefings'::regclass)),
                          pg_size_pretty(pg_database_size(current_database())))"

# --- the login role pgbench uses: a member of pulsex_app ---------------------------------------
psql_url >/dev/null <<SQL
DO \$\$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$BENCH_ROLE') THEN
        EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', '$BENCH_ROLE', '$BENCH_PASSWORD');
    ELSE
        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE pulsex_app', '$BENCH_ROLE', '$BENCH_PASSWORD');
    END IF;
END
\$\$;
SQL
# RLS check before measuring: the role sees its own briefing and nothing of anyone else
# (psql -c sends both statements as one query: one implicit transaction, like pgbench's \;).
psql -X -At "$BENCH_CONN" -c "SELECT pulsex.set_app_context(md5('pulsex-bench-1')::uuid); SELECT count(*) = 1 AND bool_and(user_id = md5('pulsex-bench-1')::uuid) FROM pulsex.briefings WHERE briefing_date = CURRENT_DATE" | grep -qx t \
    || { echo "error: the benchmark role does not see exactly its own briefing under RLS" >&2; exit 1; }
# The same for pulsex.fetch_briefing(): one row, and afterwards the transaction is user 1's
# (no admin override) and sees no other user's briefing of today.
psql -X -At "$BENCH_CONN" -c "SELECT count(*) = 1 FROM pulsex.fetch_briefing(md5('pulsex-bench-1')::uuid, CURRENT_DATE); SELECT count(*) = 1 AND bool_and(user_id = md5('pulsex-bench-1')::uuid) AND NOT pulsex.app_is_admin() FROM pulsex.briefings WHERE briefing_date = CURRENT_DATE" | tr '\n' ' ' | grep -qx 't t ' \
    || { echo "error: pulsex.fetch_briefing() does not return exactly the role's own briefing under RLS" >&2; exit 1; }

# --- the -S reference, same server, same database (own schema) ---------------------------------
echo "== preparing the pgbench -S reference (scale $REF_SCALE)"
psql_url -c "DROP SCHEMA IF EXISTS pulsex_pgbench_ref CASCADE" -c "CREATE SCHEMA pulsex_pgbench_ref" >/dev/null 2>&1
PGOPTIONS="-c search_path=pulsex_pgbench_ref" pgbench -i -q -s "$REF_SCALE" "$URL" >"$WORK/init.log" 2>&1 \
    || { cat "$WORK/init.log"; exit 1; }
psql_url -c "CHECKPOINT" >/dev/null

# --- measuring ---------------------------------------------------------------------------------
RESULTS="$WORK/results.tsv"
: >"$RESULTS"

# run_pgbench LABEL CLIENTS CONNINFO [pgbench options ...]
run_pgbench() {
    local label=$1 clients=$2 conn=$3; shift 3
    local dir="$WORK/$label-$clients"
    mkdir -p "$dir"
    local threads=$THREADS
    if [ "$threads" -gt "$clients" ]; then threads=$clients; fi
    # bounded: a pgbench that cannot get its connections must not hang the run
    if ! timeout "$((DURATION + 300))" pgbench -n -M simple -c "$clients" -j "$threads" -T "$DURATION" \
            -D users="$USERS" -D today="$TODAY" -l --log-prefix="$dir/tx" "$@" "$conn" >"$dir/out.txt" 2>&1; then
        echo "   $label at $clients clients FAILED:"; tail -5 "$dir/out.txt"; return 0
    fi
    local tps
    tps=$(awk '/^tps = / {print $3; exit}' "$dir/out.txt")
    # per-transaction log: client tx_no latency_us script_no epoch epoch_us
    cat "$dir"/tx.* | awk '{print $3, $4}' >"$dir/lat.txt"
    report "$label" "$clients" "$tps" "$dir/lat.txt" all
    if [ "$label" = "morning_rush" ]; then
        local i=0 name
        for name in fetch_briefing record_feedback record_event saved_by_tag; do
            report "  rush:$name" "$clients" "-" "$dir/lat.txt" "$i"
            i=$((i + 1))
        done
    fi
}

# report LABEL CLIENTS TPS LATENCY_FILE SCRIPT_NO|all
report() {
    local stats
    stats=$(awk -v s="$5" '$2 == s || s == "all" {print $1}' "$4" | sort -n | awk '
        { v[NR] = $1; sum += $1 }
        END {
            if (NR == 0) { print "0 - - - -"; exit }
            printf "%d %.3f %.3f %.3f %.3f\n", NR, sum / NR / 1000, v[int(NR * 0.50) + 1] / 1000,
                   v[int(NR * 0.95) + 1] / 1000, v[int(NR * 0.99) + 1] / 1000 }')
    printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$stats" >>"$RESULTS"
    printf '   %-24s %5s clients  tps %-10s  n/avg/p50/p95/p99 (ms): %s\n' "$1" "$2" "$3" "$stats"
}

echo "== measuring, ${DURATION}s each"
for c in $CLIENTS; do
    PGOPTIONS="-c search_path=pulsex_pgbench_ref" run_pgbench select_only_S "$c" "$URL" -S
    run_pgbench fetch_briefing "$c" "$BENCH_CONN" -f "$HERE/fetch_briefing.sql"
    run_pgbench fetch_briefing_fn "$c" "$BENCH_CONN" -f "$HERE/fetch_briefing_fn.sql"
    run_pgbench record_feedback "$c" "$BENCH_CONN" -f "$HERE/record_feedback.sql"
    run_pgbench saved_by_tag "$c" "$BENCH_CONN" -f "$HERE/saved_by_tag.sql"
    run_pgbench morning_rush "$c" "$BENCH_CONN" -f "$HERE/fetch_briefing_fn.sql@40" -f "$HERE/record_feedback.sql@35" \
        -f "$HERE/record_event.sql@20" -f "$HERE/saved_by_tag.sql@5"
done

# --- through PgBouncer, transaction pooling ----------------------------------------------------
if command -v pgbouncer >/dev/null 2>&1; then
    echo "== PgBouncer (transaction pooling, pool size $POOL_SIZE), $POOLED_CLIENTS client connections"
    BOUNCER_PORT=6439
    cat >"$WORK/pgbouncer.ini" <<INI
[databases]
$DBNAME = host=$HOST port=$PORT dbname=$DBNAME
[pgbouncer]
listen_addr =
listen_port = $BOUNCER_PORT
unix_socket_dir = $WORK
auth_type = trust
auth_file = $WORK/userlist.txt
pool_mode = transaction
max_client_conn = $((POOLED_CLIENTS + 100))
default_pool_size = $POOL_SIZE
reserve_pool_size = 5
max_db_connections = $((POOL_SIZE + 5))
logfile = $WORK/pgbouncer.log
pidfile = $WORK/pgbouncer.pid
INI
    printf '"%s" "%s"\n' "$BENCH_ROLE" "$BENCH_PASSWORD" >"$WORK/userlist.txt"
    if [ "$(id -u)" = 0 ]; then
        # pgbouncer refuses to run as root: it drops to this user itself after start-up and so
        # keeps the open-file limit raised below (runuser/su would reset it through PAM)
        echo "user = postgres" >>"$WORK/pgbouncer.ini"
        chown -R postgres "$WORK"
    fi
    ulimit -n "$(( POOLED_CLIENTS * 2 + 1024 ))" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
    if [ "$(ulimit -n)" -lt $(( POOLED_CLIENTS * 2 + 200 )) ]; then
        echo "   skipped: open-file limit $(ulimit -n) is too low for $POOLED_CLIENTS connections"
    else
        pgbouncer -d "$WORK/pgbouncer.ini"
        for _ in $(seq 50); do [ -s "$WORK/pgbouncer.pid" ] && break; sleep 0.1; done
        PGBOUNCER_PID=$(cat "$WORK/pgbouncer.pid")
        POOLED_CONN="host=$WORK port=$BOUNCER_PORT dbname=$DBNAME user=$BENCH_ROLE connect_timeout=10"
        run_pgbench pgbouncer_fetch "$POOLED_CLIENTS" "$POOLED_CONN" -f "$HERE/fetch_briefing.sql"
        run_pgbench pgbouncer_fetch_fn "$POOLED_CLIENTS" "$POOLED_CONN" -f "$HERE/fetch_briefing_fn.sql"
        run_pgbench pgbouncer_rush "$POOLED_CLIENTS" "$POOLED_CONN" -f "$HERE/fetch_briefing_fn.sql@40" \
            -f "$HERE/record_feedback.sql@35" -f "$HERE/record_event.sql@20" -f "$HERE/saved_by_tag.sql@5"
    fi
else
    echo "== PgBouncer: skipped (pgbouncer is not installed; Debian: apt-get install pgbouncer)"
fi

# --- summary -----------------------------------------------------------------------------------
echo
echo "== summary (latencies in ms; ratio = tps / pgbench -S tps at the same client count)"
awk -F '\t' '
    { split($4, s, " "); label[NR] = $1; clients[NR] = $2; tps[NR] = $3
      avg[NR] = s[2]; p50[NR] = s[3]; p95[NR] = s[4]; p99[NR] = s[5]
      if ($1 == "select_only_S") ref[$2] = $3 }
    END {
        printf "%-24s %8s %11s %8s %8s %8s %8s %7s\n", "workload", "clients", "tps", "avg", "p50", "p95", "p99", "ratio"
        for (i = 1; i <= NR; i++) {
            ratio = (tps[i] != "-" && ref[clients[i]] > 0) ? sprintf("%.2f", tps[i] / ref[clients[i]]) : "-"
            printf "%-24s %8s %11s %8s %8s %8s %8s %7s\n", label[i], clients[i], tps[i], avg[i], p50[i], p95[i], p99[i], ratio
        }
        first = split("'"$CLIENTS"'", cl, " ")
        c = (16 in ref) ? 16 : cl[1]
        for (i = 1; i <= NR; i++) if ((label[i] == "fetch_briefing" || label[i] == "fetch_briefing_fn") && clients[i] == c) {
            printf "\ntarget: %s p95 at %s clients = %s ms (target < 5 ms): %s\n", label[i], c, p95[i], (p95[i] + 0 < 5 ? "met" : "NOT met")
            printf "target: %s throughput = %.2f x pgbench -S (target >= 0.5): %s\n", label[i], tps[i] / ref[c], (tps[i] / ref[c] >= 0.5 ? "met" : "NOT met")
        }
    }' "$RESULTS"
