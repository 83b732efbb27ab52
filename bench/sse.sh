#!/usr/bin/env bash
# SSE ingest end to end, in whole runs of the published executable: `agon chat --output json` against a local
# router that streams N content chunks (default 200,000, the shape of the recorded router-basic/12 chunks) as fast
# as the socket takes them, net of the same run with 1 chunk; beside it, curl's raw read of the same stream.
# Medians of 5 runs (hyperfine, no shell in between).
# Usage: bench/sse.sh [agon-executable] [chunks]
source "$(dirname "$0")/lib.sh"
agon=$(realpath "${1:-$repo/artifacts/agon/agon}")
chunks=${2:-200000}
[ -x "$agon" ] || { echo "no executable at $agon: dotnet publish src/Agon -c Release -r linux-x64 -o artifacts/agon" >&2; exit 2; }
start_serve 18092
base=http://127.0.0.1:18092
printf '{"hosts":[{"name":"big","type":"llama.cpp","url":"%s/sse/%s/","models":[]},{"name":"one","type":"llama.cpp","url":"%s/sse/1/","models":[]}]}' \
  "$base" "$chunks" "$base" >"$work/config.json"
cd "$work"
load_line
bytes=$(curl -s "$base/sse/$chunks/v1/chat/completions" -d '{}' | wc -c)
echo "stream: $chunks content chunks, $bytes bytes"
# The answer must be complete: every chunk's text in the JSON result.
"$agon" --config "$work/config.json" chat --target big/stories260K --output json --prompt x >"$work/answer.json"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; assert r["error"] is None, r["error"]; print("answer: %d characters, finish %s" % (len(r["content"]), r["finishReason"]))' "$work/answer.json"
read -r big _ _ <<<"$(median_ms big 5 "$agon --config $work/config.json chat --target big/stories260K --output json --prompt x")"
read -r one _ _ <<<"$(median_ms one 5 "$agon --config $work/config.json chat --target one/stories260K --output json --prompt x")"
read -r raw _ _ <<<"$(median_ms curl 5 "curl -s -o /dev/null -d {} $base/sse/$chunks/v1/chat/completions")"
python3 - "$chunks" "$big" "$one" "$raw" <<'PY'
import sys
chunks, big, one, raw = int(sys.argv[1]), *map(float, sys.argv[2:])
net = big - one
print(f"agon, {chunks:,} chunks: {big:.1f} ms; 1 chunk: {one:.1f} ms; net {net:.1f} ms = {chunks / net * 1000:,.0f} chunks/s")
print(f"curl raw read of the same stream: {raw:.1f} ms; agon's net ingest is {net / raw:.1f}x curl's whole read")
PY
load_line
