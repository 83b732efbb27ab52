#!/usr/bin/env bash
# Cold start of the published executable, medians of 15 whole processes (hyperfine, no shell in between):
#   agon --version; agon list models against one local router; one short chat against it.
# Usage: bench/startup.sh [agon-executable] [router-url]
#   agon-executable  default artifacts/agon/agon (dotnet publish src/Agon -c Release -r linux-x64 -o artifacts/agon)
#   router-url       a llama-server router serving stories260K (e.g. http://127.0.0.1:18080/); without it, a local
#                    router that answers with the recorded router-basic transcripts (bench/Agon.Bench "serve").
# For a real server, the chat's own server time is measured by curl sending the same request; Agon's share is the
# difference.
source "$(dirname "$0")/lib.sh"
agon=$(realpath "${1:-$repo/artifacts/agon/agon}")
[ -x "$agon" ] || { echo "no executable at $agon: dotnet publish src/Agon -c Release -r linux-x64 -o artifacts/agon" >&2; exit 2; }
url=${2:-}
if [ -z "$url" ]; then
  start_serve 18091
  url=http://127.0.0.1:18091/
  echo "router: bench/Agon.Bench serve (recorded router-basic transcripts) at $url"
else
  echo "router: $url"
fi
printf '{"hosts":[{"name":"r","type":"llama.cpp","url":"%s","models":[]}]}' "$url" >"$work/config.json"
prompt="Tell me a short story about a cat."
body='{"model":"stories260K","messages":[{"role":"user","content":"'"$prompt"'"}],"max_tokens":8,"stream":true,"stream_options":{"include_usage":true}}'
cd "$work"
load_line
"$agon" --config "$work/config.json" chat --target r/stories260K --param max_tokens=8 --prompt "$prompt" >/dev/null 2>&1 \
  || { echo "agon chat against $url failed:" >&2; "$agon" --config "$work/config.json" chat --target r/stories260K --prompt "$prompt" >&2; exit 1; }
printf '%-36s %s\n' "command" "median / min / max (ms), 15 runs"
printf '%-36s %s\n' "agon --version" "$(median_ms version 15 "$agon --version")"
printf '%-36s %s\n' "agon list models (one router)" "$(median_ms list 15 "$agon --config $work/config.json list models")"
printf '%-36s %s\n' "agon chat, 8 tokens (one router)" "$(median_ms chat 15 "$agon --config $work/config.json chat --target r/stories260K --param max_tokens=8 --prompt '$prompt'")"
printf '%-36s %s\n' "curl, the same chat request" "$(median_ms curl 15 "curl -s -o /dev/null -H Content-Type:application/json -d '$body' ${url}v1/chat/completions")"
load_line
