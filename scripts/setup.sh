#!/usr/bin/env bash
# Installs what PerfNotebooks needs on a fresh Debian 12 machine with the .NET SDK, and only what is
# missing: safe and quick to run twice. Called by scripts/compare.sh and scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'setup: %s\n' "$*" >&2; }

# The Python servers of the catalog (and the database drivers and PostgreSQL of the realistic workloads),
# Jupyter with nbconvert, and the tools the tests and benchmarks drive (wrk, h2load and hey as peer
# generators and nginx as the reference server, Chromium to render the report, taskset from util-linux,
# libseccomp2 for the test that refuses io_uring to the generator; OpenSSH's client for runs across hosts,
# its server and iproute2 for the tests' stand-in hosts in network namespaces).
DEBIAN_PACKAGES=(
  python3 python3-django python3-flask python3-tornado gunicorn python3-uvicorn python3-starlette
  python3-fastapi python3-aiohttp python3-hypercorn python3-waitress python3-gevent uwsgi
  uwsgi-plugin-python3 python3-uvloop python3-httptools python3-falcon python3-bottle python3-psutil
  python3-websockets python3-wsproto python3-gevent-websocket
  python3-daphne python3-cheroot python3-twisted python3-quart python3-jinja2
  python3-sqlalchemy python3-psycopg2 python3-asyncpg python3-aiosqlite python3-aiohttp-jinja2 postgresql
  jupyter-notebook python3-jupyter-client jupyter-nbconvert python3-nbclient python3-ipykernel
  wrk nghttp2-client hey nginx-light chromium curl util-linux procps libseccomp2
  openssh-client openssh-server iproute2
)

missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # nginx-light starts a system nginx on port 80 on install; PerfNotebooks runs its own on loopback.
  if command -v systemctl >/dev/null && systemctl is-active --quiet nginx 2>/dev/null; then $SUDO systemctl stop nginx || true; fi
  if [ -f /run/nginx.pid ]; then $SUDO kill "$(cat /run/nginx.pid)" 2>/dev/null || true; fi
  # openssh-server is here for the tests' namespaced hosts only, each started with its own keys and port;
  # a system sshd it may have started on install is not needed.
  if command -v systemctl >/dev/null && systemctl is-active --quiet ssh 2>/dev/null; then $SUDO systemctl stop ssh || true; fi
  if [ -f /run/sshd.pid ]; then $SUDO kill "$(cat /run/sshd.pid)" 2>/dev/null || true; fi
else
  log "Debian packages: all present"
fi

# The .NET Interactive kernel (1.0.712001, the last release: the project is archived) for Jupyter. It goes into
# a fixed tool path and kernel.json names it by absolute path, so a notebook in any folder starts it; the
# repository's local tool manifest (.config/dotnet-tools.json) resolves only inside the clone.
interactive_version=1.0.712001
tools_dir="${PERFNB_TOOLS_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/perfnotebooks/tools}"
if ! "$tools_dir/dotnet-interactive" --version 2>/dev/null | grep -q "^${interactive_version}"; then
  log "installing Microsoft.dotnet-interactive $interactive_version into $tools_dir"
  mkdir -p "$tools_dir"
  dotnet tool uninstall --tool-path "$tools_dir" Microsoft.dotnet-interactive >/dev/null 2>&1 || true
  dotnet tool install --tool-path "$tools_dir" Microsoft.dotnet-interactive --version "$interactive_version" >/dev/null
fi
dotnet tool restore >/dev/null   # the same version in the local manifest, for `dotnet interactive` inside the clone

kernels_dir="${JUPYTER_DATA_DIR:-$HOME/.local/share/jupyter}/kernels"
kernel="$tools_dir/dotnet-interactive"
if [ ! -f "$kernels_dir/.net-csharp/kernel.json" ] || ! grep -qF "\"$kernel\"" "$kernels_dir/.net-csharp/kernel.json"; then
  log "registering the .net-csharp Jupyter kernel ($kernel)"
  mkdir -p "$kernels_dir"   # `jupyter install` fails without it
  "$kernel" jupyter install >/dev/null
  # It writes `dotnet interactive ...` (the manifest's command): point every .NET kernel it registered at the
  # installed tool instead, with the runtime it needs, so the kernel starts whatever the working folder.
  /usr/bin/python3 - "$kernels_dir" "$kernel" "$(dirname "$(readlink -f "$(command -v dotnet)")")" <<'PY'
import json, os, sys
kernels, kernel, dotnet_root = sys.argv[1:4]
for name in (".net-csharp", ".net-fsharp", ".net-pwsh"):
    path = os.path.join(kernels, name, "kernel.json")
    if not os.path.exists(path):
        continue
    spec = json.load(open(path))
    argv = spec["argv"]
    if argv[:2] == ["dotnet", "interactive"]:
        argv = argv[2:]
    elif argv and argv[0].endswith("dotnet-interactive"):
        argv = argv[1:]
    spec["argv"] = [kernel] + argv
    spec.setdefault("env", {})["DOTNET_ROOT"] = dotnet_root
    with open(path, "w") as f:
        json.dump(spec, f, indent=2)
PY
else
  log "Jupyter kernel .net-csharp: registered ($kernel)"
fi
if [ -x scripts/pack-extension.sh ]; then scripts/pack-extension.sh >&2; fi  # the notebook extension into .packages/ (a no-op when up to date)
