#!/usr/bin/env bash
# The cost of running a plan across hosts instead of on one machine (issue 16's benchmark), on a lab of
# network namespaces on this machine (root): server on one stand-in host, load from two others.
#   deploy once:  the first run into a fresh deploy folder (connect, copy and verify the ~85 MB bundle,
#                 probe, clocks) minus a run that finds it deployed;
#   per cell:     median time from one cell's start to the next, across hosts against local;
#   clock offset: each host's measured offset and its error bound (half the shortest round trip).
# Usage: scripts/bench/distributed-overhead.sh [CELLS]   (default 8 cells of 1 s + 0.5 s warm-up)
# The stand-in hosts share this machine's CPUs: the figures are the path's overhead, not a lab's throughput.
set -euo pipefail
cells="${1:-8}"
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.sh"
source "$here/lib-netns.sh"
trap 'lab_down; cleanup' EXIT INT TERM
[ "$(id -u)" -eq 0 ] || { echo "distributed-overhead.sh needs root (network namespaces)" >&2; exit 2; }

levels="$(seq -s, 1 "$cells")"
plan=(--stacks wsgi-gunicorn --endpoints /plaintext -c "$levels" --reps 1 -d 1s --warmup 500ms --cooldown 0 --no-report --no-pin)
print_machine
lab_up 3
echo "  lab: ${lab_hosts[*]}"

# timed NAME ARGS...: runs perfnb compare, prints wall seconds, keeps the run folder name in $work/NAME.run
timed() {
  local name=$1; shift
  local start end
  start=$(date +%s.%N)
  dotnet "$dll" compare "${plan[@]}" --out "$work/runs" --name "$name" "$@" >"$work/$name.out" 2>"$work/$name.err" || { cat "$work/$name.err" >&2; return 1; }
  end=$(date +%s.%N)
  /usr/bin/python3 -c "print(f'{$end - $start:.2f}')"
}

# median seconds between consecutive cells' starts (results.csv, cell rows only)
per_cell() {
  /usr/bin/python3 - "$work/runs/$1/results.csv" <<'PY'
import csv, sys, statistics
from datetime import datetime
rows = [r for r in csv.DictReader(open(sys.argv[1])) if not r.get("host")]
t = sorted(datetime.fromisoformat(r["started_at"].replace("Z", "+00:00")).timestamp() for r in rows)
gaps = [b - a for a, b in zip(t, t[1:])]
print(f"{statistics.median(gaps):.2f}" if gaps else "n/a")
PY
}

remote=(--server-host "${lab_hosts[0]}" --load-hosts "${lab_hosts[1]},${lab_hosts[2]}" --deploy-root "$work/deploy-%h" "${lab_ssh_options[@]}")
echo "== $cells cells each (wsgi-gunicorn /plaintext, 1..$cells connections, 0.5 s warm-up + 1 s)"
t_local=$(timed local)
t_cold=$(timed cold "${remote[@]}")
t_warm=$(timed warm "${remote[@]}")
echo "  local run:                 ${t_local} s, per cell ${t_local:+$(per_cell local)} s"
echo "  across hosts, first run:   ${t_cold} s (deploys to 3 hosts$(grep -q publishing "$work/cold.err" && echo ', publishes the bundle first' || true))"
echo "  across hosts, deployed:    ${t_warm} s, per cell $(per_cell warm) s"
/usr/bin/python3 - "$t_cold" "$t_warm" "$t_local" "$(per_cell local)" "$(per_cell warm)" <<'PY'
import sys
cold, warm, local, pl, pw = map(float, sys.argv[1:])
print(f"  deploy once: {cold - warm:.2f} s;  per cell: +{pw - pl:.2f} s across hosts over local;  whole run: +{warm - local:.2f} s")
PY
echo "== clock offsets (from run.json)"
/usr/bin/python3 - "$work/runs/warm/run.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))["topology"]
hosts = ([("server", t["serverHost"])] if t.get("serverHost") else []) + [("load", h) for h in t["loadHosts"]]
def ms(span):
    h, m, s = span.split(":"); sign = -1 if h.startswith("-") else 1
    return sign * (abs(int(h)) * 3600 + int(m) * 60 + float(s)) * 1000
for role, h in hosts:
    c = h["clock"]
    print(f"  {role:6} {h['address']}: offset {ms(c['offset']):+.3f} ms, error bound ±{ms(c['errorBound']):.3f} ms (round trip {ms(c['roundTrip']):.3f} ms, {c['exchanges']} exchanges)")
PY
echo "  load after: $(uptime | sed 's/.*load average: //')"
