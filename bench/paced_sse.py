#!/usr/bin/env python3
"""A llama.cpp-shaped server for bench/tui-memory.sh (written, not recorded): GET /props and /models answer with the
recorded router-basic bodies (max_instances raised so nothing swaps), POST /v1/chat/completions streams TOKENS
content chunks at RATE per second, then a finish chunk, usage and [DONE].
Usage: paced_sse.py FIXTURES PORT TOKENS RATE"""
import json, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

fixtures, port, tokens, rate = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])

def body(name):
    r = json.load(open(f"{fixtures}/{name}.json"))["response"]
    return r["bodyText"].encode() if r.get("bodyText") else json.dumps(r["body"]).encode()

props = json.loads(body("02-props")); props["max_instances"] = 4
props = json.dumps(props).encode()
models = body("08-models-loaded")

def chunk(delta, finish=None):
    return ("data: " + json.dumps({"choices": [{"finish_reason": finish, "index": 0, "delta": delta}],
            "model": "stories260K", "object": "chat.completion.chunk"}) + "\n\n").encode()

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def reply(self, data, kind="application/json; charset=utf-8"):
        self.send_response(200); self.send_header("Content-Type", kind); self.send_header("Content-Length", str(len(data)))
        self.end_headers(); self.wfile.write(data)
    def do_GET(self):
        self.reply(props if self.path.rstrip("/").endswith("props") else models)
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200); self.send_header("Content-Type", "text/event-stream"); self.send_header("Transfer-Encoding", "chunked"); self.end_headers()
        def send(data):
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        start = time.monotonic(); i = 0
        send(chunk({"role": "assistant", "content": None}))
        while i < tokens:
            due = start + i / rate
            now = time.monotonic()
            if due > now: time.sleep(due - now)
            batch = b""
            while i < tokens and start + i / rate <= time.monotonic():
                batch += chunk({"content": f"word{i} "}); i += 1
            send(batch); self.wfile.flush()
        send(chunk({}, "stop"))
        send(("data: " + json.dumps({"choices": [], "usage": {"completion_tokens": tokens, "prompt_tokens": 5, "total_tokens": tokens + 5}}) + "\n\ndata: [DONE]\n\n").encode())
        self.wfile.write(b"0\r\n\r\n"); self.wfile.flush()

ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
