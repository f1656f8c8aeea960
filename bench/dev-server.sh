# Sourced by the benchmark scripts: builds what is missing, starts `blobpipe dev` (JAVA_OPTS, default
# "-Xms256m -Xmx256m": see CompareBench on why the initial heap is the maximum) on a fresh data dir and port $port,
# waits for its endpoint, and stops it and removes the data dir on exit.
# Sets: root, data (temp dir; the server's data is $data/data), dev (the server JVM's pid: bin/blobpipe execs java),
# endpoint, access_key, secret_key.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -f "$root/bench/target/blobpipe-bench.jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
data="$(mktemp -d /tmp/blobpipe-bench-XXXXXX)"
access_key=BENCHKEY000000000001
secret_key=bench-secret-key-0000000000000000000000
server_opts="${JAVA_OPTS:--Xms256m -Xmx256m}"
JAVA_OPTS="$server_opts" "$root/bin/blobpipe" dev --data-dir "$data/data" --port "$port" \
  --access-key "$access_key" --secret-key "$secret_key" >"$data/dev.out" 2>"$data/dev.log" &
dev=$!
# `|| true`: under set -e the server's exit status 143 from wait would end the trap before the removal
trap 'kill -TERM $dev 2>/dev/null || true; wait $dev 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 180); do grep -q '^endpoint ' "$data/dev.out" && break; sleep 1; done
grep -q '^endpoint ' "$data/dev.out" || { echo "blobpipe dev did not start; log:"; tail -50 "$data/dev.log"; exit 1; }
endpoint="http://127.0.0.1:$port"
echo "server: blobpipe dev, JAVA_OPTS=$server_opts"
