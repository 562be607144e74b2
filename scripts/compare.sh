#!/usr/bin/env bash
# The main job: compare Python web servers and write a self-contained HTML report.
# Installs what is missing first (scripts/setup.sh). Arguments go to `perfnb compare`
# (default: the quick preset, about 3 minutes). Example: scripts/compare.sh --preset seed
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
scripts/setup.sh
dotnet build src/PerfNotebooks.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
[ $# -eq 0 ] && set -- --preset quick
exec dotnet src/PerfNotebooks.Cli/bin/Release/net10.0/perfnb.dll compare "$@"
