"""Serves a WSGI app with Twisted's WSGI resource (twisted.web.wsgi) on Twisted's reactor.

Run: python3 serve_twisted.py module:callable --host 127.0.0.1 --port 8000 [--threads N]
The app is called on a thread pool of N threads (Twisted's WSGIResource runs each request on the pool);
no access log. SIGTERM and SIGINT stop the reactor, then the pool.
"""
import argparse
import importlib
import os
import sys

# This script's folder is first on the import path; the app's own folder (PYTHONPATH, the working
# directory) must win, so that a user's module is never shadowed by one of PerfNotebooks' apps.
if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(os.path.abspath(__file__)):
    sys.path.pop(0)

from twisted.internet import reactor  # noqa: E402
from twisted.python.threadpool import ThreadPool  # noqa: E402
from twisted.web.server import Site  # noqa: E402
from twisted.web.wsgi import WSGIResource  # noqa: E402


def load(target):
    module_name, _, attr = target.partition(":")
    obj = importlib.import_module(module_name)
    for part in (attr or "application").split("."):
        obj = getattr(obj, part)
    return obj


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("app")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    sys.path.insert(0, os.getcwd())
    app = load(args.app)

    pool = ThreadPool(minthreads=args.threads, maxthreads=args.threads, name="wsgi")
    reactor.callWhenRunning(pool.start)
    reactor.addSystemEventTrigger("after", "shutdown", pool.stop)
    site = Site(WSGIResource(reactor, pool, app))
    site.noisy = False
    site.log = lambda request: None  # access log off, as in every stack
    # listenTCP fails at once ("[Errno 98] Address already in use") where an endpoint would fail later.
    reactor.listenTCP(args.port, site, interface=args.host)
    reactor.run()


if __name__ == "__main__":
    main()
