#!/usr/bin/env bash
# Issue 3's figures: starts `blobpipe dev` at -Xmx256m on a fresh data dir, runs CoreBench against it
# (1 GiB PUT/GET, then 4 KiB PUT/GET with 64 clients), prints the figures and the server's peak RSS, stops it.
# Usage: bench/core.sh [largeMiB=1024] [smallCount=20000] [clients=64] [ack=visible|durable]
# (ack=durable: the small PUTs send x-blobpipe-ack: durable and answer once Kafka holds them)
set -euo pipefail
port="${BENCH_PORT:-9777}"  # another port when two benches share a machine
# shellcheck source=bench/dev-server.sh
source "$(dirname "${BASH_SOURCE[0]}")/dev-server.sh"
java -jar "$root/bench/target/blobpipe-bench.jar" "$endpoint" "$access_key" \
  "$secret_key" "${1:-1024}" "${2:-20000}" "${3:-64}" "${4:-visible}"
grep -E 'VmHWM' "/proc/$dev/status" | sed 's/^/server peak RSS (one JVM incl. broker; PostgreSQL apart): /'
