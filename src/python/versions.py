"""Prints the versions a stack runs as one JSON object: python, and each importable package asked for.

Run: python3 versions.py django gunicorn ...   (names as importable modules or distributions)
"""
import json
import platform
import sys
from importlib import metadata

DISTRIBUTIONS = {"django": "Django", "flask": "Flask", "fastapi": "fastapi", "uwsgi": "uWSGI"}

versions = {"python": platform.python_version()}
for name in sys.argv[1:]:
    try:
        versions[name] = metadata.version(DISTRIBUTIONS.get(name, name))
    except metadata.PackageNotFoundError:
        try:
            module = __import__(name)
            versions[name] = str(getattr(module, "__version__", getattr(module, "version", "unknown")))
        except ImportError:
            versions[name] = None
print(json.dumps(versions))
