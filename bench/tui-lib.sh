# Shared by bench/tui-memory.sh and bench/tui-cpu.sh: the published agon's full-screen chat in a tmux pane (a real
# terminal, 160x40) against local llama.cpp-shaped servers (bench/paced_sse.py, written, not recorded).
# shellcheck shell=bash
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
command -v tmux >/dev/null || { echo "tmux is needed" >&2; exit 2; }
work=$(mktemp -d)
session=agon-tui-$$
pids=()
pid=""
cleanup() {
  tmux kill-session -t "$session" 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# require_agon PATH: the executable, or how to make one.
require_agon() {
  [ -x "$1" ] || { echo "no executable at $1: dotnet publish src/Agon -c Release -r linux-x64 -o artifacts/agon" >&2; exit 2; }
}

# start_chat AGON PANES TOKENS RATE BASE_PORT [ENV]: PANES servers that each stream TOKENS tokens at RATE per second,
# then `agon chat -i` with one pane per server (ENV, such as "NAME=value", goes before it); sets pid to agon's.
start_chat() {
  local agon=$1 panes=$2 tokens=$3 rate=$4 base=$5 env=${6:-} hosts="" targets="" i port
  for i in $(seq 0 $((panes - 1))); do
    port=$((base + i))
    python3 "$repo/bench/paced_sse.py" "$repo/tests/Agon.Tests/Fixtures/llamacpp/router-basic" "$port" "$tokens" "$rate" &
    pids+=($!)
    hosts+="${hosts:+,}{\"name\":\"r$i\",\"type\":\"llama.cpp\",\"url\":\"http://127.0.0.1:$port\",\"models\":[\"stories260K\"]}"
    targets+=" -t r$i/stories260K"
  done
  printf '{"hosts":[%s]}' "$hosts" >"$work/config.json"
  sleep 1
  tmux new-session -d -s "$session" -x 160 -y 40 "$env XDG_DATA_HOME=$work/data $agon --config $work/config.json chat -i$targets; sleep 30"
  for _ in $(seq 100); do tmux capture-pane -p -t "$session" | grep -q "r$((panes - 1))/stories260K" && break; sleep 0.1; done
  pid=$(pgrep -n -f "$agon --config $work/config.json") || { echo "agon did not start" >&2; tmux capture-pane -p -t "$session" >&2; exit 1; }
}

# done_panes: how many panes show their answer as done.
done_panes() { tmux capture-pane -p -t "$session" | grep -o '· done' | wc -l; }

load_line() { echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"; }
