#!/usr/bin/env bash
# Benchmark: time to load the PerfNotebooks extension in a fresh .net-csharp kernel.
# For each of N runs (default 3) a throw-away notebook in notebooks/ is executed by `jupyter nbconvert`
# with a new kernel: cell 1 starts a stopwatch, cell 2 is the `#r "nuget:PerfNotebooks.Interactive, *-*"`
# line every notebook starts with (package restore from .packages/ + extension load), cell 3 reads the
# stopwatch. Prints the #r cell's time and the whole nbconvert wall time (kernel start included).
# Usage: scripts/bench/notebook-extension-load.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-3}"
scripts/pack-extension.sh >/dev/null
nb="notebooks/.bench-load-$$.ipynb"; out="$(mktemp -d)"
trap 'rm -rf "$nb" "$out"' EXIT
/usr/bin/python3 - "$nb" <<'PY'
import json, sys
cells = ["var perfnbStopwatch = System.Diagnostics.Stopwatch.StartNew();",
         '#r "nuget:PerfNotebooks.Interactive, *-*"',
         'System.FormattableString.Invariant($"LOADSECONDS {perfnbStopwatch.Elapsed.TotalSeconds:0.00}")']
nb = {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": c} for c in cells],
      "metadata": {"kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"}, "language_info": {"name": "C#"}},
      "nbformat": 4, "nbformat_minor": 5}
json.dump(nb, open(sys.argv[1], "w"))
PY
echo "run  #r-cell(s)  nbconvert-wall(s)"
for i in $(seq 1 "$runs"); do
  start=$(date +%s.%N)
  (cd notebooks && jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=.net-csharp \
     --output "$out/run.ipynb" "$(basename "$nb")" >/dev/null 2>&1)
  end=$(date +%s.%N)
  load=$(grep -o 'LOADSECONDS [0-9.]*' "$out/run.ipynb" | head -n1 | cut -d' ' -f2)
  printf '%-4s %-11s %.2f\n' "$i" "${load:-?}" "$(echo "$end - $start" | bc)"
done
