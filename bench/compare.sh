#!/usr/bin/env bash
# Issue 6's side-by-side figures: blobpipe dev, S3Proxy 2.6.0 (filesystem backend) and a null server, one after the
# other on this machine, each in its own JVM at the same heap, driven by CompareBench with the same warm-up and
# workloads (AWS SDK v2, checksums WHEN_REQUIRED for all; the small-object ones again with a light presigned-URL
# client). Prints each run, the table of ratios and each client's CPU per operation beside the server's; writes
# bench/results/compare-<UTC time>.json and .svg, and latest.json / latest.svg.
# Usage: bench/compare.sh [--smoke] [--servers=blobpipe,s3proxy,null] [--heap="-Xms256m -Xmx256m"] [name=value...]
#   names (see Scale.java): large-mib small-count clients list-objects large-list-objects list-pages mixed-count
#   warmup-count warmup-rounds. A full run needs about 6 GiB and 1M inodes free under /tmp, and takes about 15 minutes on
#   2 quiet cores.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
s3proxy_classpath="$root/bench/s3proxy/target/s3proxy.classpath"
if [ ! -f "$root/cli/target/blobpipe-cli.jar" ] || [ ! -f "$root/bench/target/blobpipe-bench.jar" ] \
    || [ ! -f "$s3proxy_classpath" ]; then
  (cd "$root" && mvn -q -B -DskipTests package)
fi
exec java -Xmx1g -cp "$root/bench/target/blobpipe-bench.jar" dev.blobpipe.bench.CompareBench \
  --blobpipe-classpath="$root/cli/target/blobpipe-cli.jar" \
  --blobpipe-jvm-options="$("$root/bin/jvm-options")" --s3proxy-classpath="$(cat "$s3proxy_classpath")" \
  --results="$root/bench/results" "$@"
