#!/usr/bin/env bash
# Resident memory of the interactive chat comparing four remote targets while they stream: the published agon in a
# tmux pane (a real terminal, 160x40), `agon chat -i` against four local llama.cpp-shaped servers (bench/paced_sse.py,
# written, not recorded) that each stream TOKENS tokens at RATE per second (default 20,000 at 1,000/s: 20 s).
# VmRSS is sampled every 0.5 s while the answers stream; VmHWM (the peak) is read before quitting.
# Usage: bench/tui-memory.sh [agon-executable] [tokens-per-pane] [rate]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
agon=$(realpath "${1:-$repo/artifacts/agon/agon}")
tokens=${2:-20000}
rate=${3:-1000}
[ -x "$agon" ] || { echo "no executable at $agon: dotnet publish src/Agon -c Release -r linux-x64 -o artifacts/agon" >&2; exit 2; }
command -v tmux >/dev/null || { echo "tmux is needed" >&2; exit 2; }
work=$(mktemp -d)
session=agon-mem-$$
pids=()
cleanup() {
  tmux kill-session -t "$session" 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
hosts=""
for i in 0 1 2 3; do
  port=$((18300 + i))
  python3 "$repo/bench/paced_sse.py" "$repo/tests/Agon.Tests/Fixtures/llamacpp/router-basic" "$port" "$tokens" "$rate" &
  pids+=($!)
  hosts+="${hosts:+,}{\"name\":\"r$i\",\"type\":\"llama.cpp\",\"url\":\"http://127.0.0.1:$port\",\"models\":[\"stories260K\"]}"
done
printf '{"hosts":[%s]}' "$hosts" >"$work/config.json"
sleep 1
tmux new-session -d -s "$session" -x 160 -y 40 \
  "XDG_DATA_HOME=$work/data $agon --config $work/config.json chat -i -t r0/stories260K -t r1/stories260K -t r2/stories260K -t r3/stories260K; sleep 30"
for _ in $(seq 100); do tmux capture-pane -p -t "$session" | grep -q 'r3/stories260K' && break; sleep 0.1; done
pid=$(pgrep -n -f "$agon --config $work/config.json") || { echo "agon did not start" >&2; tmux capture-pane -p -t "$session" >&2; exit 1; }
idle=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
tmux send-keys -t "$session" "tell me a long story" Enter
max=0; samples=0
while :; do
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null) || break
  samples=$((samples + 1)); [ "$rss" -gt "$max" ] && max=$rss
  [ "$(tmux capture-pane -p -t "$session" | grep -o '· done' | wc -l)" -ge 4 ] && break
  sleep 0.5
done
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
tmux capture-pane -p -t "$session" | head -3 | cut -c1-160
tmux send-keys -t "$session" C-q
echo "4-column compare, $tokens tokens per pane at $rate/s: RSS idle $((idle / 1024)) MB, highest sample $((max / 1024)) MB ($samples samples), VmHWM $((hwm / 1024)) MB"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
