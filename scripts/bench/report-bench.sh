#!/usr/bin/env bash
# Benchmark of the run store and the HTML report (docs/benchmarks-report.md): a synthetic 100-cell run
# (5 stacks x 2 endpoints x 5 levels x 2 repetitions, real-sized cells) is stored cell by cell, loaded
# back and rendered. Prints the store time per cell, the load and render times and the report's size.
# Synthetic data: this measures the toolkit, not a Python server. Nothing is left in data/runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build tests/PerfNotebooks.Benchmarks -c Release -nologo -clp:ErrorsOnly >/dev/null
for i in 1 2 3; do
  echo "== run $i"
  dotnet tests/PerfNotebooks.Benchmarks/bin/Release/net10.0/perfnb-bench.dll report
done
