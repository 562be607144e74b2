#!/usr/bin/env bash
# Calibration of the verdicts on real runs (docs/benchmarks-statistics.md): does the statistics machinery
# of the verdicts call leads that are not there, and find the ones that are?
#   A/A   one stack measured as two conditions (/cpu?n=N&side=a and &side=b: the same work): PAIRS
#         comparisons of the seed preset's repetitions each; a "lead" either way is a false one.
#   1.3x  /cpu?n=N against /cpu?n=M, M chosen from a pilot run so that its req/s is 1.3 times lower:
#         PAIRS comparisons with the seed preset's repetitions; a lead by the faster one is a detection.
#   2x    the same with a 2x difference and the quick preset's repetitions.
# Every repetition is a fresh server (flask-gunicorn, 2 sync workers, 8 connections, 1 s per cell), run
# with perfnb compare's defaults (generator and servers on separate CPUs). The comparisons are judged
# by the same code as the verdicts (RatioStatistics, ±5% band), in scripts/bench/calibration.cs.
# Usage: scripts/bench/calibration.sh [PAIRS] [--write]   (default 20 pairs, about 15 minutes on 2 quiet
# cores; --write replaces docs/benchmarks-statistics.md with the figures).
set -euo pipefail
pairs=20 write=0
for a in "$@"; do
  case "$a" in
    --write) write=1 ;;
    ''|*[!0-9]*) echo "calibration.sh: unknown argument '$a'; use [PAIRS] [--write]" >&2; exit 2 ;;
    *) pairs="$a" ;;
  esac
done
source "$(dirname "$0")/lib.sh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
cs="$root/scripts/bench/calibration.cs"
stats() { (cd "$root/scripts/bench" && dotnet run --file "$cs" -- "$@"); }
stack=flask-gunicorn level=8 n1=20
seed_reps="$(stats reps seed)"
quick_reps="$(stats reps quick)"
common=(compare --stacks "$stack" -c "$level" --duration 1s --warmup 300ms --cooldown 100ms --out "$work" --quiet --no-report)
started="$(date -u '+%Y-%m-%d %H:%M UTC')"
load_before="$(uptime | sed 's/.*load average: //')"
print_machine

echo "== pilot: per-request overhead and work of /cpu"
dotnet "$dll" "${common[@]}" --endpoints "/cpu?n=0,/cpu?n=$n1" --reps 3 --name pilot >/dev/null
n13="$(stats choose "$work/pilot" "$n1" 1.3)"
n2x="$(stats choose "$work/pilot" "$n1" 2.0)"
echo "  /cpu?n=$n1 vs /cpu?n=$n13 for 1.3x, vs /cpu?n=$n2x for 2x"

echo "== A/A: $pairs pairs x $seed_reps repetitions"
dotnet "$dll" "${common[@]}" --endpoints "/cpu?n=$n1&side=a,/cpu?n=$n1&side=b" --reps $((pairs * seed_reps)) --name aa >/dev/null
echo "== 1.3x: $pairs pairs x $seed_reps repetitions"
dotnet "$dll" "${common[@]}" --endpoints "/cpu?n=$n1,/cpu?n=$n13" --reps $((pairs * seed_reps)) --name ab13 >/dev/null
echo "== 2x: $pairs pairs x $quick_reps repetitions"
dotnet "$dll" "${common[@]}" --endpoints "/cpu?n=$n1,/cpu?n=$n2x" --reps $((pairs * quick_reps)) --name ab2 >/dev/null
load_after="$(uptime | sed 's/.*load average: //')"

header="| truth | repetitions per comparison | comparisons | lead by the first | lead by the second | practically equal | cannot tell | ratio over all repetitions | CV first / second |
|---|---:|---:|---:|---:|---:|---:|---|---|"
rows="$(stats judge "$work/aa" "/cpu?n=$n1&side=a" "/cpu?n=$n1&side=b" "$seed_reps" "A/A (same work)")
$(stats judge "$work/ab13" "/cpu?n=$n1" "/cpu?n=$n13" "$seed_reps" "1.3x (n=$n1 vs n=$n13)")
$(stats judge "$work/ab2" "/cpu?n=$n1" "/cpu?n=$n2x" "$quick_reps" "2x (n=$n1 vs n=$n2x)")"
echo "$header"
echo "$rows"
echo "  load after: $load_after"

if [ "$write" -eq 1 ]; then
  cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  cat > "$root/docs/benchmarks-statistics.md" <<DOC
# Benchmark: calibration of the verdicts on real runs

Measured $started on $cpu, $(nproc) CPUs, $(uname -r) (load average before: $load_before; after: $load_after).
Command: \`scripts/bench/calibration.sh $pairs --write\`.

$stack (2 sync workers) at $level connections, every repetition a fresh server, 1 s measured after 0.3 s
of warm-up, generator and server on separate CPUs (perfnb compare's default). Each comparison takes
its repetitions from one long run (consecutive groups), as a run with that many repetitions would,
and is judged by the verdicts' own code (\`RatioStatistics\`, ±5% band). Required: A/A leads (either
way) in at most 5% of comparisons; 1.3x found (lead by the first) in at least 80% with the seed
preset's repetitions; 2x in all with the quick preset's.

$header
$rows

The "1.3x" and "2x" truths are set through the work per request (/cpu?n=N), with N chosen from a pilot
run that fits the per-request overhead; the ratio over all repetitions shows how close the truth came.
DOC
  echo "wrote docs/benchmarks-statistics.md"
fi
