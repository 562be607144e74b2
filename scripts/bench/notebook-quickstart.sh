#!/usr/bin/env bash
# Benchmark: wall time of the quickstart notebook (notebooks/01-quickstart.ipynb) executed top to bottom by
# `jupyter nbconvert --execute` with the .net-csharp kernel in quick mode (PERFNB_QUICK=1: loads last at
# most 2 s), N runs (default 3). Includes kernel start, extension load, server start and stop.
# Usage: scripts/bench/notebook-quickstart.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-3}"
scripts/pack-extension.sh >/dev/null
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT
echo "run  wall(s)  errors"
for i in $(seq 1 "$runs"); do
  start=$(date +%s.%N)
  (cd notebooks && PERFNB_QUICK=1 jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=.net-csharp \
     --ExecutePreprocessor.allow_errors=True --output "$out/run.ipynb" 01-quickstart.ipynb >/dev/null 2>&1)
  end=$(date +%s.%N)
  errors=$(grep -c '"output_type": "error"' "$out/run.ipynb" || true)
  printf '%-4s %-8.2f %s\n' "$i" "$(echo "$end - $start" | bc)" "$errors"
done
