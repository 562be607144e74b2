#!/usr/bin/env bash
# Benchmark of the load engine against wrk (not a test): see docs/benchmarks-load.md.
#
#   scripts/bench/load-vs-wrk.sh [SECONDS] [MILLIONS_FOR_RSS]
#
# 1. nginx (Debian nginx-light, throw-away config on 127.0.0.1, pinned to CPU 1) vs the generator pinned
#    to CPU 0: perfnb load, then wrk, SECONDS each (default 30) at 32 connections, small fixed response.
# 2. The same against flask-gunicorn (started by `perfnb serve`, pinned to CPU 1): req/s of both,
#    generator CPU seconds per 100k requests (closed loop for both; ours also at a fixed rate).
# 3. Allocated bytes per request in steady state (from perfnb load --json).
# 4. perfnb load's RSS sampled over MILLIONS_FOR_RSS million requests (default 10) against nginx.
# Every process started here carries PERFNB_SERVER=1 (servers) and is stopped on exit.
set -euo pipefail
seconds="${1:-30}"
millions="${2:-10}"
source "$(dirname "$0")/lib.sh"
ours() { cpu_of taskset -c 0 dotnet "$dll" load "$@" --json; }
wrk_run() { cpu_of taskset -c 0 wrk -t1 "$@"; }
wrk_rps() { awk '/Requests\/sec/ {print $2}'; }
wrk_requests() { awk '/requests in/ {print $1}'; }
per100k() { /usr/bin/python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]) * 100000:.3f}')" "$1" "$2"; }
ratio() { /usr/bin/python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.3f}')" "$1" "$2"; }

print_machine

# --- nginx on CPU 1 --------------------------------------------------------------------------------
start_nginx "keepalive_requests 1000000000;"

echo "== nginx (CPU 1) vs generator (CPU 0), 32 connections, ${seconds}s each"
o=$(ours "$url" -c 32 -d "${seconds}s" --warmup 2s)
ours_json=$(echo "$o" | head -1); ours_cpu=$(echo "$o" | awk '/^CPU/ {print $2}')
ours_rps=$(echo "$ours_json" | json_field "['requestsPerSecond']")
ours_alloc=$(echo "$ours_json" | json_field "['allocatedBytesPerRequest']")
ours_req=$(echo "$ours_json" | json_field "['requests']")
echo "  perfnb load: $(printf '%.0f' "$ours_rps") req/s, p99 $(echo "$ours_json" | json_field "['latencyUs']['p99']") us, saturated=$(echo "$ours_json" | json_field "['clientSaturated']"), $ours_alloc B allocated/request"
w=$(wrk_run -c32 -d"${seconds}s" "$url")
wrk_rps_v=$(echo "$w" | wrk_rps)
echo "  wrk:         $(printf '%.0f' "$wrk_rps_v") req/s"
echo "  ratio ours/wrk: $(ratio "$ours_rps" "$wrk_rps_v")   (target >= 0.9)"

echo "== allocated bytes per request in steady state (nginx run): $ours_alloc"

# --- flask-gunicorn on CPU 1 -----------------------------------------------------------------------
echo "== flask-gunicorn (perfnb serve, CPU 1) vs generator (CPU 0), 32 connections, ${seconds}s each"
"$root/scripts/perfnb" serve flask-gunicorn --cpus 1 >"$work/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 300); do grep -q '^serving' "$work/serve.log" 2>/dev/null && break; sleep 0.1; done
furl="$(awk '/^serving/ {print $4}' "$work/serve.log")plaintext"
echo "  $(head -4 "$work/serve.log" | tr '\n' ' ')"
o=$(ours "$furl" -c 32 -d "${seconds}s" --warmup 2s)
f_json=$(echo "$o" | head -1); f_cpu=$(echo "$o" | awk '/^CPU/ {print $2}')
f_rps=$(echo "$f_json" | json_field "['requestsPerSecond']"); f_req=$(echo "$f_json" | json_field "['requests']")
f_ccpu=$(echo "$f_json" | json_field "['clientCpuSeconds']")
echo "  perfnb load: $(printf '%.0f' "$f_rps") req/s, errors $(echo "$f_json" | json_field "['errors']['total']"), reconnects $(echo "$f_json" | json_field "['reconnects']")"
w=$(wrk_run -c32 -d"${seconds}s" "$furl")
fw_rps=$(echo "$w" | wrk_rps); fw_req=$(echo "$w" | wrk_requests); fw_cpu=$(echo "$w" | awk '/^CPU/ {print $2}')
echo "  wrk:         $(printf '%.0f' "$fw_rps") req/s"
echo "  ratio ours/wrk: $(ratio "$f_rps" "$fw_rps")   (target within 10%)"
echo "  generator CPU seconds per 100k requests, closed loop (whole process incl. start-up; ours recorded phase in brackets):"
echo "    perfnb load: $(per100k "$f_cpu" "$f_req")  [$(per100k "$f_ccpu" "$f_req")]"
echo "    wrk:         $(per100k "$fw_cpu" "$fw_req")"
rate=$(/usr/bin/python3 -c "print(int(float('$fw_rps') * 0.5))")
o=$(ours "$furl" -c 32 -d "${seconds}s" --warmup 2s --rate "$rate")
r_json=$(echo "$o" | head -1); r_cpu=$(echo "$o" | awk '/^CPU/ {print $2}')
r_req=$(echo "$r_json" | json_field "['requests']"); r_ccpu=$(echo "$r_json" | json_field "['clientCpuSeconds']")
echo "    perfnb load at a fixed $rate req/s (half of wrk's closed-loop rate): $(per100k "$r_cpu" "$r_req")  [$(per100k "$r_ccpu" "$r_req")], p99 $(echo "$r_json" | json_field "['latencyUs']['p99']") us, send lag p99 $(echo "$r_json" | json_field "['sendLagP99Us']") us"
echo "    (wrk has no fixed-rate mode; wrk2 is not packaged here)"
kill -TERM "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=""

# --- RSS over many requests --------------------------------------------------------------------------
echo "== perfnb load RSS over ${millions} million requests against nginx (sampled every 2 s)"
taskset -c 0 dotnet "$dll" load "$url" -c 32 -n "${millions}000000" --json >"$work/big.json" &
big=$!
samples=()
while kill -0 "$big" 2>/dev/null; do
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$big/status" 2>/dev/null || true)
  [ -n "$rss" ] && samples+=("$rss")
  sleep 2
done
wait "$big"
n=${#samples[@]}
# Ten evenly spaced samples (MB) and the peak.
/usr/bin/python3 - "${samples[@]}" <<'PY'
import sys
s = [int(x) / 1024 for x in sys.argv[1:]][1:]  # the first sample is taken before the runtime is up
if s:
    picks = [s[round(i * (len(s) - 1) / 9)] for i in range(10)]
    print("  RSS over the run (MB, 10 evenly spaced of %d samples): %s; peak %.0f" % (len(s), " ".join("%.0f" % p for p in picks), max(s)))
PY
echo "  $(json_field "['requests']" < "$work/big.json") requests at $(printf '%.0f' "$(json_field "['requestsPerSecond']" < "$work/big.json")") req/s, $(json_field "['allocatedBytesPerRequest']" < "$work/big.json") B allocated/request"
echo "== load after: $(uptime | sed 's/.*load average: //')"
