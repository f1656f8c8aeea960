#!/usr/bin/env bash
# Issue 4's large-object figures: starts `blobpipe dev` at -Xmx256m on a fresh data dir, runs MultipartBench against
# it (1 GiB multipart upload with 16 MiB parts, 4 in flight; an N GiB one read back whole, SHA-256 checked at both
# ends; 1 MiB ranged GETs at 64 concurrent), prints the figures, the server's peak RSS and its Kafka and blob disk
# use after the upload and at the end, stops it.
# Usage: bench/large.sh [largeGiB=10] [rangedGets=5000]   (needs about 2 x largeGiB + 2 GiB free under /tmp:
# blobs, plus Kafka segments until the broker deletes them)
set -euo pipefail
port=9778
# shellcheck source=bench/dev-server.sh
source "$(dirname "${BASH_SOURCE[0]}")/dev-server.sh"
java -cp "$root/bench/target/blobpipe-bench.jar" dev.blobpipe.bench.MultipartBench "$endpoint" \
  "$access_key" "$secret_key" "${1:-10}" "${2:-5000}" "$dev" "$data/data"
