#!/usr/bin/env bash
# Issue 3's figures: starts `blobpipe dev` at -Xmx256m on a fresh data dir, runs CoreBench against it
# (1 GiB PUT/GET, then 4 KiB PUT/GET with 64 clients), prints the figures and the server's peak RSS, stops it.
# Usage: bench/core.sh [largeMiB=1024] [smallCount=20000] [clients=64]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -f "$root/bench/target/blobpipe-bench.jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
data="$(mktemp -d /tmp/blobpipe-bench-XXXXXX)"
port=9777
JAVA_OPTS="${JAVA_OPTS:--Xmx256m}" "$root/bin/blobpipe" dev --data-dir "$data/data" --port "$port" \
  --access-key BENCHKEY000000000001 --secret-key bench-secret-key-0000000000000000000000 \
  >"$data/dev.out" 2>"$data/dev.log" &
dev=$!
trap 'kill -TERM $dev 2>/dev/null; wait $dev 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 180); do grep -q '^endpoint ' "$data/dev.out" && break; sleep 1; done
grep -q '^endpoint ' "$data/dev.out" || { echo "blobpipe dev did not start; log:"; tail -50 "$data/dev.log"; exit 1; }
echo "server: blobpipe dev, JAVA_OPTS=${JAVA_OPTS:--Xmx256m}"
java -jar "$root/bench/target/blobpipe-bench.jar" "http://127.0.0.1:$port" BENCHKEY000000000001 \
  bench-secret-key-0000000000000000000000 "${1:-1024}" "${2:-20000}" "${3:-64}"
grep -E 'VmHWM' "/proc/$dev/status" | sed 's/^/server peak RSS (one JVM incl. broker; PostgreSQL apart): /'
