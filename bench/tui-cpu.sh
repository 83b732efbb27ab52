#!/usr/bin/env bash
# CPU the interactive chat spends while answers stream: the published agon in a tmux pane (a real terminal, 160x40),
# `agon chat -i` against PANES local llama.cpp-shaped servers (bench/paced_sse.py, written, not recorded) that each
# stream TOKENS tokens at RATE per second (default 1 pane, 600 tokens at 30/s: 20 s, a GPU box's pace).
# Reads agon's user+system CPU time from /proc before and after the answer, and over IDLE seconds with nothing
# streaming, and prints both as a share of one core.
# Usage: bench/tui-cpu.sh [agon-executable] [panes] [tokens-per-pane] [rate] [idle-seconds]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
agon=$(realpath "${1:-$repo/artifacts/agon/agon}")
panes=${2:-1}
tokens=${3:-600}
rate=${4:-30}
idle_seconds=${5:-5}
[ -x "$agon" ] || { echo "no executable at $agon: dotnet publish src/Agon -c Release -r linux-x64 -o artifacts/agon" >&2; exit 2; }
command -v tmux >/dev/null || { echo "tmux is needed" >&2; exit 2; }
work=$(mktemp -d)
session=agon-cpu-$$
pids=()
cleanup() {
  tmux kill-session -t "$session" 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
hosts=""
targets=""
for i in $(seq 0 $((panes - 1))); do
  port=$((18400 + i))
  python3 "$repo/bench/paced_sse.py" "$repo/tests/Agon.Tests/Fixtures/llamacpp/router-basic" "$port" "$tokens" "$rate" &
  pids+=($!)
  hosts+="${hosts:+,}{\"name\":\"r$i\",\"type\":\"llama.cpp\",\"url\":\"http://127.0.0.1:$port\",\"models\":[\"stories260K\"]}"
  targets+=" -t r$i/stories260K"
done
printf '{"hosts":[%s]}' "$hosts" >"$work/config.json"
sleep 1
tmux new-session -d -s "$session" -x 160 -y 40 \
  "${TUI_CPU_ENV:-} XDG_DATA_HOME=$work/data $agon --config $work/config.json chat -i$targets; sleep 30"
last=r$((panes - 1))/stories260K
for _ in $(seq 100); do tmux capture-pane -p -t "$session" | grep -q "$last" && break; sleep 0.1; done
pid=$(pgrep -n -f "$agon --config $work/config.json") || { echo "agon did not start" >&2; tmux capture-pane -p -t "$session" >&2; exit 1; }
tick=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
now() { date +%s.%N; }
sleep 1
c0=$(cpu); t0=$(now)
sleep "$idle_seconds"
c1=$(cpu); t1=$(now)
tmux send-keys -t "$session" "tell me a long story" Enter
while [ "$(tmux capture-pane -p -t "$session" | grep -o '· done' | wc -l)" -lt "$panes" ]; do sleep 0.1; done
c2=$(cpu); t2=$(now)
tmux send-keys -t "$session" C-q
awk -v c0="$c0" -v c1="$c1" -v c2="$c2" -v t0="$t0" -v t1="$t1" -v t2="$t2" -v tick="$tick" -v panes="$panes" -v tokens="$tokens" -v rate="$rate" 'BEGIN {
  idle = (c1 - c0) / tick; busy = (c2 - c1) / tick
  printf "idle: %.2f s CPU in %.1f s (%.1f %% of a core)\n", idle, t1 - t0, 100 * idle / (t1 - t0)
  printf "streaming %d pane(s), %d tokens at %d/s: %.2f s CPU in %.1f s (%.1f %% of a core), %.2f ms per token\n", panes, tokens, rate, busy, t2 - t1, 100 * busy / (t2 - t1), 1000 * busy / (panes * tokens)
}'
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
