#!/usr/bin/env bash
# Packs everything into the repository's .packages/ folder:
#   PerfNotebooks.Cli          the `perfnb` .NET tool (the Python apps inside it)
#   PerfNotebooks.Core         the library, with XML docs (the Python apps as content files)
#   PerfNotebooks.Interactive  the notebook extension (scripts/pack-extension.sh: a fresh dev version each time)
# Then: dotnet tool install --global --add-source .packages PerfNotebooks.Cli   (or --tool-path DIR)
# Usage: scripts/pack.sh [--version V] [-c Debug|Release]   (default: the version in Directory.Build.props, Release)
set -euo pipefail
cd "$(dirname "$0")/.."
configuration=Release version=""
while [ $# -gt 0 ]; do
  case "$1" in
    --version) version="$2"; shift 2 ;;
    -c) configuration="$2"; shift 2 ;;
    *) echo "pack: unknown argument '$1'; use [--version V] [-c Debug|Release]" >&2; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out=".packages"
mkdir -p "$out"
props=()
[ -n "$version" ] && props+=("-p:PackageVersion=$version")
for project in src/PerfNotebooks.Core src/PerfNotebooks.Cli; do
  dotnet pack "$project" -c "$configuration" -nologo -clp:ErrorsOnly -o "$out" "${props[@]}" >/dev/null
done
# NuGet caches a package by id and version: a rebuilt package under the same version must not be shadowed
# by the copy extracted from the previous one.
for id in perfnotebooks.core perfnotebooks.cli; do
  rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/$id/${version:-$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)}"
done
scripts/pack-extension.sh -c "$configuration" >&2
ls -1 "$out"/*.nupkg
