#!/usr/bin/env bash
# Issue 5's listing figures: starts `blobpipe dev` on a fresh data dir, seeds N catalog rows straight into its
# PostgreSQL (see ListBench), and prints ListObjectsV2 page latencies (p50/p99) through the S3 API.
# Usage: bench/list.sh [objects=1000000] [requests=300]
set -euo pipefail
port=9779
# shellcheck source=bench/dev-server.sh
source "$(dirname "${BASH_SOURCE[0]}")/dev-server.sh"
jdbc_url="$(sed -n 's/^catalog\.jdbc\.url=//p' "$data/data/runtime.properties" | sed 's/\\//g')"
java -cp "$root/bench/target/blobpipe-bench.jar" dev.blobpipe.bench.ListBench "$endpoint" "$access_key" \
  "$secret_key" "$jdbc_url" "${1:-1000000}" "${2:-300}"
