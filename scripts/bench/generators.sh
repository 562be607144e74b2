#!/usr/bin/env bash
# Peer load generators side by side (not a test): perfnb load (io_uring and epoll), wrk, h2load --h1 and hey.
# See docs/benchmarks-load.md.
#
#   scripts/bench/generators.sh [SECONDS] [ROUNDS]
#
# Environment (all optional):
#   CONNECTIONS=32              connections for the throughput scenarios
#   RATE=40000                  the fixed rate of the rate scenario (req/s over all connections)
#   LEVELS="1000 5000 10000"    connection counts of the memory scenario
#   STACK=starlette-uvicorn     the Python stack (started by `perfnb serve STACK --cpus 1`)
#   SCENARIOS="keepalive close python rate connections"   a subset to run
#
# Every server is pinned to CPU 1 and every generator to CPU 0 (taskset), one generator at a time, in
# alternating order (the order rotates each round so none always runs first or last). Scenarios:
#   keepalive    nginx keep-alive, CONNECTIONS, closed loop, SECONDS per run, ROUNDS rounds
#   close        nginx keepalive_timeout 0 (it closes after every response: every request is a reconnect)
#   python       STACK's /plaintext, keep-alive
#   rate         nginx keep-alive at a fixed rate: perfnb --rate RATE and hey -q (per-connection QPS); and
#                perfnb --rate W where W is wrk's closed-loop rate of the keepalive scenario, next to wrk's
#                CPU per request at W (wrk has no fixed-rate mode and wrk2 is not packaged in Debian)
#   connections  nginx keep-alive with LEVELS connections, 5 s closed loop: peak RSS, and perfnb's time to
#                open them all (the others do not report it)
# Per run: req/s as the tool reports it, CPU per request = user+sys of the whole generator process (start-up
# included) / responses it completed, peak RSS (ru_maxrss), errors. perfnb also reports the CPU of its
# measured phase alone. The table gives the median over rounds. Every process started here is stopped on exit.
set -euo pipefail
seconds="${1:-8}"
rounds="${2:-3}"
export CONNECTIONS="${CONNECTIONS:-32}" RATE="${RATE:-40000}" LEVELS="${LEVELS:-1000 5000 10000}"
stack="${STACK:-starlette-uvicorn}"
scenarios=" ${SCENARIOS:-keepalive close python rate connections} "
export NGINX_WORKER_CONNECTIONS=25000
source "$(dirname "$0")/lib.sh"
for tool in wrk h2load hey taskset; do
  command -v "$tool" >/dev/null || { echo "generators.sh: $tool is missing; run scripts/setup.sh (it installs wrk, nghttp2-client and hey)" >&2; exit 2; }
done
results="$work/results.jsonl"
: >"$results"

cat >"$work/gen.py" <<'PY'
"""Runs generator rounds against one URL and appends one JSON line per run to the results file."""
import json, os, re, statistics, subprocess, sys, time

results, dll, seconds, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
scenario, url, spec = sys.argv[5], sys.argv[6], sys.argv[7]
conns = int(os.environ["CONNECTIONS"])

def run(cmd):
    """Runs cmd pinned to CPU 0 (interrupted if it overruns); returns its output and rusage (it and what it reaped)."""
    out = open(os.path.join(os.path.dirname(results), "out.txt"), "w+")
    limit = str(3 * seconds + 30)
    p = subprocess.Popen(["timeout", "-s", "INT", "-k", "5", limit, "taskset", "-c", "0"] + cmd, stdout=out, stderr=subprocess.STDOUT)
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    out.seek(0)
    text = out.read()
    out.close()
    return text, usage

def num(pattern, text, default=0.0):
    m = re.search(pattern, text)
    return float(m.group(1).replace(",", "")) if m else default

def perfnb(backend, c, extra):
    def go():
        text, u = run(["dotnet", dll, "load", url, "-c", str(c), "-d", f"{seconds}s", "--timeout", "10s",
                       "--backend", backend, "--json"] + extra)
        j = json.loads(text[text.index("{"):text.rindex("}") + 1])
        return dict(rps=j["requestsPerSecond"], done=j["requests"], errors=j["errors"]["total"],
                    steady_cpu=j["clientCpuSeconds"], opened=j.get("connectionsOpened"), open_s=j.get("openSeconds"),
                    backend=j.get("backend"), reconnects=j.get("reconnects", 0), usage=u)
    return go

def wrk(c, extra=()):
    def go():
        text, u = run(["wrk", "-t1", f"-c{c}", f"-d{seconds}s", "--timeout", "10s", *extra, url])
        errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", text)) + int(num(r"Non-2xx or 3xx responses: (\d+)", text))
        return dict(rps=num(r"Requests/sec:\s+([\d.]+)", text), done=int(num(r"(\d+) requests in", text)), errors=errors, usage=u)
    return go

def h2load(c, requests=None):
    def go():
        # h2load's timed mode (-D) hangs at its end when the server closes connections (nghttp2 1.52): there it
        # gets a request count worth about SECONDS of wrk's rate instead.
        length = ["-n", str(requests)] if requests else ["-D", str(seconds)]
        text, u = run(["h2load", "--h1", "-t1", f"-c{c}", *length, url])
        done = int(num(r"requests: \d+ total, \d+ started, (\d+) done", text))
        failed = int(num(r"requests: .* (\d+) failed", text)) + int(num(r"requests: .* (\d+) errored", text))
        return dict(rps=num(r"finished in [\d.]+\w*, ([\d.]+) req/s", text), done=done, errors=failed, usage=u)
    return go

def hey(c, qps=None):
    def go():
        cmd = ["hey", "-z", f"{seconds}s", "-c", str(c)] + (["-q", str(qps)] if qps else []) + [url]
        text, u = run(cmd)
        ok = sum(int(n) for n in re.findall(r"\[2\d\d\]\s+(\d+) responses", text))
        bad = sum(int(n) for n in re.findall(r"\[[13-5]\d\d\]\s+(\d+) responses", text))
        errs = sum(int(n) for n in re.findall(r"\[(\d+)\]\s+Get ", text))
        return dict(rps=num(r"Requests/sec:\s+([\d.]+)", text), done=ok + bad, errors=bad + errs, usage=u)
    return go

def generators():
    if spec.startswith("closed"):
        count = int(spec[7:]) if spec.startswith("closed:") else None
        return [("perfnb io_uring", perfnb("io_uring", conns, [])), ("perfnb epoll", perfnb("epoll", conns, [])),
                ("wrk -t1", wrk(conns)), ("h2load --h1 -t1" + (f" -n {count}" if count else ""), h2load(conns, count)), ("hey", hey(conns))]
    if spec.startswith("rate:"):
        rate = int(spec[5:])
        return [(f"perfnb io_uring --rate {rate}", perfnb("io_uring", conns, ["--rate", str(rate)])),
                (f"perfnb epoll --rate {rate}", perfnb("epoll", conns, ["--rate", str(rate)])),
                (f"hey -q {max(1, rate // conns)} (x{conns})", hey(conns, max(1, rate // conns)))]
    if spec.startswith("level:"):
        c = int(spec[6:])
        return [(f"perfnb io_uring -c {c}", perfnb("io_uring", c, [])), (f"perfnb epoll -c {c}", perfnb("epoll", c, [])),
                (f"wrk -t1 -c{c}", wrk(c)), (f"h2load --h1 -t1 -c{c}", h2load(c)), (f"hey -c {c}", hey(c))]
    raise SystemExit("unknown spec " + spec)

gens = generators()
with open(results, "a") as sink:
    for r in range(rounds):
        order = gens[r % len(gens):] + gens[:r % len(gens)]
        load = open("/proc/loadavg").read().split()[0]
        for name, go in order:
            m = go()
            u = m.pop("usage")
            cpu = u.ru_utime + u.ru_stime
            line = dict(scenario=scenario, generator=name, round=r + 1, load=float(load), user=u.ru_utime, sys=u.ru_stime,
                        cpu_us_per_req=cpu / m["done"] * 1e6 if m["done"] else None, rss_mb=u.ru_maxrss / 1024, **m)
            if m.get("steady_cpu") is not None and m["done"]:
                line["steady_us_per_req"] = m["steady_cpu"] / m["done"] * 1e6
            sink.write(json.dumps(line) + "\n")
            sink.flush()
            print(f"  {scenario} round {r + 1} {name:32} {m['rps']:>10.0f} req/s  "
                  f"{line['cpu_us_per_req'] or 0:6.2f} us CPU/req (user {u.ru_utime:.2f} s, sys {u.ru_stime:.2f} s)  "
                  f"RSS {line['rss_mb']:.0f} MB  errors {m['errors']}"
                  + (f"  opened {m['opened']} in {m['open_s']:.3f} s" if m.get("opened") is not None else ""), flush=True)
PY

cat >"$work/table.py" <<'PY'
"""Prints the median of each generator's rounds, scenario by scenario, as one markdown table."""
import collections, json, re, statistics, sys

rows = [json.loads(l) for l in open(sys.argv[1])]
groups = collections.OrderedDict()
for r in rows:
    groups.setdefault((r["scenario"], r["generator"]), []).append(r)
def med(rs, key):
    v = [r[key] for r in rs if r.get(key) is not None]
    return statistics.median(v) if v else None
def level(g):
    """The connection count a generator's name carries (-c 1000, -c1000), or '' at the default: wrk is compared level by level."""
    m = re.search(r"-c ?(\d+)", g)
    return m.group(1) if m else ""
wrk_cpu = {(s, level(g)): med(rs, "cpu_us_per_req") for (s, g), rs in groups.items() if g.startswith("wrk")}
print("| scenario | generator | req/s (median) | CPU us/request, whole process | vs wrk | perfnb measured phase us/request | peak RSS MB | errors | opened / time to open |")
print("|---|---|---:|---:|---:|---:|---:|---:|---|")
for (s, g), rs in groups.items():
    cpu = med(rs, "cpu_us_per_req"); steady = med(rs, "steady_us_per_req")
    ref = wrk_cpu.get((s, level(g)))
    vs = f"{cpu / ref:.2f}x" if cpu and ref and not g.startswith("wrk") else ("1.00x" if g.startswith("wrk") else "")
    opened = ""
    if rs[0].get("opened") is not None:
        opened = f"{int(med(rs, 'opened'))} in {med(rs, 'open_s'):.3f} s"
    print(f"| {s} | {g} | {med(rs, 'rps'):,.0f} | {cpu:.2f} | {vs} | {'' if steady is None else f'{steady:.2f}'} | "
          f"{max(r['rss_mb'] for r in rs):.0f} | {sum(r['errors'] for r in rs)} | {opened} |")
PY

gen() { /usr/bin/python3 "$work/gen.py" "$results" "$dll" "$seconds" "$rounds" "$@"; }

print_machine
echo "  generators on CPU 0, servers on CPU 1; ${seconds}s per run, $rounds rounds, $CONNECTIONS connections"

if [[ "$scenarios" == *" keepalive "* || "$scenarios" == *" rate "* ]]; then
  start_nginx "keepalive_requests 1000000000;"
  echo "== nginx keep-alive at $url"
  gen keepalive "$url" closed
  if [[ "$scenarios" == *" rate "* ]]; then
    gen rate "$url" "rate:$RATE"
    # perfnb at wrk's own closed-loop rate (median of the keepalive rounds): CPU per request at the same rate.
    w=$(/usr/bin/python3 -c "import json,statistics,sys; print(int(statistics.median(json.loads(l)['rps'] for l in open(sys.argv[1]) if '\"wrk -t1\"' in l)))" "$results" 2>/dev/null || echo 0)
    if [ "$w" -gt 0 ]; then gen "rate (wrk's rate)" "$url" "rate:$w"; fi
  fi
  stop_nginx
fi

if [[ "$scenarios" == *" close "* ]]; then
  start_nginx "keepalive_timeout 0;"
  echo "== nginx closing every connection (keepalive_timeout 0) at $url"
  # h2load needs a request count here: SECONDS of wrk's rate against this server.
  w=$(taskset -c 0 wrk -t1 -c"$CONNECTIONS" -d2s "$url" | awk '/Requests\/sec/ {printf "%d", $2}')
  gen close "$url" "closed:$((w * seconds))"
  stop_nginx
fi

if [[ "$scenarios" == *" python "* ]]; then
  "$root/scripts/perfnb" serve "$stack" --cpus 1 >"$work/serve.log" 2>&1 &
  serve_pid=$!
  for _ in $(seq 300); do grep -q '^serving' "$work/serve.log" 2>/dev/null && break; sleep 0.1; done
  purl="$(awk '/^serving/ {print $4}' "$work/serve.log")plaintext"
  echo "== $stack at $purl ($(head -1 "$work/serve.log"))"
  gen "python ($stack)" "$purl" closed
  kill -TERM "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=""
fi

if [[ "$scenarios" == *" connections "* ]]; then
  start_nginx "keepalive_requests 1000000000;"
  echo "== nginx keep-alive (worker_connections $NGINX_WORKER_CONNECTIONS) at $url: many connections"
  for level in $LEVELS; do
    seconds=5 rounds=1 gen "connections" "$url" "level:$level"
  done
  stop_nginx
fi

echo "== load after: $(uptime | sed 's/.*load average: //')"
echo
/usr/bin/python3 "$work/table.py" "$results"
cp "$results" "${RESULTS_COPY:-/dev/null}" 2>/dev/null || true
