#!/usr/bin/env bash
# Runs every test project against real Python servers, a real Jupyter kernel and a real Chromium.
# Installs what is missing first (scripts/setup.sh), checks the formatting (dotnet format), builds with the analyzers
# as errors. Ends with one line of totals over all projects:
#   N passed, N failed, N skipped
# and fails when a test failed or a server process outlived the tests.
set -uo pipefail
cd "$(dirname "$0")/.."
export PERFNB_QUICK="${PERFNB_QUICK:-1}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

scripts/setup.sh || { echo "test: set-up failed"; exit 1; }
# The house style first (.editorconfig): the layout the build does not check; `dotnet format whitespace PerfNotebooks.sln` fixes it.
dotnet format whitespace PerfNotebooks.sln --verify-no-changes \
  || { echo "test: the code is not formatted as .editorconfig says; run: dotnet format whitespace PerfNotebooks.sln"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
# Style and analyzer rules are errors in the build itself (Directory.Build.props: EnforceCodeStyleInBuild, AnalysisLevel).
dotnet build PerfNotebooks.sln -c Release -nologo -clp:ErrorsOnly || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
[ -x scripts/pack-extension.sh ] && { scripts/pack-extension.sh || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }; }

results_dir="$(mktemp -d)"
status=0
for project in tests/*/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  echo "== $name"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results_dir" "$@" || status=1
done

# Totals from the TRX files: one line over all projects.
/usr/bin/python3 - "$results_dir" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    if c is None: continue
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    skipped += int(c.get("notExecuted", 0))
open(sys.argv[1] + "/totals", "w").write(f"{passed} {failed} {skipped}\n")
PY
read -r passed failed skipped < "$results_dir/totals" || { passed=0; failed=1; skipped=0; }

# No server may outlive the tests: every process PerfNotebooks starts carries PERFNB_SERVER in its environment.
leftover=()
for environ in /proc/[0-9]*/environ; do
  pid="${environ#/proc/}"; pid="${pid%/environ}"
  if { tr "\0" "\n" < "$environ"; } 2>/dev/null | grep -q "^PERFNB_SERVER="; then leftover+=("$pid"); fi
done
if [ ${#leftover[@]} -gt 0 ]; then
  echo "test: server processes outlived the tests: ${leftover[*]}"
  ps -o pid,pgid,args -p "$(IFS=,; echo "${leftover[*]}")" || true
  kill -KILL "${leftover[@]}" 2>/dev/null || true
  failed=$((failed + 1)); status=1
fi

[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
