"""The endpoint contract in Django (one settings module, no middleware, DEBUG off) and the realistic workloads through its ORM."""
