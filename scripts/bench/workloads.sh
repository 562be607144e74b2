#!/usr/bin/env bash
# The realistic workloads' costs: start-to-ready of the SQLite and PostgreSQL backends (seeding included), then
# /db and /fortunes req/s of every app with a database (one stack each) on both, through perfnb compare.
#   scripts/bench/workloads.sh [--repeat N] [--duration D] [--connections C]
# Defaults: 3 repetitions, 3 s per cell (1 s warm-up), 32 connections. Prints the machine and its load average,
# the databases' table, and one markdown table of mean req/s (errors in brackets when there were any).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
repeat=3 duration=3s connections=32
while [ $# -gt 0 ]; do
  case "$1" in
    --repeat) repeat="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    *) echo "workloads.sh: unknown argument '$1'; use [--repeat N] [--duration D] [--connections C]" >&2; exit 2 ;;
  esac
done
work="$(mktemp -d /tmp/perfnb-bench-XXXXXX)"
trap 'rm -rf "$work"' EXIT
stacks="django-gunicorn,flask-gunicorn,falcon-gunicorn,bottle-gunicorn,starlette-uvicorn,fastapi-uvicorn,aiohttp,tornado,quart-hypercorn"

dotnet build "$root/src/PerfNotebooks.Cli" -c Release -nologo -clp:ErrorsOnly >/dev/null
dll="$root/src/PerfNotebooks.Cli/bin/Release/net10.0/perfnb.dll"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(uname -sr)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "command: scripts/bench/workloads.sh --repeat $repeat --duration $duration --connections $connections"
echo
echo "== databases: start-to-ready (seeding included) and stop"
dotnet run "$root/scripts/bench/database-startup.cs" -- --repeat "$repeat"
echo
for db in sqlite postgres; do
  echo "== /db and /fortunes on $db ($stacks)"
  dotnet "$dll" compare --stacks "$stacks" --endpoints /db,/fortunes --db "$db" -c "$connections" --reps "$repeat" \
    --duration "$duration" --warmup 1s --cooldown 500ms --out "$work" --name "$db" --no-report | tail -1
done
echo
/usr/bin/python3 - "$work" <<'PY'
import csv, json, os, statistics, sys
work = sys.argv[1]
cells, pools = {}, {}
for db in ("sqlite", "postgres"):
    info = json.load(open(os.path.join(work, db, "run.json")))
    for stack, pool in info["database"]["pools"].items():
        pools[stack] = f'{pool["perWorker"]}: {pool["dataAccess"]}'
    for row in csv.DictReader(open(os.path.join(work, db, "results.csv"))):
        cells.setdefault((row["stack"], row["endpoint"], db), []).append((float(row["rps"]), int(row["errors"])))
stacks = list(dict.fromkeys(s for s, _, _ in cells))
print("| stack | connections per worker: data access | /db SQLite | /db PostgreSQL | /fortunes SQLite | /fortunes PostgreSQL |")
print("|---|---|---:|---:|---:|---:|")
for stack in stacks:
    out = []
    for endpoint in ("/db", "/fortunes"):
        for db in ("sqlite", "postgres"):
            xs = cells.get((stack, endpoint, db), [])
            if not xs:
                out.append("-")
                continue
            rps = statistics.mean(r for r, _ in xs)
            errors = sum(e for _, e in xs)
            out.append(f"{rps:,.0f}" + (f" ({errors:,} errors)" if errors else ""))
    print(f"| {stack} | {pools.get(stack, '')} | " + " | ".join(out) + " |")
PY
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
