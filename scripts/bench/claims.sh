#!/usr/bin/env bash
# What the generator costs in the article-claims blocks, and whether it set the pace there (docs/benchmarks-claims.md).
#
# 1. CPU per WebSocket message: `perfnb load ws://...` (one event-loop thread, pinned to CPU 0) against a stack started
#    by `perfnb serve STACK --workers 1 --cpus 1`: echo closed loop, echo at a fixed rate, a broadcast over rooms.
#    Generator CPU-seconds (its own audit) per message sent and per message received (echo back, or delivery).
# 2. CPU per connection held: N connections, each waiting on /io?ms=1000 (so each asks for one request a second),
#    against aiohttp: generator CPU per second per connection, and its peak RSS per connection.
# 3. The audit of the stored runs of the new blocks (realtime-reference, spikes-reference, and any run given in RUNS):
#    per block, the generator's CPU (% of a core), its busiest loop's share of its thread, its allocation per
#    request, and the cells flagged saturated with the reason. A saturation by send lag with a loop far from busy
#    is the machine's load (the thread was not scheduled), not the generator's own cost.
#
# Environment: SECONDS_EACH=5  WS_STACK=aiohttp  BROADCAST_STACK=tornado  LEVELS="1000 5000"  RUNS="realtime-reference spikes-reference"
# Usage: scripts/bench/claims.sh   (on a shared machine the figures are noisy: the load average is printed before and after)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
seconds="${SECONDS_EACH:-5}"
ws_stack="${WS_STACK:-aiohttp}"
broadcast_stack="${BROADCAST_STACK:-tornado}"
levels="${LEVELS:-1000 5000}"
runs="${RUNS:-realtime-reference spikes-reference}"

print_machine

# serve STACK: starts it with one worker on CPU 1 (its own process group); sets serve_pid and base (http://host:port/).
serve() {
  "$root/scripts/perfnb" serve "$1" --workers 1 --cpus 1 >"$work/serve.log" 2>&1 &
  serve_pid=$!
  for _ in $(seq 300); do grep -q '^serving' "$work/serve.log" 2>/dev/null && break; sleep 0.1; done
  base="$(awk '/^serving/ {print $4}' "$work/serve.log")"
  [ -n "$base" ] || { echo "claims.sh: $1 did not start: $(cat "$work/serve.log")" >&2; exit 1; }
}
unserve() { kill -TERM "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; serve_pid=""; }

# load NAME ARGS...: one pinned perfnb load with --json; prints a row of what the generator spent.
load() {
  local name="$1"; shift
  taskset -c 0 dotnet "$dll" load "$@" --threads 1 --json >"$work/out.json"
  /usr/bin/python3 - "$name" "$work/out.json" <<'PY'
import json, sys
name, path = sys.argv[1], sys.argv[2]
d = json.load(open(path))
m = d.get("messages") or {}
cpu, dur = d["clientCpuSeconds"], d["durationSeconds"] or 1
sent, received = m.get("sent", d["requests"]), m.get("received", d["requests"])
conns = d["spec"]["connections"]
us = lambda n: f"{cpu / n * 1e6:8.2f}" if n else "     n/a"
print(f"  {name:<34} {received / dur:10,.0f}/s  cpu {cpu / dur * 100:5.1f}% of a core  {us(sent)} us/sent  {us(received)} us/received"
      f"  {cpu / dur / conns * 1e6:8.2f} us/s per connection  rss {d['peakRssBytes'] / conns / 1024:7.1f} kB/connection"
      f"  alloc {d['allocatedBytesPerRequest']:.2f} B  busy {d['loopBusyShare']:.2f}  errors {d['errors']['total']}  {d['backend']}"
      + ("  SATURATED: " + d["clientSaturationReason"] if d["clientSaturated"] else ""))
PY
}

echo "== 1. WebSocket: generator CPU per message (one loop thread on CPU 0; the stack on CPU 1), ${seconds}s each"
serve "$ws_stack"
ws="${base/http:/ws:}"
load "$ws_stack echo, closed loop, 64 clients" "${ws}ws/echo" -c 64 -d "${seconds}s" --warmup 1s
load "$ws_stack echo, 2,000 msg/s, 64 clients" "${ws}ws/echo" -c 64 --rate 2000 -d "${seconds}s" --warmup 1s
load "$ws_stack echo, closed loop, 1,000 clients" "${ws}ws/echo" -c 1000 -d "${seconds}s" --warmup 1s
unserve
serve "$broadcast_stack"
ws="${base/http:/ws:}"
load "$broadcast_stack chat, 4 rooms x 16, 400 msg/s" "${ws}ws/broadcast" -c 64 --rooms 4 --rate 400 -d "${seconds}s" --warmup 1s
unserve

echo "== 2. Connections held: each waits on /io?ms=1000 (one request a second each), aiohttp on CPU 1"
serve aiohttp
for level in $levels; do
  load "aiohttp /io?ms=1000, $level connections" "${base}io?ms=1000" -c "$level" -d "${seconds}s" --warmup 2s --timeout 5s
done
unserve

echo "== 3. The audit of the stored runs: was the generator the bottleneck in each block?"
/usr/bin/python3 - "$root/data/runs" $runs <<'PY'
import csv, os, sys
root, names = sys.argv[1], sys.argv[2:]
for name in names:
    path = os.path.join(root, name, "results.csv")
    if not os.path.exists(path):
        print(f"  {name}: not stored here"); continue
    rows = [r for r in csv.DictReader(open(path)) if r.get("client_cpu_s")]
    blocks = {}
    for r in rows: blocks.setdefault(r.get("block") or r.get("matrix") or "?", []).append(r)
    for block, cells in blocks.items():
        f = lambda r, k: float(r[k] or 0)
        cpu = [f(r, "client_cpu_s") / max(f(r, "duration_s"), 1e-9) * 100 for r in cells]
        busy = [f(r, "client_loop_busy_share") for r in cells]
        alloc = [f(r, "client_alloc_bytes_per_request") for r in cells]
        sat = [r for r in cells if r["client_saturated"] == "true"]
        by_cpu = [r for r in sat if f(r, "client_loop_busy_share") >= 0.9]
        print(f"  {name} / {block}: {len(cells)} cells; generator CPU {min(cpu):.1f}-{max(cpu):.1f}% of a core; busiest loop {max(busy):.2f} of its thread;"
              f" {max(alloc):.2f} B allocated per request at most; flagged saturated: {len(sat)} ({len(by_cpu)} by its own CPU, {len(sat) - len(by_cpu)} by late sends with the loop mostly idle: the machine's load)")
PY
echo "== load after: $(uptime | sed 's/.*load average: //')"
