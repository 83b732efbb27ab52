#!/usr/bin/env bash
# CPU the interactive chat spends while answers stream: the published agon in a tmux pane (a real terminal, 160x40),
# `agon chat -i` against PANES local llama.cpp-shaped servers (bench/paced_sse.py, written, not recorded) that each
# stream TOKENS tokens at RATE per second (default 1 pane, 600 tokens at 30/s: 20 s, a GPU box's pace).
# Reads agon's user+system CPU time from /proc before and after the answer, and over IDLE seconds with nothing
# streaming, and prints both as a share of one core.
# Usage: bench/tui-cpu.sh [agon-executable] [panes] [tokens-per-pane] [rate] [idle-seconds]
source "$(dirname "$0")/tui-lib.sh"
agon=$(realpath -m "${1:-$repo/artifacts/agon/agon}")
panes=${2:-1}
tokens=${3:-600}
rate=${4:-30}
idle_seconds=${5:-5}
require_agon "$agon"
start_chat "$agon" "$panes" "$tokens" "$rate" 18400 "${TUI_CPU_ENV:-}"
tick=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
now() { date +%s.%N; }
sleep 1
c0=$(cpu); t0=$(now)
sleep "$idle_seconds"
c1=$(cpu); t1=$(now)
tmux send-keys -t "$session" "tell me a long story" Enter
# Until every pane is done; a failed answer or an agon that quit ends the run instead of waiting forever.
limit=$(( (tokens / rate + 60) * 10 ))
while [ "$(done_panes)" -lt "$panes" ]; do
  [ -e "/proc/$pid" ] || { echo "agon quit before the answers were done" >&2; exit 1; }
  limit=$((limit - 1)); [ "$limit" -gt 0 ] || { echo "the answers were not done in time; the screen:" >&2; tmux capture-pane -p -t "$session" >&2; exit 1; }
  sleep 0.1
done
c2=$(cpu); t2=$(now)
tmux send-keys -t "$session" C-q
awk -v c0="$c0" -v c1="$c1" -v c2="$c2" -v t0="$t0" -v t1="$t1" -v t2="$t2" -v tick="$tick" -v panes="$panes" -v tokens="$tokens" -v rate="$rate" 'BEGIN {
  idle = (c1 - c0) / tick; busy = (c2 - c1) / tick
  printf "idle: %.2f s CPU in %.1f s (%.1f %% of a core)\n", idle, t1 - t0, 100 * idle / (t1 - t0)
  printf "streaming %d pane(s), %d tokens at %d/s: %.2f s CPU in %.1f s (%.1f %% of a core), %.2f ms per token\n", panes, tokens, rate, busy, t2 - t1, 100 * busy / (t2 - t1), 1000 * busy / (panes * tokens)
}'
load_line
