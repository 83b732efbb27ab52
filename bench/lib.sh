# Shared by bench/startup.sh and bench/sse.sh: a local router from bench/Agon.Bench ("serve"), hyperfine medians.
# shellcheck shell=bash
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
command -v hyperfine >/dev/null || { echo "hyperfine is needed (Debian/Ubuntu: apt-get install hyperfine)" >&2; exit 2; }
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    exec 8>&- || true
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# start_serve PORT: the bench router on 127.0.0.1:PORT (recorded router-basic bodies; /sse/N/ streams N chunks).
start_serve() {
  dotnet build "$repo/bench/Agon.Bench" -c Release -v q -nologo >/dev/null
  mkfifo "$work/serve.in"
  dotnet "$repo/bench/Agon.Bench/bin/Release/net10.0/Agon.Bench.dll" serve "$repo/tests/Agon.Tests/Fixtures/llamacpp/router-basic" "$1" \
    <"$work/serve.in" >"$work/serve.out" 2>&1 &
  server_pid=$!
  exec 8>"$work/serve.in"
  for _ in $(seq 100); do grep -q '^ready' "$work/serve.out" 2>/dev/null && return 0; sleep 0.1; done
  cat "$work/serve.out" >&2; echo "the bench router did not start" >&2; exit 1
}

# median_ms NAME RUNS COMMAND...: hyperfine's median in ms (no shell in between), after one warm-up.
median_ms() {
  local name=$1 runs=$2; shift 2
  hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/$name.json" --style none "$@" >/dev/null 2>"$work/$name.err" \
    || { cat "$work/$name.err" >&2; echo "$name failed" >&2; exit 1; }
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; t=sorted(r["times"]); print("%.1f %.1f %.1f" % (r["median"]*1000, t[0]*1000, t[-1]*1000))' "$work/$name.json"
}

load_line() { echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"; }
