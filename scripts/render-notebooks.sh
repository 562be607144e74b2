#!/usr/bin/env bash
# Renders the notebooks in notebooks/ with their outputs, from the stored reference runs, and writes the
# outputs back into notebooks/*.ipynb: what a reader sees on GitHub or nbviewer without running anything.
#   PERFNB_STORED=seed-reference,latency-reference,own-app-*,realtime-reference,spikes-reference  cells that would measure show stored cells instead
#   PERFNB_PLOTLY=cdn   the interactive charts fetch plotly.js once from its CDN; each chart also carries
#                       its static SVG, which is what shows with no script or no network
# Nothing is measured and no server starts. Fails when a notebook has an error output or exceeds 2 MB.
# Usage: scripts/render-notebooks.sh [notebooks/NN-name.ipynb ...]   (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export PERFNB_STORED="${PERFNB_STORED:-seed-reference,latency-reference,own-app-wsgi,own-app-asgi,own-app-stack-file,own-app-spec,own-app-workloads,realtime-reference,spikes-reference}" PERFNB_PLOTLY=cdn
unset PERFNB_QUICK   # stored cells are matched to the notebooks' full plans, not the quick ones

scripts/pack-extension.sh >&2
[ $# -eq 0 ] && set -- notebooks/[0-9]*.ipynb
limit=$((2 * 1024 * 1024))
status=0
for notebook in "$@"; do
  started=$(date +%s%N)
  jupyter nbconvert --to notebook --execute --inplace \
    --ExecutePreprocessor.kernel_name=.net-csharp --ExecutePreprocessor.timeout=600 \
    --ExecutePreprocessor.record_timing=False "$notebook" 2>/dev/null
  # Keep the file stable between renders: no kernel-side execution metadata, outputs as written.
  if ! /usr/bin/python3 - "$notebook" "$limit" <<'PY'
import json, sys
path, limit = sys.argv[1], int(sys.argv[2])
nb = json.load(open(path, encoding="utf-8"))
errors = []
for cell in nb["cells"]:
    cell.get("metadata", {}).pop("execution", None)
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            errors.append(f"{out.get('ename')}: {out.get('evalue')}")
with open(path, "w", encoding="utf-8") as f:
    json.dump(nb, f, indent=1, ensure_ascii=False)
    f.write("\n")
size = len(open(path, "rb").read())
if errors:
    print(f"render-notebooks: {path}: error output: {errors[0]}", file=sys.stderr); sys.exit(1)
if size > limit:
    print(f"render-notebooks: {path} is {size} bytes, over the {limit} byte limit", file=sys.stderr); sys.exit(1)
PY
  then status=1; fi
  elapsed_ms=$(( ($(date +%s%N) - started) / 1000000 ))
  printf 'render-notebooks: %s  %s bytes  %d.%d s\n' "$notebook" "$(stat -c %s "$notebook")" $((elapsed_ms / 1000)) $((elapsed_ms % 1000 / 100))
done
exit $status
