#!/usr/bin/env bash
# Benchmark of the load engine's reconnect path against wrk (not a test): see docs/benchmarks-load.md.
#
#   scripts/bench/load-close-vs-wrk.sh [SECONDS] [ROUNDS] [CONNECTIONS]
#   BASELINE_DLL=/path/to/an/older/perfnb.dll scripts/bench/load-close-vs-wrk.sh ...   # also run an older build
#   FLASK=1 scripts/bench/load-close-vs-wrk.sh ...   # then the same rounds against flask-gunicorn (sync, closes
#                                                    # after every response), started by `perfnb serve --cpus 1`
#
# nginx (Debian nginx-light, throw-away config on 127.0.0.1, keepalive_timeout 0: it closes the connection
# after every response, like Gunicorn's sync worker, uWSGI and the dev servers) pinned to CPU 1; the
# generator pinned to CPU 0. ROUNDS (default 3) alternating rounds of perfnb load then wrk, SECONDS each
# (default 10) at CONNECTIONS (default 32). Per run: req/s, median latency, the generator's CPU seconds
# per 100k requests (user+sys of the whole process from getrusage, start-up included; ours also for the
# recorded phase only), and for ours reconnects, errors and allocated bytes per request (every request is
# a reconnect here, so that is the allocation per reconnect). Then the ratios, per round and over all.
# Every process started here is stopped on exit; nginx carries PERFNB_SERVER=1.
set -euo pipefail
seconds="${1:-10}"
rounds="${2:-3}"
conns="${3:-32}"
source "$(dirname "$0")/lib.sh"
calc() { /usr/bin/python3 -c "import sys; print(format(eval(sys.argv[1]), sys.argv[2]))" "$1" "$2"; }

print_machine
start_nginx "keepalive_timeout 0;"
echo "  nginx (keepalive_timeout 0) on CPU 1 at $url; generators on CPU 0, $conns connections, ${seconds}s per run"

# ours LABEL DLL: one perfnb load run; prints its line and sets rps, total (requests incl. warm-up), c (CPU s).
ours() {
  local o j req cc
  # The variable only matters to a BASELINE_DLL from before the event-loop engine (it used .NET sockets).
  o=$(DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 cpu_of taskset -c 0 dotnet "$2" load "$url" -c "$conns" -d "${seconds}s" --warmup 2s --json)
  j=$(echo "$o" | head -1); c=$(echo "$o" | awk '/^CPU/ {print $2}')
  rps=$(echo "$j" | json_field "['requestsPerSecond']"); req=$(echo "$j" | json_field "['requests']")
  cc=$(echo "$j" | json_field "['clientCpuSeconds']")
  # Whole-process CPU covers start-up and the warm-up too: spread it over warm-up + recorded requests.
  total=$(calc "$req + 2 * $rps" ".0f")
  echo "  $1: $(calc "$rps" ".0f") req/s, p50 $(echo "$j" | json_field "['latencyUs']['p50']") us, errors $(echo "$j" | json_field "['errors']['total']"), reconnects $(echo "$j" | json_field "['reconnects']")/$req, $(calc "$(echo "$j" | json_field "['allocatedBytesPerRequest']")" ".0f") B allocated/request, CPU s/100k req $(calc "$c / $total * 1e5" ".3f") [recorded phase $(calc "$cc / $req * 1e5" ".3f")]"
}

# rounds LABEL: ROUNDS alternating rounds against $url, then the totals.
rounds() {
  sum_ours=0; sum_wrk=0; sum_base=0; cpu_ours=0; cpu_wrk=0; cpu_base=0; req_ours=0; req_wrk=0; req_base=0
  for r in $(seq "$rounds"); do
    echo "== $1 round $r (load $(uptime | sed 's/.*load average: //'))"
    if [ -n "${BASELINE_DLL:-}" ]; then
      ours "baseline   " "$BASELINE_DLL"
      sum_base=$(calc "$sum_base + $rps" ".3f"); cpu_base=$(calc "$cpu_base + $c" ".3f"); req_base=$(calc "$req_base + $total" ".0f")
    fi
    ours "perfnb load" "$dll"
    w=$(cpu_of taskset -c 0 wrk -t1 -c"$conns" -d"${seconds}s" --latency "$url")
    wrps=$(echo "$w" | awk '/Requests\/sec/ {print $2}'); wreq=$(echo "$w" | awk '/requests in/ {print $1}')
    wc=$(echo "$w" | awk '/^CPU/ {print $2}'); wp50=$(echo "$w" | awk '$1=="50%" {print $2}')
    werr=$(echo "$w" | awk '/Socket errors|Non-2xx/ {printf "%s ", $0}')
    echo "  wrk:         $(calc "$wrps" ".0f") req/s, p50 $wp50, CPU s/100k req $(calc "$wc / $wreq * 1e5" ".3f") ${werr}"
    echo "  ratio ours/wrk: req/s $(calc "$rps / $wrps" ".3f"), CPU per request $(calc "($c / $total) / ($wc / $wreq)" ".3f")"
    sum_ours=$(calc "$sum_ours + $rps" ".3f"); sum_wrk=$(calc "$sum_wrk + $wrps" ".3f")
    cpu_ours=$(calc "$cpu_ours + $c" ".3f"); cpu_wrk=$(calc "$cpu_wrk + $wc" ".3f")
    req_ours=$(calc "$req_ours + $total" ".0f"); req_wrk=$(calc "$req_wrk + $wreq" ".0f")
  done
  echo "== $1 over $rounds rounds: perfnb load $(calc "$sum_ours / $rounds" ".0f") req/s, wrk $(calc "$sum_wrk / $rounds" ".0f") req/s, ratio $(calc "$sum_ours / $sum_wrk" ".3f") (target >= 0.9)"
  echo "   CPU s per 100k requests: perfnb load $(calc "$cpu_ours / $req_ours * 1e5" ".3f"), wrk $(calc "$cpu_wrk / $req_wrk * 1e5" ".3f"), ratio $(calc "($cpu_ours / $req_ours) / ($cpu_wrk / $req_wrk)" ".3f") (target <= 1)"
  if [ -n "${BASELINE_DLL:-}" ]; then
    echo "   baseline: $(calc "$sum_base / $rounds" ".0f") req/s, ratio to wrk $(calc "$sum_base / $sum_wrk" ".3f"), CPU s per 100k requests $(calc "$cpu_base / $req_base * 1e5" ".3f"), ratio to wrk $(calc "($cpu_base / $req_base) / ($cpu_wrk / $req_wrk)" ".3f")"
  fi
}

rounds "nginx keepalive_timeout 0"

if [ -n "${FLASK:-}" ]; then
  "$root/scripts/perfnb" serve flask-gunicorn --cpus 1 >"$work/serve.log" 2>&1 &
  serve_pid=$!
  for _ in $(seq 300); do grep -q '^serving' "$work/serve.log" 2>/dev/null && break; sleep 0.1; done
  url="$(awk '/^serving/ {print $4}' "$work/serve.log")plaintext"
  echo "== flask-gunicorn: $(head -4 "$work/serve.log" | tr '\n' ' ')"
  rounds "flask-gunicorn"
  kill -TERM "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=""
fi
echo "== load after: $(uptime | sed 's/.*load average: //')"
