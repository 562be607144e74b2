"""What every PerfNotebooks app shares: the work behind /cpu, query parsing and limits.

Every app serves the same endpoint contract (see DESIGN.md) so that a difference in the numbers is a
difference between servers and frameworks, not between apps.
"""
import email.utils
import json
import os
import time

PLAINTEXT = b"Hello, World!"
MESSAGE = "Hello, World!"

DEFAULT_IO_MS = 10
MAX_IO_MS = 60_000
DEFAULT_CPU_N = 10
MAX_CPU_N = 100_000
DEFAULT_BYTES = 1024
MAX_BYTES = 64 * 1024 * 1024

# Servers such as uWSGI's http-socket send neither Server nor Date; the launcher sets this for them so
# that every stack answers with the same header set (the TechEmpower rules), and no server sends two.
ADD_SERVER_HEADERS = os.environ.get("PERFNB_ADD_SERVER_HEADERS") == "1"
SERVER_NAME = os.environ.get("PERFNB_SERVER_NAME", "perfnb")
# Daphne sends Server but no Date: for it the apps add Date alone.
ADD_DATE_HEADER = ADD_SERVER_HEADERS or os.environ.get("PERFNB_ADD_DATE_HEADER") == "1"


def json_body():
    """Serialized on each request, as the contract asks."""
    return json.dumps({"message": MESSAGE}).encode()


def cpu_work(n):
    """Fixed CPU work proportional to n: n rounds of 1000 multiply-add-modulo steps."""
    acc = 0
    for i in range(n * 1000):
        acc = (acc * 31 + i) % 1_000_003
    return acc


def int_param(raw, default, maximum, name):
    """Parses a query parameter; returns (value, error message or None)."""
    if raw is None or raw == "":
        return default, None
    try:
        value = int(raw)
    except ValueError:
        return None, f"{name} must be an integer, got {raw!r}"
    if value < 0 or value > maximum:
        return None, f"{name} must be between 0 and {maximum}, got {value}"
    return value, None


_date_cache = [0, ""]


def http_date():
    now = int(time.time())
    if _date_cache[0] != now:
        _date_cache[0] = now
        _date_cache[1] = email.utils.formatdate(now, usegmt=True)
    return _date_cache[1]
