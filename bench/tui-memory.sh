#!/usr/bin/env bash
# Resident memory of the interactive chat comparing four remote targets while they stream: the published agon in a
# tmux pane (a real terminal, 160x40), `agon chat -i` against four local llama.cpp-shaped servers (bench/paced_sse.py,
# written, not recorded) that each stream TOKENS tokens at RATE per second (default 20,000 at 1,000/s: 20 s).
# VmRSS is sampled every 0.5 s while the answers stream; VmHWM (the peak) is read before quitting.
# Usage: bench/tui-memory.sh [agon-executable] [tokens-per-pane] [rate]
source "$(dirname "$0")/tui-lib.sh"
agon=$(realpath -m "${1:-$repo/artifacts/agon/agon}")
tokens=${2:-20000}
rate=${3:-1000}
require_agon "$agon"
start_chat "$agon" 4 "$tokens" "$rate" 18300
idle=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
tmux send-keys -t "$session" "tell me a long story" Enter
max=0; samples=0
while :; do
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null) || break
  samples=$((samples + 1)); [ "$rss" -gt "$max" ] && max=$rss
  [ "$(done_panes)" -ge 4 ] && break
  sleep 0.5
done
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
tmux capture-pane -p -t "$session" | head -3 | cut -c1-160
tmux send-keys -t "$session" C-q
echo "4-column compare, $tokens tokens per pane at $rate/s: RSS idle $((idle / 1024)) MB, highest sample $((max / 1024)) MB ($samples samples), VmHWM $((hwm / 1024)) MB"
load_line
