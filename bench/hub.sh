#!/usr/bin/env bash
# Pull throughput from a hub on loopback: agon's in-process pull (refs, tree, the blob streamed to disk with its size
# and sha256 checked, the snapshot link) against curl -o of the same file, from the same separate server process.
#   bench/hub.sh [MiB] [runs] [agon-executable]   (default 512 MiB, 5 runs, one warm-up each; medians reported;
#   the executable defaults to the published native one: dotnet publish src/Agon -c Release -r linux-x64 -o artifacts/agon)
# The hub is a static folder served by python3's http.server on 127.0.0.1 (refs and tree as files, the blob at its
# resolve path). agon's figure is the "seconds" of `pull models --json` (the pull itself, no process start);
# curl's is its own time_total. The server's ceiling is shown too: curl of the same file to /dev/null (no disk
# write), with the server's CPU time per download, so a slow server would show.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mib=${1:-512}
runs=${2:-5}
agon=$(realpath "${3:-$repo/artifacts/agon/agon}")
[ -x "$agon" ] || { echo "no executable at $agon: dotnet publish src/Agon -c Release -r linux-x64 -o artifacts/agon" >&2; exit 2; }
port=${HUB_BENCH_PORT:-18917}
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

commit=0123456789abcdef0123456789abcdef01234567
hub="$work/hub"
mkdir -p "$hub/api/models/bench/blob-GGUF/tree" "$hub/bench/blob-GGUF/resolve/$commit"
blob="$hub/bench/blob-GGUF/resolve/$commit/blob-Q4_K_M.gguf"
head -c "$((mib * 1024 * 1024))" /dev/urandom >"$blob"
sha=$(sha256sum "$blob" | cut -d' ' -f1)
size=$(stat -c %s "$blob")
printf '{"branches":[{"name":"main","targetCommit":"%s"}]}' "$commit" >"$hub/api/models/bench/blob-GGUF/refs"
printf '[{"type":"file","oid":"%s","size":%s,"path":"blob-Q4_K_M.gguf","lfs":{"oid":"%s","size":%s,"pointerSize":134}}]' \
  "${sha:0:40}" "$size" "$sha" "$size" >"$hub/api/models/bench/blob-GGUF/tree/$commit"

(cd "$hub" && exec python3 -m http.server "$port" --bind 127.0.0.1 >"$work/server.log" 2>&1) &
server_pid=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done

url="http://127.0.0.1:$port/bench/blob-GGUF/resolve/$commit/blob-Q4_K_M.gguf"
agon_rates=()
curl_rates=()
null_rates=()
server_cpu() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
ticks=$(getconf CLK_TCK)
for run in $(seq 0 "$runs"); do
  rm -rf "$work/cache" "$work/curl.bin"
  seconds=$(HF_ENDPOINT="http://127.0.0.1:$port/" HF_HUB_CACHE="$work/cache" HOME="$work" XDG_CONFIG_HOME="$work" \
    "$agon" pull models local/bench/blob-GGUF:Q4_K_M --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["seconds"])')
  curl_seconds=$(curl -s -f -o "$work/curl.bin" -w '%{time_total}' "$url")
  before=$(server_cpu)
  null_seconds=$(curl -s -f -o /dev/null -w '%{time_total}' "$url")
  server_seconds=$(python3 -c "print(($(server_cpu) - $before) / $ticks)")
  if [ "$run" -gt 0 ]; then
    agon_rates+=("$(python3 -c "print($size / $seconds / 1e6)")")
    curl_rates+=("$(python3 -c "print($size / $curl_seconds / 1e6)")")
    null_rates+=("$(python3 -c "print($size / $null_seconds / 1e6)") $server_seconds $null_seconds")
  fi
done
python3 - "$mib" "${agon_rates[*]}" "${curl_rates[*]}" "${null_rates[*]}" <<'PY'
import statistics, sys
mib, agon, curl = sys.argv[1], [float(x) for x in sys.argv[2].split()], [float(x) for x in sys.argv[3].split()]
null = [float(x) for x in sys.argv[4].split()]
ceiling, cpu, wall = statistics.median(null[0::3]), statistics.median(null[1::3]), statistics.median(null[2::3])
a, c = statistics.median(agon), statistics.median(curl)
print(f"hub pull {mib} MiB over loopback, median of {len(agon)}: agon {a:.0f} MB/s (size + sha256 checked)  curl {c:.0f} MB/s  ratio {a / c:.2f}")
print("  agon runs: " + ", ".join(f"{x:.0f}" for x in agon) + "   curl runs: " + ", ".join(f"{x:.0f}" for x in curl))
print(f"  server ceiling (curl to /dev/null): {ceiling:.0f} MB/s, server CPU {cpu:.2f} s per {wall:.2f} s download")
PY
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
