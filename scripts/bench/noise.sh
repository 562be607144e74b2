#!/usr/bin/env bash
# Where run-to-run noise comes from (docs/statistics.md, "Shrinking the noise"): the coefficient of
# variation (CV = sd / mean) of req/s over repetitions of the same cells, measured three ways:
#   pinned   perfnb compare as it runs by default: generator on CPU 0, each server on the other CPUs,
#            a fresh server per repetition;
#   shared   the same with --no-pin: generator and server share every CPU;
#   reused   one server started once (pinned), the same load run REPS times against it: what is left
#            when the server is not restarted between repetitions.
# Usage: scripts/bench/noise.sh [REPS] (default 6). Needs at least 2 CPUs. Prints one table.
set -euo pipefail
reps="${1:-6}"
source "$(dirname "$0")/lib.sh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
stacks="flask-gunicorn,tornado,starlette-uvicorn"
print_machine
common=(compare --stacks "$stacks" --endpoints "/plaintext,/io?ms=10" -c 64 --reps "$reps" --duration 2s --warmup 500ms --cooldown 300ms --out "$work" --quiet --no-report)

echo "== pinned ($reps repetitions, fresh server each)"
dotnet "$dll" "${common[@]}" --name pinned >/dev/null
echo "== shared (--no-pin)"
dotnet "$dll" "${common[@]}" --name shared --no-pin >/dev/null

echo "== reused (one server per stack, $reps loads)"
mkdir -p "$work/reused"
for stack in ${stacks//,/ }; do
  env --default-signal=INT dotnet "$dll" serve "$stack" --cpus "1-$(($(nproc) - 1))" > "$work/reused/$stack.serve" 2>&1 &
  serve_pid=$!
  for _ in $(seq 300); do grep -q '^serving ' "$work/reused/$stack.serve" 2>/dev/null && break; sleep 0.1; done
  base="$(grep -o 'http://127.0.0.1:[0-9]*' "$work/reused/$stack.serve" | head -1)"
  for endpoint in /plaintext "/io?ms=10"; do
    for i in $(seq "$reps"); do
      taskset -c 0 dotnet "$dll" load "$base$endpoint" -c 64 -d 2s --warmup 500ms --json \
        | json_field "['requestsPerSecond']" | sed "s|^|$stack,$endpoint,|" >> "$work/reused/rps.csv"
      sleep 0.3
    done
  done
  kill -INT "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; serve_pid=""
done

echo "  load after: $(uptime | sed 's/.*load average: //')"
/usr/bin/python3 - "$work" <<'PY'
import csv, statistics, sys, collections
work = sys.argv[1]
def cv(values):
    return statistics.stdev(values) / statistics.mean(values) if len(values) > 1 and statistics.mean(values) > 0 else float("nan")
table = collections.defaultdict(dict)
for mode in ("pinned", "shared"):
    groups = collections.defaultdict(list)
    for r in csv.DictReader(open(f"{work}/{mode}/results.csv")):
        if r["flags"] == "" or "client-saturated" in r["flags"]:
            groups[(r["stack"], r["endpoint"])].append(float(r["rps"]))
    for k, v in groups.items(): table[k][mode] = (cv(v), statistics.mean(v))
groups = collections.defaultdict(list)
for line in open(f"{work}/reused/rps.csv"):
    stack, endpoint, rps = line.strip().rsplit(",", 2)
    groups[(stack, endpoint)].append(float(rps))
for k, v in groups.items(): table[k]["reused"] = (cv(v), statistics.mean(v))
print(f"{'condition (64 connections)':38} {'pinned CV':>10} {'shared CV':>10} {'reused CV':>10}   mean req/s pinned / shared / reused")
cols = collections.defaultdict(list)
for k in sorted(table):
    row = table[k]
    cells = []
    for m in ("pinned", "shared", "reused"):
        c = row.get(m, (float("nan"), 0))[0]
        cols[m].append(c)
        cells.append(f"{c * 100:9.1f}%")
    means = " / ".join(f"{row.get(m, (0, 0))[1]:,.0f}" for m in ("pinned", "shared", "reused"))
    print(f"{k[0] + ' ' + k[1]:38} {' '.join(f'{c:>10}' for c in cells)}   {means}")
print(f"{'median':38} " + " ".join(f"{statistics.median(cols[m]) * 100:9.1f}%" for m in ("pinned", "shared", "reused")).replace(" ", " ", 0))
PY
