#!/usr/bin/env bash
# Start-to-ready and stop times of every catalog stack (or the ones named), a few repetitions each.
#   scripts/bench/servers-startup.sh [--repeat N] [STACK...]
# Start-to-ready: from the launch call (installation probe already cached) to the first 200 from GET /plaintext.
# Stop: from the graceful signal to the moment no process of the tree is left in /proc.
# The figures depend on what else runs: the script prints the machine and its load average with them.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
repeat=5
if [ "${1:-}" = "--repeat" ]; then repeat="$2"; shift 2; fi
dotnet build "$root/tests/PerfNotebooks.Benchmarks" -c Release -nologo -clp:ErrorsOnly >/dev/null
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(uname -sr)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "command: scripts/bench/servers-startup.sh --repeat $repeat $*"
dotnet "$root/tests/PerfNotebooks.Benchmarks/bin/Release/net10.0/perfnb-bench.dll" servers --repeat "$repeat" "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
