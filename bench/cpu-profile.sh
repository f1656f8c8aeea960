#!/usr/bin/env bash
# Where a warm blobpipe's CPU goes per small PUT: starts `blobpipe dev` at -Xmx256m on a fresh data dir, warms it
# with CoreBench passes (small PUTs and GETs; a JVM compiles for minutes under a new load), then runs one more pass
# and, over its small PUTs only, reads /proc: CPU of every thread of the server JVM, grouped by name without its
# number (ingest-http-12 and ingest-http-40 are one group), and of every PostgreSQL backend, named by its last
# statement when psql is installed. Prints both, in seconds and in ms per PUT.
# Usage: bench/cpu-profile.sh [warmPasses=5] [smallCount=10000] [clients=64]
# (CoreBench's client uses the SDK's default checksums, so a PUT does more here than in bench/compare.sh)
set -euo pipefail
port="${BENCH_PORT:-9779}"
warm_passes="${1:-5}"
count="${2:-10000}"
clients="${3:-64}"
# shellcheck source=bench/dev-server.sh
source "$(dirname "${BASH_SOURCE[0]}")/dev-server.sh"
bench() { java -jar "$root/bench/target/blobpipe-bench.jar" "$endpoint" "$access_key" "$secret_key" 1 "$count" "$clients"; }

# "<ticks> <name>" per JVM thread; the trailing number of a pooled thread's name is dropped
jvm_threads() {
  for task in /proc/"$dev"/task/*; do
    stat="$(cat "$task/stat" 2>/dev/null)" || continue
    name="$(cat "$task/comm" 2>/dev/null)" || continue
    set -- ${stat##*) }
    echo "$(( ${12} + ${13} )) $(echo "$name" | sed -E 's/[-#]?[0-9]+$//')"
  done
}

# "<ticks> <pid>" per PostgreSQL backend (children of the postmaster, which pg_ctl detached from the JVM)
pg_backends() {
  local postmaster
  postmaster="$(head -1 "$data/data/postgres/postmaster.pid")"
  for pid in $(pgrep -P "$postmaster"); do
    stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || continue
    set -- ${stat##*) }
    echo "$(( ${12} + ${13} )) $pid"
  done
}

for pass in $(seq 1 "$warm_passes"); do
  echo "warm-up pass $pass: $(bench | grep put-small)"
done
out="$data/measured.out"
bench >"$out" 2>&1 &
measured=$!
until grep -q '^get-large' "$out"; do kill -0 "$measured" 2>/dev/null || { cat "$out"; exit 1; }; sleep 0.1; done
jvm_threads >"$data/jvm.before"; pg_backends >"$data/pg.before"
until grep -q '^put-small' "$out"; do kill -0 "$measured" 2>/dev/null || { cat "$out"; exit 1; }; sleep 0.1; done
jvm_threads >"$data/jvm.after"; pg_backends >"$data/pg.after"
statements="$data/statements"
: >"$statements"
if command -v psql >/dev/null; then
  pg_port="$(grep -o 'postgresql.*127.0.0.1\\:[0-9]*' "$data/data/runtime.properties" | head -1 | sed 's/.*://')"
  PGPASSWORD=postgres psql -h 127.0.0.1 -p "$pg_port" -U postgres -d blobpipe -At -F ' ' -c \
    "SELECT pid, left(regexp_replace(query, '\s+', ' ', 'g'), 60) FROM pg_stat_activity" >"$statements" || true
fi
wait "$measured"
grep -E '^(put|get)-small' "$out"

echo "server JVM threads over the measured pass's $count PUTs (CPU seconds, ms per PUT):"
awk -v n="$count" 'FNR == NR { t = $1; $1 = ""; before[$0] += t; next }
  { t = $1; $1 = ""; after[$0] += t }
  END { for (g in after) { d = (after[g] - before[g]) / 100; total += d; if (d > 0) printf "%8.2f s %7.3f ms %s\n", d, d * 1000 / n, g }
        printf "%8.2f s %7.3f ms  all threads\n", total, total * 1000 / n }' \
  "$data/jvm.before" "$data/jvm.after" | sort -rn | head -16
echo "PostgreSQL backends (CPU seconds, ms per PUT, last statement):"
awk -v n="$count" 'FILENAME == ARGV[1] { query[$1] = substr($0, length($1) + 2); next }
  FILENAME == ARGV[2] { before[$2] = $1; next }
  { d = ($1 - before[$2]) / 100; total += d
    if (d > 0) printf "%8.2f s %7.3f ms %s\n", d, d * 1000 / n, ($2 in query ? query[$2] : "pid " $2) }
  END { printf "%8.2f s %7.3f ms  all backends\n", total, total * 1000 / n }' \
  "$statements" "$data/pg.before" "$data/pg.after" | sort -rn
