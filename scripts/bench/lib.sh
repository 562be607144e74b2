# Shared by the load benchmarks (sourced, not run): the throw-away work folder and its clean-up, the
# Release CLI, CPU accounting, and an nginx pinned to CPU 1 on 127.0.0.1.
# Callers set nothing before sourcing; they get: root, work, dll, nginx_pid, serve_pid, port, url.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d /tmp/perfnb-bench-XXXXXX)"
nginx_pid=""
serve_pid=""

cleanup() {
  if [ -n "$serve_pid" ]; then kill -TERM "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; fi
  if [ -n "$nginx_pid" ]; then kill -TERM -- "-$nginx_pid" 2>/dev/null || true; sleep 0.5; kill -KILL -- "-$nginx_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

dotnet build "$root/src/PerfNotebooks.Cli" -c Release -nologo -clp:ErrorsOnly >/dev/null
dll="$root/src/PerfNotebooks.Cli/bin/Release/net10.0/perfnb.dll"

# cpu_of CMD...: runs CMD, prints its output, then "CPU <user+sys seconds of CMD and its children>".
cpu_of() {
  /usr/bin/python3 - "$@" <<'PY'
import resource, subprocess, sys
p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, text=True)
sys.stdout.write(p.stdout)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"CPU {r.ru_utime + r.ru_stime:.3f}")
PY
}
json_field() { /usr/bin/python3 -c "import json,sys; d=json.loads(sys.stdin.read()); print(eval('d'+sys.argv[1]))" "$1"; }

print_machine() {
  echo "== machine"
  echo "  $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) CPUs, $(uname -r)"
  echo "  load before: $(uptime | sed 's/.*load average: //')"
  echo "  $(wrk -v 2>&1 | head -1 | cut -c1-60); .NET $(dotnet --version); nginx $(/usr/sbin/nginx -v 2>&1 | cut -d/ -f2)"
}

# start_nginx KEEPALIVE_DIRECTIVE: nginx (Debian nginx-light, one worker, access log off) pinned to CPU 1,
# answering "Hello, World!" on a free port; its own process group, PERFNB_SERVER=1. Sets port, url, nginx_pid.
# NGINX_WORKER_CONNECTIONS (default 4096) raises its connection limit for many-connection runs.
start_nginx() {
  local worker_connections="${NGINX_WORKER_CONNECTIONS:-4096}"
  port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  mkdir -p "$work/logs"
  cat > "$work/nginx.conf" <<CONF
daemon off;
master_process on;
worker_processes 1;
worker_rlimit_nofile $((worker_connections + 64));
error_log $work/logs/error.log;
pid $work/nginx.pid;
events { worker_connections $worker_connections; }
http {
  access_log off;
  client_body_temp_path $work/body; proxy_temp_path $work/proxy; fastcgi_temp_path $work/fastcgi;
  uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;
  $1
  server { listen 127.0.0.1:$port backlog=4096; location / { default_type text/plain; return 200 "Hello, World!"; } }
}
CONF
  PERFNB_SERVER=1 setsid taskset -c 1 /usr/sbin/nginx -p "$work" -c "$work/nginx.conf" >/dev/null 2>&1 &
  nginx_pid=$!
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
  url="http://127.0.0.1:$port/"
}

# stop_nginx: stops the nginx start_nginx started (its whole process group), so another can start.
stop_nginx() {
  [ -n "$nginx_pid" ] || return 0
  kill -TERM -- "-$nginx_pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$nginx_pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$nginx_pid" 2>/dev/null || true
  wait "$nginx_pid" 2>/dev/null || true
  nginx_pid=""
}
