#!/usr/bin/env bash
# Packs the notebook extension into the repo's .packages/ folder, where notebooks load it from:
#   #i "nuget:../.packages"
#   #r "nuget:PerfNotebooks.Interactive, *-*"
# Each pack gets a fresh version 0.1.0-dev.<UTC time stamp> so NuGet's per-version cache never hands a
# kernel an older build: "*-*" resolves to the newest. Older dev packages are pruned from .packages/ and
# from the NuGet cache. When no source file changed since the last pack, it does nothing (setup and test
# both call it). Usage: scripts/pack-extension.sh [--force] [-c Debug|Release] (default Release).
set -euo pipefail
cd "$(dirname "$0")/.."
configuration=Release force=0
while [ $# -gt 0 ]; do
  case "$1" in
    --force) force=1; shift ;;
    -c) configuration="$2"; shift 2 ;;
    *) echo "pack-extension: unknown argument '$1'; use [--force] [-c Debug|Release]" >&2; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

latest="$(ls -t .packages/PerfNotebooks.Interactive.*.nupkg 2>/dev/null | head -n1 || true)"
if [ "$force" -eq 0 ] && [ -n "$latest" ] && \
   [ -z "$(find src Directory.Build.props Directory.Packages.props -newer "$latest" -type f ! -path '*/bin/*' ! -path '*/obj/*' -print -quit)" ]; then
  echo "pack-extension: $latest is up to date"
  exit 0
fi

stamp="$(date -u +%Y%m%d%H%M%S)"
version="0.1.0-dev.${stamp}"
out=".packages"
mkdir -p "$out"

dotnet pack src/PerfNotebooks.Interactive -c "$configuration" -nologo -clp:ErrorsOnly \
  -p:PackageVersion="$version" -p:InformationalVersion="$version" -o "$out" >/dev/null

# Keep only this package in .packages/ (older versions would only slow NuGet down) and drop older
# extracted dev versions from the cache: a rebuilt extension is always the one that loads.
find "$out" -maxdepth 1 -name 'PerfNotebooks.Interactive.*.nupkg' ! -name "PerfNotebooks.Interactive.${version}.nupkg" -delete
cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}/perfnotebooks.interactive"
if [ -d "$cache" ]; then
  find "$cache" -mindepth 1 -maxdepth 1 -type d -name '0.1.0-dev.*' ! -name "$version" -exec rm -rf {} +
fi
echo "pack-extension: $out/PerfNotebooks.Interactive.${version}.nupkg"
