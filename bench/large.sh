#!/usr/bin/env bash
# Issue 4's large-object figures: starts `blobpipe dev` at -Xmx256m on a fresh data dir, runs MultipartBench against
# it (1 GiB multipart upload with 16 MiB parts, 4 in flight; an N GiB one read back whole, SHA-256 checked at both
# ends; 1 MiB ranged GETs at 64 concurrent), prints the figures, the server's peak RSS and its Kafka and blob disk
# use after the upload and at the end, stops it.
# Usage: bench/large.sh [largeGiB=10] [rangedGets=5000]   (needs about 2 x largeGiB + 2 GiB free under /tmp:
# blobs, plus Kafka segments until the broker deletes them)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -f "$root/bench/target/blobpipe-bench.jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
data="$(mktemp -d /tmp/blobpipe-bench-XXXXXX)"
port=9778
JAVA_OPTS="${JAVA_OPTS:--Xmx256m}" "$root/bin/blobpipe" dev --data-dir "$data/data" --port "$port" \
  --access-key BENCHKEY000000000001 --secret-key bench-secret-key-0000000000000000000000 \
  >"$data/dev.out" 2>"$data/dev.log" &
dev=$!
trap 'kill -TERM $dev 2>/dev/null; wait $dev 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 180); do grep -q '^endpoint ' "$data/dev.out" && break; sleep 1; done
grep -q '^endpoint ' "$data/dev.out" || { echo "blobpipe dev did not start; log:"; tail -50 "$data/dev.log"; exit 1; }
echo "server: blobpipe dev, JAVA_OPTS=${JAVA_OPTS:--Xmx256m}"
# bin/blobpipe execs java, so $dev is the server JVM's pid
java -cp "$root/bench/target/blobpipe-bench.jar" dev.blobpipe.bench.MultipartBench "http://127.0.0.1:$port" \
  BENCHKEY000000000001 bench-secret-key-0000000000000000000000 "${1:-10}" "${2:-5000}" "$dev" "$data/data"
